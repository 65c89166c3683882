"""Moving the row numbers of references when rows are inserted into a sheet.

Works on formulas (through openpyxl's tokenizer, so strings and function
names are never touched), defined names, print areas and range lists.

The rule, for `amount` rows inserted before row `at` of sheet `sheet`:
- a reference at or below `at` moves down by `amount`;
- a range that starts above `at` and ends at or below it grows;
- with `grow=True` (a repeated row block: the template row is `at - 1`),
  a range that *ends on* the template row grows too, so that a total such
  as =SUM(C8:C8) under a block repeated from row 8 covers every copy.
References to other sheets, whole columns and names are left alone; a
reference never moves past the sheet's last row (1048576).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SHEET = r"(?:'(?:[^']|'')+'|[^'!:\s(),]+)"
_REF = re.compile(
    rf"^(?P<sheet>{_SHEET}!)?"
    r"(?:(?P<c1>\$?[A-Za-z]{1,3})(?P<r1>\$?\d+)(?::(?P<c2>\$?[A-Za-z]{1,3})(?P<r2>\$?\d+))?"
    r"|(?P<rr1>\$?\d+):(?P<rr2>\$?\d+))$")
MAX_ROW = 1048576


@dataclass(frozen=True)
class Shift:
    """Rows inserted: `amount` rows before row `at` of sheet `sheet`."""

    sheet: str
    at: int
    amount: int
    grow: bool = True

    def rows(self, first: int, last: int, is_range: bool, grow: bool | None = None) -> tuple[int, int]:
        """New (first, last) rows of a reference spanning first..last."""
        grow = self.grow if grow is None else grow
        if first >= self.at:
            return min(first + self.amount, MAX_ROW), min(last + self.amount, MAX_ROW)
        if last >= self.at or (grow and is_range and last >= self.at - 1):
            return first, min(last + self.amount, MAX_ROW)
        return first, last


def sheet_of(prefix: str | None, own: str | None) -> str | None:
    """The sheet a reference points at, from its 'Sheet'! prefix or the formula's own sheet."""
    if not prefix:
        return own
    name = prefix[:-1]
    if name.startswith("'"):
        name = name[1:-1].replace("''", "'")
    return name


def _row_text(original: str, number: int) -> str:
    return ("$" if original.startswith("$") else "") + str(number)


def shift_reference(text: str, shift: Shift, own_sheet: str | None, grow: bool | None = None) -> str:
    """One reference (A1, $B$2:C9, 'Sheet 1'!A1:A4, 3:5) after the shift."""
    match = _REF.match(text)
    if match is None or sheet_of(match.group("sheet"), own_sheet) != shift.sheet:
        return text
    prefix = match.group("sheet") or ""
    if match.group("rr1"):
        r1, r2 = match.group("rr1"), match.group("rr2")
        first, last = shift.rows(int(r1.lstrip("$")), int(r2.lstrip("$")), True, grow)
        return f"{prefix}{_row_text(r1, first)}:{_row_text(r2, last)}"
    c1, r1, c2, r2 = match.group("c1", "r1", "c2", "r2")
    is_range = c2 is not None
    first, last = shift.rows(int(r1.lstrip("$")), int((r2 or r1).lstrip("$")), is_range, grow)
    out = f"{prefix}{c1}{_row_text(r1, first)}"
    if is_range:
        out += f":{c2}{_row_text(r2, last)}"
    return out


def shift_formula(formula: str, shift: Shift, own_sheet: str | None, grow: bool | None = None) -> str:
    """A formula ('=SUM(C8:C8)') with its references moved; other text untouched."""
    from openpyxl.formula.tokenizer import Token, Tokenizer

    try:
        tokens = Tokenizer(formula).items
    except Exception:  # a formula openpyxl cannot read is left as it is
        return formula
    changed = False
    parts = []
    for token in tokens:
        value = token.value
        if token.type == Token.OPERAND and token.subtype == Token.RANGE:
            new = shift_reference(value, shift, own_sheet, grow)
            changed |= new != value
            value = new
        parts.append(value)
    if not changed:
        return formula
    return "=" + "".join(parts)


def shift_name(text: str, shift: Shift, own_sheet: str | None = None, grow: bool | None = None) -> str:
    """A defined name's or print area's text (no leading '='), shifted."""
    if not text:
        return text
    return shift_formula("=" + text, shift, own_sheet, grow)[1:]


def shift_range_list(ranges: str, shift: Shift, grow: bool | None = None) -> str:
    """A space-separated list of ranges in the sheet itself ('A1:B4 D8').

    A single cell counts as a one-cell range here: validation or formatting
    of a template row's cell spreads to every copy.
    """
    parts = []
    for part in ranges.split():
        if ":" not in part and _REF.match(part):
            moved = shift_reference(f"{part}:{part}", shift, shift.sheet, grow)
            first, last = moved.split(":")
            part = first if first == last else moved
        else:
            part = shift_reference(part, shift, shift.sheet, grow)
        parts.append(part)
    return " ".join(parts)
