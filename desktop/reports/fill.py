"""Filling a report template: tags replaced, rows repeated, everything else kept.

Order of work: check every tag first (nothing is filled while any is
wrong), fill the cells outside repeated rows, then repeat each loop row,
from the bottom of each sheet up, so that row numbers still to be used do
not move. See desktop.reports.rows for what moves with inserted rows.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.data.office import get_office
from desktop.data.queries import plan_by_code
from desktop.data.units import level_name
from desktop.engine.progress import ProgressRow, progress
from desktop.engine.scope import UnitTree
from desktop.engine.status import status_name
from desktop.errors import UserError
from desktop.formats import format_plain
from desktop.i18n import t
from desktop.periods import parse_period
from desktop.reports.check import TaggedCell, scan_workbook
from desktop.reports.context import loop_units, require_plan, scalars
from desktop.reports.rows import repeat_row
from desktop.reports.tags import CellTags, Tag, cell_tags
from desktop.reports.values import ValueSource
from desktop.sheettext import put_text, risky

Progress = Callable[[int, int], None] | None


class Filler:
    """One fill of one workbook for a unit, period and plan."""

    def __init__(self, session: Session, unit_code: str, period_code: str,
                 plan_code: str | None = None, report_date: dt.date | None = None):
        self.session = session
        self.spec = parse_period(period_code)
        self.tree = UnitTree(session)
        self.unit = self.tree.get(unit_code)
        office = get_office(session)
        self.plan_code = plan_code or (office.plans[0] if office and office.plans else None)
        self.plan = plan_by_code(session, self.plan_code) if self.plan_code else None
        self.source = ValueSource(session, self.plan_code, self.tree)
        self.scalars = scalars(session, self.tree, self.unit, self.spec, self.plan,
                               report_date or dt.date.today())
        self._progress_rows: list[ProgressRow] | None = None

    def codes(self) -> dict[str, bool]:
        codes = {code: False for code in self.source.elements}
        codes.update({code: True for code in self.source.indicators})
        return codes

    def fill(self, wb, progress_cb: Progress = None) -> None:
        """Fill the workbook in place. The cyclic garbage collector is paused meanwhile:
        tens of thousands of new cells would otherwise trigger full collections over
        the whole heap (a third of the time of a large report)."""
        paused = gc.isenabled()
        gc.disable()
        try:
            self._fill(wb, progress_cb)
        finally:
            if paused:
                gc.enable()

    def _fill(self, wb, progress_cb: Progress) -> None:
        result = scan_workbook(wb, self.codes())
        if result.errors:
            raise UserError(t(f"Mẫu báo cáo có {len(result.errors)} lỗi: {result.errors[0]}",
                              f"The template has {len(result.errors)} error(s): {result.errors[0]}"),
                            result.errors)
        used = {tag.code for cell in result.cells for tag in cell.tags.tags if tag.is_value and tag.code}
        if not any(tag.is_value and tag.code is None for c in result.cells for tag in c.tags.tags):
            self.source.use_only(used)  # code-less tags follow the plan's indicators: read all
        self.source.preload(self.unit.code, self.spec.code)
        plans = {ws.title: self._loop_items(result.loop_rows(ws.title)) for ws in wb.worksheets}
        total = sum(len(items) for loops in plans.values() for items in loops.values()) or 1
        done = 0
        for ws in wb.worksheets:
            loops = plans[ws.title]
            for tagged in (c for c in result.cells if c.sheet == ws.title and c.row not in loops):
                cell = ws._cells[(tagged.row, tagged.column)]
                self._writer(tagged.tags, cell._value)(cell, None, 0)
            for row in sorted(loops, reverse=True):
                done += self._fill_loop(ws, row, loops[row])
                if progress_cb:
                    progress_cb(done, total)

    def _loop_items(self, loop_rows: dict[int, TaggedCell]) -> dict:
        plans = {}
        for row, tagged in loop_rows.items():
            loop = tagged.tags.loop
            if loop.code == "units":
                items = loop_units(self.tree, self.unit, self.spec, loop.option("level"),
                                   loop.option("kind"))
            else:
                require_plan(self.plan, f"{tagged.sheet}!{tagged.cell}")
                items = self._indicator_rows()
            plans[row] = items
        return plans

    def _indicator_rows(self) -> list[ProgressRow]:
        if self._progress_rows is None:
            self._progress_rows = progress(self.session, self.plan_code, self.unit.code, self.spec.code)
        return self._progress_rows

    def _fill_loop(self, ws, row: int, items: list) -> int:
        tagged = [(column, cell_tags(cell._value), cell._value)
                  for (r, column), cell in ws._cells.items() if r == row]
        loop = next(tags.loop.code for _c, tags, _o in tagged if tags is not None and tags.loop)
        writers = [(column, self._writer(tags, original, loop)) for column, tags, original in tagged
                   if tags is not None]
        repeat_row(ws, row, len(items), frozenset(column for column, _ in writers))
        cells = ws._cells
        for index, item in enumerate(items):
            number = index + 1
            for column, write in writers:
                write(cells[(row + index, column)], item, number)
        return len(items)

    def _writer(self, tags: CellTags, original, loop: str | None = None) -> Callable:
        """A function (cell, item, row number) that puts the rendered tags into a cell.

        A lone value tag gives a number (or nothing); other tags give text.
        Everything that does not depend on the row is worked out once here.
        """
        lone = tags.lone
        if lone is not None:
            get = self._getter(lone, loop)

            def write_value(cell, item, number):
                value = get(item, number)
                if isinstance(value, str):
                    put_text(cell, value)
                else:
                    cell._value, cell.data_type = value, "n"
            return write_value
        runs = [[piece if isinstance(piece, str) else self._getter(piece, loop) for piece in run]
                for run in tags.runs]
        if len(runs) == 1:
            def write_text(cell, item, number):
                text = _join(runs[0], item, number)
                put_text(cell, text)
            return write_text
        from openpyxl.cell.rich_text import CellRichText, TextBlock

        def write_rich(cell, item, number):
            blocks = []
            for block, run in zip(original, runs, strict=True):
                text = _join(run, item, number)
                if text:
                    blocks.append(TextBlock(block.font, text) if isinstance(block, TextBlock) else text)
            cell._value, cell.data_type = (CellRichText(blocks) if blocks else None), "s" if blocks else "n"
            if blocks and risky(getattr(blocks[0], "text", blocks[0])):
                cell.quotePrefix = True
        return write_rich

    def _getter(self, tag: Tag, loop: str | None) -> Callable:
        """A function (item, row number) giving the tag's value for a row's item."""
        head = tag.head
        if tag.is_loop:
            return lambda item, number: None
        if head == "row.no":
            return lambda item, number: number
        if head in self.scalars:
            value = self.scalars[head]
            return lambda item, number: value
        if head in ROW_GETTERS:
            return ROW_GETTERS[head]
        options = dict(tag.options)
        unit, period = options.get("unit"), options.get("period") or self.spec.code
        level = options.get("level", "").lower() or None
        if tag.code is None and not options:
            return lambda item, number: _from_progress(head, item)
        code, get, own = tag.code, self.source.get, self.unit.code
        if loop == "units" and unit is None:
            return lambda item, number: get(head, code, item.code, period, level)
        if loop == "indicators":
            return lambda item, number: get(head, code or item.indicator, unit or own, period,
                                            level or item.level)
        return lambda item, number: get(head, code, unit or own, period, level)


ROW_GETTERS = {
    "unit.name": lambda item, number: item.name,
    "unit.code": lambda item, number: item.code,
    "unit.level": lambda item, number: level_name(item.level),
    "indicator.name": lambda item, number: item.indicator_name,
    "indicator.code": lambda item, number: item.indicator,
    "indicator.unit": lambda item, number: item.measure,
    "indicator.level": lambda item, number: level_name(item.level),
}


def _from_progress(kind: str, row: ProgressRow):
    target = row.target
    return {
        "value": row.actual, "num": row.numerator, "den": row.denominator,
        "percent": row.percent_of_target, "target": target.reference if target else None,
        "expected": row.applied.expected if row.applied else None,
        "status": status_name(row.status), "name": row.indicator_name, "measure": row.measure,
        "target_text": target.text(row.measure) if target else None,
    }[kind]


def _join(run: list, item, number: int) -> str:
    parts = []
    for piece in run:
        if isinstance(piece, str):
            parts.append(piece)
            continue
        value = piece(item, number)
        if isinstance(value, float | int) and not isinstance(value, bool):
            parts.append(format_plain(value))
        elif value is not None:
            parts.append(str(value))
    return "".join(parts)


def fill_report(session: Session, template: str | Path, unit_code: str, period_code: str,
                out: Path, *, plan_code: str | None = None, force: bool = False,
                report_date: dt.date | None = None, progress_cb: Progress = None) -> Path:
    """Fill a template (a built-in name or an .xlsx) and save it as `out`."""
    from desktop.reports.builtin import template_path
    from desktop.reports.check import load_template
    from desktop.reports.output import check_output, save_workbook

    out = Path(out)
    check_output(out, force)
    wb = load_template(template_path(template))
    Filler(session, unit_code, period_code, plan_code, report_date).fill(wb, progress_cb)
    save_workbook(wb, out)
    return out
