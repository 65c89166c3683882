"""Duyệt số liệu: mark units' reports submitted, approve (lock) them, unlock with a
reason; and the audit trail of one value (who, when, old, new)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.data.audit import history
from desktop.data.authz import permission
from desktop.data.database import Database
from desktop.data.grid import SubmissionRow, submission_rows
from desktop.data.queries import elements
from desktop.data.submission import set_state, state_name
from desktop.errors import UserError
from desktop.i18n import t
from desktop.periods import parse_period
from desktop.ui import dialogs
from desktop.ui.bus import DataBus, announce
from desktop.ui.entry.history import HistoryModel

STATE_COLOURS = {"draft": None, "submitted": "#bbdefb", "approved": "#c8e6c9"}
Index = QModelIndex | QPersistentModelIndex


class SubmissionModel(QAbstractTableModel):
    def __init__(self, rows: list[SubmissionRow] | None = None):
        super().__init__()
        self.rows = rows or []

    def load(self, rows: list[SubmissionRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def headers(self) -> list[str]:
        return [t("Đơn vị", "Unit"), t("Mã", "Code"), t("Trạng thái", "State"),
                t("Người đổi", "Changed by"), t("Thời điểm", "When"), t("Lý do", "Reason")]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 6

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            state = state_name(row.state)
            if row.locked and row.state != "approved":
                state = t(f"{state} — khóa theo năm", f"{state} — locked by its year")
            when = row.changed_at.strftime("%d/%m/%Y %H:%M") if row.changed_at else ""
            return [row.name, row.code, state, row.changed_by, when, row.reason][index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 2:
            colour = STATE_COLOURS["approved" if row.locked else row.state]
            return QBrush(QColor(colour)) if colour else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < 6):
            return self.headers()[section]
        return None


class SubmissionTab(QWidget):
    def __init__(self, database: Database, bus: DataBus, parent: QWidget | None = None):
        super().__init__(parent)
        self.database, self.bus = database, bus
        self.unit_code = self.period_code = ""
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.model = SubmissionModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.verticalHeader().hide()
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.load_history())
        buttons = QHBoxLayout()
        self.action_buttons: list[tuple[str, QPushButton]] = []  # (authz action, button)
        for label, slot, action in (
                (t("Đánh dấu đã gửi", "Mark submitted"), self.submit, "submit"),
                (t("Duyệt (khóa)", "Approve (lock)"), self.approve, "approve"),
                (t("Mở khóa…", "Unlock…"), self.unlock, "unlock"),
                (t("Trả về đang nhập", "Back to draft"), self.to_draft, "submit")):
            button = QPushButton(label)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.action_buttons.append((action, button))
        buttons.addStretch(1)
        self.element_box = dialogs.compact_combo(QComboBox())
        self.element_box.currentIndexChanged.connect(lambda _i: self.load_history())
        self.history_label = QLabel()
        self.history_model = HistoryModel()
        self.history_view = QTableView()
        self.history_view.setModel(self.history_model)
        self.history_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history_view.horizontalHeader().setStretchLastSection(True)
        self._layout(buttons)

    def _layout(self, buttons) -> None:
        top, bottom = QWidget(), QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.addWidget(self.heading)
        top_layout.addLayout(buttons)
        top_layout.addWidget(self.view)
        bottom_layout = QVBoxLayout(bottom)
        pick = QHBoxLayout()
        pick.addWidget(QLabel(t("Lịch sử thay đổi của chỉ tiêu:", "Change history of element:")))
        pick.addWidget(self.element_box, 1)
        bottom_layout.addLayout(pick)
        bottom_layout.addWidget(self.history_label)
        bottom_layout.addWidget(self.history_view)
        splitter = QSplitter()
        splitter.setOrientation(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)  # the units to approve first; a history is short
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def set_context(self, unit_code: str, period_code: str) -> None:
        self.unit_code, self.period_code = unit_code, period_code
        self.refresh("all")

    def refresh(self, what: str = "all") -> None:
        if not self.unit_code:
            return
        current = self.view.currentIndex().row()
        with self.database.session() as session:
            rows = submission_rows(session, self.unit_code, self.period_code)
            allowed = {action: permission(session, action) for action, _ in self.action_buttons}
            if self.element_box.count() == 0:
                for element in elements(session):
                    self.element_box.addItem(element["name"], element["code"])
        self.model.load(rows)
        for action, button in self.action_buttons:  # who may: desktop.data.authz
            button.setEnabled(allowed[action].allowed)
            button.setToolTip(allowed[action].reason)
        self.view.resizeColumnsToContents()
        self.heading.setText(t(f"<b>{parse_period(self.period_code).label()}</b>: trạng thái "
                               "báo cáo của từng đơn vị. Duyệt là khóa số liệu; mở khóa cần lý do.",
                               f"<b>{parse_period(self.period_code).label()}</b>: each unit's "
                               "report state. Approving locks the values; unlocking needs a reason."))
        if rows:
            self.view.selectRow(min(max(current, 0), len(rows) - 1))
        self.load_history()

    def selected(self) -> SubmissionRow | None:
        index = self.view.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def load_history(self) -> None:
        unit, element = self.selected(), self.element_box.currentData()
        if unit is None or not element:
            self.history_model.load([])
            return
        key = f"{unit.code}/{element}/{parse_period(self.period_code).code}"
        with self.database.session() as session:
            rows = history(session, "value", key)
        self.history_model.load(rows)
        self.history_label.setText(t(f"{unit.name} — {len(rows)} lần thay đổi.",
                                     f"{unit.name} — {len(rows)} {'change' if len(rows) == 1 else 'changes'}."))

    def _set(self, state: str, reason: str = "") -> bool:
        unit = self.selected()
        if unit is None:
            return False
        try:
            with self.database.session() as session:
                set_state(session, unit.code, self.period_code, state, reason)
        except UserError as exc:
            dialogs.show_error(self, exc.message, exc.problems)
            return False
        announce(self.bus, self, "locks")
        self.refresh("locks")
        return True

    def submit(self) -> bool:
        return self._set("submitted")

    def approve(self) -> bool:
        return self._set("approved")

    def to_draft(self) -> bool:
        unit = self.selected()
        if unit is not None and unit.state == "approved":
            return self.unlock()
        return self._set("draft")

    def unlock(self) -> bool:
        unit = self.selected()
        if unit is None or unit.state != "approved":
            if unit is not None and unit.locked:
                dialogs.show_error(self, t("Kỳ này bị khóa vì cả năm đã được duyệt: mở khóa năm.",
                                           "This period is locked because its year is approved: "
                                           "unlock the year."))
            return False
        reason = dialogs.ask_text(self, t("Lý do mở khóa (bắt buộc):", "Reason for unlocking "
                                          "(required):"))
        if reason is None:
            return False
        return self._set("draft", reason)
