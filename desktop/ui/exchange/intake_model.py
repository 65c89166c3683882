"""Plain rows and Qt table models for the intake preview: one row per form file.

`FileRow.from_report` copies what the table shows out of an intake
`FileReport` (file, unit, period, values, status, problems). `FilesModel`
lists the files; `ProblemsModel` lists one file's problems by sheet and cell,
for the detail pane under the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from desktop.errors import UserError
from desktop.formats import format_number
from desktop.i18n import t
from desktop.periods import parse_period

GOOD_COLOUR, BAD_COLOUR = QColor("#1b6e20"), QColor("#b3261e")
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ProblemRow:
    sheet: str
    cell: str
    message: str


@dataclass(frozen=True)
class FileRow:
    """One form file as the preview shows it."""

    path: str
    shown: str
    unit: str
    unit_name: str
    period: str
    values: int
    ok: bool
    loaded: bool  # the row comes from a load (not a preview)
    written: bool
    problems: tuple[ProblemRow, ...]

    @classmethod
    def from_report(cls, report, inputs: Sequence[Path | str] = (),
                    loaded: bool = False) -> FileRow:
        problems = tuple(ProblemRow(p.sheet, p.cell, p.message) for p in report.problems)
        return cls(report.path, shown_name(report.path, inputs), report.unit, report.unit_name,
                   report.period, report.values, report.ok, loaded, report.written, problems)

    def unit_text(self) -> str:
        if self.unit_name:
            return f"{self.unit_name} ({self.unit})"
        return self.unit

    def period_text(self) -> str:
        try:
            return parse_period(self.period).label() if self.period else ""
        except UserError:
            return self.period

    def status(self) -> str:
        if not self.ok:
            return t("Có lỗi, không nhập", "Problems, not loaded") if self.loaded \
                else t("Có lỗi", "Has problems")
        if self.loaded:
            return t("Đã nhập", "Loaded") if self.written else t("Không ghi", "Not written")
        return t("Hợp lệ", "Valid")

    def problem_summary(self) -> str:
        if not self.problems:
            return "" if self.values else t("Phiếu chưa điền số liệu nào.", "The form is empty.")
        first = self.problems[0]
        text = f"{first.cell}: {first.message}" if first.cell else capitalised(first.message)
        more = len(self.problems) - 1
        return text + (t(f" (và {more} lỗi khác)", f" (and {more} more)") if more else "")


def capitalised(message: str) -> str:
    """The loader's messages follow "file: "; alone they start with a capital."""
    return message[:1].upper() + message[1:]


def shown_name(path: str, inputs: Sequence[Path | str]) -> str:
    """The file's path inside the folder or ZIP archive it was found in, else its name."""
    for root in inputs:
        root_path = Path(root).resolve()
        prefix = str(root_path)
        if path.startswith(prefix) and path[len(prefix):len(prefix) + 1] in ("/", "\\"):
            rest = path[len(prefix) + 1:]
            return rest if root_path.is_dir() else f"{root_path.name}/{rest}"
    return PurePosixPath(path.replace("\\", "/")).name


class _RowsModel(QAbstractTableModel):
    """A read-only table over a list of plain rows."""

    def headers(self) -> list[str]:
        raise NotImplementedError

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []

    def set_rows(self, rows: Sequence) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.headers()):
            return self.headers()[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class FilesModel(_RowsModel):
    """Files: name, unit, period, number of values, status, first problem."""

    FILE, UNIT, PERIOD, VALUES, STATUS, PROBLEMS = range(6)

    def headers(self) -> list[str]:
        return [t("Tệp", "File"), t("Đơn vị", "Unit"), t("Kỳ", "Period"),
                t("Số giá trị", "Values"), t("Trạng thái", "Status"), t("Vấn đề", "Problems")]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row: FileRow = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            return GOOD_COLOUR if row.ok else BAD_COLOUR
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.VALUES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: FileRow, column: int) -> str:
        count = format_number(row.values) if row.ok or row.values else ""
        texts = (row.shown, row.unit_text(), row.period_text(), count,
                 row.status(), row.problem_summary())
        return texts[column]

    def _tooltip(self, row: FileRow, column: int) -> str | None:
        if column == self.FILE:
            return row.path
        if column == self.PROBLEMS and row.problems:
            return "\n".join(problem_line(problem) for problem in row.problems)
        return None


def problem_line(problem: ProblemRow) -> str:
    place = ", ".join(part for part in (problem.sheet, problem.cell) if part)
    return f"{place}: {problem.message}" if place else problem.message


class ProblemsModel(_RowsModel):
    """One file's problems: sheet, cell, message."""

    def headers(self) -> list[str]:
        return [t("Trang tính", "Sheet"), t("Ô", "Cell"), t("Vấn đề", "Problem")]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        problem: ProblemRow = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            whole = t("(cả tệp)", "(whole file)")
            return (problem.sheet or whole, problem.cell,
                    capitalised(problem.message))[index.column()]
        return None
