"""The template designer's model: what can go in a cell, the tag it writes, the draft, the preview.

No Qt here (desktop.ui.exchange.template_designer is the screen). A draft is the
province's workbook plus the cells the user has set; saving writes those
cells into the package's XML (every other part kept byte for byte, as the
fill does), so a template made by clicking is the same file Excel would
have saved with the tags typed in. The preview fills the draft from the
database exactly as `itplan report` would.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from desktop.errors import UserError
from desktop.i18n import t
from desktop.reports.tags import TAG


@dataclass(frozen=True)
class Choice:
    """One thing a cell can show: its tag head, whether it needs an indicator, where it belongs."""

    key: str
    label: str
    needs_code: bool = False
    row: str | None = None  # 'units' or 'indicators': only in a row repeated per unit/indicator
    loop: bool = False  # makes the clicked cell's row repeat


def choices() -> list[Choice]:
    """Everything the designer offers, in the order of its list."""
    return [
        Choice("office.name", t("Tên đơn vị báo cáo", "Reporting office's name")),
        Choice("office.parent", t("Đơn vị cấp trên", "Parent unit")),
        Choice("office.province", t("Tỉnh", "Province")),
        Choice("period.label", t("Kỳ báo cáo (Năm 2024, Quý 3/2024…)", "Period (Year 2024, Q3 2024…)")),
        Choice("period.year", t("Năm báo cáo", "Report year")),
        Choice("report.date", t("Ngày báo cáo (… ngày … tháng … năm …)", "Report date line")),
        Choice("report.today", t("Ngày lập (dd/mm/yyyy)", "Date made (dd/mm/yyyy)")),
        Choice("plan.title", t("Tên kế hoạch", "Plan title")),
        Choice("plan.decision", t("Số quyết định của kế hoạch", "Plan's decision number")),
        Choice("value", t("Chỉ tiêu: giá trị đạt được", "Indicator: value reached"), needs_code=True),
        Choice("target", t("Chỉ tiêu: mục tiêu", "Indicator: target"), needs_code=True),
        Choice("percent", t("Chỉ tiêu: % so với mục tiêu", "Indicator: % of target"), needs_code=True),
        Choice("status", t("Chỉ tiêu: đánh giá (Đạt, Chậm…)", "Indicator: status"), needs_code=True),
        Choice("target_text", t("Chỉ tiêu: mục tiêu như văn bản ghi", "Indicator: target as written"),
               needs_code=True),
        Choice("num", t("Chỉ tiêu: tử số", "Indicator: numerator"), needs_code=True),
        Choice("den", t("Chỉ tiêu: mẫu số", "Indicator: denominator"), needs_code=True),
        Choice("each:units", t("Dòng này lặp lại cho từng đơn vị", "This row repeats per unit"), loop=True),
        Choice("each:indicators", t("Dòng này lặp lại cho từng chỉ tiêu", "This row repeats per indicator"),
               loop=True),
        Choice("row.no", t("Dòng lặp: số thứ tự", "Repeated row: number")),
        Choice("unit.name", t("Dòng lặp đơn vị: tên đơn vị", "Unit row: unit name"), row="units"),
        Choice("unit.code", t("Dòng lặp đơn vị: mã đơn vị", "Unit row: unit code"), row="units"),
        Choice("indicator.name", t("Dòng lặp chỉ tiêu: tên chỉ tiêu", "Indicator row: name"), row="indicators"),
        Choice("indicator.unit", t("Dòng lặp chỉ tiêu: đơn vị tính", "Indicator row: unit of measure"),
               row="indicators"),
        Choice("row.value", t("Dòng lặp chỉ tiêu: giá trị", "Indicator row: value"), row="indicators"),
        Choice("row.target", t("Dòng lặp chỉ tiêu: mục tiêu", "Indicator row: target"), row="indicators"),
        Choice("row.percent", t("Dòng lặp chỉ tiêu: % mục tiêu", "Indicator row: % of target"),
               row="indicators"),
        Choice("row.status", t("Dòng lặp chỉ tiêu: đánh giá", "Indicator row: status"), row="indicators"),
    ]


def tag_for(choice: Choice, code: str | None = None) -> str:
    """The tag a choice writes: '{{ office.name }}', '{{ value:PS_L3_RATE }}', '{{ status }}'."""
    if choice.needs_code:
        if not code:
            raise ValueError(choice.key)
        return f"{{{{ {choice.key}:{code} }}}}"
    key = choice.key[4:] if choice.key.startswith("row.") and choice.key != "row.no" else choice.key
    return f"{{{{ {key} }}}}"


@dataclass
class Draft:
    """A template being designed: the file, and the cells set so far (sheet, row, column) -> text."""

    path: Path
    edits: dict[tuple[str, int, int], str | None] = field(default_factory=dict)

    def __post_init__(self):
        from desktop.reports.xmlbook import XBook

        self.path = Path(self.path)
        self._book = XBook(self.path)  # refuses what is not a workbook, in one sentence

    @property
    def sheets(self) -> list[str]:
        return [sheet.title for sheet in self._book.worksheets]

    def text(self, sheet: str, row: int, column: int):
        """The cell's text as the draft has it (an edit, else the file's value)."""
        if (sheet, row, column) in self.edits:
            return self.edits[(sheet, row, column)]
        cell = self._sheet(sheet)._cells.get((row, column))
        if cell is None:
            return None
        value = cell._value
        return "".join(run.text for run in value) if isinstance(value, list) else value

    def place(self, sheet: str, row: int, column: int, choice: Choice, code: str | None = None) -> str:
        """Put a choice's tag in a cell (a loop tag opens the row's first filled cell); the new text."""
        tag = tag_for(choice, code)
        if choice.loop:
            return self._place_loop(sheet, row, column, tag)
        old = self.text(sheet, row, column)
        loop = next((m.group(0) for m in TAG.finditer(old) if m.group(1).startswith("each:")), "") \
            if isinstance(old, str) else ""
        self.edits[(sheet, row, column)] = loop + tag  # a row's loop tag stays at the front
        return loop + tag

    def _place_loop(self, sheet: str, row: int, column: int, tag: str) -> str:
        filled = [c for (r, c) in self._columns(sheet, row) if r == row]
        first = min(filled + [column])
        old = self.text(sheet, row, first)
        old = TAG.sub(lambda m: "" if m.group(1).startswith("each:") else m.group(0), old or "") \
            if isinstance(old, str) else ("" if old is None else str(old))
        text = tag + old
        self.edits[(sheet, row, first)] = text
        return text

    def _columns(self, sheet: str, row: int) -> list[tuple[int, int]]:
        found = {(r, c) for (r, c), cell in self._sheet(sheet)._cells.items()
                 if r == row and cell._value not in (None, "")}
        for (name, r, c), text in self.edits.items():
            if name == sheet and r == row:
                (found.add if text else found.discard)((r, c))
        return sorted(found)

    def clear(self, sheet: str, row: int, column: int) -> None:
        self.edits[(sheet, row, column)] = None

    def _sheet(self, title: str):
        return next(sheet for sheet in self._book.worksheets if sheet.title == title)

    def check(self) -> list[str]:
        """The template's errors as they stand (the same words as `template check`)."""
        from desktop.reports.check import catalogue_codes, check_template

        with tempfile.TemporaryDirectory() as folder:
            path = self.save(Path(folder) / ("draft" + self.path.suffix))
            result = check_template(path, catalogue_codes())
        return result.errors + result.warnings

    def save(self, out: Path) -> Path:
        """Write the template: the edited cells changed in the sheets' XML, every other part kept."""
        from desktop.reports.output import save_workbook
        from desktop.reports.xmlbook import XBook
        from desktop.reports.xmlsheet import put_value

        book = XBook(self.path)
        sheets = {sheet.title: sheet for sheet in book.worksheets}
        formulas = False
        for (title, row, column), text in sorted(self.edits.items(), key=lambda item: item[0]):
            cell = sheets[title].ensure_cell(row, column)
            formulas |= cell.find(f"{{{_MAIN}}}f") is not None
            put_value(cell, text or None)
            sheets[title].touch()
        if formulas:
            book.package.drop_calc_chain()
        save_workbook(book, Path(out))
        return Path(out)

    def preview(self, session, unit_code: str, period_code: str, plan_code: str | None = None):
        """The report this draft gives from the database: the filled workbook's path (a temporary
        folder the caller removes) — the same fill as `itplan report`."""
        from desktop.reports.fill import fill_report

        folder = Path(tempfile.mkdtemp(prefix="itplan-preview-"))
        draft = self.save(folder / ("draft" + self.path.suffix))
        return fill_report(session, draft, unit_code, period_code, folder / ("report" + self.path.suffix),
                           plan_code=plan_code, report_date=dt.date.today())


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@dataclass
class GridCell:
    text: str
    bold: bool = False
    italic: bool = False
    fill: str | None = None  # "RRGGBB"
    align: str | None = None
    span: tuple[int, int] = (1, 1)


