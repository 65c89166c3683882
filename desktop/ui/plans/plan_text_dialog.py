"""Nhập kế hoạch từ văn bản: paste a plan's text (or open a .txt, .docx, .pdf),
review every proposed target beside the highlighted text, accept, edit or
reject each, choose its indicator from the catalogue or a new one, and save
the plan with its targets (desktop.data.plan_from_text, audited)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.data.database import Database
from desktop.data.models import COMPARATORS, TARGET_LEVELS
from desktop.data.plan_from_text import proposal_row, save_plan_from_text
from desktop.data.queries import indicator_names
from desktop.data.units import level_name
from desktop.engine.targets import comparator_name
from desktop.errors import UserError
from desktop.formats import format_plain, parse_typed
from desktop.i18n import t
from desktop.plantext.catalogue import catalogue_from_session
from desktop.plantext.clean import fold
from desktop.plantext.extract import TICK_THRESHOLD, Extraction, Proposal, extract_plan
from desktop.plantext.readers import read_plan_file
from desktop.ui import dialogs

COLUMNS = ("ok", "indicator", "year", "level", "comparator", "value", "unit", "confidence",
           "quote")
NEW = "__new__"


def _level_names() -> dict:
    return {level: level_name(level) for level in TARGET_LEVELS}


def _comparator_names() -> dict:
    return {comparator: comparator_name(comparator) for comparator in COMPARATORS}


class PlanTextDialog(QDialog):
    def __init__(self, database: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.database = database
        self.setWindowTitle(t("Nhập kế hoạch từ văn bản", "Import a plan from its text"))
        self.result_: Extraction | None = None
        with database.session() as session:
            self.catalogue = catalogue_from_session(session)  # matched in Vietnamese
            self.shown_names = indicator_names(session)  # shown in the current language
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(t("Dán toàn văn kế hoạch vào đây, hoặc mở tệp .txt, .docx, "
                                       ".pdf…", "Paste the plan's full text here, or open a "
                                       ".txt, .docx or .pdf file…"))
        open_button = QPushButton(t("Mở tệp…", "Open file…"))
        open_button.clicked.connect(self.open_file)
        read_button = QPushButton(t("Đọc chỉ tiêu", "Find targets"))
        read_button.clicked.connect(self.read_text)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([
            "", t("Chỉ số", "Indicator"), t("Năm", "Year"), t("Cấp", "Level"),
            t("So sánh", "Comparator"), t("Giá trị", "Value"), t("Đơn vị", "Unit"),
            t("Tin cậy", "Confidence"), t("Câu trong văn bản", "Clause of the text")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.currentCellChanged.connect(lambda row, *_: self.show_quote(row))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(8, QHeaderView.ResizeMode.Stretch)
        self.code, self.title = QLineEdit(), QLineEdit()
        self.issuer, self.decision = QLineEdit(), QLineEdit()
        self.year_from, self.year_to = QLineEdit(), QLineEdit()
        self.summary = QLabel()
        self._layout(open_button, read_button)

    def _layout(self, open_button: QPushButton, read_button: QPushButton) -> None:
        left = QWidget()
        left_box = QVBoxLayout(left)
        row = QHBoxLayout()
        row.addWidget(open_button)
        row.addWidget(read_button)
        row.addStretch(1)
        left_box.addLayout(row)
        left_box.addWidget(self.text)
        right = QWidget()
        right_box = QVBoxLayout(right)
        form = QFormLayout()
        form.addRow(t("Mã kế hoạch", "Plan code"), self.code)
        form.addRow(t("Tên kế hoạch", "Title"), self.title)
        form.addRow(t("Cơ quan ban hành", "Issuer"), self.issuer)
        form.addRow(t("Số văn bản", "Number"), self.decision)
        years = QHBoxLayout()
        years.addWidget(self.year_from)
        years.addWidget(QLabel("–"))
        years.addWidget(self.year_to)
        form.addRow(t("Từ năm – đến năm", "Years"), years)
        right_box.addLayout(form)
        right_box.addWidget(self.summary)
        right_box.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([420, 900])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        dialogs.translate_buttons(buttons)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        dialogs.fit_to_screen(self, 1300, 720)

    def ask_open_file(self) -> str | None:
        return dialogs.ask_open_file(self, t("Mở văn bản kế hoạch", "Open the plan's text"),
                                     t("Văn bản (*.txt *.docx *.pdf)", "Text (*.txt *.docx *.pdf)"))

    def open_file(self) -> None:
        name = self.ask_open_file()
        if not name:
            return
        try:
            self.text.setPlainText(read_plan_file(Path(name)))
        except UserError as exc:
            dialogs.show_error(self, exc.message)
            return
        self.read_text()

    def read_text(self) -> None:
        result = extract_plan(self.text.toPlainText(), self.catalogue)
        self.result_ = result
        self.text.setPlainText(result.text)
        plan = result.plan
        if not self.code.text().strip():
            self.code.setText(_proposed_code(plan))
        self.title.setText(plan["title"])
        self.issuer.setText(plan["issuer"])
        self.decision.setText(plan["number"])
        self.year_from.setText(str(plan["year_from"] or ""))
        self.year_to.setText(str(plan["year_to"] or ""))
        self.fill(result.targets)
        ticked = sum(p.confidence >= TICK_THRESHOLD for p in result.targets)
        self.summary.setText(t(
            f"{len(result.targets)} chỉ tiêu đề xuất; {ticked} được chọn sẵn (độ tin cậy từ "
            f"{format_plain(TICK_THRESHOLD)}). Bỏ chọn để loại, sửa trực tiếp trong bảng.",
            f"{len(result.targets)} proposed targets; {ticked} ticked (confidence from "
            f"{format_plain(TICK_THRESHOLD)}). Untick to reject, edit in the table."))
        self.highlight_all()

    def fill(self, proposals: list[Proposal]) -> None:
        self.table.setRowCount(len(proposals))
        for row, p in enumerate(proposals):
            tick = QTableWidgetItem()
            tick.setCheckState(Qt.CheckState.Checked if p.confidence >= TICK_THRESHOLD
                               else Qt.CheckState.Unchecked)
            self.table.setItem(row, 0, tick)
            self.table.setCellWidget(row, 1, self._indicator_box(p))
            self.table.setItem(row, 2, QTableWidgetItem(str(p.year)))
            level = p.level or (self.result_.plan["level"] if self.result_ else "tinh")
            self.table.setCellWidget(row, 3, self._choice(TARGET_LEVELS, level,
                                                          _level_names()))
            self.table.setCellWidget(row, 4, self._choice(COMPARATORS, p.comparator,
                                                          _comparator_names()))
            self.table.setItem(row, 5, QTableWidgetItem(_value_text(p)))
            for column, text in ((6, p.unit), (7, format_plain(p.confidence)), (8, p.quote)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)

    def _indicator_box(self, p: Proposal) -> QComboBox:
        box = QComboBox()
        box.addItem(t(f"Chỉ số mới: {p.indicator_name}", f"New indicator: {p.indicator_name}"),
                    NEW)
        for candidate in self.catalogue:
            box.addItem(self.shown_names.get(candidate.code, candidate.name), candidate.code)
        box.setCurrentIndex(max(box.findData(p.indicator), 0) if p.indicator else 0)
        box.setMaximumWidth(280)
        return box

    @staticmethod
    def _choice(values: tuple[str, ...], current: str, names: dict) -> QComboBox:
        box = QComboBox()
        for value in values:
            box.addItem(names.get(value, value), value)
        box.setCurrentIndex(max(box.findData(current), 0))
        return box

    def highlight_all(self) -> None:
        selections = []
        for p in self.result_.targets if self.result_ else []:
            selection = QTextEdit.ExtraSelection()
            selection.format = QTextCharFormat()
            selection.format.setBackground(QColor("#fff2a8"))
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(p.start)
            cursor.setPosition(p.end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selections.append(selection)
        self.text.setExtraSelections(selections)

    def show_quote(self, row: int) -> None:
        if not self.result_ or not 0 <= row < len(self.result_.targets):
            return
        p = self.result_.targets[row]
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(p.start)
        cursor.setPosition(p.end, QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.centerCursor()

    def accepted_rows(self) -> list[dict]:
        rows = []
        for row, p in enumerate(self.result_.targets if self.result_ else []):
            if self.table.item(row, 0).checkState() != Qt.CheckState.Checked:
                continue
            indicator = self.table.cellWidget(row, 1).currentData()
            comparator = self.table.cellWidget(row, 4).currentData()
            value, low, high = _parse_value(self.table.item(row, 5).text(), comparator, row)
            rows.append({**proposal_row(p, "tinh"),
                         "indicator": None if indicator == NEW else indicator,
                         "year": _year(self.table.item(row, 2).text(), row),
                         "level": self.table.cellWidget(row, 3).currentData(),
                         "comparator": comparator, "value": value, "min_value": low,
                         "max_value": high})
        return rows

    def plan_fields(self) -> dict:
        return {"code": self.code.text().strip(), "title": self.title.text().strip(),
                "issuer": self.issuer.text().strip(), "decision": self.decision.text().strip(),
                "year_from": _year(self.year_from.text(), None),
                "year_to": _year(self.year_to.text(), None),
                "decision_date": _day(self.result_.plan["date"] if self.result_ else None),
                "province": self.result_.plan["province"] if self.result_ else "",
                "source_text": self.text.toPlainText()}

    def save(self) -> None:
        try:
            plan, rows = self.plan_fields(), self.accepted_rows()
            if not rows:
                raise UserError(t("Chưa chọn chỉ tiêu nào để lưu.", "No target is ticked."))
            with self.database.session() as session:
                save_plan_from_text(session, plan, rows)
        except UserError as exc:
            dialogs.show_error(self, exc.message, exc.problems)
            return
        self.saved_code = plan["code"]
        self.accept()


def _day(text: str | None):
    return dt.date.fromisoformat(text) if text else None


def _proposed_code(plan: dict) -> str:
    """"BS-2026" for a plan of Bình Sơn from 2026; "KH-2026" without a province."""
    words = fold(plan.get("province") or "").upper().split()
    initials = "".join(word[0] for word in words) or "KH"
    return f"{initials}-{plan.get('year_from') or ''}".rstrip("-")


def _value_text(p: Proposal) -> str:
    if p.comparator == "between":
        return f"{format_plain(p.min)}–{format_plain(p.max)}"
    return "" if p.value is None else format_plain(p.value)


def _row_name(row: int | None) -> str:
    return "" if row is None else t(f" (dòng {row + 1})", f" (row {row + 1})")


def _year(text: str, row: int | None) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise UserError(t(f"Năm “{text}” không hợp lệ{_row_name(row)}.",
                          f"Invalid year “{text}”{_row_name(row)}.")) from None


def _parse_value(text: str, comparator: str, row: int):
    try:
        if comparator == "between":
            low, high = (parse_typed(part) for part in text.replace("–", "-").split("-", 1))
            return None, low, high
        return (parse_typed(text) if text.strip() else None), None, None
    except ValueError:
        raise UserError(t(f"Giá trị “{text}” không hợp lệ{_row_name(row)}.",
                          f"Invalid value “{text}”{_row_name(row)}.")) from None
