"""Moving every row reference of a package when rows are inserted into one sheet.

Where references live, and how each moves (the rule itself, which ranges
grow, is desktop.reports.refs):
- formulas in cells of every sheet (shared formulas that the move would
  break are first written out cell by cell), array formula ranges;
- in the sheet's own XML outside the cells: dimension, merged cells,
  hyperlinks (their cells and their links to places in the workbook),
  conditional formats and validations with their formulas, the 2010
  extension lists (x14 formats, validations, sparklines: xm:sqref, xm:f),
  auto-filter and sort ranges, panes and selections, page breaks,
  form controls and embedded objects' anchors, cell-linked controls;
- defined names (print areas and titles among them) in workbook.xml;
- every chart's series, categories, titles, trendlines and error bars
  (c:f, in every chart of the workbook: a chart may read another sheet);
- the sheet's drawings (anchors of pictures, shapes, charts; shapes'
  linked text), legacy VML (comment boxes, form controls), comments and
  threaded comments, tables, pivot tables, form control properties,
  XML-mapped single cells, and pivot caches reading this sheet.
"""

from __future__ import annotations

import re

from desktop.errors import UserError
from desktop.i18n import t
from desktop.reports.package import MAIN, Package
from desktop.reports.refs import Shift, shift_formula, shift_name, shift_range_list, shift_reference
from desktop.reports.xmlsheet import MAX_ROW, XSheet, column_index, split_coordinate

_F = f"{{{MAIN}}}f"
RANGE_ATTRS = {  # element -> attribute -> grow (None: the shift's own rule)
    "dimension": {"ref": None}, "mergeCell": {"ref": False}, "hyperlink": {"ref": False},
    "autoFilter": {"ref": None}, "sortState": {"ref": None}, "sortCondition": {"ref": None},
    "conditionalFormatting": {"sqref": None}, "dataValidation": {"sqref": None},
    "protectedRange": {"sqref": None}, "ignoredError": {"sqref": None}, "selection": {"sqref": False},
}
CELL_ATTRS = {"selection": "activeCell", "pane": "topLeftCell", "sheetView": "topLeftCell",
              "cellWatch": "r"}
FORMULA_ATTRS = {"hyperlink": ("location",), "controlPr": ("linkedCell", "listFillRange")}
FORMULA_TEXT = {"formula", "formula1", "formula2", "f"}
CTRL_ATTRS = ("fmlaLink", "fmlaRange", "fmlaTxbx", "fmlaGroup")


def local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def unshare(sheet: XSheet, shift: Shift) -> None:
    """Shared formulas that may read the shifted sheet become one formula per cell (before any
    row moves: a shared formula's cells are worked out from the master's position)."""
    from openpyxl.formula.translate import Translator

    needle = shift.sheet.lower()
    broken = {}
    for formula in sheet.data.iter(_F):
        if formula.get("t") == "shared" and formula.get("ref") and formula.text and (
                sheet.title == shift.sheet or needle in formula.text.lower()):
            origin = formula.getparent().get("r")
            broken[formula.get("si")] = (Translator("=" + formula.text, origin), origin)
    if not broken:
        return
    for formula in sheet.data.iter(_F):
        si = formula.get("si")
        if formula.get("t") != "shared" or si not in broken:
            continue
        translator, origin = broken[si]
        letters, row = split_coordinate(formula.getparent().get("r"))
        o_letters, o_row = split_coordinate(origin)
        text = translator.translate_formula(row_delta=row - o_row,
                                            col_delta=column_index(letters) - column_index(o_letters))
        formula.text = text[1:]
        for name in ("t", "si", "ref"):
            formula.attrib.pop(name, None)
    sheet.touch()


def shift_cells(sheet: XSheet, shift: Shift, template_row: int | None) -> None:
    """Formulas of one sheet's cells: references into the shifted sheet move (after `unshare`)."""
    own = sheet.title == shift.sheet
    needle = shift.sheet.lower()
    changed = False
    for formula in sheet.data.iter(_F):
        text = formula.text
        if text and (own or needle in text.lower()):
            cell_row = split_coordinate(formula.getparent().get("r"))[1]
            grow = False if cell_row == template_row else None
            new = shift_formula("=" + text, shift, sheet.title, grow)[1:]
            if new != text:
                formula.text = new
                changed = True
        if own and formula.get("ref") and formula.get("t") in ("array", "dataTable"):
            formula.set("ref", shift_range_list(formula.get("ref"), shift, False))
            changed = True
    if changed:
        sheet.touch()


def shift_sheet_xml(sheet: XSheet, shift: Shift) -> None:
    """Everything of the sheet's XML outside its cells."""
    own = sheet.title == shift.sheet
    changed = False
    for top in sheet.root:
        if top is sheet.data:
            continue
        for element in top.iter():
            changed |= _shift_element(element, shift, sheet.title, own)
    if changed:
        sheet.touch()


