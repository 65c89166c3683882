"""One worksheet's XML for the fill: reading cell values, writing values, repeating a row.

Cells are read from `sheetData` (shared strings, inline strings, numbers,
formulas) into a light `_cells` map that the tag scanner reads like an
openpyxl sheet. Values are written as numbers or inline strings (a text
cell never becomes a formula); a rich-text tag cell keeps each run's
formatting. Rows are never materialised beyond the ones the file has: the
cost of moving rows is the cost of the rows that exist.
"""

from __future__ import annotations

import math
import re
from copy import deepcopy
from dataclasses import dataclass

from lxml import etree

from desktop.errors import UserError
from desktop.i18n import t
from desktop.reports.package import MAIN, Package, SheetRef

MAX_ROW = 1048576
_C, _R, _V, _F, _IS, _T = (f"{{{MAIN}}}{name}" for name in ("c", "r", "v", "f", "is", "t"))
_RPR, _ROW, _SI = f"{{{MAIN}}}rPr", f"{{{MAIN}}}row", f"{{{MAIN}}}si"
_COORD = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_COLUMNS: dict[str, int] = {}


def column_index(letters: str) -> int:
    number = _COLUMNS.get(letters)
    if number is None:
        number = 0
        for char in letters.upper():
            number = number * 26 + ord(char) - 64
        _COLUMNS[letters] = number
    return number


def split_coordinate(text: str) -> tuple[str, int]:
    match = _COORD.match(text or "")
    if match is None:
        raise ValueError(text)
    return match.group(1).upper(), int(match.group(2))


@dataclass
class Run:
    """One rich-text run: its formatting element (or None) and its text."""

    rpr: object
    text: str


class RichRuns(list):
    """A rich-text value: a list of Run."""


@dataclass
class RichValue:
    """A rich-text value to write: (formatting element or None, text) per run."""

    runs: list


class ScanCell:
    """What the tag scanner reads of a cell."""

    __slots__ = ("_value", "coordinate")

    def __init__(self, value, coordinate: str):
        self._value, self.coordinate = value, coordinate


def string_value(si):
    """The text of a shared or inline string: str, or RichRuns when it has runs."""
    runs = si.findall(_R)
    if not runs:
        text = si.find(_T)
        return (text.text or "") if text is not None else ""
    return RichRuns(Run(run.find(_RPR), "".join(x.text or "" for x in run.findall(_T))) for run in runs)


class SharedStrings:
    def __init__(self, package: Package):
        part = next((target for kind, target in package.related("xl/workbook.xml", "sharedStrings")), None)
        self.items = ([string_value(si) for si in package.tree(part).iterfind(_SI)]
                      if part in package.parts else [])

    def get(self, index: str):
        try:
            return self.items[int(index)]
        except (ValueError, IndexError):
            return None


