"""The receiving body and the letterhead: office settings with defaults by date."""

from __future__ import annotations

import datetime as dt

from desktop.data.letterhead import default_receiver, letterhead, receiver, set_letterhead_settings
from desktop.data.settings import set_setting


def test_the_default_receiver_follows_the_march_2025_merger():
    assert default_receiver(dt.date(2025, 2, 28), "Thanh Hóa") == \
        "Sở Thông tin và Truyền thông tỉnh Thanh Hóa"
    assert default_receiver(dt.date(2025, 3, 1), "Thanh Hóa") == \
        "Sở Khoa học và Công nghệ tỉnh Thanh Hóa"
    assert default_receiver(dt.date(2026, 1, 1), "Thành phố Huế") == \
        "Sở Khoa học và Công nghệ Thành phố Huế"


def test_the_office_setting_wins_and_empty_goes_back_to_the_default(db):
    with db.session() as session:
        set_setting(session, "province", "Thanh Hóa")
        assert receiver(session, dt.date(2026, 5, 1)).startswith("Sở Khoa học và Công nghệ")
        assert letterhead(session, "Xã Thọ Bình") == "Xã Thọ Bình"
        set_letterhead_settings(session, receiver_text="Văn phòng UBND tỉnh",
                                letterhead_text="UBND TỈNH THANH HÓA\nSỞ TÀI CHÍNH")
        assert receiver(session, dt.date(2026, 5, 1)) == "Văn phòng UBND tỉnh"
        assert letterhead(session, "x").splitlines() == ["UBND TỈNH THANH HÓA", "SỞ TÀI CHÍNH"]
        set_letterhead_settings(session, receiver_text="  ")
        assert receiver(session, dt.date(2024, 5, 1)).startswith("Sở Thông tin và Truyền thông")


def _named_users(session):  # noqa: ANN001
    from desktop.data import users

    users.add_user(session, "duyet", "approver", "matkhau-1")
    users.sign_in(session, "duyet", "matkhau-1")
    users.add_user(session, "canbo", "officer", "matkhau-2")
    users.sign_out()


def test_with_named_users_the_texts_need_a_signed_in_user_and_are_audited(db, table_hashes):
    from desktop.data import audit, users
    from desktop.errors import UserError

    with db.session() as session:
        _named_users(session)
    before = table_hashes(db)
    try:
        with db.session() as session:
            set_letterhead_settings(session, receiver_text="Bất kỳ ai")
    except UserError as refused:
        assert refused.message == ("Cần đăng nhập để sửa thông tin cơ quan và cài đặt sao lưu.")
    else:
        raise AssertionError("the letterhead changed with nobody signed in")
    assert table_hashes(db) == before
    try:
        with db.session() as session:
            users.sign_in(session, "canbo", "matkhau-2")
            set_letterhead_settings(session, receiver_text="Văn phòng UBND tỉnh")
            newest = audit.entries(session, "setting", None, 1)[0]
    finally:
        users.sign_out()
    assert (newest["key"], newest["new"], newest["user"]) == ("report_receiver",
                                                              "Văn phòng UBND tỉnh", "canbo")