def _shift_element(element, shift: Shift, own_sheet: str, own: bool) -> bool:
    name = local(element.tag)
    changed = False
    if own:
        for attr, grow in RANGE_ATTRS.get(name, {}).items():
            changed |= _set(element, attr, lambda v, g=grow: shift_range_list(v, shift, g))
        if name in CELL_ATTRS:
            changed |= _set(element, CELL_ATTRS[name], lambda v: shift_reference(v, shift, own_sheet, False))
        if name == "brk" and local(element.getparent().tag) == "rowBreaks":
            changed |= _set(element, "id", lambda v: str(int(v) + shift.amount) if int(v) >= shift.at - 1 else v)
        if name == "sqref" and element.text:
            changed |= _set_text(element, lambda v: shift_range_list(v, shift))
        if name == "row" and local(element.getparent().tag) in ("from", "to"):
            changed |= _set_text(element, lambda v: _zero_based(v, shift))
    for attr in FORMULA_ATTRS.get(name, ()):
        changed |= _set(element, attr, lambda v: shift_name(v, shift, own_sheet, False))
    if name in FORMULA_TEXT and element.text and not element.text.startswith('"'):
        changed |= _set_text(element, lambda v: shift_name(v, shift, own_sheet, False))
    return changed


def _zero_based(text: str, shift: Shift) -> str:
    row = int(text)
    return str(row + shift.amount) if row + 1 >= shift.at else text


def _set(element, attr: str, change) -> bool:
    value = element.get(attr)
    if not value:
        return False
    new = change(value)
    if new != value:
        element.set(attr, new)
        return True
    return False


def _set_text(element, change) -> bool:
    new = change(element.text.strip())
    if new != element.text.strip():
        element.text = new
        return True
    return False


def shift_names(package: Package, shift: Shift) -> None:
    root = package.tree("xl/workbook.xml")
    changed = False
    for defined in root.iter(f"{{{MAIN}}}definedName"):
        if defined.text:
            changed |= _set_text(defined, lambda v: shift_name(v, shift, None))
    if changed:
        package.touch("xl/workbook.xml")


def shift_charts(package: Package, shift: Shift) -> None:
    """Series, categories, titles, trendlines, error bars of every chart that reads the sheet."""
    from xml.sax.saxutils import escape

    needle = escape(shift.sheet.replace("'", "''")).encode("utf-8").lower()
    for part in package.parts:
        if not (part.startswith("xl/charts/") and part.endswith(".xml")):
            continue
        data = package.parts[part]
        if part not in package.trees and (b"f>" not in data or (needle not in data.lower()
                                                                  and b"&#" not in data)):
            continue
        changed = False
        for element in package.tree(part).iter():
            if local(element.tag) == "f" and element.text:
                changed |= _set_text(element, lambda v: shift_name(v, shift, None))
        if changed:
            package.touch(part)


def shift_related(package: Package, sheet: XSheet, shift: Shift) -> None:
    """The parts hanging off the shifted sheet: drawings, VML, comments, tables, pivots, controls."""
    for kind, part in package.related(sheet.part):
        handler = RELATED.get(kind)
        if handler is not None and part in package.parts:
            handler(package, part, shift, sheet.title)
    for part in package.parts:
        if part.startswith("xl/pivotCache/pivotCacheDefinition") and part.endswith(".xml"):
            _pivot_cache(package, part, shift)


def _tree_walk(package: Package, part: str, change) -> None:
    changed = False
    for element in package.tree(part).iter():
        changed |= change(element)
    if changed:
        package.touch(part)


def _drawing(package: Package, part: str, shift: Shift, sheet: str) -> None:
    def change(element) -> bool:
        name = local(element.tag)
        if name in ("twoCellAnchor", "oneCellAnchor"):
            return _anchor(element, shift)
        if name == "sp" and element.get("textlink"):
            return _set(element, "textlink", lambda v: shift_name(v, shift, sheet, False))
        return False
    _tree_walk(package, part, change)


def _anchor(anchor, shift: Shift) -> bool:
    rows = {}
    for child in anchor:
        if local(child.tag) in ("from", "to"):
            row = next((x for x in child if local(x.tag) == "row"), None)
            if row is not None and row.text:
                rows[local(child.tag)] = row
    start = rows.get("from")
    if start is None:
        return False
    end = rows.get("to")
    if int(start.text) + 1 >= shift.at:
        for element in rows.values():
            element.text = str(int(element.text) + shift.amount)
        return True
    if end is not None and int(end.text) + 1 >= shift.at:
        end.text = str(int(end.text) + shift.amount)
        return True
    return False


