"""A template workbook for the fill: its worksheets' XML, rows repeated, everything else kept.

`XBook.repeat_row` is the one place rows are inserted: the rows below move
down, every reference to them in the package moves (desktop.reports.xmlshift),
and the template row is copied with its styles, height, merged cells and
translated formulas.
"""

from __future__ import annotations

import re
from copy import deepcopy
from pathlib import Path

from lxml import etree

from desktop.errors import UserError
from desktop.i18n import t
from desktop.reports.package import MAIN, Package
from desktop.reports.refs import Shift
from desktop.reports.xmlshift import (
    shift_cells,
    shift_charts,
    shift_names,
    shift_related,
    shift_sheet_xml,
    unshare,
)
from desktop.reports.xmlsheet import SharedStrings, XSheet, clear_row, split_coordinate

_C, _F, _V = f"{{{MAIN}}}c", f"{{{MAIN}}}f", f"{{{MAIN}}}v"
_MERGES, _MERGE = f"{{{MAIN}}}mergeCells", f"{{{MAIN}}}mergeCell"
_ROWNUM = re.compile(r"(\$?[A-Za-z]{1,3}\$?)(\d+)")
# What may stand before calcPr in workbook.xml (CT_Workbook's order).
_BEFORE_CALC = ("fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews",
                "sheets", "functionGroups", "externalReferences", "definedNames")


class XBook:
    """The package and its worksheets (chart sheets and dialog sheets are kept, not filled)."""

    def __init__(self, path: Path):
        self.package = Package(path)
        root = self.package.tree("xl/workbook.xml")
        if etree.QName(root).namespace != MAIN:
            raise UserError(t(f"Tệp mẫu {path} được lưu dạng “Strict Open XML”: hãy mở trong Excel và lưu "
                              f"lại dạng “Excel Workbook (.xlsx)”.",
                              f"The template {path} is saved as “Strict Open XML”: open it in Excel and "
                              f"save it as “Excel Workbook (.xlsx)”."))
        strings = SharedStrings(self.package)
        self.worksheets = []
        for ref in self.package.sheets:
            root = self.package.tree(ref.part)
            if root.find(f"{{{MAIN}}}sheetData") is not None:
                self.worksheets.append(XSheet(self.package, ref, strings))

    def repeat_row(self, sheet: XSheet, row: int, count: int) -> None:
        """Make `count` rows of template row `row` (rows row..row+count-1); with 0 the row
        stays, its values emptied, so that formulas reading it stay valid."""
        template = sheet.rows.get(row)
        sheet.touch()
        if count <= 0:
            if template is not None:
                clear_row(template)
            return
        amount = count - 1
        if amount == 0:
            return
        shift = Shift(sheet.title, row + 1, amount, True)
        for other in self.worksheets:
            unshare(other, shift)
        sheet.renumber_below(row, amount)
        for other in self.worksheets:
            shift_cells(other, shift, row if other is sheet else None)
            shift_sheet_xml(other, shift)
        shift_names(self.package, shift)
        shift_charts(self.package, shift)
        shift_related(self.package, sheet, shift)
        _copy_row(sheet, row, count)

    def finish(self, filled: set[str] | None = None) -> None:
        """After a fill: the calculation chain goes (it names cells by address); cached results
        go from formulas that may read a filled sheet (LibreOffice would show them as they
        were, it does not recalculate on opening); Excel recalculates everything on opening."""
        self.package.drop_calc_chain()
        self._drop_stale_results({sheet.title for sheet in self.worksheets} if filled is None else filled)
        root = self.package.tree("xl/workbook.xml")
        calc = root.find(f"{{{MAIN}}}calcPr")
        if calc is None:
            calc = etree.Element(f"{{{MAIN}}}calcPr")
            before = [child for child in root if etree.QName(child).localname in _BEFORE_CALC]
            if before:
                before[-1].addnext(calc)
            else:
                root.insert(0, calc)
        calc.set("fullCalcOnLoad", "1")
        self.package.touch("xl/workbook.xml")

    def _drop_stale_results(self, filled: set[str]) -> None:
        """A formula keeps its cached result only if it reads no filled sheet: it is not on one,
        names none, and uses no defined name (which could point anywhere)."""
        names = [n.get("name") for n in self.package.tree("xl/workbook.xml").iter(f"{{{MAIN}}}definedName")
                 if n.get("name") and not n.get("name").startswith("_xlnm.")]
        needles = [title.lower() for title in filled] + [name.lower() for name in names]
        for sheet in self.worksheets:
            own = sheet.title in filled
            dropped = False
            for formula in sheet.data.iter(_F):
                cell = formula.getparent()
                cached = cell.find(_V)
                if cached is None:
                    continue
                text = (formula.text or "").lower()
                if own or not text or any(needle in text for needle in needles):
                    cell.remove(cached)
                    cell.attrib.pop("t", None)
                    dropped = True
            if dropped:
                sheet.touch()

    def save(self, path: Path) -> None:
        self.package.save(path)


def _copy_row(sheet: XSheet, row: int, count: int) -> None:
    from openpyxl.formula.translate import Translator

    template = sheet.rows.get(row)
    if template is None:  # an empty row: the inserted rows stay empty too
        return
    plan = []
    for cell in template.iterfind(_C):
        letters = split_coordinate(cell.get("r"))[0]
        formula = cell.find(_F)
        translator = None
        if formula is not None and formula.text and formula.get("t") in (None, "normal", "array"):
            translator = Translator("=" + formula.text, cell.get("r"))
        plan.append((letters, translator))
    anchor = template
    for index in range(1, count):
        number = row + index
        copy = deepcopy(template)
        copy.set("r", str(number))
        for cell, (letters, translator) in zip(copy.iterfind(_C), plan, strict=True):
            cell.set("r", f"{letters}{number}")
            if translator is not None:
                formula = cell.find(_F)
                formula.text = translator.translate_formula(row_delta=index)[1:]
                if formula.get("ref"):
                    formula.set("ref", _ROWNUM.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + index}",
                                                   formula.get("ref")))
                cached = cell.find(_V)
                if cached is not None:
                    cell.remove(cached)
        anchor.addnext(copy)
        anchor = copy
        sheet.rows[number] = copy
    _copy_merges(sheet, row, count)


def _copy_merges(sheet: XSheet, row: int, count: int) -> None:
    merges = sheet.root.find(_MERGES)
    if merges is None:
        return
    for merge in list(merges.iterfind(_MERGE)):
        ref = merge.get("ref", "")
        rows = {split_coordinate(part)[1] for part in ref.split(":")}
        if rows != {row}:
            continue
        for index in range(1, count):
            copy = etree.SubElement(merges, _MERGE)
            copy.set("ref", _ROWNUM.sub(lambda m, i=index: f"{m.group(1)}{int(m.group(2)) + i}", ref))
    merges.set("count", str(len(merges)))
