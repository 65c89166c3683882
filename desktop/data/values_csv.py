"""Values in CSV: `unit_code,element_code,period,value[,comment]`.

Import refuses the whole file on any bad line (unknown unit or element, a
value that is not a number, a bad period, a duplicate row, a locked period,
a broken rule), naming the line; nothing is written then. The header line
is optional. Export writes the same columns, so an export imports back.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.csvfiles import read_csv_records
from desktop.data.models import DataElement, DataValue, OrgUnit, Period
from desktop.data.values import ValueInput, WriteResult, write_values
from desktop.errors import UserError
from desktop.formats import parse_number
from desktop.i18n import t
from desktop.sheettext import csv_text

COLUMNS = ["unit_code", "element_code", "period", "value", "comment"]


def parse_values_csv(path: Path, warnings: list[str] | None = None) -> list[ValueInput]:
    """Rows of the file as ValueInputs; UserError listing every malformed line."""
    rows = read_csv_records(path, warnings)
    if rows[0][1][0].lower() in ("unit_code", "unit"):
        rows = rows[1:]  # the header line is optional; without it the first line is data
    if not rows:
        raise UserError(t(f"Tệp {path.name} chỉ có dòng tiêu đề, không có số liệu.",
                          f"{path.name} holds a header line and no values."))
    items, problems = [], []
    for line, cells in rows:
        where = f"{path.name}, {t('dòng', 'line')} {line}"
        if len(cells) < 4:
            problems.append(t(f"{where}: cần 4 cột (đơn vị, chỉ tiêu, kỳ, giá trị), có {len(cells)}.",
                              f"{where}: needs 4 columns (unit, element, period, value), has {len(cells)}."))
            continue
        try:
            value = parse_number(cells[3])
        except ValueError:
            problems.append(t(f"{where}: “{cells[3]}” không phải là số.",
                              f"{where}: “{cells[3]}” is not a number."))
            continue
        if value is None:
            problems.append(t(f"{where}: thiếu giá trị.", f"{where}: the value is missing."))
            continue
        comment = cells[4] if len(cells) > 4 else ""
        items.append(ValueInput(cells[0], cells[1], cells[2], value, comment, where))
    if problems:
        raise UserError(problems[0] if len(problems) == 1 else t(
            f"{len(problems)} dòng lỗi, không ghi gì. Lỗi đầu: {problems[0]}",
            f"{len(problems)} bad lines, nothing written. First: {problems[0]}"), problems)
    return items


def import_values_csv(session: Session, path: Path) -> WriteResult:
    warnings: list[str] = []
    result = write_values(session, parse_values_csv(path, warnings))
    result.warnings[:0] = warnings
    return result


def export_values_csv(session: Session, unit: str | None = None,
                      period: str | None = None) -> str:
    """Every recorded value (under `unit`, in `period` when given) as CSV text."""
    query = (select(OrgUnit.code, DataElement.code, Period.code, DataValue.value,
                    DataValue.comment)
             .join(OrgUnit, OrgUnit.id == DataValue.unit_id)
             .join(DataElement, DataElement.id == DataValue.element_id)
             .join(Period, Period.id == DataValue.period_id)
             .order_by(OrgUnit.path, Period.start, Period.kind, DataElement.sort_order))
    if unit:
        from desktop.data.units import unit_by_code

        query = query.where(OrgUnit.path.startswith(unit_by_code(session, unit).path))
    if period:
        from desktop.periods import parse_period

        query = query.where(Period.code == parse_period(period).code)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for unit_code, element, period_code, value, comment in session.execute(query):
        writer.writerow([csv_text(unit_code), csv_text(element), period_code, _plain(value),
                         csv_text(comment)])
    return out.getvalue()


def _plain(value: float) -> str:
    """Integers as such, fractions with a decimal comma: "2.125" would read back as 2125."""
    return str(int(value)) if float(value).is_integer() else repr(value).replace(".", ",")
