"""`itplan package export|import` and `itplan keys …` between two offices."""

import json

from desktop.cli import main


def run(capsys, monkeypatch, home, *argv):
    monkeypatch.setenv("ITPLAN_HOME", str(home))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_district_to_province_from_the_command_line(tmp_path, capsys, monkeypatch):
    d_home, p_home = tmp_path / "d-home", tmp_path / "p-home"
    d_db, p_db = str(tmp_path / "district.sqlite"), str(tmp_path / "province.sqlite")
    assert run(capsys, monkeypatch, d_home, "--db", d_db, "init", "--province", "Kon Tum",
               "--unit-code", "KT-DH", "--unit-name", "Huyện Đăk Hà")[0] == 0
    values = tmp_path / "v.csv"
    values.write_text("unit_code,element_code,period,value\nKT-DH,STAFF,2024,120\n"
                      "KT-DH,PCS,2024,118\nKT-DH,STAFF,2023,110\n", encoding="utf-8")
    assert run(capsys, monkeypatch, d_home, "--db", d_db, "values", "import", str(values))[0] == 0
    package = tmp_path / "KT-DH-2024.zip"
    code, out, err = run(capsys, monkeypatch, d_home, "--db", d_db, "package", "export",
                         "--unit", "KT-DH", "--period", "2024", "--out", str(package))
    assert code == 0 and "2 " in out, err
    key = tmp_path / "key.json"
    assert run(capsys, monkeypatch, d_home, "--db", d_db, "keys", "export", "--out", str(key))[0] == 0
    assert run(capsys, monkeypatch, p_home, "--db", p_db, "init", "--province", "Kon Tum",
               "--unit-code", "TINH", "--unit-name", "Tỉnh Kon Tum", "--level", "tinh")[0] == 0
    code, _, err = run(capsys, monkeypatch, p_home, "--lang", "en", "--db", p_db, "package",
                       "import", str(package))
    assert code == 1 and package.name in err and "does not trust" in err
    assert run(capsys, monkeypatch, p_home, "--db", p_db, "keys", "trust", str(key))[0] == 0
    code, out, _ = run(capsys, monkeypatch, p_home, "--db", p_db, "keys", "list", "--json")
    listed = json.loads(out)
    assert [k["office"] for k in listed["trusted"]] == ["KT-DH"]
    assert listed["office_key"]["key_id"] != listed["trusted"][0]["key_id"]
    code, out, _ = run(capsys, monkeypatch, p_home, "--db", p_db, "package", "import",
                       str(package), "--dry-run", "--json")
    report = json.loads(out)
    assert code == 0 and report["dry_run"] and report["packages"][0]["counts"]["insert"] == 2
    code, out, _ = run(capsys, monkeypatch, p_home, "--db", p_db, "package", "import", str(package))
    assert code == 0
    _, exported, _ = run(capsys, monkeypatch, p_home, "--db", p_db, "values", "export")
    assert "KT-DH,STAFF,2024,120" in exported and "KT-DH,PCS,2024,118" in exported
    assert "2023" not in exported
    code, out, _ = run(capsys, monkeypatch, p_home, "--db", p_db, "keys", "revoke",
                       listed["trusted"][0]["key_id"])
    assert code == 0
    code, _, err = run(capsys, monkeypatch, p_home, "--lang", "en", "--db", p_db, "package",
                       "import", str(package))
    assert code == 1 and "revoked" in err
