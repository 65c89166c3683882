"""Every role × action on the command line: `--user NAME`, the password on standard
input, the one rule of desktop/data/authz.py; a refusal is one sentence, exit
code 1, every table unchanged."""

import contextlib
import io
import json
import os
import shutil

import pytest

from desktop.cli import main
from desktop.data import users
from desktop.data.database import open_database
from desktop.packages import keys
from desktop.packages.container import build_package

PASSWORDS = {"duyet": "matkhau-1", "canbo": "matkhau-2"}
# action -> who may (the README's roles table)
MAY = {"enter_values": {"canbo", "duyet"}, "import_packages": {"canbo", "duyet"},
       "edit_units": {"canbo", "duyet"}, "submit": {"canbo", "duyet"},
       "approve": {"duyet"}, "unlock": {"duyet"}, "manage_users": {"duyet"},
       "manage_keys": {"duyet"}, "restore": {"canbo", "duyet"},
       "drop_approvals": {"duyet"}, "replace_database": {"duyet"},
       "enter_scores": {"canbo", "duyet"}, "edit_settings": {"canbo", "duyet"}}
REFUSED_WORDS = {None: "Cần đăng nhập", "canbo": "“canbo” là cán bộ, không có quyền"}


def run(capsys, monkeypatch, *argv, stdin=""):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """An office with a commune, a value, 2023 approved, two named users, a backup
    taken before the approval, a key file and a package of the commune's key."""
    folder = tmp_path_factory.mktemp("authz")
    with home(folder / "office-home"):
        _make_office(folder)
    _commune_package(folder)
    return folder


def _make_office(folder):
    db = folder / "office.sqlite"
    values = folder / "v.csv"
    values.write_text("unit_code,element_code,period,value\nKT01,STAFF,2023,12\n",
                      encoding="utf-8")
    for argv in (["init", "--province", "Kon Tum", "--unit-code", "KT01", "--unit-name",
                  "Huyện Đăk Hà"],
                 ["units", "add", "KT01-X01", "Xã Đăk Mar", "--level", "xa", "--parent", "KT01"],
                 ["values", "import", values]):
        assert main(["--db", str(db), *map(str, argv)]) == 0
    shutil.copy(db, folder / "before-approval.sqlite")
    database = open_database(db)
    with database.session() as session:
        from desktop.data.submission import set_state

        set_state(session, "KT01", "2023", "approved")
        users.add_user(session, "duyet", "approver", PASSWORDS["duyet"])
        users.sign_in(session, "duyet", PASSWORDS["duyet"])
        users.add_user(session, "canbo", "officer", PASSWORDS["canbo"])
        users.sign_out()
    database.close()
    shutil.copy(db, folder / "same.sqlite")  # the same approvals, one more value
    same = open_database(folder / "same.sqlite")
    with same.session() as session:
        from desktop.data.values import ValueInput, write_values

        users.sign_in(session, "duyet", PASSWORDS["duyet"])
        write_values(session, [ValueInput("KT01", "PCS", "2024", 7)])
        users.sign_out()
    same.close()


@contextlib.contextmanager
def home(folder):
    """ITPLAN_HOME (where an office's key lives) for a module fixture's work."""
    old = os.environ.get("ITPLAN_HOME")
    os.environ["ITPLAN_HOME"] = str(folder)
    try:
        yield
    finally:
        if old is None:
            del os.environ["ITPLAN_HOME"]
        else:
            os.environ["ITPLAN_HOME"] = old


def _commune_package(folder):
    """The commune's key file and a package it signed (made in the commune's home)."""
    with home(folder / "commune-home"):
        keys.export_public_key(folder / "commune-key.json", "KT01-X01", "Xã Đăk Mar")
        contents = {
            "metadata.json": {"format": "itplan-package", "version": 1, "office": "KT01-X01",
                              "office_name": "Xã Đăk Mar", "unit": "KT01-X01", "period": "2024"},
            "units.json": [{"code": "KT01-X01", "name": "Xã Đăk Mar", "level": "xa",
                            "kind": "area", "parent": "KT01"}],
            "values.json": [{"unit": "KT01-X01", "element": "STAFF", "period": "2024",
                             "value": 9, "comment": "", "changed_at": "2024-03-01T08:00:00",
                             "changed_by": "xa"}],
            "plans.json": []}
        (folder / "pkg.zip").write_bytes(build_package(contents, {"office": "KT01-X01"}))


@pytest.fixture
def office(template, tmp_path):
    for name in ("office.sqlite", "before-approval.sqlite", "same.sqlite", "commune-key.json",
                 "pkg.zip"):
        shutil.copy(template / name, tmp_path / name)
    return tmp_path


