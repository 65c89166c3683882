"""The consistency rules reach the officer: after an entry, and before a report is made."""

from __future__ import annotations

from desktop.data.values import ValueInput, write_values
from desktop.ui import dialogs


from desktop.ui.entry import consistency
def _quarters(database, staff=26, mailbox=25):
    with database.session() as session:
        write_values(session, [ValueInput("X1", element, f"2024Q{q}", value)
                               for q in (1, 2, 3, 4)
                               for element, value in (("STAFF", staff), ("STAFF_MAILBOX", mailbox))])


def test_a_yearly_figure_that_disagrees_with_q4_warns_at_entry(window, small_db, errors):
    _quarters(small_db)
    window.set_context("H1", "2024")
    tab = window.entry_tab
    assert tab.apply("2024", [("STAFF", "X1", 23.0, None)])
    assert "Cảnh báo" in tab.status.text() and "Quý IV/2024" in tab.status.text()
    assert errors == []


def test_the_report_waits_for_a_yes_when_the_year_is_inconsistent(small_db, monkeypatch):
    _quarters(small_db)
    with small_db.session() as session:
        write_values(session, [ValueInput("X1", "STAFF", "2024", 23)])
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, text: asked.append(text) or False)
    assert not consistency.go_ahead(None, small_db, "H1", "2024", "xuất báo cáo")
    assert "108,7 %" in asked[0] and "Vẫn xuất báo cáo?" in asked[0]
    assert consistency.go_ahead(None, small_db, "H1", "2023", "xuất báo cáo")  # nothing to say


def test_a_refused_entry_names_the_unit_and_element_not_their_codes(window, errors):
    tab = window.entry_tab
    assert tab.apply("2024Q1", [("STAFF", "X1", 10.0, None)])
    assert not tab.apply("2024Q1", [("STAFF_MAILBOX", "X1", 12.0, None)])
    assert errors and "Xã Một" in errors[0] and "X1/" not in errors[0]
    assert "STAFF_MAILBOX" not in errors[0]


def test_months_in_the_period_picker(qtbot):
    from desktop.ui.period_picker import PeriodPicker

    picker = PeriodPicker()
    qtbot.addWidget(picker)
    picker.set_code("2025-07")
    assert picker.code() == "2025-07" and picker.part.currentText() == "Tháng 7"
    picker.set_code("2025Q3")
    assert picker.code() == "2025Q3"
    picker.set_code("2025")
    assert picker.code() == "2025"


def test_lists_sort_on_a_header_click(qtbot):
    from PySide6.QtCore import Qt

    from desktop.ui.row_table import Column, RowsModel

    model = RowsModel([Column(lambda: "Tên", lambda r: r[0]),
                       Column(lambda: "Số", lambda r: r[1])],
                      [("Xã Đông", 10), ("Xã An", 9), ("Xã Bình", None)])
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert [r[0] for r in model.rows] == ["Xã An", "Xã Đông", "Xã Bình"]  # numbers as numbers
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert [r[0] for r in model.rows] == ["Xã An", "Xã Bình", "Xã Đông"]  # Vietnamese order
