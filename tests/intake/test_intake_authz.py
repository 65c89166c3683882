"""Excel forms follow the one authorisation rule: once named users exist, loading
needs a signed-in user who may enter values; refused, every table is unchanged."""

from desktop.data import users
from desktop.intake import load_files


def test_a_form_needs_a_signed_in_user_once_named_users_exist(db, make_form, filler, rows_of,
                                                              table_hashes):
    path = make_form()
    rows = rows_of(path)
    filler(path, {f"E{rows['STAFF']}": 40})
    with db.session() as session:
        users.add_user(session, "Duyệt", "approver", "matkhau-1")
    users.sign_out()
    before = table_hashes(db)
    [report] = load_files(db, [path])
    assert not report.written
    assert any("Cần đăng nhập để nhập hoặc nhập khẩu số liệu" in p for p in
               [str(x) for x in report.problems]), report.problems
    assert table_hashes(db) == before
    with db.session() as session:
        users.sign_in(session, "Duyệt", "matkhau-1")
    try:
        [report] = load_files(db, [path])
        assert report.written, report.problems
    finally:
        users.sign_out()