def command(action, folder):
    """(argv after --db, extra standard input) of one guarded action."""
    values = folder / "v2.csv"
    values.write_text("unit_code,element_code,period,value\nKT01,STAFF,2024,20\n",
                      encoding="utf-8")
    return {
        "enter_values": (["values", "import", values], ""),
        "import_packages": (["package", "import", folder / "pkg.zip"], ""),
        "edit_units": (["units", "add", "KT01-X02", "Xã mới", "--level", "xa", "--parent", "KT01"],
                       ""),
        "submit": (["state", "KT01", "2024", "submitted"], ""),
        "approve": (["state", "KT01", "2024", "approved"], ""),
        "unlock": (["state", "KT01", "2023", "draft", "--reason", "sửa số"], ""),
        "manage_users": (["user", "add", "moi", "--role", "officer"], "matkhau-3\n"),
        "manage_keys": (["keys", "trust", folder / "commune-key.json"], ""),
        "restore": (["restore", folder / "same.sqlite"], ""),
        "drop_approvals": (["restore", folder / "before-approval.sqlite",
                            "--accept-approval-loss"], ""),
        "enter_scores": (["score", "enter", "--set", "VD-UDCNTT", "--criterion", "CD1", "--unit",
                          "KT01", "--period", "2024", "--points", "4"], ""),
        "edit_settings": (["backup", "--keep-daily", "9"], ""),
    }[action]


def trust_commune(folder, capsys, monkeypatch):
    code, _, err = run(capsys, monkeypatch, "--db", folder / "office.sqlite", "--user", "duyet",
                       "keys", "trust", folder / "commune-key.json", stdin="matkhau-1\n")
    assert code == 0, err


@pytest.mark.parametrize("who", [None, "canbo", "duyet"])
@pytest.mark.parametrize("action", sorted(set(MAY) - {"replace_database"}))
def test_role_by_action(action, who, office, capsys, monkeypatch, table_hashes):
    if action == "import_packages":
        trust_commune(office, capsys, monkeypatch)
    argv, extra = command(action, office)
    db = office / "office.sqlite"
    sign_in = ["--user", who] if who else []
    stdin = (PASSWORDS[who] + "\n" if who else "") + extra
    before = table_hashes(db)
    code, out, err = run(capsys, monkeypatch, "--db", db, *sign_in, *argv, stdin=stdin)
    if who in MAY[action]:
        assert code == 0, err
        assert table_hashes(db) != before
        return
    assert code == 1 and err.count("\n") == 1 and REFUSED_WORDS[who] in err, err
    assert table_hashes(db) == before


@pytest.mark.parametrize("who", [None, "canbo", "duyet"])
def test_role_by_replace_database(who, office, capsys, monkeypatch, table_hashes):
    db = office / "office.sqlite"
    sign_in = ["--user", who] if who else []
    before = table_hashes(db)
    code, out, err = run(capsys, monkeypatch, *sign_in, "transfer", "--from", office / "same.sqlite",
                         "--to", db, "--replace", stdin=PASSWORDS[who] + "\n" if who else "")
    if who == "duyet":
        assert code == 0, err
        return
    assert code == 1 and err.count("\n") == 1 and REFUSED_WORDS[who] in err, err
    assert table_hashes(db) == before


def test_a_wrong_password_is_refused(office, capsys, monkeypatch, table_hashes):
    db = office / "office.sqlite"
    before = table_hashes(db)
    code, _, err = run(capsys, monkeypatch, "--lang", "en", "--db", db, "--user", "duyet", "state",
                       "KT01", "2024", "approved", stdin="sai-mat-khau\n")
    assert code == 1 and "Wrong user name or password (duyet)" in err
    assert table_hashes(db) == before


def test_without_named_users_every_action_is_allowed(template, tmp_path, capsys, monkeypatch):
    shutil.copy(template / "before-approval.sqlite", tmp_path / "office.sqlite")
    for name in ("same.sqlite", "commune-key.json", "pkg.zip"):
        shutil.copy(template / name, tmp_path / name)
    shutil.copy(template / "before-approval.sqlite", tmp_path / "same.sqlite")
    for action in ("enter_values", "edit_units", "submit", "approve", "unlock", "manage_keys",
                   "import_packages", "restore"):
        argv, extra = command(action, tmp_path)
        if action == "unlock":
            argv = ["state", "KT01", "2024", "draft", "--reason", "sửa"]
        code, _, err = run(capsys, monkeypatch, "--db", tmp_path / "office.sqlite", *argv,
                           stdin=extra)
        assert code == 0, (action, err)


def test_set_name_only_without_named_users(office, capsys, monkeypatch, table_hashes):
    db = office / "office.sqlite"
    before = table_hashes(db)
    code, _, err = run(capsys, monkeypatch, "--db", db, "user", "set-name", "Trần Văn Duyệt")
    assert code == 1 and "nhật ký ghi tên người đăng nhập" in err
    assert table_hashes(db) == before


