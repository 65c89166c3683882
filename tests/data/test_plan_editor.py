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
