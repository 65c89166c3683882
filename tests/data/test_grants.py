"""A restore may not grant what the restorer's role may not: approvals, users, keys
(desktop.data.grants); a restore is an audit row; closing a unit inside an approved period
is an approver's (desktop.data.units). Through the command line, on the
office of tests/cli/test_authz_cmds.py (2023 approved, duyet approver, canbo officer);
every refusal is one sentence, exit 1, every table unchanged."""

import json
import shutil

from desktop.data import users
from desktop.data.database import open_database
from tests.cli.test_authz_cmds import PASSWORDS, office, run, template  # noqa: F401 - fixtures


def _as(db, name, password, change):  # noqa: ANN001
    """`change(session)` made by a signed-in user, straight through the data layer."""
    database = open_database(db)
    try:
        with database.session() as session:
            users.sign_in(session, name, password)
            change(session)
    finally:
        users.sign_out()
        database.close()


def _restore(capsys, monkeypatch, db, source, who, password):  # noqa: ANN001
    return run(capsys, monkeypatch, "--db", db, "--user", who, "restore", source,
               stdin=password + "\n")


def _refused(capsys, monkeypatch, db, source, table_hashes, who="canbo",  # noqa: ANN001
             password=PASSWORDS["canbo"]) -> str:
    """Restore `source` over `db` as `who`: refused in one sentence, exit 1, every table
    unchanged; the sentence."""
    before = table_hashes(db)
    code, _, err = _restore(capsys, monkeypatch, db, source, who, password)
    assert code == 1 and err.count("\n") == 1, err
    assert table_hashes(db) == before
    return err


def test_an_officer_may_not_bring_back_an_approval_the_approver_undid(
        office, capsys, monkeypatch, table_hashes):  # noqa: F811
    db, approved = office / "office.sqlite", office / "same.sqlite"  # 2023 approved in both
    code, _, err = run(capsys, monkeypatch, "--db", db, "--user", "duyet", "state", "KT01",
                       "2023", "draft", "--reason", "số sai", stdin="matkhau-1\n")
    assert code == 0, err
    err = _refused(capsys, monkeypatch, db, approved, table_hashes)
    assert "Khôi phục từ same.sqlite sẽ duyệt lại kỳ 2023 của đơn vị KT01" in err
    assert "“canbo” là cán bộ, không có quyền duyệt kỳ báo cáo" in err
    code, _, err = _restore(capsys, monkeypatch, db, approved, "duyet", PASSWORDS["duyet"])
    assert code == 0, err


def test_an_officer_may_not_undo_a_demotion(office, capsys, monkeypatch,  # noqa: F811
                                            table_hashes):
    db, older = office / "office.sqlite", office / "with-tam-approver.sqlite"
    _as(db, "duyet", PASSWORDS["duyet"],
        lambda session: users.add_user(session, "tam", "approver", "matkhau-7"))
    shutil.copy(db, older)

    def demote(session):  # noqa: ANN001, ANN202
        users.remove_user(session, "tam")
        users.add_user(session, "tam", "officer", "matkhau-7")
    _as(db, "duyet", PASSWORDS["duyet"], demote)
    err = _refused(capsys, monkeypatch, db, older, table_hashes, "tam", "matkhau-7")
    assert "đổi người dùng “tam”" in err and "quản lý người dùng" in err, err


def test_an_officer_restores_a_file_older_than_their_own_new_password(
        office, capsys, monkeypatch):  # noqa: F811
    """Their own password is theirs to change: not a grant."""
    db, older = office / "office.sqlite", office / "older.sqlite"
    shutil.copy(db, older)
    _as(db, "canbo", PASSWORDS["canbo"],
        lambda session: users.set_password(session, "canbo", "matkhau-moi"))
    code, _, err = _restore(capsys, monkeypatch, db, older, "canbo", "matkhau-moi")
    assert code == 0, err


def test_an_officer_may_not_bring_back_a_revoked_key(template, office, capsys,  # noqa: F811
                                                     monkeypatch, table_hashes):
    db, trusted = office / "office.sqlite", office / "trusted.sqlite"
    code, _, err = run(capsys, monkeypatch, "--db", db, "--user", "duyet", "keys", "trust",
                       office / "commune-key.json", stdin="matkhau-1\n")
    assert code == 0, err
    shutil.copy(db, trusted)
    code, out, _ = run(capsys, monkeypatch, "--db", db, "keys", "list", "--json")
    key_id = json.loads(out)["trusted"][0]["key_id"]
    code, _, err = run(capsys, monkeypatch, "--db", db, "--user", "duyet", "keys", "revoke",
                       key_id, stdin="matkhau-1\n")
    assert code == 0, err
    err = _refused(capsys, monkeypatch, db, trusted, table_hashes)
    assert "đổi khóa tin cậy" in err and "tin cậy hoặc thu hồi khóa" in err, err