def test_the_audit_trail_records_the_signed_in_user(office, capsys, monkeypatch):
    db = office / "office.sqlite"
    argv, _ = command("enter_values", office)
    assert run(capsys, monkeypatch, "--db", db, "--user", "canbo", *argv,
               stdin="matkhau-2\n")[0] == 0
    code, out, _ = run(capsys, monkeypatch, "--db", db, "audit", "--entity", "value", "--json")
    assert json.loads(out)[0]["user"] == "canbo"


def test_the_last_approver_stays_and_an_officer_changes_only_their_own_password(
        office, capsys, monkeypatch, table_hashes):
    db = office / "office.sqlite"
    before = table_hashes(db)
    code, _, err = run(capsys, monkeypatch, "--db", db, "--user", "duyet", "user", "remove",
                       "duyet", stdin="matkhau-1\n")
    assert code == 1 and "người duyệt cuối cùng" in err
    code, _, err = run(capsys, monkeypatch, "--db", db, "--user", "canbo", "user", "password",
                       "duyet", stdin="matkhau-2\nchiem-quyen\n")
    assert code == 1 and "không có quyền quản lý người dùng" in err
    assert table_hashes(db) == before
    assert run(capsys, monkeypatch, "--db", db, "--user", "canbo", "user", "password", "canbo",
               stdin="matkhau-2\nmatkhau-moi\n")[0] == 0


def test_recovery_with_the_office_key_file(template, office, capsys, monkeypatch, table_hashes):
    db = office / "office.sqlite"
    stranger = template / "commune-home" / "keys" / "office-ed25519.pem"
    before = table_hashes(db)
    code, _, err = run(capsys, monkeypatch, "--db", db, "user", "recover", "duyet", "--key-file",
                       stranger, stdin="mat-khau-moi\n")
    assert code == 1 and "không phải tệp khóa của cơ quan này" in err
    assert table_hashes(db) == before
    office_key = template / "office-home" / "keys" / "office-ed25519.pem"
    code, out, err = run(capsys, monkeypatch, "--db", db, "user", "recover", "duyet",
                         "--key-file", office_key, stdin="mat-khau-moi\n")
    assert code == 0, err
    code, out, _ = run(capsys, monkeypatch, "--db", db, "audit", "--entity", "user", "--json")
    assert json.loads(out)[0]["action"] == "recover"
    assert run(capsys, monkeypatch, "--db", db, "--user", "duyet", "state", "KT01", "2024",
               "approved", stdin="mat-khau-moi\n")[0] == 0


def test_losing_an_approval_needs_confirmation_and_is_audited(office, capsys, monkeypatch,
                                                             table_hashes):
    db = office / "office.sqlite"
    before = table_hashes(db)
    code, _, err = run(capsys, monkeypatch, "--db", db, "--user", "duyet", "restore",
                       office / "before-approval.sqlite", stdin="matkhau-1\n")
    assert code == 1 and "KT01 kỳ 2023: mất duyệt" in err and "cần người duyệt xác nhận" in err
    assert table_hashes(db) == before
    code, out, err = run(capsys, monkeypatch, "--db", db, "--user", "duyet", "restore",
                         office / "before-approval.sqlite", "--accept-approval-loss",
                         stdin="matkhau-1\n")
    assert code == 0 and "1 kỳ đã duyệt" in out, err
    code, out, _ = run(capsys, monkeypatch, "--db", db, "audit", "--entity", "lock", "--json")
    newest = json.loads(out)[0]
    assert (newest["action"], newest["user"]) == ("approvals-dropped", "duyet")
    assert newest["key"] == "restore:before-approval.sqlite" and "KT01 kỳ 2023" in newest["old"]


def test_replacing_changed_approved_values_needs_confirmation(office, capsys, monkeypatch,
                                                             table_hashes):
    changed = office / "changed.sqlite"
    shutil.copy(office / "office.sqlite", changed)
    import sqlite3

    with contextlib.closing(sqlite3.connect(changed)) as connection, connection:
        connection.execute("UPDATE data_value SET value = 99")  # the approved 2023 value too
    db = office / "office.sqlite"
    before = table_hashes(db)
    code, _, err = run(capsys, monkeypatch, "--user", "duyet", "transfer", "--from", changed,
                       "--to", db, "--replace", stdin="matkhau-1\n")
    assert code == 1 and "KT01 kỳ 2023: số liệu đã duyệt bị thay đổi" in err
    assert table_hashes(db) == before
    code, _, err = run(capsys, monkeypatch, "--user", "duyet", "transfer", "--from", changed,
                       "--to", db, "--replace", "--accept-approval-loss", stdin="matkhau-1\n")
    assert code == 0, err
    code, out, _ = run(capsys, monkeypatch, "--db", db, "audit", "--entity", "lock", "--json")
    assert json.loads(out)[0]["action"] == "approvals-dropped"
