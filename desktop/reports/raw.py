"""The raw export: every value of a period as a flat table, plus a units × elements pivot.

For people who want to work in Excel themselves. The flat sheet lists the
values recorded for the period and its quarters and months (unit code and
name, element code and name, period, value, comment); the pivot sheet has
each unit's value of each element for the period (a year built from its
quarters as everywhere else). Text is always written as text: a name or
comment starting with =, +, - or @ never becomes a formula.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.models import DataElement, DataValue, OrgUnit, Period
from desktop.engine.readings import read_period
from desktop.engine.scope import UnitTree
from desktop.i18n import t
from desktop.periods import parse_period
from desktop.sheettext import put_text as escaped_text

FLAT_HEADERS = (("Mã đơn vị", "Unit code"), ("Tên đơn vị", "Unit name"),
                ("Mã số liệu", "Element code"), ("Tên số liệu", "Element name"),
                ("Kỳ", "Period"), ("Giá trị", "Value"), ("Ghi chú", "Comment"))


def put_text(ws, row: int, column: int, text: str | None):
    """A text cell that Excel will never read as a formula (desktop.sheettext)."""
    cell = ws.cell(row=row, column=column)
    if text is None or text == "":
        return cell
    return escaped_text(cell, text)


def put_number(ws, row: int, column: int, value: float | None):
    cell = ws.cell(row=row, column=column)
    if value is not None:
        cell._value, cell.data_type = value, "n"
    return cell


def raw_rows(session: Session, unit_code: str, period_code: str) -> list[tuple]:
    """(unit code, unit name, element code, element name, period, value, comment), in tree order."""
    spec = parse_period(period_code)
    tree = UnitTree.of(session)
    scope = tree.scope(tree.get(unit_code).id, spec.end)
    codes = [spec.code] + [sub.code for sub in spec.sub_periods()]
    query = (select(OrgUnit.id, OrgUnit.code, OrgUnit.name, DataElement.code, DataElement.name,
                    Period.code, DataValue.value, DataValue.comment, DataElement.sort_order)
             .join(OrgUnit, OrgUnit.id == DataValue.unit_id)
             .join(DataElement, DataElement.id == DataValue.element_id)
             .join(Period, Period.id == DataValue.period_id)
             .where(Period.code.in_(codes)))
    order = {unit_id: index for index, unit_id in enumerate(scope)}
    period_order = {code: index for index, code in enumerate(codes)}
    rows = [row for row in session.execute(query) if row[0] in order]
    rows.sort(key=lambda r: (order[r[0]], period_order[r[5]], r[8]))
    return [tuple(row[1:8]) for row in rows]


def export_raw(session: Session, unit_code: str, period_code: str, out: Path, *,
               force: bool = False, progress_cb=None) -> int:
    """Write the flat and pivot sheets; the number of values written."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from desktop.reports.output import check_output, save_workbook

    out = Path(out)
    check_output(out, force)
    rows = raw_rows(session, unit_code, period_code)
    wb = Workbook()
    flat = wb.active
    flat.title = t("Số liệu", "Values")
    bold = Font(bold=True)
    for column, (vi, en) in enumerate(FLAT_HEADERS, 1):
        put_text(flat, 1, column, t(vi, en)).font = bold
    for index, row in enumerate(rows, 2):
        for column, value in enumerate(row, 1):
            if column == 6:
                put_number(flat, index, column, value)
            else:
                put_text(flat, index, column, value)
    flat.freeze_panes = "A2"
    flat.auto_filter.ref = f"A1:G{max(len(rows) + 1, 2)}"
    for letter, width in zip("ABCDEFG", (16, 34, 22, 50, 10, 12, 30), strict=True):
        flat.column_dimensions[letter].width = width
    if progress_cb:
        progress_cb(1, 2)
    _pivot(session, wb.create_sheet(t("Bảng tổng hợp", "Pivot")), unit_code, period_code, bold)
    save_workbook(wb, out)
    if progress_cb:
        progress_cb(2, 2)
    return len(rows)


def _pivot(session: Session, ws, unit_code: str, period_code: str, bold) -> None:
    from openpyxl.utils import get_column_letter

    spec = parse_period(period_code)
    tree = UnitTree.of(session)
    scope = tree.scope(tree.get(unit_code).id, spec.end)
    elements = list(session.scalars(select(DataElement).order_by(DataElement.sort_order)))
    readings = read_period(session, spec, {e.id for e in elements}, set(scope))
    put_text(ws, 1, 1, t("Mã đơn vị", "Unit code")).font = bold
    put_text(ws, 1, 2, t("Tên đơn vị", "Unit name")).font = bold
    used = [e for e in elements if readings.get(e.id)]
    for column, element in enumerate(used, 3):
        put_text(ws, 1, column, element.code).font = bold
        put_text(ws, 2, column, element.name)
    put_text(ws, 2, 2, t(f"Kỳ: {spec.label()}", f"Period: {spec.label()}"))
    row = 3
    for unit_id in scope:
        values = [readings[e.id].get(unit_id) for e in used]
        if all(v is None for v in values):
            continue
        unit = tree.units[unit_id]
        put_text(ws, row, 1, unit.code)
        put_text(ws, row, 2, unit.name)
        for column, value in enumerate(values, 3):
            put_number(ws, row, column, value)
        row += 1
    ws.freeze_panes = "C3"
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 34
    for column in range(3, len(used) + 3):
        ws.column_dimensions[get_column_letter(column)].width = 14
