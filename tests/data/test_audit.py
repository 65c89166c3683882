"""Every change to a value, target, unit or lock leaves an audit entry; view and CSV."""

import csv
import io
import json

import pytest

from desktop.data import audit, plan_editor
from desktop.data.database import open_database
from desktop.data.office import init_office
from desktop.data.submission import set_state
from desktop.data.units import add_unit, close_unit, merge_units, rename_unit
from desktop.data.values import ValueInput, write_values
from desktop.errors import UserError


@pytest.fixture
def session(tmp_path):
    database = open_database(tmp_path / "office.sqlite")
    with database.session() as active:
        init_office(active, province="Nghệ An", unit_code="NA01", unit_name="Huyện Nam Đàn",
                    level="huyen", plans=[])
        yield active
    database.close()


def actions(session, entity, key):
    return [(row["action"], row["old"], row["new"]) for row in
            reversed(audit.entries(session, entity, key))]


def test_value_insert_update_comment_delete_are_audited(session):
    key = "NA01/STAFF/2024"
    write_values(session, [ValueInput("NA01", "STAFF", "2024", 100)], user="Lan")
    write_values(session, [ValueInput("NA01", "STAFF", "2024", 110)], user="Lan")
    write_values(session, [ValueInput("NA01", "STAFF", "2024", 110, "theo báo cáo quý")],
                 user="Lan")
    write_values(session, [ValueInput("NA01", "STAFF", "2024", None)], user="Lan")
    assert actions(session, "value", key) == [
        ("insert", None, "100"), ("update", "100", "110"),
        ("comment", "", "theo báo cáo quý"), ("delete", "110", None)]
    assert {row["user"] for row in audit.entries(session, "value", key)} == {"Lan"}


def test_unit_changes_are_audited(session):
    add_unit(session, "X01", "Xã Một", "xa", parent_code="NA01")
    add_unit(session, "X02", "Xã Hai", "xa", parent_code="NA01")
    rename_unit(session, "X01", "Xã Nam Thái")
    merge_units(session, ["X02"], "X01", __import__("datetime").date(2025, 7, 1))
    close_unit(session, "X01", __import__("datetime").date(2030, 12, 31))
    assert [a for a, _, _ in actions(session, "unit", "X01")] == ["add", "rename", "close"]
    assert [a for a, _, _ in actions(session, "unit", "X02")] == ["add", "close", "merge"]


def test_lock_changes_are_audited_with_reason(session):
    set_state(session, "NA01", "2024", "approved")
    set_state(session, "NA01", "2024", "draft", reason="sửa số liệu")
    rows = list(reversed(audit.entries(session, "lock", "NA01/2024")))
    assert [(r["old"], r["new"]) for r in rows] == [("draft", "approved"), ("approved", "draft")]
    assert rows[1]["reason"] == "sửa số liệu"


def test_target_add_update_delete_are_audited(session):
    target = plan_editor.add_target_fields(session, "TH-2016", "EMAIL_USE_RATE", year=2030, level="huyen",
                                   comparator=">=", value=80.0, source="Kế hoạch sửa đổi")
    plan_editor.update_target_fields(session, target.id, value=85.0)
    plan_editor.update_target_fields(session, target.id, value=85.0)  # no change, no entry
    plan_editor.delete_target(session, target.id)
    rows = actions(session, "target", "TH-2016/EMAIL_USE_RATE/2030/huyen")
    assert [a for a, _, _ in rows] == ["add", "update", "delete"]
    assert json.loads(rows[1][1]) == {"value": 80.0} and json.loads(rows[1][2]) == {"value": 85.0}
    assert json.loads(rows[0][2])["source"] == "Kế hoạch sửa đổi"


def test_target_edits_are_validated(session):
    with pytest.raises(UserError):
        plan_editor.add_target_fields(session, "TH-2016", "EMAIL_USE_RATE", year=2030, level="moon",
                              comparator=">=", value=1.0)
    with pytest.raises(UserError):
        plan_editor.add_target_fields(session, "TH-2016", "EMAIL_USE_RATE", year=2030, level="huyen",
                              comparator="between", value=None)
    assert audit.entries(session, "target") == []


def test_key_filter_matches_a_unit_and_everything_under_its_code(session):
    add_unit(session, "X01", "Xã Một", "xa", parent_code="NA01")
    add_unit(session, "X010", "Xã Mười", "xa", parent_code="NA01")
    write_values(session, [ValueInput("X01", "STAFF", "2024", 10),
                           ValueInput("X010", "STAFF", "2024", 12)])
    keys = {row["key"] for row in audit.entries(session, key="X01")}
    assert keys == {"X01", "X01/STAFF/2024"}


def test_csv_export_has_every_column(session):
    write_values(session, [ValueInput("NA01", "STAFF", "2024", 100)], user="Nguyễn Văn A")
    text = audit.entries_csv(audit.entries(session, "value"))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(audit.CSV_COLUMNS)
    assert rows[0]["user"] == "Nguyễn Văn A" and rows[0]["new"] == "100"
    assert rows[0]["at"][2] == "/"  # dd/mm/yyyy
