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
    """Rank, unit, one subtotal per top group, total, class, change, missing. Each cell's
    text and sort key are worked out once, when the rows are loaded: the view asks for
    them again on every paint, sort and fit."""

    def __init__(self):
        super().__init__()
        self.rows: list[UnitScore] = []
        self.groups: list[tuple[str, str]] = []
        self.cells: list[list[tuple[str, object]]] = []  # per row, per column: (text, key)

    def load(self, assessment: AssessmentSet | None, rows: list[UnitScore]) -> None:
        self.beginResetModel()
        self.groups = [(g.code, g.name) for g in assessment.top_groups()] if assessment else []
        self.rows = rows
        columns = range(len(self.groups) + 6)
        self.cells = [[self._cell(row, column) for column in columns] for row in rows]
        self.endResetModel()

    def texts(self, column: int) -> list[str]:
        """Every row's text in a column (what the view fits the column's width to)."""
        return [cells[column][0] for cells in self.cells]

    def headers(self) -> list[str]:
        return ([t("Hạng", "Rank"), t("Đơn vị", "Unit"), t("Tổng điểm", "Total"),
                 t("Xếp loại", "Class"), t("So với\nnăm trước", "Since\nlast year"),
                 t("Thiếu", "Missing")] + [name for _c, name in self.groups])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.groups) + 6

    def _cell(self, row: UnitScore, column: int) -> tuple[str, object]:
        """(text, sort key) of a cell."""
        if column == 0:
            return str(row.rank), row.rank
        if column == 1:
            return row.unit_name, sort_key(row.unit_name)
        if column == 2:
            return format_plain(row.total), row.total
        if column == 3:
            return row.band, row.total
        if column == 4:
            moved = 0 if row.previous_rank is None else row.previous_rank - row.rank
            return rank_change(row), moved
        if column == 5:
            return (str(len(row.missing)) if row.missing else ""), len(row.missing)
        value = row.groups[self.groups[column - 6][0]]
        return format_plain(value), value

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells[index.row()][index.column()][0]
        if role == SORT_ROLE:
            return self.cells[index.row()][index.column()][1]
        row = self.rows[index.row()]
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


def value_text(row: CriterionScore) -> str:
    """A criterion's figure as shown: 'Có'/'Không' for yes/no, else the number and its unit."""
    if row.value is None:
        return ""
    if row.rule == "yesno":
        return t("Có", "Yes") if row.value >= 0.5 else t("Không", "No")
    return f"{format_plain(row.value)} {row.measure}".strip()


class ScoreCardModel(QAbstractTableModel):
    """A unit's criteria: code, name, value, points of max, what the next points need
    (the rule, the assessor's note and evidence in the tooltip)."""

    def __init__(self):
        super().__init__()
        self.rows: list[CriterionScore] = []

    def load(self, rows: list[CriterionScore]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def headers(self) -> list[str]:
        return [t("Mã", "Code"), t("Tiêu chí", "Criterion"), t("Giá trị", "Value"),
                t("Điểm", "Points"), t("Để được\nthêm điểm", "For more\npoints")]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 5

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return [row.code, row.name, value_text(row),
                    f"{format_plain(row.points)}/{format_plain(row.max_points)}",
                    row.next_points or row.note][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [row.name, t("Cách tính: ", "Rule: ") + rule_name(row.rule)]
            lines += [text for text in (row.note, row.evidence and t("Minh chứng: ", "Evidence: ")
                                        + row.evidence) if text]
            return "\n".join(lines)
        if role == Qt.ItemDataRole.BackgroundRole and row.missing:
            return QBrush(QColor(MISSING_COLOUR))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section] if 0 <= section < 5 else None
        return None
