"""Checking a template before filling it: tags by sheet and cell, errors, warnings.

Errors (nothing is filled while any remains): an unknown tag or option, an
unknown code, a target/status tag on a data element, a loop tag that does
not open its row's first cell, row fields or code-less value tags outside
a repeated row. Warnings (`unkept_parts`): per sheet, what the fill would
not keep or could not move; the export dialog shows the same sentences.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop.data.catalogue import catalogue_dir, read_toml
from desktop.i18n import t
from desktop.reports.tags import (
    INDICATOR_FIELDS,
    INDICATOR_ONLY,
    ROW_FIELDS,
    UNIT_FIELDS,
    CellTags,
    LoopPlacementError,
    TagError,
    cell_tags,
)


@dataclass
class TaggedCell:
    sheet: str
    cell: str
    row: int
    column: int
    tags: CellTags


@dataclass
class CheckResult:
    cells: list[TaggedCell] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"tags": [{"sheet": c.sheet, "cell": c.cell, "tags": [tag.text for tag in c.tags.tags]}
                         for c in self.cells],
                "errors": self.errors, "warnings": self.warnings}

    def loop_rows(self, sheet: str) -> dict[int, TaggedCell]:
        return {c.row: c for c in self.cells if c.sheet == sheet and c.tags.loop is not None}


def catalogue_codes() -> dict[str, bool]:
    """Code -> is an indicator, for every element and indicator of the catalogue."""
    codes = {e["code"]: False for e in read_toml(catalogue_dir() / "elements.toml")["element"]}
    codes.update({i["code"]: True for i in read_toml(catalogue_dir() / "indicators.toml")["indicator"]})
    return codes


def load_template(path: Path):
    """The template as an XBook (its package's XML); UserError naming the file if unreadable."""
    from desktop.reports.xmlbook import XBook

    return XBook(Path(path))


def scan_workbook(wb, codes: dict[str, bool]) -> CheckResult:
    """Every tagged cell of every sheet, and every error, named by sheet and cell."""
    result = CheckResult()
    for ws in wb.worksheets:
        first_columns = _first_columns(ws)
        for (row, column), cell in sorted(ws._cells.items()):
            where = f"{ws.title}!{cell.coordinate}"
            try:
                tags = cell_tags(cell._value)
            except LoopPlacementError as exc:
                result.errors.append(_loop_message(where, str(exc)))
                continue
            except TagError as exc:
                result.errors.append(t(f"{where}: thẻ không hợp lệ {exc}", f"{where}: unknown tag {exc}"))
                continue
            if tags is None:
                continue
            if tags.loop is not None and column != first_columns.get(row):
                result.errors.append(_loop_message(where, tags.loop.text))
            result.cells.append(TaggedCell(ws.title, cell.coordinate, row, column, tags))
        _check_rows(ws.title, result, codes)
    return result


def _loop_message(where: str, tag: str) -> str:
    return t(f"{where}: thẻ lặp {tag} phải đứng đầu ô đầu tiên của dòng.",
             f"{where}: the loop tag {tag} must open the first cell of its row.")


def _first_columns(ws) -> dict[int, int]:
    first: dict[int, int] = {}
    for (row, column), cell in ws._cells.items():
        if cell._value not in (None, "") and column < first.get(row, 10**6):
            first[row] = column
    return first


def _check_rows(sheet: str, result: CheckResult, codes: dict[str, bool]) -> None:
    loops = {c.row: c.tags.loop.code for c in result.cells if c.sheet == sheet and c.tags.loop}
    for tagged in (c for c in result.cells if c.sheet == sheet):
        where = f"{sheet}!{tagged.cell}"
        loop = loops.get(tagged.row)
        for tag in tagged.tags.tags:
            problem = _tag_problem(tag, loop, codes)
            if problem:
                result.errors.append(f"{where}: {problem}")


def _tag_problem(tag, loop: str | None, codes: dict[str, bool]) -> str | None:
    if tag.head == "score":
        from desktop.reports.scores import score_problem

        return score_problem(tag, loop)
    if tag.head in ROW_FIELDS:
        allowed = {"units": UNIT_FIELDS | {"row.no"}, "indicators": INDICATOR_FIELDS | {"row.no"}}
        if loop is None or tag.head not in allowed[loop]:
            return t(f"thẻ {tag.text} chỉ dùng trong dòng lặp phù hợp.",
                     f"the tag {tag.text} belongs in a matching repeated row.")
    if not tag.is_value:
        return None
    if tag.code is None:
        if loop != "indicators":
            return t(f"thẻ {tag.text} cần mã (ví dụ value:PS_L3_RATE) ngoài dòng lặp chỉ tiêu.",
                     f"the tag {tag.text} needs a code (e.g. value:PS_L3_RATE) outside an indicator row.")
        return None
    if tag.code not in codes:
        return t(f"không có chỉ tiêu hay số liệu mã “{tag.code}” ({tag.text}).",
                 f"no indicator or data element with code “{tag.code}” ({tag.text}).")
    if tag.head in INDICATOR_ONLY and not codes[tag.code]:
        return t(f"{tag.text}: “{tag.code}” là số liệu, không có mục tiêu hay trạng thái.",
                 f"{tag.text}: “{tag.code}” is a data element; it has no target or status.")
    return None


def check_template(path: Path, codes: dict[str, bool] | None = None) -> CheckResult:
    """Tags, errors, and what the fill would not keep or could not move (`warnings`)."""
    book = load_template(path)
    result = scan_workbook(book, codes if codes is not None else catalogue_codes())
    result.warnings = unkept_parts(book, result)
    return result


def unkept_parts(book, result: CheckResult) -> list[str]:
    """Per sheet, every part or feature the fill would not keep or could not move.

    The fill keeps every part of the package; what it cannot do is move row
    references it does not know about when rows are repeated: references in
    a part of a kind it does not handle hanging off a sheet with repeated
    rows, formulas it cannot read, content in the rows that repeated rows
    would push past the sheet's end.
    """
    from openpyxl.formula.tokenizer import Tokenizer

    from desktop.reports.xmlshift import INERT, RELATED

    warnings = []
    for sheet in book.worksheets:
        loops = result.loop_rows(sheet.title)
        for (_row, _column), cell in sorted(sheet._cells.items()):
            value = cell._value
            if isinstance(value, str) and value.startswith("=") and loops:
                try:
                    Tokenizer(value)
                except Exception:  # openpyxl raises several kinds for a formula it cannot read
                    warnings.append(t(f"Trang “{sheet.title}”, ô {cell.coordinate}: không đọc được công "
                                      f"thức, địa chỉ trong đó sẽ không dời theo dòng lặp.",
                                      f"Sheet “{sheet.title}”, cell {cell.coordinate}: the formula cannot "
                                      f"be read; its references will not move with the repeated rows."))
        if not loops:
            continue
        for kind, part in book.package.related(sheet.part):
            if kind not in RELATED and kind not in INERT:
                warnings.append(t(f"Trang “{sheet.title}”: phần {part} ({kind}) được giữ nguyên nhưng "
                                  f"địa chỉ dòng trong đó sẽ không dời theo dòng lặp.",
                                  f"Sheet “{sheet.title}”: the part {part} ({kind}) is kept as it is, but "
                                  f"row references in it will not move with the repeated rows."))
        last = max(sheet.rows, default=0)
        if last > 1_000_000 and last > min(loops):
            warnings.append(t(f"Trang “{sheet.title}”: dòng {last} có nội dung gần cuối trang; dòng lặp "
                              f"có thể đẩy nó quá dòng cuối (khi đó báo cáo không được tạo).",
                              f"Sheet “{sheet.title}”: row {last} near the sheet's end has content; the "
                              f"repeated rows may push it past the last row (the report is then refused)."))
    return warnings