class XSheet:
    """A worksheet part: its rows by number, read and written in place."""

    def __init__(self, package: Package, ref: SheetRef, strings: SharedStrings):
        self.package, self.title, self.part = package, ref.name, ref.part
        self.root = package.tree(ref.part)
        self.data = self.root.find(f"{{{MAIN}}}sheetData")
        self.strings = strings
        self.rows: dict[int, object] = {}
        self._number_rows()
        self._scan: dict[tuple[int, int], ScanCell] | None = None

    def _number_rows(self) -> None:
        if self.data is None:
            return
        last = 0
        for row in self.data.iterfind(_ROW):
            number = int(row.get("r") or last + 1)
            if row.get("r") is None:
                row.set("r", str(number))
                self.package.touch(self.part)
            self.rows[number] = row
            last = number
            column = 0
            for cell in row.iterfind(_C):
                if cell.get("r") is None:
                    cell.set("r", f"{letters_of(column + 1)}{number}")
                    self.package.touch(self.part)
                column = column_index(split_coordinate(cell.get("r"))[0])

    def touch(self) -> None:
        self.package.touch(self.part)

    @property
    def _cells(self) -> dict[tuple[int, int], ScanCell]:
        """(row, column) -> ScanCell for every cell that has something in it (as the scanner reads it)."""
        if self._scan is None:
            self._scan = {}
            for number, row in self.rows.items():
                for cell in row.iterfind(_C):
                    value = self.read(cell)
                    if value is not None:
                        letters, _row = split_coordinate(cell.get("r"))
                        self._scan[(number, column_index(letters))] = ScanCell(value, cell.get("r"))
        return self._scan

    def read(self, cell):
        kind = cell.get("t")
        formula = cell.find(_F)
        if formula is not None:
            return "=" + (formula.text or "")
        if kind == "inlineStr":
            inline = cell.find(_IS)
            return string_value(inline) if inline is not None else None
        value = cell.find(_V)
        if value is None or value.text is None:
            return None
        if kind == "s":
            return self.strings.get(value.text)
        if kind in ("str", "e"):
            return value.text
        if kind == "b":
            return value.text == "1"
        try:
            return float(value.text)
        except ValueError:
            return value.text

    def row_cells(self, row: int) -> dict[int, object]:
        """Column -> <c> element of one row (empty when the file has no such row)."""
        element = self.rows.get(row)
        if element is None:
            return {}
        return {column_index(split_coordinate(cell.get("r"))[0]): cell for cell in element.iterfind(_C)}

    def ensure_cell(self, row: int, column: int):
        """The <c> element at (row, column), made (with its row) in order when the file has none."""
        element = self.rows.get(row)
        if element is None:
            element = etree.Element(_ROW, r=str(row))
            after = [number for number in self.rows if number < row]
            if after:
                self.rows[max(after)].addnext(element)
            else:
                self.data.insert(0, element)
            self.rows[row] = element
        cells = self.row_cells(row)
        if column in cells:
            return cells[column]
        cell = etree.Element(_C, r=f"{letters_of(column)}{row}")
        style = element.get("s") if element.get("customFormat") == "1" else None
        if style:
            cell.set("s", style)
        before = [c for c in cells if c < column]
        if before:
            cells[max(before)].addnext(cell)
        else:
            element.insert(0, cell)
        return cell

    def positions(self, row: int, columns: list[int]) -> list[int]:
        """Where each column's <c> sits among the row's children (copies keep the order)."""
        children = list(self.rows[row])
        cells = self.row_cells(row)
        return [children.index(cells[column]) for column in columns]

    def empty(self, row: int, columns) -> None:
        """The values of some cells of a row removed (styles kept), before copying the row."""
        cells = self.row_cells(row)
        for column in columns:
            put_value(cells[column], None)

    def renumber_below(self, row: int, amount: int) -> None:
        """Rows after `row` move down by `amount`; content pushed past the last row is refused."""
        for number in sorted((r for r in self.rows if r > row), reverse=True):
            element = self.rows.pop(number)
            new = number + amount
            if new > MAX_ROW:
                self._push_off(element)
                continue
            element.set("r", str(new))
            for cell in element.iterfind(_C):
                letters, _old = split_coordinate(cell.get("r"))
                cell.set("r", f"{letters}{new}")
            self.rows[new] = element
        self.touch()

    def _push_off(self, element) -> None:
        for cell in element.iterfind(_C):
            if cell.find(_V) is not None or cell.find(_F) is not None or cell.find(_IS) is not None:
                raise UserError(t(f"{self.title}!{cell.get('r')}: ô có nội dung sẽ bị đẩy quá dòng cuối "
                                  f"của trang khi chèn dòng lặp; hãy xóa nó khỏi mẫu.",
                                  f"{self.title}!{cell.get('r')}: a cell with content would be pushed past "
                                  f"the sheet's last row by the repeated rows; remove it from the template."))
        element.getparent().remove(element)  # empty formatted cells fall off, as in Excel


def letters_of(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def put_value(cell, value) -> None:
    """Write a number, a text, rich text or nothing into a <c> element, keeping its style."""
    for child in list(cell):
        if child.tag in (_V, _F, _IS):
            cell.remove(child)
    put_fresh(cell, value)


def put_fresh(cell, value) -> None:
    """`put_value` for a cell already emptied (the fast path of repeated rows)."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        cell.attrib.pop("t", None)
        return
    if isinstance(value, bool):
        cell.set("t", "b")
        etree.SubElement(cell, _V).text = "1" if value else "0"
        return
    if isinstance(value, int | float):
        cell.attrib.pop("t", None)
        etree.SubElement(cell, _V).text = str(value) if isinstance(value, int) else repr(value)
        return
    cell.set("t", "inlineStr")
    inline = etree.SubElement(cell, _IS)
    if isinstance(value, RichValue):
        for rpr, text in value.runs:
            run = etree.SubElement(inline, _R)
            if rpr is not None:
                run.append(deepcopy(rpr))
            _text(etree.SubElement(run, _T), text)
    else:
        _text(etree.SubElement(inline, _T), str(value))


def _text(element, text: str) -> None:
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("", text)
    element.text = text
    if text != text.strip():
        element.set(_XML_SPACE, "preserve")


def clear_row(row_element) -> None:
    """A repeated row with nothing to repeat: its values emptied, styles kept."""
    for cell in row_element.iterfind(_C):
        put_value(cell, None)
