"""`itplan audit`, `itplan user …`, `itplan state` from the command line."""

import csv
import io
import json

from desktop.cli import main


def run(capsys, monkeypatch, *argv, stdin=""):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_user_name_audit_view_and_csv_export(tmp_path, capsys, monkeypatch):
    db = str(tmp_path / "office.sqlite")
    assert run(capsys, monkeypatch, "--db", db, "init", "--province", "Kon Tum", "--unit-code",
               "KT01", "--unit-name", "Huyện Đăk Hà")[0] == 0
    assert run(capsys, monkeypatch, "--db", db, "user", "set-name", "Nguyễn Thị Hoa")[0] == 0
    values = tmp_path / "v.csv"
    values.write_text("unit_code,element_code,period,value\nKT01,STAFF,2024,120\n",
                      encoding="utf-8")
    assert run(capsys, monkeypatch, "--db", db, "values", "import", str(values))[0] == 0
    code, out, _ = run(capsys, monkeypatch, "--db", db, "audit", "--entity", "value", "--json")
    rows = json.loads(out)
    assert code == 0 and rows[0]["user"] == "Nguyễn Thị Hoa" and rows[0]["key"] == "KT01/STAFF/2024"
    out_file = tmp_path / "audit.csv"
    assert run(capsys, monkeypatch, "--db", db, "audit", "--key", "KT01", "--out",
               str(out_file))[0] == 0
    exported = list(csv.DictReader(io.StringIO(out_file.read_text(encoding="utf-8-sig"))))
    assert {row["entity"] for row in exported} == {"unit", "value"}


def test_named_users_gate_approval(tmp_path, capsys, monkeypatch):
    db = str(tmp_path / "office.sqlite")
    run(capsys, monkeypatch, "--db", db, "init", "--province", "Kon Tum", "--unit-code", "KT01",
        "--unit-name", "Huyện Đăk Hà")
    assert run(capsys, monkeypatch, "--db", db, "user", "add", "binh", "--role", "approver",
               stdin="secret-1\n")[0] == 0
    assert run(capsys, monkeypatch, "--db", db, "--user", "binh", "user", "add", "an", "--role",
               "officer", stdin="secret-1\nsecret-2\n")[0] == 0
    code, out, _ = run(capsys, monkeypatch, "--db", db, "user", "list", "--json")
    assert json.loads(out) == [{"name": "an", "role": "officer"}, {"name": "binh", "role": "approver"}]
    code, _, err = run(capsys, monkeypatch, "--lang", "en", "--db", db, "state", "KT01", "2024",
                       "approved")
    assert code == 1 and "approver" in err
    code, _, err = run(capsys, monkeypatch, "--lang", "en", "--db", db, "state", "KT01", "2024",
                       "approved", "--user", "an", stdin="secret-2\n")
    assert code == 1 and "officer" in err
    code, _, err = run(capsys, monkeypatch, "--lang", "en", "--db", db, "state", "KT01", "2024",
                       "approved", "--user", "binh", stdin="wrong\n")
    assert code == 1 and "Wrong" in err
    assert run(capsys, monkeypatch, "--db", db, "state", "KT01", "2024", "approved", "--user",
               "binh", stdin="secret-1\n")[0] == 0
    code, out, _ = run(capsys, monkeypatch, "--db", db, "audit", "--entity", "lock", "--json")
    assert json.loads(out)[0]["user"] == "binh"