def test_a_restore_is_in_the_restored_audit_trail(office, capsys, monkeypatch):  # noqa: F811
    db = office / "office.sqlite"
    code, _, err = _restore(capsys, monkeypatch, db, office / "same.sqlite", "canbo",
                            PASSWORDS["canbo"])
    assert code == 0, err
    code, out, _ = run(capsys, monkeypatch, "--db", db, "audit", "--entity", "database", "--json")
    newest = json.loads(out)[0]
    assert (newest["key"], newest["action"], newest["user"]) == ("same.sqlite", "restore", "canbo")
    assert "before-restore" in newest["old"]


def test_an_officer_may_not_close_a_unit_inside_an_approved_period(
        office, capsys, monkeypatch, table_hashes):  # noqa: F811
    """Closing a commune mid-2023 changes what the approved 2023 of its district counts."""
    db = office / "office.sqlite"
    before = table_hashes(db)
    for argv in (["units", "close", "KT01-X01", "--last-day", "2023-06-30"],
                 ["units", "merge", "KT01-X01", "--into", "KT01", "--date", "2023-07-01"]):
        code, _, err = run(capsys, monkeypatch, "--db", db, "--user", "canbo", *argv,
                           stdin=PASSWORDS["canbo"] + "\n")
        assert code == 1 and err.count("\n") == 1, err
        assert "Đóng “KT01-X01” từ sau 30/06/2023 làm thay đổi kỳ đã duyệt 2023 của “KT01”" in err
        assert "không có quyền mở khóa kỳ đã duyệt" in err
        assert table_hashes(db) == before
    code, _, err = run(capsys, monkeypatch, "--db", db, "--user", "canbo", "units", "close",
                       "KT01-X01", "--last-day", "2023-12-31", stdin=PASSWORDS["canbo"] + "\n")
    assert code == 0, err  # after the approved year: nothing approved changes
    code, _, err = run(capsys, monkeypatch, "--db", db, "--user", "duyet", "units", "close",
                       "KT01-X01", "--last-day", "2023-06-30", stdin=PASSWORDS["duyet"] + "\n")
    assert code == 0, err


def test_an_officer_may_not_undo_an_approvers_change_to_a_plan(
        office, capsys, monkeypatch, table_hashes):  # noqa: F811
    """A backup from before the approver changed a target would bring the old one back."""
    from sqlalchemy import select

    from desktop.data.models import Target
    from desktop.data.plan_editor import update_target

    db, older = office / "office.sqlite", office / "older.sqlite"
    shutil.copy(db, older)

    def change_target(session):  # noqa: ANN001, ANN202
        target = session.scalar(select(Target).where(Target.value.is_not(None))
                                .order_by(Target.id))
        update_target(session, target.id, value=target.value + 1)
    _as(db, "duyet", PASSWORDS["duyet"], change_target)
    err = _refused(capsys, monkeypatch, db, older, table_hashes)
    assert "Khôi phục từ older.sqlite sẽ đổi kế hoạch “" in err
    assert "không có quyền sửa kế hoạch và chỉ tiêu" in err
    code, _, err = _restore(capsys, monkeypatch, db, older, "duyet", PASSWORDS["duyet"])
    assert code == 0, err


def test_an_officer_may_not_undo_an_approvers_edit_of_an_assessment_set(
        office, capsys, monkeypatch, table_hashes):  # noqa: F811
    from desktop.assess.store import save_set, shipped_files

    db, older = office / "office.sqlite", office / "older.sqlite"
    shutil.copy(db, older)
    text = shipped_files()["VD-UDCNTT"].read_text(encoding="utf-8")
    edited = text.replace("\nname = \"", "\nname = \"Bản sửa: ", 1)
    assert edited != text
    _as(db, "duyet", PASSWORDS["duyet"], lambda session: save_set(session, edited))
    err = _refused(capsys, monkeypatch, db, older, table_hashes)
    assert "sẽ đổi bộ tiêu chí đánh giá “Bản sửa: " in err
    assert "không có quyền sửa bộ tiêu chí đánh giá" in err


def test_a_backup_with_the_same_plans_and_sets_is_no_grant(office, capsys,  # noqa: F811
                                                           monkeypatch):
    """Scores and values are the officer's to bring back; plans unchanged are not a grant."""
    db = office / "office.sqlite"
    code, _, err = _restore(capsys, monkeypatch, db, office / "same.sqlite", "canbo",
                            PASSWORDS["canbo"])
    assert code == 0, err
