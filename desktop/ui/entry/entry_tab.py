"""Nhập liệu: the data-entry grid of one period, written cell by cell.

Every edit (typing, Delete, paste, a comment, undo, redo) is one call of
`write_values` in its own transaction: errors (a negative number, a
numerator above its denominator, a locked period) are shown and nothing is
written; jump warnings colour the cell and show in the status line.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QLabel, QMenu, QVBoxLayout, QWidget

from desktop.data.audit import history
from desktop.data.authz import permission
from desktop.data.database import Database
from desktop.data.grid import GridData, grid_data, value_versions
from desktop.data.values import ValueInput, write_values
from desktop.errors import ConflictError, UserError
from desktop.formats import parse_typed
from desktop.i18n import t
from desktop.periods import parse_period
from desktop.ui import dialogs
from desktop.ui.bus import DataBus, announce
from desktop.ui.entry.clipboard import make_block, parse_block
from desktop.ui.entry.entry_model import EntryModel
from desktop.ui.entry.entry_view import EntryView

YES_WORDS = {"có", "co", "yes", "y", "x", "c"}
NO_WORDS = {"không", "khong", "no", "n", "k"}


@dataclass(frozen=True)
class Change:
    element: str
    unit: str
    old: float | None
    new: float | None
    comment: str | None = None


def parse_cell(text: str, kind: str) -> float | None:
    """The number typed into a cell (yes/no also as có/không); UserError if not one."""
    raw = (text or "").strip()
    if kind == "yesno" and raw.casefold() in YES_WORDS | NO_WORDS:
        return 1.0 if raw.casefold() in YES_WORDS else 0.0
    try:  # as the grid shows numbers: 1.234 and 60,5 in Vietnamese, 1,234 and 60.5 in English
        return parse_typed(raw)
    except ValueError:
        raise UserError(t(f"“{raw}” không phải là số (ví dụ: 1.234 hoặc 60,5).",
                          f"“{raw}” is not a number (e.g. 1,234 or 60.5).")) from None


def copy_text(value: float | None) -> str:
    """A value as Excel reads it: no thousands separator, the language's decimal mark."""
    if value is None:
        return ""
    text = str(int(value)) if float(value).is_integer() else repr(float(value))
    return text if t("vi", "en") == "en" else text.replace(".", ",")


class ValueCommand(QUndoCommand):
    """One edit on the undo stack; redo/undo write through the tab."""

    def __init__(self, tab: EntryTab, period: str, changes: list[Change], text: str):
        super().__init__(text)
        self.tab, self.period, self.changes = tab, period, changes
        self.done_once = True  # the first write happened before the push

    def redo(self) -> None:
        if self.done_once:
            self.done_once = False
            return
        if not self.tab.apply(self.period, [(c.element, c.unit, c.new, c.comment)
                                            for c in self.changes]):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self.tab.apply(self.period, [(c.element, c.unit, c.old, None)
                                            for c in self.changes]):
            self.setObsolete(True)


