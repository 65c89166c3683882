"""The entry grid driven from the keyboard: typing, Enter/Tab, paste, errors, undo, locks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit
from sqlalchemy import select

from desktop.data.audit import history
from desktop.data.models import DataValue, DataElement, OrgUnit, Period
from desktop.data.submission import set_state


def stored(database, unit, element, period="2024Q1"):
    with database.session() as session:
        return session.scalar(
            select(DataValue.value).join(OrgUnit, OrgUnit.id == DataValue.unit_id)
            .join(DataElement, DataElement.id == DataValue.element_id)
            .join(Period, Period.id == DataValue.period_id)
            .where(OrgUnit.code == unit, DataElement.code == element, Period.code == period))


def cell(tab, element, unit):
    grid = tab.model.grid
    row = next(i for i, e in enumerate(grid.elements) if e.code == element)
    column = next(i for i, u in enumerate(grid.units) if u.code == unit)
    return tab.model.index(row, column)


def type_into(qtbot, tab, index, text, finish=Qt.Key.Key_Return):
    """Select a cell and type over it as a user would, ending with Enter (or Tab)."""
    tab.view.setFocus()
    tab.view.setCurrentIndex(index)
    qtbot.keyClick(tab.view, text[0])
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, finish)
    qtbot.waitUntil(lambda: tab.view.state() != QAbstractItemView.State.EditingState)


def test_typing_saves_and_enter_moves_down(window, qtbot, errors):
    tab = window.entry_tab
    start = cell(tab, "STAFF", "X1")
    type_into(qtbot, tab, start, "1.234")
    assert stored(window.database, "X1", "STAFF") == 1234
    assert tab.model.data(start) == "1.234"
    assert tab.view.currentIndex().row() == start.row() + 1
    assert tab.view.currentIndex().column() == start.column()
    assert errors == []


def test_tab_moves_right_and_type_over_replaces(window, qtbot):
    tab = window.entry_tab
    start = cell(tab, "STAFF", "X1")
    type_into(qtbot, tab, start, "30", finish=Qt.Key.Key_Tab)
    assert tab.view.currentIndex().column() == start.column() + 1
    type_into(qtbot, tab, start, "45")
    assert stored(window.database, "X1", "STAFF") == 45
    assert [float(row["new"]) for row in _history(window, "X1", "STAFF")] == [30, 45]


def _history(window, unit, element):
    with window.database.session() as session:
        return history(session, "value", f"{unit}/{element}/2024Q1")


def test_paste_block_from_excel(window, qtbot, errors):
    tab = window.entry_tab
    QGuiApplication.clipboard().setText("30\t40\r\n5\t6\r\n")
    tab.view.setFocus()
    tab.view.setCurrentIndex(cell(tab, "STAFF", "X1"))
    qtbot.keyClick(tab.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    second = tab.model.grid.elements[cell(tab, "STAFF", "X1").row() + 1].code
    assert errors == []
    assert stored(window.database, "X1", "STAFF") == 30
    assert stored(window.database, "X2", "STAFF") == 40
    assert stored(window.database, "X1", second) == 5
    assert stored(window.database, "X2", second) == 6
    assert "2×2" in tab.status.text()


def test_copy_gives_tab_separated_block(window, qtbot):
    tab = window.entry_tab
    type_into(qtbot, tab, cell(tab, "STAFF", "X1"), "60")
    type_into(qtbot, tab, cell(tab, "STAFF", "X2"), "1.500")
    tab.view.selectionModel().clearSelection()
    selection = tab.view.selectionModel()
    for unit in ("X1", "X2"):
        selection.select(cell(tab, "STAFF", unit), selection.SelectionFlag.Select)
    qtbot.keyClick(tab.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "60\t1500\n"


def test_numerator_above_denominator_is_refused(window, qtbot, errors):
    tab = window.entry_tab
    type_into(qtbot, tab, cell(tab, "STAFF", "X1"), "10")
    type_into(qtbot, tab, cell(tab, "STAFF_MAILBOX", "X1"), "20")
    assert len(errors) == 1 and "lớn hơn" in errors[0]
    assert stored(window.database, "X1", "STAFF_MAILBOX") is None
    assert tab.model.data(cell(tab, "STAFF_MAILBOX", "X1")) == ""


def test_text_that_is_not_a_number_is_refused(window, qtbot, errors):
    tab = window.entry_tab
    type_into(qtbot, tab, cell(tab, "STAFF", "X1"), "abc")
    assert errors and "không phải là số" in errors[0]
    assert stored(window.database, "X1", "STAFF") is None


def test_undo_and_redo_write_through(window, qtbot):
    tab = window.entry_tab
    type_into(qtbot, tab, cell(tab, "STAFF", "X1"), "12")
    type_into(qtbot, tab, cell(tab, "STAFF", "X1"), "15")
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(window.database, "X1", "STAFF") == 12
    qtbot.keyClick(tab.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(window.database, "X1", "STAFF") is None
    qtbot.keyClick(tab.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert stored(window.database, "X1", "STAFF") == 12
    assert tab.model.data(cell(tab, "STAFF", "X1")) == "12"


def test_delete_clears_selected_cells(window, qtbot):
    tab = window.entry_tab
    type_into(qtbot, tab, cell(tab, "STAFF", "X1"), "12")
    tab.view.setCurrentIndex(cell(tab, "STAFF", "X1"))
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert stored(window.database, "X1", "STAFF") is None


def test_jump_warning_colours_cell_and_status(window, qtbot, errors):
    tab = window.entry_tab
    with window.database.session() as session:
        from desktop.data.values import ValueInput, write_values

        write_values(session, [ValueInput("X1", "STAFF", "2023Q4", 10)])
    window.set_context("H1", "2024Q1")
    type_into(qtbot, tab, cell(tab, "STAFF", "X1"), "100")
    assert errors == []
    assert stored(window.database, "X1", "STAFF") == 100
    assert "Cảnh báo" in tab.status.text()
    assert tab.model.data(cell(tab, "STAFF", "X1"), Qt.ItemDataRole.BackgroundRole) is not None
    assert "kỳ trước" in tab.model.data(cell(tab, "STAFF", "X1"), Qt.ItemDataRole.ToolTipRole)


def test_comment_is_saved_and_shown(window, qtbot, monkeypatch):
    from desktop.ui import dialogs

    tab = window.entry_tab
    type_into(qtbot, tab, cell(tab, "STAFF", "X1"), "12")
    monkeypatch.setattr(dialogs, "ask_text", lambda *a, **k: "Số liệu từ báo cáo giấy")
    index = cell(tab, "STAFF", "X1")
    assert tab.edit_comment(index.row(), index.column())
    assert "Số liệu từ báo cáo giấy" in tab.model.data(index, Qt.ItemDataRole.ToolTipRole)
    with window.database.session() as session:
        assert session.scalar(select(DataValue.comment)) == "Số liệu từ báo cáo giấy"


def test_locked_period_cannot_be_edited(window, qtbot, errors):
    with window.database.session() as session:
        set_state(session, "X1", "2024", "approved")
    window.set_context("H1", "2024Q1")
    tab = window.entry_tab
    index = cell(tab, "STAFF", "X1")
    assert not tab.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    tab.view.setFocus()
    tab.view.setCurrentIndex(index)
    qtbot.keyClick(tab.view, "5")
    assert stored(window.database, "X1", "STAFF") is None
    assert "khóa" in tab.status.text()
    assert tab.banner.isVisibleTo(tab) and "khóa" in tab.banner.text()
    QGuiApplication.clipboard().setText("7\n")
    qtbot.keyClick(tab.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert errors and "khóa" in errors[0]
    assert stored(window.database, "X1", "STAFF") is None


def test_paste_beyond_the_grid_writes_nothing(window, qtbot, errors):
    tab = window.entry_tab
    QGuiApplication.clipboard().setText("1\t2\t3\n")
    tab.view.setFocus()
    tab.view.setCurrentIndex(cell(tab, "STAFF", "X2"))
    qtbot.keyClick(tab.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert errors and "vượt ra ngoài" in errors[0]
    assert stored(window.database, "X2", "STAFF") is None


def test_arrow_keys_move_between_cells(window, qtbot):
    tab = window.entry_tab
    start = cell(tab, "STAFF", "X1")
    tab.view.setFocus()
    tab.view.setCurrentIndex(start)
    qtbot.keyClick(tab.view, Qt.Key.Key_Right)
    qtbot.keyClick(tab.view, Qt.Key.Key_Down)
    assert (tab.view.currentIndex().row(), tab.view.currentIndex().column()) == (
        start.row() + 1, start.column() + 1)
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    assert tab.view.currentIndex().row() == start.row() + 2


def test_yes_no_cells_take_words(window, qtbot):
    tab = window.entry_tab
    window.set_context("H1", "2024")
    type_into(qtbot, tab, cell(tab, "HAS_LAN", "X1"), "co")
    assert stored(window.database, "X1", "HAS_LAN", "2024") == 1


def test_history_of_a_cell(window, qtbot, monkeypatch):
    from desktop.ui.entry import history

    tab = window.entry_tab
    type_into(qtbot, tab, cell(tab, "STAFF", "X1"), "12")
    type_into(qtbot, tab, cell(tab, "STAFF", "X1"), "14")
    shown = []
    monkeypatch.setattr(history, "show_history",
                        lambda parent, title, rows: shown.append((title, rows)))
    index = cell(tab, "STAFF", "X1")
    tab.show_history(index.row(), index.column())
    title, rows = shown[0]
    assert "Xã Một" in title and "Quý I/2024" in title
    assert [(r["action"], r["old"] and float(r["old"]), float(r["new"])) for r in rows] == [
        ("insert", None, 12), ("update", 12, 14)]


def test_a_value_changed_by_another_clerk_is_not_overwritten(window, qtbot, errors):
    """The grid sends the version it showed; a value saved meanwhile elsewhere wins
    and the grid reloads to show it."""
    from desktop.data.values import ValueInput, write_values

    tab = window.entry_tab
    start = cell(tab, "STAFF", "X1")
    type_into(qtbot, tab, start, "30")
    assert stored(window.database, "X1", "STAFF") == 30
    with window.database.session() as session:  # another clerk, another program
        write_values(session, [ValueInput("X1", "STAFF", "2024Q1", 41)], user="Lan")
    type_into(qtbot, tab, start, "35")
    assert stored(window.database, "X1", "STAFF") == 41
    assert errors and "Lan" in errors[0]
    qtbot.waitUntil(lambda: tab.model.data(cell(tab, "STAFF", "X1")) == "41")
    type_into(qtbot, tab, cell(tab, "STAFF", "X1"), "36")  # now it saves
    assert stored(window.database, "X1", "STAFF") == 36
