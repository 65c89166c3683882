"""Filling a report template: tags replaced, rows repeated, everything else kept.

Order of work: check every tag first (nothing is filled while any is
wrong), fill the cells outside repeated rows, then repeat each loop row,
from the bottom of each sheet up, so that row numbers still to be used do
not move. See desktop.reports.rows for what moves with inserted rows.
"""

from __future__ import annotations

import datetime as dt
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
from desktop.reports.context import UnitItem, loop_units, require_plan, scalars
from desktop.reports.rows import repeat_row
from desktop.reports.tags import CellTags, Tag
from desktop.reports.values import ValueSource

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
        result = scan_workbook(wb, self.codes())
        if result.errors:
            raise UserError(t(f"Mẫu báo cáo có {len(result.errors)} lỗi: {result.errors[0]}",
                              f"The template has {len(result.errors)} error(s): {result.errors[0]}"),
                            result.errors)
        self.source.preload(self.unit.code, self.spec.code)
        plans = {ws.title: self._loop_items(result.loop_rows(ws.title)) for ws in wb.worksheets}
        total = sum(len(items) for loops in plans.values() for items, _ in loops.values()) or 1
        done = 0
        for ws in wb.worksheets:
            loops = plans[ws.title]
            for tagged in (c for c in result.cells if c.sheet == ws.title and c.row not in loops):
                _write(ws._cells[(tagged.row, tagged.column)], tagged.tags, self._resolver(None, 0))
            for row in sorted(loops, reverse=True):
                items, cells = loops[row]
                done += self._fill_loop(ws, row, items, cells)
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
            plans[row] = (items, None)
        return plans

    def _indicator_rows(self) -> list[ProgressRow]:
        if self._progress_rows is None:
            self._progress_rows = progress(self.session, self.plan_code, self.unit.code, self.spec.code)
        return self._progress_rows

    def _fill_loop(self, ws, row: int, items: list, _cells) -> int:
        from desktop.reports.tags import cell_tags

        tagged = [(column, cell_tags(cell._value)) for (r, column), cell in ws._cells.items() if r == row]
        tagged = [(column, tags) for column, tags in tagged if tags is not None]
        repeat_row(ws, row, len(items), frozenset(column for column, _ in tagged))
        cells = ws._cells
        for index, item in enumerate(items):
            resolve = self._resolver(item, index + 1)
            for column, tags in tagged:
                _write(cells[(row + index, column)], tags, resolve)
        return len(items)

    def _resolver(self, item, number: int) -> Callable[[Tag], object]:
        fields = dict(self.scalars)
        fields["row.no"] = number
        if isinstance(item, UnitItem):
            fields.update(item.fields())
        elif isinstance(item, ProgressRow):
            fields.update({"indicator.name": item.indicator_name, "indicator.code": item.indicator,
                           "indicator.unit": item.measure, "indicator.level": level_name(item.level)})

        def resolve(tag: Tag):
            if tag.is_loop:
                return None
            if not tag.is_value:
                return fields[tag.head]
            return self._value(tag, item)
        return resolve

    def _value(self, tag: Tag, item):
        unit = tag.option("unit") or (item.code if isinstance(item, UnitItem) else self.unit.code)
        period = tag.option("period") or self.spec.code
        if isinstance(item, ProgressRow) and tag.code is None and not tag.options:
            return _from_progress(tag.head, item)
        code = tag.code or item.indicator
        level = tag.option("level")
        if level is None and isinstance(item, ProgressRow):
            level = item.level
        return self.source.get(tag.head, code, unit, period, level and level.lower())


def _from_progress(kind: str, row: ProgressRow):
    target = row.target
    return {
        "value": row.actual, "num": row.numerator, "den": row.denominator,
        "percent": row.percent_of_target, "target": target.reference if target else None,
        "expected": row.applied.expected if row.applied else None,
        "status": status_name(row.status), "name": row.indicator_name, "measure": row.measure,
        "target_text": target.text(row.measure) if target else None,
    }[kind]


def _write(cell, tags: CellTags, resolve) -> None:
    """Put the rendered tags into the cell: a lone value tag gives a number (or nothing)."""
    lone = tags.lone
    if lone is not None:
        value = resolve(lone)
        if isinstance(value, str):
            cell._value, cell.data_type = value, "s"
        else:
            cell._value, cell.data_type = value, "n"
        return
    if len(tags.runs) == 1:
        text = _join(tags.runs[0], resolve)
        cell._value, cell.data_type = (text or None), ("s" if text else "n")
        return
    from openpyxl.cell.rich_text import CellRichText, TextBlock

    blocks = []
    for original, run in zip(cell._value, tags.runs, strict=True):
        text = _join(run, resolve)
        if text:
            blocks.append(TextBlock(original.font, text) if isinstance(original, TextBlock) else text)
    cell._value, cell.data_type = (CellRichText(blocks) if blocks else None), ("s" if blocks else "n")


def _join(run: list, resolve) -> str:
    parts = []
    for piece in run:
        if isinstance(piece, str):
            parts.append(piece)
            continue
        value = resolve(piece)
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