_VML_ANCHOR = re.compile(r"(<x:Anchor>)([^<]*)(</x:Anchor>)")
_VML_ROW = re.compile(r"(<x:Row>)\s*(\d+)\s*(</x:Row>)")
_VML_FMLA = re.compile(r"(<x:Fmla(?:Link|Range|Txbx|Group|Macro)?>)([^<]*)(</x:Fmla(?:Link|Range|Txbx|Group|Macro)?>)")


def _vml(package: Package, part: str, shift: Shift, sheet: str) -> None:
    """VML is not always well-formed XML: its few row references are moved in the text."""
    text = package.parts[part].decode("utf-8", "replace")

    def anchor(match) -> str:
        pieces = re.split(r"(\d+)", match.group(2))  # numbers at odd places; spacing kept as it was
        if len(pieces) == 17:
            top, bottom = int(pieces[5]), int(pieces[13])
            if top + 1 >= shift.at:
                pieces[5], pieces[13] = str(top + shift.amount), str(bottom + shift.amount)
            elif bottom + 1 >= shift.at:
                pieces[13] = str(bottom + shift.amount)
        return match.group(1) + "".join(pieces) + match.group(3)

    new = _VML_ANCHOR.sub(anchor, text)
    new = _VML_ROW.sub(lambda m: m.group(1) + _zero_based(m.group(2), shift) + m.group(3), new)
    new = _VML_FMLA.sub(lambda m: m.group(1) + shift_name(m.group(2), shift, sheet, False) + m.group(3), new)
    if new != text:
        package.parts[part] = new.encode("utf-8")


def _comments(package: Package, part: str, shift: Shift, sheet: str) -> None:
    def change(element) -> bool:
        if local(element.tag) not in ("comment", "threadedComment"):
            return False
        ref = element.get("ref")
        if ref:
            _letters, row = split_coordinate(ref)
            if row >= shift.at and row + shift.amount > MAX_ROW:
                raise UserError(t(f"{sheet}!{ref}: ghi chú sẽ bị đẩy quá dòng cuối của trang khi chèn "
                                  f"dòng lặp ({part}); hãy xóa nó khỏi mẫu.",
                                  f"{sheet}!{ref}: the comment would be pushed past the sheet's last row "
                                  f"by the repeated rows ({part}); remove it from the template."))
        return _set(element, "ref", lambda v: shift_reference(v, shift, sheet, False))
    _tree_walk(package, part, change)


def _table(package: Package, part: str, shift: Shift, sheet: str) -> None:
    def change(element) -> bool:
        name = local(element.tag)
        if name in ("table", "autoFilter", "sortState", "sortCondition"):
            return _set(element, "ref", lambda v: shift_range_list(v, shift))
        if name in ("calculatedColumnFormula", "totalsRowFormula") and element.text:
            return _set_text(element, lambda v: shift_name(v, shift, sheet, False))
        return False
    _tree_walk(package, part, change)


def _pivot_table(package: Package, part: str, shift: Shift, sheet: str) -> None:
    def change(element) -> bool:
        if local(element.tag) == "location":
            return _set(element, "ref", lambda v: shift_range_list(v, shift, False))
        return False
    _tree_walk(package, part, change)


def _pivot_cache(package: Package, part: str, shift: Shift) -> None:
    def change(element) -> bool:
        if local(element.tag) == "worksheetSource" and element.get("sheet") == shift.sheet:
            return _set(element, "ref", lambda v: shift_range_list(v, shift))
        return False
    _tree_walk(package, part, change)


def _control(package: Package, part: str, shift: Shift, sheet: str) -> None:
    def change(element) -> bool:
        changed = False
        for attr in CTRL_ATTRS:
            changed |= _set(element, attr, lambda v: shift_name(v, shift, sheet, False))
        return changed
    _tree_walk(package, part, change)


def _single_cells(package: Package, part: str, shift: Shift, sheet: str) -> None:
    def change(element) -> bool:
        if local(element.tag) == "singleXmlCell":
            return _set(element, "r", lambda v: shift_reference(v, shift, sheet, False))
        return False
    _tree_walk(package, part, change)


RELATED = {"drawing": _drawing, "vmlDrawing": _vml, "comments": _comments,
           "threadedComment": _comments, "table": _table, "pivotTable": _pivot_table,
           "ctrlProp": _control, "tableSingleCells": _single_cells}
# Relationship types of a sheet that hold no row references: kept byte for byte.
INERT = {"printerSettings", "image", "hyperlink", "oleObject", "package", "control", "slicer",
         "timeline", "queryTable", "customProperty", "webextension", "namedSheetView",
         "activeXControlBinary", "attachedToolbars", "person"}
