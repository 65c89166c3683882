"""`itplan backup`, `restore`, `check` and the instance lock on writing commands."""

import json

from desktop.cli import main
from desktop.data.instance import acquire_instance


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def setup_office(capsys, db):
    code, _, err = run(capsys, "--db", str(db), "init", "--province", "Kon Tum",
                       "--unit-code", "KT01", "--unit-name", "Huyện Đăk Hà")
    assert code == 0, err


def test_backup_out_restore_and_check(tmp_path, capsys):
    db = tmp_path / "office.sqlite"
    setup_office(capsys, db)
    csv = tmp_path / "v.csv"
    csv.write_text("unit_code,element_code,period,value\nKT01,STAFF,2024,120\n", encoding="utf-8")
    assert run(capsys, "--db", str(db), "values", "import", str(csv))[0] == 0
    copy = tmp_path / "copy.sqlite"
    assert run(capsys, "--db", str(db), "backup", "--out", str(copy))[0] == 0
    csv.write_text("unit_code,element_code,period,value\nKT01,STAFF,2024,130\n", encoding="utf-8")
    assert run(capsys, "--db", str(db), "values", "import", str(csv))[0] == 0
    code, out, _ = run(capsys, "--db", str(db), "restore", str(copy))
    assert code == 0 and "before-restore" in out
    _, out, _ = run(capsys, "--db", str(db), "values", "export")
    assert "KT01,STAFF,2024,120" in out
    code, out, _ = run(capsys, "--db", str(db), "check", "--json")
    report = json.loads(out)
    assert code == 0 and report["status"] == "ok"
    assert len(report["checks"]) == 7


def test_import_takes_a_backup_first_and_list_shows_it(tmp_path, capsys):
    db = tmp_path / "office.sqlite"
    setup_office(capsys, db)  # takes the first backup, "setup"
    assert run(capsys, "--db", str(db), "units", "add", "X1", "Xã Một", "--level", "xa",
               "--parent", "KT01")[0] == 0
    csv = tmp_path / "v.csv"
    csv.write_text("unit_code,element_code,period,value\nKT01,STAFF,2024,120\n", encoding="utf-8")
    assert run(capsys, "--db", str(db), "values", "import", str(csv))[0] == 0
    code, out, _ = run(capsys, "--db", str(db), "backup", "--list", "--json")
    assert code == 0 and sorted(row["reason"] for row in json.loads(out)) == [
        "before-import", "setup"]


def test_restore_refuses_a_foreign_file(tmp_path, capsys):
    db = tmp_path / "office.sqlite"
    setup_office(capsys, db)
    junk = tmp_path / "junk.sqlite"
    junk.write_text("junk", encoding="utf-8")
    before = db.read_bytes()
    code, _, err = run(capsys, "--db", str(db), "restore", str(junk))
    assert code == 1 and str(junk) in err
    assert db.read_bytes() == before


def test_check_of_damaged_file_exits_1_with_advice(tmp_path, capsys):
    db = tmp_path / "office.sqlite"
    db.write_text("junk", encoding="utf-8")
    code, out, _ = run(capsys, "--lang", "en", "--db", str(db), "check")
    assert code == 1 and "ERROR" in out and "itplan restore" in out


def test_second_instance_is_refused_for_writing_commands(tmp_path, capsys):
    db = tmp_path / "office.sqlite"
    setup_office(capsys, db)
    lock = acquire_instance(db)
    try:
        code, _, err = run(capsys, "--lang", "en", "--db", str(db), "units", "add", "X01",
                           "Xã Một", "--level", "xa", "--parent", "KT01")
        assert code == 1 and "Another program is using" in err
        code, out, _ = run(capsys, "--db", str(db), "units", "list", "--json")
        assert code == 0 and "X01" not in out  # reading still works, nothing was added
    finally:
        lock.release()
    assert run(capsys, "--db", str(db), "units", "add", "X01", "Xã Một", "--level", "xa",
               "--parent", "KT01")[0] == 0


def test_rotation_settings_via_backup_command(tmp_path, capsys):
    db = tmp_path / "office.sqlite"
    setup_office(capsys, db)
    assert run(capsys, "--db", str(db), "backup", "--keep-daily", "3", "--keep-weekly", "2")[0] == 0
    from desktop.data.backup import _keep_settings

    assert _keep_settings(db) == (3, 2)
    code, _, err = run(capsys, "--lang", "en", "--db", str(db), "backup", "--keep-daily", "0")
    assert code == 1 and "at least 1" in err


def test_missing_folders_are_user_errors(tmp_path, capsys):
    missing = tmp_path / "no-such-folder"
    code, _, err = run(capsys, "--lang", "en", "--db", str(missing / "x.sqlite"), "units", "add",
                       "A", "B", "--level", "xa")
    assert code == 1 and "lock file" in err
    db = tmp_path / "office.sqlite"
    setup_office(capsys, db)
    code, _, err = run(capsys, "--lang", "en", "--db", str(db), "audit", "--out",
                       str(missing / "audit.csv"))
    assert code == 1 and "does not exist" in err
    code, _, err = run(capsys, "--lang", "en", "--db", str(db), "backup", "--out",
                       str(missing / "copy.sqlite"))
    assert code == 1 and "does not exist" in err
