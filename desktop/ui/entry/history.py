"""The audit trail of one thing (who, when, old, new, reason) as a table and a dialog."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableView, QVBoxLayout, QWidget

from desktop.formats import format_number, parse_number
from desktop.i18n import t
from desktop.ui import dialogs

ACTIONS = {"insert": ("Nhập mới", "Added"), "update": ("Sửa", "Changed"),
           "delete": ("Xóa", "Deleted"), "state": ("Đổi trạng thái", "State change")}


def _number(text: str | None) -> str:
    if text is None:
        return ""
    try:
        value = parse_number(text)
    except ValueError:
        return text
    if value is None:
        return ""
    return format_number(value, 0 if value.is_integer() else 2)


class HistoryModel(QAbstractTableModel):
    """Rows of desktop.data.audit.history, newest first."""

    def __init__(self, rows: list[dict] | None = None):
        super().__init__()
        self.rows = list(reversed(rows or []))

    def load(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self.rows = list(reversed(rows))
        self.endResetModel()

    def headers(self) -> list[str]:
        return [t("Thời điểm", "When"), t("Người sửa", "Who"), t("Thao tác", "Action"),
                t("Giá trị cũ", "Old"), t("Giá trị mới", "New"), t("Lý do", "Reason")]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 6

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.rows[index.row()]
        action = ACTIONS.get(row["action"], (row["action"], row["action"]))
        cells = [row["at"].strftime("%d/%m/%Y %H:%M:%S"), row["user"], t(*action),
                 _number(row["old"]) if row["action"] != "state" else _state(row["old"]),
                 _number(row["new"]) if row["action"] != "state" else _state(row["new"]),
                 row["reason"] or ""]
        return cells[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < 6):
            return self.headers()[section]
        return None


def _state(code: str | None) -> str:
    from desktop.data.submission import STATE_NAMES

    return t(*STATE_NAMES[code]) if code in STATE_NAMES else (code or "")


def show_history(parent: QWidget | None, title: str, rows: list[dict]) -> None:
    """A modal dialog listing the changes (tests patch this function)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(t("Lịch sử thay đổi", "Change history"))
    dialogs.fit_to_screen(dialog, 760, 360)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(title))
    view = QTableView()
    view.setModel(HistoryModel(rows))
    view.horizontalHeader().setStretchLastSection(True)
    view.resizeColumnsToContents()
    layout.addWidget(view)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    dialogs.translate_buttons(buttons)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.exec()
