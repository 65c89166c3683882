"""The audit trail viewer: listing, filtering, CSV export."""

from __future__ import annotations

import csv
import json

from desktop.data.values import ValueInput, write_values
from desktop.i18n import set_language
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from desktop.ui.safety.audit_view import AuditDialog, audit_model


def write(database, unit, period, value):
    with database.session() as session:
        write_values(session, [ValueInput(unit, "STAFF", period, value)])


def test_viewer_lists_filters_and_exports(qtbot, office_db, tmp_path, answers):
    write(office_db, "X01", "2024", 40)
    write(office_db, "X01", "2024", 41)
    write(office_db, "X02", "2024", 12)
    dialog = AuditDialog(office_db)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.rowCount() >= 3
    newest = [model.data(model.index(0, c)) for c in range(8)]
    assert newest[1:] == ["tester", "Số liệu", "Xã Hai / Tổng số cán bộ, công chức / Năm 2024",
                          "nhập mới", "", "12", ""]  # names on screen, never codes
    assert "X02/STAFF/2024" in model.data(model.index(0, 3), Qt.ItemDataRole.ToolTipRole)
    dialog.key.setText("X01")
    dialog.reload()
    assert model.rowCount() == 3  # the unit's own creation and its two values
    assert [model.data(model.index(0, c)) for c in (3, 5, 6)] == [
        "Xã Một / Tổng số cán bộ, công chức / Năm 2024", "40", "41"]
    assert "3 dòng" in dialog.count.text()
    dialog.entity.setCurrentIndex(dialog.entity.findData("unit"))
    assert model.rowCount() == 1  # the filter applies at once
    assert model.data(model.index(0, 2)) == "Đơn vị" and model.data(model.index(0, 3)) == "Xã Một"

    dialog.entity.setCurrentIndex(dialog.entity.findData("value"))
    answers.save_file = str(tmp_path / "nhat-ky.csv")
    path = dialog.export_csv()
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads the BOM as UTF-8
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:4] == ["at", "user", "entity", "key"] and len(rows) == 3
    assert {row[3] for row in rows[1:]} == {"X01/STAFF/2024"}
    assert "Đã ghi 2 dòng" in answers.infos[-1]


def test_cancelled_export_writes_nothing(qtbot, office_db, tmp_path, answers):
    dialog = AuditDialog(office_db)
    qtbot.addWidget(dialog)
    answers.save_file = None
    assert dialog.export_csv() is None and answers.infos == []
    assert list(tmp_path.glob("*.csv")) == []


def test_audit_model(qtmodeltester, office_db):
    write(office_db, "X01", "2024", 40)
    from desktop.data.audit import entries

    with office_db.session() as session:
        rows = entries(session)
    model = audit_model(rows)
    qtmodeltester.check(model, force_py=True)
    set_language("en")
    assert model.data(model.index(0, 2)) in {"Unit", "Value", "Setting"}


def test_a_target_recorded_as_json_reads_as_its_fields(qtbot, office_db):
    from desktop.data.plan_editor import add_target_fields
    from desktop.data.users import sign_out
    from desktop.ui.safety.audit_view import value_text

    sign_out()
    with office_db.session() as session:
        add_target_fields(session, "TH-2016", "EMAIL_USE_RATE", year=2030, level="xa",
                          comparator=">=", value=95.0, source="Kế hoạch mẫu")
    dialog = AuditDialog(office_db)
    qtbot.addWidget(dialog)
    model = dialog.view.model()
    new_column = next(c for c in range(model.columnCount())
                      if model.headerData(c, Qt.Orientation.Horizontal) == "Mới")
    shown = model.index(0, new_column).data()
    assert shown.startswith("chỉ tiêu: ") and "; năm: 2030; cấp: Cấp xã; so sánh: ≥; " \
        "mục tiêu: 95; nguồn: Kế hoạch mẫu" in shown
    assert "EMAIL_USE_RATE" not in shown and "null" not in shown and "{" not in shown
    row = {"action": "update", "entity": "target"}
    assert value_text(row, '{"value": 1234.5, "baseline_year": 2020}') == \
        "mục tiêu: 1.234,5; năm mốc: 2020"


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80) | st.dictionaries(st.text(max_size=12), st.none() | st.text(
    max_size=8) | st.integers() | st.floats(allow_nan=True), max_size=5).map(json.dumps))
def test_any_recorded_text_is_shown_without_failing(text):
    from desktop.ui.safety.audit_view import value_text

    shown = value_text({"action": "update", "entity": "target"}, text, {})
    assert isinstance(shown, str) and (shown or not text.strip() or text == "{}")
