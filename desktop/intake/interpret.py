"""From a form's raw cells to values to write, with a problem per bad cell.

Numbers may be real numbers or text as people paste it ("1.234", "60,5");
yes/no cells take Có/Không (or 1/0); an empty cell means "not reported" and
writes nothing. Dates, booleans in number cells, fractions where a whole
number is expected, Excel error cells (#REF!, #DIV/0!: a reader sees them
empty, the container check finds them) and unreadable text are problems
named by cell.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from desktop.data.values import ValueInput
from desktop.engine.validation import ElementInfo, check_number
from desktop.formats import parse_number
from desktop.i18n import t
from desktop.intake import layout
from desktop.intake.read import RawForm
from desktop.intake.report import FileReport

MAX_NOTE = 500


@dataclass(frozen=True)
class ElementSpec:
    code: str
    name: str
    kind: str
    decimals: int


@dataclass
class Interpreted:
    items: list[ValueInput] = field(default_factory=list)
    cells: dict[str, str] = field(default_factory=dict)  # where -> cell reference


def interpret(raw: RawForm, elements: dict[str, ElementSpec], report: FileReport) -> Interpreted:
    """ValueInputs for every filled cell; cell problems go into `report`."""
    result = Interpreted()
    for code, row in raw.rows:
        element = elements.get(code)
        value_raw, note_raw = raw.cells.get(row, (None, None))
        cell = f"{layout.VALUE_COLUMN}{row}"
        broken = [ref for ref in (cell, f"{layout.NOTE_COLUMN}{row}") if ref in raw.errors]
        for ref in broken:
            report.add(t(f"ô chứa lỗi Excel {raw.errors[ref]}; hãy nhập số (hoặc để trống).",
                         f"the cell holds the Excel error {raw.errors[ref]}; type a number "
                         "(or leave it empty)."), raw.sheet, ref)
        if element is None or broken or _empty(value_raw):
            continue
        try:
            value = _value(element, value_raw)
        except ValueError as exc:
            report.add(str(exc), raw.sheet, cell)
            continue
        where = f"{report.path}, {raw.sheet}, {cell}"
        result.cells[where] = cell
        result.items.append(ValueInput(report.unit, code, report.period, value,
                                       _note(note_raw), where))
    return result


def _empty(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _value(element: ElementSpec, raw: object) -> float:
    if element.kind == "yesno":
        try:
            return layout.parse_yes_no(raw)
        except ValueError:
            raise ValueError(t(f"“{_show(raw)}” không phải “Có” hoặc “Không” ({element.name}).",
                               f"“{_show(raw)}” is not “Có” (yes) or “Không” (no) "
                               f"({element.name}).")) from None
    if isinstance(raw, (bool, dt.date, dt.time, dt.timedelta)):
        raise ValueError(t(f"“{_show(raw)}” không phải là số ({element.name}).",
                           f"“{_show(raw)}” is not a number ({element.name})."))
    try:
        value = parse_number(raw if isinstance(raw, (int, float)) else str(raw))
    except ValueError:
        value = None
    if value is None:
        raise ValueError(t(f"“{_show(raw)}” không phải là số ({element.name}).",
                           f"“{_show(raw)}” is not a number ({element.name})."))
    for problem in check_number(ElementInfo(element.code, element.name, element.kind,
                                            element.decimals), value):
        raise ValueError(problem.message)
    return value


def _note(raw: object) -> str:
    if raw is None or isinstance(raw, bool):
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return " ".join(str(raw).split())[:MAX_NOTE]


def _show(raw: object) -> str:
    text = str(raw)
    return text if len(text) <= 40 else text[:37] + "…"
