"""Progress as a two-level Qt tree model: indicator rows, the units under each.

Built over plain rows (ProgressRow from desktop.engine.progress); the units
of each indicator come already sorted lagging first. The status is written
in its cell and coloured, so it reads without colour too.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.data.units import level_name
from desktop.engine.progress import ProgressRow
from desktop.engine.status import status_name
from desktop.formats import format_number, format_percent
from desktop.i18n import t

STATUS_COLOURS = {"achieved": "#c8e6c9", "on_track": "#bbdefb", "at_risk": "#ffe0a3",
                  "behind": "#ffcdd2", "no_data": "#e0e0e0", "no_target": "#f3e5f5"}
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
NO_PARENT = 0xFFFFFFFF


def split_rows(rows: list[ProgressRow]) -> list[tuple[ProgressRow, list[ProgressRow]]]:
    """Group the flat `by_unit` list: each main row with the unit rows that follow it."""
    groups: list[tuple[ProgressRow, list[ProgressRow]]] = []
    for row in rows:
        if row.parent is None or not groups:
            groups.append((row, []))
        else:
            groups[-1][1].append(row)
    return groups


class ProgressModel(QAbstractItemModel):
    def __init__(self, rows: list[ProgressRow] | None = None,
                 names: dict[str, str] | None = None):
        super().__init__()
        self.groups = split_rows(rows or [])
        self.names = names or {}  # indicator code -> name in the current language
        self._shown: dict[int, list[str]] = {}  # id of a row -> its cells as shown

    def load(self, rows: list[ProgressRow]) -> None:
        self.beginResetModel()
        self.groups = split_rows(rows)
        self._shown = {}
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort indicators, and the units under each, by a column; column -1 keeps the
        engine's order (lagging units first)."""
        if column < 0:
            return
        reverse = order == Qt.SortOrder.DescendingOrder
        key = self._sort_key(column)
        self.layoutAboutToBeChanged.emit()
        self.groups = sorted(((main, sorted(units, key=key, reverse=reverse))
                              for main, units in self.groups),
                             key=lambda group: key(group[0]), reverse=reverse)
        self.layoutChanged.emit()

    def _sort_key(self, column: int):
        from desktop.engine.status import SEVERITY
        from desktop.text import sort_key

        def number(value: float | None) -> tuple:
            return (value is None, value if value is not None else 0.0)

        keys = {
            0: lambda row: sort_key(self._shown_cells(row)[0]),
            1: lambda row: sort_key(self._shown_cells(row)[1]),
            2: lambda row: number(row.target.reference_for(row.direction) if row.target else None),
            3: lambda row: number(row.actual),
            4: lambda row: number(row.percent_of_target),
            5: lambda row: SEVERITY[row.status],
            6: lambda row: row.reporting,
        }
        return keys[column]

    def headers(self) -> list[str]:
        return [t("Chỉ tiêu / đơn vị", "Indicator / unit"), t("Cấp", "Level"),
                t("Mục tiêu", "Target"), t("Thực hiện", "Actual"),
                t("% mục tiêu", "% of target"), t("Trạng thái", "Status"),
                t("Đơn vị báo cáo", "Reporting units")]

    def row_at(self, index: Index) -> ProgressRow | None:
        if not index.isValid():
            return None
        parent = index.internalId()
        if parent == NO_PARENT:
            return self.groups[index.row()][0]
        return self.groups[parent][1][index.row()]

    # --- structure --------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, NO_PARENT)
        if parent.internalId() == NO_PARENT:
            return self.createIndex(row, column, parent.row())
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == NO_PARENT:
            return QModelIndex()
        return self.createIndex(int(index.internalId()), 0, NO_PARENT)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == NO_PARENT and parent.column() == 0:
            return len(self.groups[parent.row()][1])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 7

    # --- content ----------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown_cells(row)[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 5:
            return QBrush(QColor(STATUS_COLOURS[row.status]))
        if role == Qt.ItemDataRole.TextAlignmentRole and 2 <= index.column() <= 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if role == ROW_ROLE:
            return row.indicator
        return None

    def indicator_name(self, row: ProgressRow) -> str:
        return self.names.get(row.indicator) or row.indicator_name

    def _shown_cells(self, row: ProgressRow) -> list[str]:
        """The row's cells, formatted once per load: the view asks for each cell of
        each row several times (painting, fitting the columns to their contents)."""
        cells = self._shown.get(id(row))
        if cells is None:
            cells = self._shown[id(row)] = self._cells(row)
        return cells

    def _cells(self, row: ProgressRow) -> list[str]:
        measure = row.measure if row.measure != "%" else ""
        actual = format_number(row.actual, row.decimals) if row.actual is not None else "—"
        if row.measure == "%" and row.actual is not None:
            actual = format_percent(row.actual, row.decimals)
        name = self.indicator_name(row) if row.parent is None else row.unit_name
        return [name, level_name(row.level) if row.parent is None else "",
                row.target.text(row.measure) if row.target else "—",
                f"{actual} {measure}".strip(), format_percent(row.percent_of_target),
                status_name(row.status), str(row.reporting)]

    def _tooltip(self, row: ProgressRow) -> str:
        parts = [f"{self.indicator_name(row)} — {row.unit_name}"]
        if row.numerator is not None and row.denominator is not None:
            parts.append(t(f"Tử số {format_number(row.numerator)} / mẫu số "
                           f"{format_number(row.denominator)}",
                           f"Numerator {format_number(row.numerator)} / denominator "
                           f"{format_number(row.denominator)}"))
        if row.applied and row.applied.expected is not None and not row.applied.is_due:
            parts.append(t(f"Lộ trình năm {row.applied.year}: "
                           f"{format_number(row.applied.expected, 1)}",
                           f"Path for {row.applied.year}: "
                           f"{format_number(row.applied.expected, 1)}"))
        if row.target and row.target.source:
            parts.append(t("Nguồn: ", "Source: ") + row.target.source)
        parts.append(t("Nhấp đúp để xem số liệu.", "Double-click to see the values."))
        return "\n".join(parts)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < 7):
            return self.headers()[section]
        return None
