"""Adding and editing plans and targets: checks, and an audit entry for every change."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.data import plan_editor
from desktop.data.catalogue import load_catalogue
from desktop.data.database import open_database
from desktop.data.models import AuditEntry, Target
from desktop.errors import UserError


@pytest.fixture
def session(tmp_path):
    database = open_database(tmp_path / "plans.sqlite")
    with database.session() as session:
        load_catalogue(session)
        yield session
    database.close()


def audit_actions(session, entity):
    return [row.action for row in session.scalars(
        select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.id))]


def test_add_and_update_plan_are_audited(session):
    plan_editor.add_plan(session, "HX-2021", "Kế hoạch thử", 2021, 2025, issuer="UBND huyện")
    plan_editor.update_plan(session, "HX-2021", title="Kế hoạch thử (sửa)", year_to=2026)
    assert audit_actions(session, "plan") == ["add", "set:title", "set:year_to"]
    with pytest.raises(UserError, match="đã có"):
        plan_editor.add_plan(session, "HX-2021", "Trùng", 2021, 2025)
    with pytest.raises(UserError, match="Năm không hợp lệ"):
        plan_editor.update_plan(session, "HX-2021", year_from=2030)


def test_targets_add_update_delete(session):
    plan_editor.add_plan(session, "HX-2021", "Kế hoạch thử", 2021, 2025)
    target = plan_editor.add_target(session, "HX-2021", indicator="MAILBOX_RATE", year=2025,
                                     level="xa", comparator=">=", value=80.0,
                                     source="80 % cán bộ xã có hộp thư")
    plan_editor.update_target(session, target.id, value=85.0)
    rows = plan_editor.target_rows(session, "HX-2021")
    assert [(r["indicator"], r["value"], r["source"]) for r in rows] == [
        ("MAILBOX_RATE", 85.0, "80 % cán bộ xã có hộp thư")]
    plan_editor.delete_target(session, target.id)
    assert session.scalars(select(Target)).all() == []
    assert audit_actions(session, "target") == ["add", "update", "delete"]


@pytest.mark.parametrize("fields, message", [
    ({"level": "quan"}, "Cấp"),
    ({"comparator": "~"}, "so sánh"),
    ({"comparator": "between", "value": None, "min_value": 60.0}, "khoảng"),
    ({"value": None}, "giá trị"),
    ({"indicator": "KHONG_CO"}, "KHONG_CO"),
    ({"value": "80%"}, "không phải một số"),
    ({"value": float("inf")}, "không phải một số"),
    ({"baseline_value": True}, "không phải một số"),
    ({"baseline_year": "2020"}, "Năm gốc"),
])
def test_bad_targets_are_refused(session, fields, message):
    plan_editor.add_plan(session, "HX-2021", "Kế hoạch thử", 2021, 2025)
    base = {"indicator": "MAILBOX_RATE", "year": 2025, "level": "xa", "comparator": ">=",
            "value": 80.0}
    with pytest.raises(UserError, match=message):
        plan_editor.add_target(session, "HX-2021", **(base | fields))


def test_plan_fields_longer_than_their_columns_are_refused(session):
    with pytest.raises(UserError, match="Mã kế hoạch dài quá 32"):
        plan_editor.add_plan(session, "X" * 33, "Kế hoạch thử", 2021, 2025)
    plan_editor.add_plan(session, "HX-2021", "Kế hoạch thử", 2021, 2025)
    with pytest.raises(UserError, match="Số văn bản dài quá 80"):
        plan_editor.update_plan(session, "HX-2021", decision="1" * 81)


@pytest.mark.parametrize("code", ["HX,2021", "HX 2021", "HX\t2021"])
def test_a_plan_code_with_a_comma_or_a_space_is_refused(session, code):
    """The office's plans are one comma-separated list: such a code would split in two."""
    with pytest.raises(UserError, match="dấu phẩy hay khoảng trắng"):
        plan_editor.add_plan(session, code, "Kế hoạch thử", 2021, 2025)


@pytest.mark.parametrize("first", [2026, 2021.5, "2021"])
def test_a_cumulative_targets_first_year_is_a_whole_year_not_after_its_own(session, first):
    plan_editor.add_plan(session, "HX-2021", "Kế hoạch thử", 2021, 2025)
    with pytest.raises(UserError, match="Năm bắt đầu cộng dồn"):
        plan_editor.add_target_fields(session, "HX-2021", "MAILBOX_RATE", year=2025, level="xa",
                                      comparator=">=", value=80.0, period_from=first)