class EntryTab(QWidget):
    message = Signal(str)

    def __init__(self, database: Database, bus: DataBus, parent: QWidget | None = None):
        super().__init__(parent)
        self.database, self.bus = database, bus
        self.unit_code = self.period_code = ""
        self.undo_stack = QUndoStack(self)
        self.model = EntryModel(writer=self.write_texts)
        self.view = EntryView(self)
        self.view.setModel(self.model)
        self.heading, self.banner, self.status = QLabel(), QLabel(), QLabel()
        self.banner.setStyleSheet("color: #7a4b00; background: #fff3cd; padding: 4px;")
        self.banner.setWordWrap(True)
        self.banner.hide()
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.banner, self.view, self.status):
            layout.addWidget(widget)
        self._connect()
        self._add_actions()

    def _connect(self) -> None:
        self.view.clear_requested.connect(self.clear_selection)
        self.view.copy_requested.connect(self.copy_selection)
        self.view.paste_requested.connect(self.paste)
        self.view.blocked_edit.connect(self._explain_blocked)
        self.view.customContextMenuRequested.connect(self._context_menu)

    def _add_actions(self) -> None:
        self.undo_action = self.undo_stack.createUndoAction(self, t("Hoàn tác", "Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, t("Làm lại", "Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

    # --- context ---------------------------------------------------------
    def set_context(self, unit_code: str, period_code: str) -> None:
        self.unit_code, self.period_code = unit_code, period_code
        self.refresh("all")

    def refresh(self, what: str = "all") -> None:
        if not self.unit_code or what not in ("values", "units", "locks", "all"):
            return
        current = self.view.currentIndex()
        with self.database.session() as session:
            data = grid_data(session, self.unit_code, self.period_code)
            self.model.denied = permission(session, "enter_values").reason
        self.model.load(data)
        self._show_heading(data)
        if current.isValid():
            self.view.setCurrentIndex(self.model.index(
                min(current.row(), self.model.rowCount() - 1),
                min(current.column(), self.model.columnCount() - 1)))
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Width from the header's longest line (cheap even for 700 units)."""
        metrics = self.view.horizontalHeader().fontMetrics()
        for column in range(self.model.columnCount()):
            lines = str(self.model.headerData(column, Qt.Orientation.Horizontal)).split("\n")
            width = max(metrics.horizontalAdvance(line) for line in lines) + 28
            self.view.setColumnWidth(column, min(max(width, 70), 140))

    def _show_heading(self, data: GridData) -> None:
        label = parse_period(data.period).label()
        self.heading.setText(t(f"<b>{label}</b> — {len(data.units)} đơn vị, "
                               f"{len(data.elements)} chỉ tiêu dữ liệu",
                               f"<b>{label}</b> — {len(data.units)} units, "
                               f"{len(data.elements)} data elements"))
        locked = [u for u in data.units if u.code in data.locked]
        if locked and len(locked) == len(data.units):
            text = t(f"{label} đã được duyệt (khóa): chỉ xem, không sửa được. "
                     "Mở khóa ở thẻ Duyệt số liệu.",
                     f"{label} is approved (locked): read-only. Unlock it on the Submission tab.")
        elif locked:
            text = t(f"{len(locked)} đơn vị đã được duyệt (khóa) cho {label}: các cột màu xám "
                     "chỉ xem.", f"{len(locked)} units are approved (locked) for {label}: "
                     "grey columns are read-only.")
        else:
            text = ""
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def select_element(self, element_code: str) -> None:
        for row, element in enumerate(self.model.grid.elements):
            if element.code == element_code:
                self.view.setCurrentIndex(self.model.index(row, 0))
                self.view.scrollTo(self.model.index(row, 0))
                return

    # --- writing ---------------------------------------------------------
    def write_texts(self, cells: list[tuple[int, int, str]], label: str = "") -> bool:
        """Parse typed or pasted texts and write them as one undoable edit."""
        try:
            changes = self._changes(cells)
        except UserError as exc:
            return self._fail(exc)
        if not changes:
            return False
        text = label or t("Sửa giá trị", "Edit value")
        if not self.apply(self.period_code, [(c.element, c.unit, c.new, c.comment)
                                             for c in changes]):
            return False
        self.undo_stack.push(ValueCommand(self, self.period_code, changes, text))
        return True

    def _changes(self, cells: list[tuple[int, int, str]]) -> list[Change]:
        changes = []
        for row, column, text in cells:
            element, unit = self.model.grid.elements[row], self.model.grid.units[column]
            if not self.model.editable(row, column):
                raise UserError(self._blocked_text(row, column))
            new = parse_cell(text, element.kind)
            old = self.model.value(row, column)
            if new != old:
                changes.append(Change(element.code, unit.code, old, new,
                                      self.model.comment(row, column) or None))
        return changes

    def apply(self, period: str, cells: list[tuple[str, str, float | None, str | None]]) -> bool:
        """Write (element, unit, value, comment) cells in one transaction; False on error."""
        shown = period == self.period_code  # versions are known for the period on screen
        versions = self.model.grid.versions
        names = {u.code: u.name for u in self.model.grid.units} | {
            e.code: e.name for e in self.model.grid.elements}
        items = [ValueInput(unit, element, period, value, comment or "",
                            where=f"{names.get(unit, unit)}, {names.get(element, element)}",
                            expected_version=versions.get((element, unit), 0) if shown else None)
                 for element, unit, value, comment in cells]
        try:
            with self.database.session() as session:
                result = write_values(session, items)
                written = value_versions(session, period, [(e, u) for e, u, _v, _c in cells])
        except ConflictError as exc:
            self._fail(exc)
            # Show what the other clerk saved, once the editor has closed.
            QTimer.singleShot(0, lambda: self.refresh("values"))
            return False
        except UserError as exc:
            return self._fail(exc)
        if shown:
            for element, unit, _value, _comment in cells:
                versions.pop((element, unit), None)
            versions.update(written)
            self._update_model(cells)
        announce(self.bus, self, "values")
        self._report(result.changed, cells, period)
        return True

    def _update_model(self, cells) -> None:
        rows = {e.code: i for i, e in enumerate(self.model.grid.elements)}
        columns = {u.code: i for i, u in enumerate(self.model.grid.units)}
        for element, unit, value, comment in cells:
            if element in rows and unit in columns:
                self.model.set_value(rows[element], columns[unit], value, comment)

    def _report(self, changed: int, cells, period: str = "") -> None:
        from desktop.ui.entry.consistency import entry_warning

        warnings = [self.model.warnings[(e, u)] for e, u, _v, _c in cells
                    if (e, u) in self.model.warnings]
        across = entry_warning(self.database, {u for _e, u, _v, _c in cells},
                               period or self.period_code)
        warnings += [across] if across else []
        if warnings:
            self._say(t("Cảnh báo: ", "Warning: ") + warnings[0])
        else:
            self._say(t(f"Đã lưu {changed} giá trị.", f"Saved {changed} value(s)."))

    def _fail(self, exc: UserError) -> bool:
        self._say(exc.message)
        dialogs.show_error(self, exc.message, exc.problems)
        return False

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.message.emit(text)

    def _blocked_text(self, row: int, column: int) -> str:
        if self.model.denied:
            return self.model.denied
        unit = self.model.grid.units[column]
        if not self.model.collected(row, column):
            return t(f"“{self.model.grid.elements[row].name}” không thu thập ở cấp của "
                     f"“{unit.name}”.", f"“{self.model.grid.elements[row].name}” is not "
                     f"collected at the level of “{unit.name}”.")
        label = parse_period(self.period_code).label()
        return t(f"{label} của “{unit.name}” đã được duyệt (khóa): không sửa được. "
                 "Mở khóa (kèm lý do) ở thẻ Duyệt số liệu.",
                 f"{label} of “{unit.name}” is approved (locked): read-only. "
                 "Unlock it (with a reason) on the Submission tab.")

    def _explain_blocked(self, index) -> None:
        self._say(self._blocked_text(index.row(), index.column()))

    # --- keyboard commands ----------------------------------------------
    def selected_cells(self) -> list[tuple[int, int]]:
        return sorted({(i.row(), i.column()) for i in self.view.selectedIndexes()})

    def clear_selection(self) -> None:
        cells = [(r, c, "") for r, c in self.selected_cells()
                 if self.model.value(r, c) is not None]
        if cells:
            self.write_texts(cells, t("Xóa giá trị", "Clear values"))

    def copy_selection(self) -> None:
        cells = self.selected_cells()
        if not cells:
            return
        rows = range(min(r for r, _ in cells), max(r for r, _ in cells) + 1)
        columns = range(min(c for _, c in cells), max(c for _, c in cells) + 1)
        block = [[copy_text(self.model.value(r, c)) for c in columns] for r in rows]
        QGuiApplication.clipboard().setText(make_block(block))
        self._say(t(f"Đã chép {len(rows)}×{len(columns)} ô.",
                    f"Copied {len(rows)}×{len(columns)} cells."))

    def paste(self) -> bool | None:
        block = parse_block(QGuiApplication.clipboard().text())
        start = self.view.currentIndex()
        if not block or not start.isValid():
            return
        every = [(start.row() + dr, start.column() + dc, text)
                 for dr, line in enumerate(block) for dc, text in enumerate(line)]
        cells = [(r, c, text) for r, c, text in every
                 if r < self.model.rowCount() and c < self.model.columnCount()]
        if len(cells) < len(every):
            return self._fail(UserError(t(
                f"Khối dán có {len(block)} dòng × {max(map(len, block))} cột, vượt ra ngoài "
                "bảng: chọn ô bắt đầu khác hoặc chép khối nhỏ hơn. Chưa ghi gì.",
                f"The pasted block ({len(block)} rows × {max(map(len, block))} columns) goes "
                "beyond the grid: start elsewhere or copy a smaller block. Nothing written.")))
        if self.write_texts(cells, t("Dán khối ô", "Paste block")):
            last_row = max(r for r, _, _ in cells)
            last_column = max(c for _, c, _ in cells)
            self.view.selectionModel().clearSelection()
            for row, column, _ in cells:
                self.view.selectionModel().select(
                    self.model.index(row, column),
                    self.view.selectionModel().SelectionFlag.Select)
            self._say(t(f"Đã dán {last_row - start.row() + 1}×"
                        f"{last_column - start.column() + 1} ô.",
                        f"Pasted {last_row - start.row() + 1}×"
                        f"{last_column - start.column() + 1} cells."))

    # --- comments and history -------------------------------------------
    def _context_menu(self, position) -> None:
        index = self.view.indexAt(position)
        if not index.isValid():
            return
        menu = QMenu(self)
        comment = QAction(t("Ghi chú…", "Comment…"), menu)
        comment.setEnabled(self.model.editable(index.row(), index.column())
                           and self.model.value(index.row(), index.column()) is not None)
        comment.triggered.connect(lambda: self.edit_comment(index.row(), index.column()))
        trail = QAction(t("Lịch sử thay đổi…", "Change history…"), menu)
        trail.triggered.connect(lambda: self.show_history(index.row(), index.column()))
        menu.addActions([comment, trail])
        menu.exec(self.view.viewport().mapToGlobal(position))

    def edit_comment(self, row: int, column: int) -> bool:
        value = self.model.value(row, column)
        if value is None or not self.model.editable(row, column):
            return False
        text = dialogs.ask_text(self, t("Ghi chú cho giá trị này:", "Comment on this value:"),
                                self.model.comment(row, column))
        if text is None or not text.strip():
            return False
        element, unit = self.model.key(row, column)
        return self.apply(self.period_code, [(element, unit, value, text.strip())])

    def history_rows(self, row: int, column: int) -> list[dict]:
        element, unit = self.model.key(row, column)
        with self.database.session() as session:
            return history(session, "value", f"{unit}/{element}/{self.period_code}")

    def show_history(self, row: int, column: int) -> None:
        from desktop.ui.entry.history import show_history

        element, unit = self.model.grid.elements[row], self.model.grid.units[column]
        show_history(self, f"{element.name} — {unit.name} — "
                     f"{parse_period(self.period_code).label()}", self.history_rows(row, column))
