"""Table models of the assessment tab: the ranking (sortable) and a unit's score card.

Both hold plain rows (desktop.assess.scoring.UnitScore / CriterionScore).
The ranking gives each cell's number under SORT_ROLE, so that sorting by a
column sorts numbers, not their text.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.assess.model import AssessmentSet, rule_name
from desktop.assess.scoring import CriterionScore, UnitScore
from desktop.formats import format_plain
from desktop.i18n import t
from desktop.text import sort_key

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
MISSING_COLOUR = "#fff2cc"


def rank_change(row: UnitScore) -> str:
    """'↑2', '↓1', '=' or '' (no rank last year)."""
    if row.previous_rank is None:
        return ""
    moved = row.previous_rank - row.rank
    return "=" if moved == 0 else (f"↑{moved}" if moved > 0 else f"↓{-moved}")


class RankingModel(QAbstractTableModel):
    """Rank, unit, one subtotal per top group, total, class, change, missing."""

    def __init__(self):
        super().__init__()
        self.rows: list[UnitScore] = []
        self.groups: list[tuple[str, str]] = []

    def load(self, assessment: AssessmentSet | None, rows: list[UnitScore]) -> None:
        self.beginResetModel()
        self.groups = [(g.code, g.name) for g in assessment.top_groups()] if assessment else []
        self.rows = rows
        self.endResetModel()

    def headers(self) -> list[str]:
        return ([t("Hạng", "Rank"), t("Đơn vị", "Unit")] + [name for _c, name in self.groups]
                + [t("Tổng điểm", "Total"), t("Xếp loại", "Class"),
                   t("So với năm trước", "Since last year"), t("Thiếu", "Missing")])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.groups) + 6

    def _cell(self, row: UnitScore, column: int) -> tuple[str, object]:
        """(text, sort key) of a cell."""
        groups = len(self.groups)
        if column == 0:
            return str(row.rank), row.rank
        if column == 1:
            return row.unit_name, sort_key(row.unit_name)
        if column < 2 + groups:
            value = row.groups[self.groups[column - 2][0]]
            return format_plain(value), value
        tail = column - 2 - groups
        if tail == 0:
            return format_plain(row.total), row.total
        if tail == 1:
            return row.band, row.total
        if tail == 2:
            moved = 0 if row.previous_rank is None else row.previous_rank - row.rank
            return rank_change(row), moved
        return (str(len(row.missing)) if row.missing else ""), len(row.missing)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(row, index.column())[0]
        if role == SORT_ROLE:
            return self._cell(row, index.column())[1]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() != 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and row.missing:
            return t(f"Thiếu số liệu hoặc chưa chấm: {', '.join(row.missing)}",
                     f"No data or not scored: {', '.join(row.missing)}")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            headers = self.headers()
            return headers[section] if 0 <= section < len(headers) else None
        return None


class ScoreCardModel(QAbstractTableModel):
    """A unit's criteria: code, name, rule, value, points of max, note, what the next points need."""

    def __init__(self):
        super().__init__()
        self.rows: list[CriterionScore] = []

    def load(self, rows: list[CriterionScore]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def headers(self) -> list[str]:
        return [t("Mã", "Code"), t("Tiêu chí", "Criterion"), t("Cách tính", "Rule"),
                t("Giá trị", "Value"), t("Điểm", "Points"), t("Ghi chú", "Note"),
                t("Để được thêm điểm", "For more points")]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 7

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = "" if row.value is None else f"{format_plain(row.value)} {row.measure}".strip()
            note = row.note + (f" — {row.evidence}" if row.evidence else "")
            return [row.code, row.name, rule_name(row.rule), value,
                    f"{format_plain(row.points)}/{format_plain(row.max_points)}", note,
                    row.next_points][index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and row.missing:
            return QBrush(QColor(MISSING_COLOUR))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section] if 0 <= section < 7 else None
        return None
