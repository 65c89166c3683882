"""Units, submission, plans and progress tabs driven as a user would, and the language switch."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop.data.models import AuditEntry, OrgUnit, Target
from desktop.data.submission import get_state
from desktop.ui import dialogs


from desktop.ui.plans import plans_tab, units_tab
def show_tab(window, name):
    return window.show_tab(name)


def select_unit(tab, code):
    tab.select(code)
    assert tab.selected().code == code


def test_merge_two_units(window, monkeypatch, errors):
    tab = show_tab(window, "units")
    select_unit(tab, "X2")
    seen = {}

    def fake_merge(parent, unit, candidates):
        seen["candidates"] = [c.code for c in candidates]
        return "X1", dt.date(2025, 7, 1)

    monkeypatch.setattr(units_tab, "ask_merge", fake_merge)
    monkeypatch.setattr(dialogs, "confirm", lambda parent, question: True)
    tab.merge()
    assert seen["candidates"] == ["X1"]
    with window.database.session() as session:
        merged = session.scalar(select(OrgUnit).where(OrgUnit.code == "X2"))
        assert merged.valid_to == dt.date(2025, 6, 30)
        assert merged.successor.code == "X1"
    assert "đã sáp nhập" in _tree_labels(window.tree_model)
    assert errors == []


def _tree_labels(model) -> str:
    found = []

    def walk(parent):
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            found.append(index.data())
            walk(index)

    from PySide6.QtCore import QModelIndex
    walk(QModelIndex())
    return " | ".join(found)


def test_add_rename_and_close_unit(window, monkeypatch, errors):
    tab = show_tab(window, "units")
    select_unit(tab, "H1")
    monkeypatch.setattr(units_tab, "ask_new_unit", lambda parent, under: {
        "code": "P1", "name": "Phòng Nội vụ", "level": "huyen", "kind": "agency",
        "valid_from": dt.date(2024, 1, 1)})
    tab.add()
    assert tab.selected().code == "P1" and tab.selected().parent == "H1"
    monkeypatch.setattr(dialogs, "ask_text", lambda *a, **k: "Phòng Nội vụ huyện")
    tab.rename()
    monkeypatch.setattr(units_tab, "ask_close_date", lambda parent, unit: dt.date(2025, 6, 30))
    tab.close_selected()
    assert "Phòng Nội vụ huyện (đã đóng)" in _tree_labels(window.tree_model)
    assert errors == []


def test_adding_a_duplicate_code_is_refused(window, monkeypatch, errors):
    tab = show_tab(window, "units")
    select_unit(tab, "H1")
    monkeypatch.setattr(units_tab, "ask_new_unit", lambda parent, under: {
        "code": "X1", "name": "Trùng", "level": "xa", "kind": "area", "valid_from": None})
    tab.add()
    assert errors and "đã có" in errors[0]


def test_submit_approve_and_unlock_with_reason(window, monkeypatch, errors):
    tab = show_tab(window, "submission")
    tab.view.selectRow(0)
    assert tab.selected().code == "X1"
    assert tab.submit()
    assert tab.approve()
    with window.database.session() as session:
        assert get_state(session, "X1", "2024Q1") == "approved"
    assert "Đã duyệt" in tab.model.index(0, 2).data()
    monkeypatch.setattr(dialogs, "ask_text", lambda *a, **k: "   ")
    assert not tab.unlock()
    assert errors and "lý do" in errors[0]
    monkeypatch.setattr(dialogs, "ask_text", lambda *a, **k: "Sửa số liệu nhập sai")
    assert tab.unlock()
    with window.database.session() as session:
        assert get_state(session, "X1", "2024Q1") == "draft"
    assert tab.model.index(0, 5).data() == "Sửa số liệu nhập sai"


def test_approval_locks_the_entry_grid(window, errors):
    tab = show_tab(window, "submission")
    tab.view.selectRow(1)
    tab.approve()
    entry = show_tab(window, "entry")
    column = [u.code for u in entry.model.grid.units].index("X2")
    assert entry.model.is_locked(column)
    assert not entry.model.flags(entry.model.index(0, column)) & Qt.ItemFlag.ItemIsEditable


def test_value_history_in_submission_tab(window):
    from desktop.data.values import ValueInput, write_values

    with window.database.session() as session:
        write_values(session, [ValueInput("X1", "STAFF", "2024Q1", 10)])
    with window.database.session() as session:
        write_values(session, [ValueInput("X1", "STAFF", "2024Q1", 12)])
    tab = show_tab(window, "submission")
    tab.refresh("values")
    tab.view.selectRow(0)
    tab.element_box.setCurrentIndex(tab.element_box.findData("STAFF"))
    assert tab.history_model.rowCount() == 2
    newest = [tab.history_model.index(0, c).data() for c in range(6)]
    assert newest[1] == "tester" and newest[2] == "Sửa" and newest[3:5] == ["10", "12"]


def test_plans_tab_shows_sources_and_adds_a_target(window, monkeypatch, errors):
    tab = show_tab(window, "plans")
    assert tab.plan_box.currentData() == "TH-2016"  # the office's plan comes first
    assert tab.model.rowCount() > 0
    sources = [tab.model.index(r, 5).data() for r in range(tab.model.rowCount())]
    assert all(sources)
    before = tab.model.rowCount()
    monkeypatch.setattr(plans_tab, "ask_target", lambda parent, current, choices: {
        "indicator": "MAILBOX_RATE", "year": "2019", "level": "xa", "comparator": ">=",
        "value": "75", "min_value": "", "max_value": "",
        "source": "75 % cán bộ cấp xã có hộp thư"})
    tab.add_target()
    assert errors == []
    assert tab.model.rowCount() == before + 1
    with window.database.session() as session:
        assert session.scalar(select(AuditEntry).where(AuditEntry.entity == "target",
                                                       AuditEntry.action == "add"))
    row = next(r for r in tab.model.rows if r["source"] == "75 % cán bộ cấp xã có hộp thư")
    tab.view.selectRow(tab.model.rows.index(row))
    monkeypatch.setattr(dialogs, "confirm", lambda parent, question: True)
    tab.delete_target()
    with window.database.session() as session:
        assert session.get(Target, row["id"]) is None


def test_bad_target_value_is_refused(window, monkeypatch, errors):
    tab = show_tab(window, "plans")
    monkeypatch.setattr(plans_tab, "ask_target", lambda parent, current, choices: {
        "indicator": "MAILBOX_RATE", "year": "2019", "level": "xa", "comparator": ">=",
        "value": "bảy lăm", "min_value": "", "max_value": "", "source": ""})
    before = tab.model.rowCount()
    tab.add_target()
    assert errors and "không phải là số" in errors[0]
    assert tab.model.rowCount() == before


def test_in_english_a_target_shown_and_saved_again_keeps_its_value(window, monkeypatch):
    """The target dialog shows 15,945 in English; pressing OK must not save 15.945."""
    from PySide6.QtWidgets import QDialog

    from desktop.i18n import set_language
    from desktop.ui.forms import FormDialog

    tab = show_tab(window, "plans")
    monkeypatch.setattr(FormDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    set_language("en")
    try:
        for value in (15945.0, 1234.5, 60.5, 1000000.0):
            found = plans_tab.ask_target(tab, {
                "indicator": "MAILBOX_RATE", "year": 2030, "level": "xa", "comparator": ">=",
                "value": value, "source": ""}, [("MAILBOX_RATE", "Mailboxes")])
            assert tab._target_fields(found)["value"] == value, found["value"]
    finally:
        set_language("vi")


def test_the_target_dialog_names_comparators_in_the_language_shown(window, monkeypatch):
    """Named when the dialog opens, not when the module was imported."""
    from PySide6.QtWidgets import QDialog

    from desktop.i18n import set_language
    from desktop.ui.forms import FormDialog

    shown = {}

    def record(self):
        box = self.fields["comparator"]
        shown[self.windowTitle()] = [box.itemText(i) for i in range(box.count())]
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(FormDialog, "exec", record)
    set_language("en")
    try:
        plans_tab.ask_target(window, None, [("MAILBOX_RATE", "Mailboxes")])
    finally:
        set_language("vi")
    plans_tab.ask_target(window, None, [("MAILBOX_RATE", "Hộp thư")])
    assert shown["Target"] == ["≥", ">", "≤", "<", "≈", "between", "done"]
    assert shown["Mục tiêu"][-2:] == ["trong khoảng", "hoàn thành"]


def test_switch_language_rebuilds_and_is_remembered(window, qtbot):
    from desktop.ui import settings

    assert window.tabs_widget.tabText(0) == "Tổng quan"
    assert window.tabs_widget.tabText(1) == "Nhập liệu"
    window.language_actions["en"].trigger()
    assert [window.tabs_widget.tabText(i) for i in range(7)] == [
        "Overview", "Data entry", "Progress", "Charts", "Plans", "Units", "Submission"]
    assert window.tabs_widget.currentWidget() is window.entry_tab
    assert settings.get("language") == "en"
    assert window.unit_code == "H1" and window.period_code == "2024Q1"
    assert window.entry_tab.model.rowCount() > 0
    window.language_actions["vi"].trigger()
    assert window.tabs_widget.tabText(2) == "Tiến độ"


def test_standard_buttons_get_vietnamese_texts(qtbot):
    from PySide6.QtWidgets import QDialogButtonBox

    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    dialogs.translate_buttons(box)
    assert box.button(QDialogButtonBox.StandardButton.Ok).text() == "Đồng ý"
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Hủy"


def test_add_and_edit_plan_from_the_tab(window, monkeypatch, errors):
    tab = show_tab(window, "plans")
    monkeypatch.setattr(plans_tab, "ask_plan", lambda parent, current: {
        "code": "HT-2021", "title": "Kế hoạch ứng dụng CNTT huyện Thử 2021-2025",
        "issuer": "UBND huyện Thử", "decision": "12/KH-UBND", "province": "Thanh Hóa",
        "year_from": "2021", "year_to": "2025"})
    tab.add_plan()
    assert errors == []
    assert tab.plan_box.currentData() == "HT-2021"
    assert "UBND huyện Thử" in tab.info.text()
    monkeypatch.setattr(plans_tab, "ask_plan", lambda parent, current: {
        "title": current["title_vi"], "issuer": current["issuer"], "decision": "12/KH-UBND",
        "province": "Thanh Hóa", "year_from": "2021", "year_to": "hai nghìn"})
    tab.edit_plan()
    assert errors and "hai nghìn" in errors[0]
