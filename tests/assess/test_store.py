"""Who may change assessment data (desktop.assess.store, the one rule of
desktop.data.authz): a set is edited by an approver only, an assessor's score is
entered by a signed-in user; a refusal changes no table."""

import pytest

from desktop.assess.store import get_set, save_set, shipped_files
from desktop.data import users
from desktop.data.database import open_database
from desktop.errors import UserError

PASSWORDS = {"duyet": "matkhau-1", "canbo": "matkhau-2"}


@pytest.fixture
def demo(demo_path):
    database = open_database(demo_path)
    with database.session() as session:
        users.add_user(session, "duyet", "approver", PASSWORDS["duyet"])
        users.sign_in(session, "duyet", PASSWORDS["duyet"])
        users.add_user(session, "canbo", "officer", PASSWORDS["canbo"])
    users.sign_out()
    yield database
    users.sign_out()
    database.close()


def _copy_of_a_shipped_set() -> str:
    text = shipped_files()["VD-UDCNTT"].read_text(encoding="utf-8")
    assert 'code = "VD-UDCNTT"' in text
    return text.replace('code = "VD-UDCNTT"', 'code = "VD-BAN-SAO"', 1)


@pytest.mark.parametrize("who, refusal", [
    (None, "Cần đăng nhập bằng tài khoản người duyệt để sửa bộ tiêu chí đánh giá."),
    ("canbo", "“canbo” là cán bộ, không có quyền sửa bộ tiêu chí đánh giá.")])
def test_only_an_approver_saves_a_set(demo, demo_path, who, refusal, table_hashes):
    before = table_hashes(demo_path)
    with pytest.raises(UserError) as refused, demo.session() as session:
        if who:
            users.sign_in(session, who, PASSWORDS[who])
        save_set(session, _copy_of_a_shipped_set())
    assert refused.value.message == refusal
    assert table_hashes(demo_path) == before
    with demo.session() as session:
        users.sign_in(session, "duyet", PASSWORDS["duyet"])
        save_set(session, _copy_of_a_shipped_set())
        assert get_set(session, "VD-BAN-SAO").total == get_set(session, "VD-UDCNTT").total


def test_an_assessors_score_needs_a_signed_in_user(demo, demo_path, table_hashes):
    from desktop.assess.store import enter_score

    before = table_hashes(demo_path)
    with pytest.raises(UserError) as refused, demo.session() as session:
        enter_score(session, get_set(session, "VD-UDCNTT"), "CD1", "H38TS-P01", 2024, 4.0)
    assert refused.value.message == "Cần đăng nhập để chấm hoặc xóa điểm của người đánh giá."
    assert table_hashes(demo_path) == before
