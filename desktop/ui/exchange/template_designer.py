"""Báo cáo → Thiết kế mẫu…: make a report template from the province's form by clicking.

The form's sheets are drawn as a grid with their merged cells, bold and
italic text, fills, widths and heights. The user clicks a cell, picks what
goes there from a list (office, period, date, an indicator's value, target,
status…, or "this row repeats per unit / per indicator"), sees the tag the
designer writes, and in the second tab the report the template gives from
the database, refreshed after each change. Saving writes only the changed
cells (desktop.reports.designer.Draft); typed tags keep working.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabBar,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.data.database import Database
from desktop.errors import UserError
from desktop.i18n import t
from desktop.reports.designer import Choice, Draft, Grid, choices, read_grid
from desktop.ui import dialogs

TAG_BACKGROUND = QColor("#fff4c2")
TEMPLATE_FILTER = "Excel (*.xlsx *.xlsm)"


def letters(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def show_grid(table: QTableWidget, grid: Grid) -> None:
    """Draw a Grid into a table: texts, fonts, fills, merged cells, sizes."""
    table.clear()
    table.clearSpans()
    table.setRowCount(grid.rows)
    table.setColumnCount(grid.columns)
    table.setHorizontalHeaderLabels([letters(c) for c in range(1, grid.columns + 1)])
    for (row, column), cell in grid.cells.items():
        item = QTableWidgetItem(cell.text)
        if cell.bold or cell.italic:
            font = QFont(item.font())
            font.setBold(cell.bold)
            font.setItalic(cell.italic)
            item.setFont(font)
        if cell.fill and cell.fill != "000000":
            item.setBackground(QColor("#" + cell.fill))
        if cell.align in ("center", "centerContinuous"):
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        if "{{" in cell.text:
            item.setBackground(TAG_BACKGROUND)
        table.setItem(row - 1, column - 1, item)
        if cell.span != (1, 1):
            table.setSpan(row - 1, column - 1, *cell.span)
    for column in range(1, grid.columns + 1):
        table.setColumnWidth(column - 1, int(grid.widths.get(column, 9) * 7 + 6))
    for row, height in grid.heights.items():
        if row <= grid.rows:
            table.setRowHeight(row - 1, max(18, int(height * 1.33)))


class TemplateDesigner(QDialog):
    """Open a form, click cells, choose what goes in them, preview, save the template."""

    def __init__(self, database: Database, unit_code: str, period_code: str,
                 parent: QWidget | None = None, path: Path | None = None):
        super().__init__(parent)
        self.database, self.unit_code, self.period_code = database, unit_code, period_code
        self.draft: Draft | None = None
        self.preview_folder: Path | None = None
        self.setWindowTitle(t("Thiết kế mẫu báo cáo", "Design a report template"))
        dialogs.fit_to_screen(self, 1300, 700)
        self._build()
        if path is not None:
            self.load(Path(path))

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        open_button = QPushButton(t("Mở biểu mẫu của tỉnh…", "Open the province's form…"))
        open_button.clicked.connect(self._choose_file)
        self.save_button = QPushButton(t("Lưu mẫu…", "Save the template…"))
        self.save_button.clicked.connect(self._save)
        self.file_label = QLabel(t("Chưa mở tệp nào.", "No file open."))
        bar.addWidget(open_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.file_label, 1)
        layout.addLayout(bar)
        body = QHBoxLayout()
        body.addWidget(self._build_sheets(), 1)
        body.addWidget(self._build_panel())
        layout.addLayout(body, 1)

    def _build_sheets(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.sheet_tabs = QTabBar()  # the sheets, under the grid as in Excel
        self.sheet_tabs.setExpanding(False)
        self.sheet_tabs.setShape(QTabBar.Shape.RoundedSouth)
        self.sheet_tabs.currentChanged.connect(lambda _index: self._show_sheet())
        self.views = QTabWidget()
        self.grid = QTableWidget()
        self.grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.grid.currentCellChanged.connect(lambda *_: self._cell_chosen())
        self.preview = QTableWidget()
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.views.addTab(self.grid, t("Mẫu (thẻ)", "Template (tags)"))
        self.views.addTab(self.preview, t("Xem trước với số liệu", "Preview with the data"))
        self.views.currentChanged.connect(lambda _index: self._refresh_preview())
        column.addWidget(self.views, 1)
        column.addWidget(self.sheet_tabs)
        return box

    def _build_panel(self) -> QWidget:
        panel = QWidget()
        panel.setFixedWidth(400)
        column = QVBoxLayout(panel)
        self.cell_label = QLabel(t("Chọn một ô trong biểu.", "Click a cell of the form."))
        self.cell_label.setStyleSheet("font-weight: bold;")
        column.addWidget(self.cell_label)
        column.addWidget(QLabel(t("Ô này hiển thị:", "This cell shows:")))
        self.choice_list = QListWidget()
        for choice in choices():
            item = QListWidgetItem(choice.label)
            item.setData(Qt.ItemDataRole.UserRole, choice)
            self.choice_list.addItem(item)
        self.choice_list.currentItemChanged.connect(lambda *_: self._choice_changed())
        column.addWidget(self.choice_list, 1)
        column.addWidget(QLabel(t("Chỉ tiêu:", "Indicator:")))
        self.indicator = QComboBox()
        self._fill_indicators()
        column.addWidget(self.indicator)
        buttons = QHBoxLayout()
        self.place_button = QPushButton(t("Đặt vào ô", "Put in the cell"))
        self.place_button.clicked.connect(self.place_choice)
        self.clear_button = QPushButton(t("Xóa nội dung ô", "Clear the cell"))
        self.clear_button.clicked.connect(self.clear_cell)
        buttons.addWidget(self.place_button)
        buttons.addWidget(self.clear_button)
        column.addLayout(buttons)
        column.addWidget(QLabel(t("Thẻ ghi trong ô:", "Tag written in the cell:")))
        self.tag_text = QLineEdit()
        self.tag_text.setReadOnly(True)
        column.addWidget(self.tag_text)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b00020;")
        column.addWidget(self.problems)
        self._choice_changed()
        return panel

    def _fill_indicators(self) -> None:
        from desktop.data.queries import indicators

        with self.database.session() as session:
            for row in indicators(session):
                self.indicator.addItem(row["name"], row["code"])

    # --- file ---------------------------------------------------------------------------

    def _choose_file(self) -> None:
        path = dialogs.ask_open_file(self, t("Mở biểu mẫu của tỉnh", "Open the province's form"),
                                     TEMPLATE_FILTER)
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        try:
            self.draft = Draft(path)
        except UserError as exc:
            dialogs.show_error(self, exc.message, exc.problems)
            return
        self.file_label.setText(str(path))
        self.sheet_tabs.blockSignals(True)
        while self.sheet_tabs.count():
            self.sheet_tabs.removeTab(0)
        for title in self.draft.sheets:
            self.sheet_tabs.addTab(title)
        self.sheet_tabs.blockSignals(False)
        self._show_sheet()

    def _save(self) -> Path | None:
        if self.draft is None:
            return None
        suggested = str(self.draft.path.with_name(self.draft.path.stem + "-mau" + self.draft.path.suffix))
        path = dialogs.ask_save_file(self, t("Lưu mẫu báo cáo", "Save the report template"), suggested,
                                     TEMPLATE_FILTER)
        if not path:
            return None
        return self.save_to(Path(path))

    def save_to(self, path: Path) -> Path | None:
        try:
            return self.draft.save(path)
        except UserError as exc:
            dialogs.show_error(self, exc.message, exc.problems)
            return None

    # --- cells --------------------------------------------------------------------------

    @property
    def sheet(self) -> str | None:
        index = self.sheet_tabs.currentIndex()
        return self.sheet_tabs.tabText(index) if index >= 0 else None

    def _show_sheet(self) -> None:
        if self.draft is None or self.sheet is None:
            return
        try:
            with_edits = self.draft.save(self._scratch() / ("draft" + self.draft.path.suffix))
            show_grid(self.grid, read_grid(with_edits, self.sheet))
        except UserError as exc:
            dialogs.show_error(self, exc.message, exc.problems)
            return
        self._refresh_preview()

    def _scratch(self) -> Path:
        import tempfile

        if self.preview_folder is None:
            self.preview_folder = Path(tempfile.mkdtemp(prefix="itplan-designer-"))
        return self.preview_folder

    def _cell_chosen(self) -> None:
        row, column = self.grid.currentRow(), self.grid.currentColumn()
        if self.draft is None or row < 0 or column < 0:
            return
        self.cell_label.setText(t(f"Ô đang chọn: {letters(column + 1)}{row + 1}",
                                  f"Cell: {letters(column + 1)}{row + 1}"))
        text = self.draft.text(self.sheet, row + 1, column + 1)
        self.tag_text.setText("" if text is None else str(text))

    def _choice_changed(self) -> None:
        choice = self._choice()
        self.indicator.setEnabled(bool(choice and choice.needs_code))

    def _choice(self) -> Choice | None:
        item = self.choice_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def choose(self, key: str, indicator: str | None = None) -> None:
        """Select a choice (and an indicator) as a click in the list would."""
        for index in range(self.choice_list.count()):
            if self.choice_list.item(index).data(Qt.ItemDataRole.UserRole).key == key:
                self.choice_list.setCurrentRow(index)
        if indicator:
            self.indicator.setCurrentIndex(self.indicator.findData(indicator))

    def place_choice(self) -> None:
        choice, row, column = self._choice(), self.grid.currentRow(), self.grid.currentColumn()
        if self.draft is None or choice is None or row < 0 or column < 0:
            return
        code = self.indicator.currentData() if choice.needs_code else None
        text = self.draft.place(self.sheet, row + 1, column + 1, choice, code)
        self.tag_text.setText(text)
        self._changed(row, column)

    def clear_cell(self) -> None:
        row, column = self.grid.currentRow(), self.grid.currentColumn()
        if self.draft is None or row < 0 or column < 0:
            return
        self.draft.clear(self.sheet, row + 1, column + 1)
        self.tag_text.clear()
        self._changed(row, column)

    def _changed(self, row: int, column: int) -> None:
        self._show_sheet()
        self.grid.setCurrentCell(row, column)
        problems = self.draft.check()
        self.problems.setText("\n".join(problems[:5]))

    # --- preview ------------------------------------------------------------------------

    def _refresh_preview(self) -> None:
        if self.draft is None or self.views.currentWidget() is not self.preview:
            return
        try:
            with self.database.session() as session:
                report = self.draft.preview(session, self.unit_code, self.period_code)
        except UserError as exc:
            self.preview.clear()
            self.preview.setRowCount(1)
            self.preview.setColumnCount(1)
            self.preview.setItem(0, 0, QTableWidgetItem(exc.message))
            self.preview.setColumnWidth(0, 800)
            return
        try:
            show_grid(self.preview, read_grid(report, self.sheet))
        finally:
            shutil.rmtree(report.parent, ignore_errors=True)

    def done(self, result: int) -> None:
        if self.preview_folder is not None:
            shutil.rmtree(self.preview_folder, ignore_errors=True)
        super().done(result)
