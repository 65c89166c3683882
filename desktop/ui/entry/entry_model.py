"""The entry grid's Qt model: data elements (rows) × units (columns) over plain GridData.

The model never writes: `setData` hands the change to the `writer` callback
(the entry tab, which writes through `write_values` and its undo stack) and
the tab then updates the model with `set_value`.
"""

from __future__ import annotations

import textwrap
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.data.grid import GridData
from desktop.engine.validation import ElementInfo, check_jump
from desktop.formats import format_number
from desktop.i18n import t

LOCKED_BRUSH = QBrush(QColor("#e4e4e4"))
NOT_COLLECTED_BRUSH = QBrush(QColor("#f2f2f2"))
WARNING_BRUSH = QBrush(QColor("#ffe8a8"))
DERIVED_BRUSH = QBrush(QColor("#6d6d6d"))

Index = QModelIndex | QPersistentModelIndex
COMMENT_ROLE = Qt.ItemDataRole.UserRole + 10  # True where a cell has a comment (a marker)


class EntryModel(QAbstractTableModel):
    """Values of one period; the cell (row, column) is (element, unit)."""

    def __init__(self, data: GridData | None = None,
                 writer: Callable[[list[tuple[int, int, str]]], bool] | None = None):
        super().__init__()
        self.grid = data or GridData("", [], [])
        self.writer = writer
        self.warnings: dict[tuple[str, str], str] = {}
        self._check_all_jumps()

    def load(self, data: GridData) -> None:
        self.beginResetModel()
        self.grid = data
        self._check_all_jumps()
        self.endResetModel()

    # --- what a cell is -------------------------------------------------
    def key(self, row: int, column: int) -> tuple[str, str]:
        return self.grid.elements[row].code, self.grid.units[column].code

    def collected(self, row: int, column: int) -> bool:
        return self.grid.units[column].level in self.grid.elements[row].levels

    def is_locked(self, column: int) -> bool:
        return self.grid.units[column].code in self.grid.locked

    denied = ""  # why the signed-in user may not enter values (desktop.data.authz); "" if they may

    def editable(self, row: int, column: int) -> bool:
        return not self.denied and self.collected(row, column) and not self.is_locked(column)

    def value(self, row: int, column: int) -> float | None:
        return self.grid.values.get(self.key(row, column))

    def derived(self, row: int, column: int) -> float | None:
        """A year's value built from its quarters, shown where none was entered."""
        key = self.key(row, column)
        return None if key in self.grid.values else self.grid.derived.get(key)

    def comment(self, row: int, column: int) -> str:
        return self.grid.comments.get(self.key(row, column), "")

    def text(self, row: int, column: int) -> str:
        value = self.value(row, column)
        return self._shown(value, row)

    def _shown(self, value: float | None, row: int) -> str:
        """Yes/no as Có/Không, numbers in the language's format."""
        if self.grid.elements[row].kind == "yesno" and value in (0, 1):
            return t("Có", "Yes") if value == 1 else t("Không", "No")
        return format_number(value, self._decimals(value, row))

    def _decimals(self, value: float | None, row: int) -> int:
        decimals = self.grid.elements[row].decimals
        if value is not None and not float(value).is_integer():
            decimals = max(decimals, 1 if round(value, 1) == value else 2)
        return decimals

    # --- Qt model API ---------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.grid.elements)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.grid.units)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.EditRole:
            return self.text(row, column)
        derived = self.derived(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            if derived is not None:
                return self._shown(derived, row)
            return self.text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and derived is not None:
            return DERIVED_BRUSH
        if role == Qt.ItemDataRole.FontRole and derived is not None:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == COMMENT_ROLE:
            return bool(self.comment(row, column))
        return None

    def _background(self, row: int, column: int) -> QBrush | None:
        if not self.collected(row, column):
            return NOT_COLLECTED_BRUSH
        if self.is_locked(column):
            return LOCKED_BRUSH
        if self.key(row, column) in self.warnings:
            return WARNING_BRUSH
        return None

    def _tooltip(self, row: int, column: int) -> str | None:
        parts = [self.denied] if self.denied else []
        if not self.collected(row, column):
            parts.append(t("Chỉ tiêu này không thu thập ở cấp của đơn vị.",
                           "This element is not collected at this unit's level."))
        elif self.is_locked(column):
            parts.append(t("Kỳ này đã được duyệt (khóa): không sửa được.",
                           "This period is approved (locked): read-only."))
        if self.derived(row, column) is not None:
            parts.append(t("Tính từ các quý/tháng (chưa nhập số cả năm).",
                           "Built from the quarters/months (no yearly value entered)."))
        if comment := self.comment(row, column):
            parts.append(t(f"Ghi chú: {comment}", f"Comment: {comment}"))
        if warning := self.warnings.get(self.key(row, column)):
            parts.append(warning)
        return "\n".join(parts) or None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.grid.units):
                return None
            unit = self.grid.units[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return unit.name
            return self._headers[section]
        if not 0 <= section < len(self.grid.elements):
            return None
        element = self.grid.elements[section]
        # The unit where it tells something: not “Computers (computers)”, “Số máy tính (máy)”.
        measure = f" ({element.measure})" if element.measure and (
            element.measure.casefold() not in element.name.casefold()) else ""
        # Whole: the view cuts it to the row labels' width ("…"), the tooltip shows it all.
        return f"{element.name}{measure}"

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if self.editable(index.row(), index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.writer is None:
            return False
        if str(value) == self.text(index.row(), index.column()):
            return False
        return self.writer([(index.row(), index.column(), str(value))])

    # --- updates after a write -----------------------------------------
    def set_value(self, row: int, column: int, value: float | None,
                  comment: str | None = None) -> None:
        key = self.key(row, column)
        if value is None:
            self.grid.values.pop(key, None)
            self.grid.comments.pop(key, None)
        else:
            self.grid.values[key] = value
            if comment is not None:
                self.grid.comments[key] = comment
        self._check_jump(row, column)
        index = self.index(row, column)
        self.dataChanged.emit(index, index)

    def _check_all_jumps(self) -> None:
        self.warnings = {}
        self._headers = ["\n".join(textwrap.wrap(
            f"{u.name}{' 🔒' if u.code in self.grid.locked else ''}", 14)[:3])
            for u in self.grid.units]
        rows = {e.code: i for i, e in enumerate(self.grid.elements)}
        columns = {u.code: i for i, u in enumerate(self.grid.units)}
        for element, unit in self.grid.values.keys() & self.grid.previous.keys():
            if element in rows and unit in columns:
                self._check_jump(rows[element], columns[unit])

    def _check_jump(self, row: int, column: int) -> str | None:
        key = self.key(row, column)
        self.warnings.pop(key, None)
        value, element = self.grid.values.get(key), self.grid.elements[row]
        if value is None:
            return None
        info = ElementInfo(element.code, element.name, element.kind, element.decimals)
        problems = check_jump(info, value, self.grid.previous.get(key))
        if problems:
            self.warnings[key] = problems[0].message
        return self.warnings.get(key)