@dataclass
class Grid:
    """A sheet as the designer draws it: texts, bold/italic, fills, merges, widths, heights."""

    title: str
    rows: int
    columns: int
    cells: dict[tuple[int, int], GridCell]
    widths: dict[int, float]
    heights: dict[int, float]


def read_grid(path: Path, title: str, limit_rows: int = 500, limit_columns: int = 60) -> Grid:
    """One sheet of a workbook for display (openpyxl reads the styles; nothing is written)."""
    import openpyxl
    from openpyxl.utils import column_index_from_string

    try:
        wb = openpyxl.load_workbook(path, rich_text=False)
        ws = wb[title]
    except Exception as exc:  # openpyxl raises many kinds for a file it cannot draw
        raise UserError(t(f"Không hiển thị được trang “{title}” của {Path(path).name}: {exc}",
                          f"Cannot show the sheet “{title}” of {Path(path).name}: {exc}")) from exc
    rows, columns = min(ws.max_row, limit_rows), min(ws.max_column, limit_columns)
    cells = {}
    for (row, column), cell in ws._cells.items():
        if row > rows or column > columns or type(cell).__name__ == "MergedCell":
            continue
        value = cell.value
        fill = cell.fill.fgColor.rgb if cell.fill is not None and cell.fill.fill_type == "solid" else None
        cells[(row, column)] = GridCell(
            "" if value is None else _shown(value), bool(cell.font and cell.font.b),
            bool(cell.font and cell.font.i), fill[-6:] if isinstance(fill, str) else None,
            cell.alignment.horizontal if cell.alignment else None)
    for merged in ws.merged_cells.ranges:
        if merged.min_row <= rows and merged.min_col <= columns:
            cell = cells.setdefault((merged.min_row, merged.min_col), GridCell(""))
            cell.span = (merged.max_row - merged.min_row + 1, merged.max_col - merged.min_col + 1)
    widths = {column_index_from_string(key): dim.width for key, dim in ws.column_dimensions.items()
              if dim.width and dim.customWidth}
    heights = {row: dim.height for row, dim in ws.row_dimensions.items() if dim.height}
    return Grid(title, max(rows, 1), max(columns, 1), cells, widths, heights)


def _shown(value) -> str:
    from desktop.formats import format_plain

    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, int | float):
        return format_plain(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)
