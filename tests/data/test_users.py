"""Named users: scrypt passwords, roles, and who may approve or unlock."""

import json

import pytest

from desktop.data import audit, users
from desktop.data.database import open_database
from desktop.data.office import init_office
from desktop.data.settings import get_setting
from desktop.data.submission import get_state
from desktop.errors import UserError


@pytest.fixture
def session(tmp_path):
    database = open_database(tmp_path / "office.sqlite")
    with database.session() as active:
        init_office(active, province="Kon Tum", unit_code="KT01", unit_name="Huyện Đăk Hà",
                    level="huyen", plans=[])
        yield active
    users.sign_out()
    database.close()


def test_without_named_users_anyone_may_approve(session):
    users.set_state_checked(session, "KT01", "2024", "approved")
    assert get_state(session, "KT01", "2024") == "approved"


def test_password_is_hashed_and_verified(session):
    users.add_user(session, "Trần Thị Bình", "approver", "mật-khẩu-1")
    stored = get_setting(session, "user:trần thị bình")
    assert "mật-khẩu-1" not in stored and json.loads(stored)["n"] == 2 ** 14
    assert users.verify_password(session, "Trần Thị Bình", "mật-khẩu-1")["role"] == "approver"
    with pytest.raises(UserError):
        users.verify_password(session, "Trần Thị Bình", "wrong-pass")
    with pytest.raises(UserError):
        users.verify_password(session, "Nobody", "mật-khẩu-1")
    assert users.list_users(session) == [{"name": "Trần Thị Bình", "role": "approver"}]


def test_with_named_users_only_a_signed_in_approver_approves_or_unlocks(session):
    users.add_user(session, "binh", "approver", "secret-1")
    users.sign_in(session, "binh", "secret-1")
    users.add_user(session, "an", "officer", "secret-2")
    users.sign_out()
    with pytest.raises(UserError):
        users.set_state_checked(session, "KT01", "2024", "approved")  # nobody signed in
    users.sign_in(session, "an", "secret-2")
    users.set_state_checked(session, "KT01", "2024", "submitted")  # officers may submit
    with pytest.raises(UserError) as caught:
        users.set_state_checked(session, "KT01", "2024", "approved")
    assert "an" in caught.value.message
    users.sign_in(session, "binh", "secret-1")
    users.set_state_checked(session, "KT01", "2024", "approved")
    users.sign_in(session, "an", "secret-2")
    with pytest.raises(UserError):
        users.set_state_checked(session, "KT01", "2024", "draft", reason="sửa")  # unlock
    assert get_state(session, "KT01", "2024") == "approved"
    last_lock = audit.entries(session, "lock", "KT01/2024")[0]
    assert last_lock["user"] == "binh" and last_lock["new"] == "approved"


def test_user_changes_are_audited_and_checked(session):
    with pytest.raises(UserError):
        users.add_user(session, "x", "admin", "secret-1")
    with pytest.raises(UserError):
        users.add_user(session, "x", "approver", "123")
    with pytest.raises(UserError, match="đầu tiên phải là người duyệt"):
        users.add_user(session, "x", "officer", "secret-1")
    users.add_user(session, "x", "approver", "secret-1")
    with pytest.raises(UserError):
        users.add_user(session, "X", "officer", "secret-1")  # names are case-insensitive
    users.sign_in(session, "x", "secret-1")
    users.set_password(session, "x", "secret-2")
    users.verify_password(session, "x", "secret-2")
    users.remove_user(session, "x")
    users.sign_out()
    assert not users.has_named_users(session)
    assert [row["action"] for row in reversed(audit.entries(session, "user", "x"))] == [
        "add", "password", "remove"]
    users.set_installation_user(session, "Phạm Văn Cường")
    assert audit.current_user(session) == "Phạm Văn Cường"
