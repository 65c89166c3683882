"""Inserting and repeating rows in an openpyxl workbook without breaking it.

openpyxl's `insert_rows` moves cell values and styles only. `insert_rows`
here also moves, in the same sheet: merged cells, formulas, row heights,
data validation, conditional formatting, print area and titles, page
breaks, tables, auto-filter, hyperlinks, images and charts, frozen panes;
and in the whole workbook: formulas of other sheets that refer to this one,
defined names, and validation/conditional formats pointing here. See
desktop.reports.refs for the reference rule (ranges ending on the template
row grow with the block).

`repeat_row` turns one template row into `count` rows: the copies get the
row's styles, height, merged cells and (translated) formulas.
"""

from __future__ import annotations

from copy import copy

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.formula.translate import Translator
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils.cell import coordinate_from_string, range_boundaries
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.merge import MergedCellRange

from desktop.reports.refs import (
    Shift,
    shift_formula,
    shift_name,
    shift_range_list,
    shift_reference,
)


def insert_rows(ws, at: int, amount: int, grow: bool = True) -> None:
    """Insert `amount` empty rows before row `at`, moving everything below."""
    if amount <= 0:
        return
    shift = Shift(ws.title, at, amount, grow)
    merged = [m.coord for m in ws.merged_cells.ranges]
    ws.insert_rows(at, amount)
    for sheet in ws.parent.worksheets:
        _shift_formulas(sheet, shift, template_row=at - 1 if sheet is ws else None)
        _shift_validations(sheet, shift)
        _shift_conditional_formats(sheet, shift)
    _shift_merged(ws, merged, shift)
    _shift_row_heights(ws, shift)
    _shift_print_setup(ws, shift)
    _shift_objects(ws, shift)
    _shift_names(ws.parent, shift)


def _shift_formulas(sheet, shift: Shift, template_row: int | None) -> None:
    from openpyxl.worksheet.formula import ArrayFormula

    for (row, _col), cell in sheet._cells.items():
        value = cell._value
        if cell.data_type != "f" or value is None:
            continue
        grow = False if row == template_row else None
        if isinstance(value, ArrayFormula):
            value.text = shift_formula(value.text, shift, sheet.title, grow)
            if sheet.title == shift.sheet:
                value.ref = shift_range_list(value.ref, shift, False)
        elif isinstance(value, str):
            cell._value = shift_formula(value, shift, sheet.title, grow)


def _shift_merged(ws, before: list[str], shift: Shift) -> None:
    for mcr in list(ws.merged_cells.ranges):
        ws.merged_cells.remove(mcr)
    for coord in before:
        new = shift_reference(coord, shift, ws.title, grow=False) if ":" in coord else coord
        min_col, min_row, max_col, max_row = range_boundaries(new)
        for row in range(min_row, max_row + 1):
            for col in range(min_col, max_col + 1):
                if (row, col) != (min_row, min_col) and not isinstance(
                        ws._cells.get((row, col)), MergedCell):
                    ws._cells[(row, col)] = MergedCell(ws, row, col)
        ws.merged_cells.add(MergedCellRange(ws, new))


def _shift_row_heights(ws, shift: Shift) -> None:
    dims = ws.row_dimensions
    for row in sorted((r for r in dims if r >= shift.at), reverse=True):
        dim = dims.pop(row)
        dim.index = row + shift.amount
        dims[row + shift.amount] = dim
    for row_break in ws.row_breaks.brk:
        if row_break.id is not None and row_break.id >= shift.at - 1:
            row_break.id += shift.amount


def _shift_validations(sheet, shift: Shift) -> None:
    for dv in sheet.data_validations.dataValidation:
        if sheet.title == shift.sheet:
            dv.sqref = MultiCellRange(shift_range_list(str(dv.sqref), shift))
        for attr in ("formula1", "formula2"):
            text = getattr(dv, attr)
            if text and not text.startswith('"'):
                setattr(dv, attr, shift_name(text, shift, sheet.title, grow=False))


def _shift_conditional_formats(sheet, shift: Shift) -> None:
    old = sheet.conditional_formatting
    if not old:
        return
    new = ConditionalFormattingList()
    for cf in old:
        ranges = str(cf.sqref)
        if sheet.title == shift.sheet:
            ranges = shift_range_list(ranges, shift)
        for rule in cf.rules:
            rule.formula = [shift_name(f, shift, sheet.title, grow=False) for f in rule.formula]
            new.add(ranges, rule)
    new.max_priority = old.max_priority
    sheet.conditional_formatting = new


def _shift_print_setup(ws, shift: Shift) -> None:
    area = ws.print_area
    if area:
        parts = shift_name(area, shift, ws.title, grow=False).split(",")
        ws.print_area = [part.split("!")[-1] for part in parts]
    titles = ws.print_title_rows
    if titles:
        ws.print_title_rows = shift_reference(titles, shift, ws.title, grow=False).replace("$", "")
    top_left = ws.freeze_panes
    if top_left:
        column, row = coordinate_from_string(top_left)
        if row >= shift.at:
            ws.freeze_panes = f"{column}{row + shift.amount}"
    if ws.auto_filter.ref:
        ws.auto_filter.ref = shift_range_list(ws.auto_filter.ref, shift)
    for table in ws.tables.values():
        table.ref = shift_range_list(table.ref, shift)
        if table.autoFilter is not None and table.autoFilter.ref:
            table.autoFilter.ref = table.ref
    for link in ws._hyperlinks:
        if link.ref:
            link.ref = shift_range_list(link.ref, shift, grow=False)


def _shift_objects(ws, shift: Shift) -> None:
    """Images and charts anchored at or below the inserted rows move down."""
    for item in list(ws._images) + list(ws._charts):
        anchor = item.anchor
        if isinstance(anchor, str):
            column, row = coordinate_from_string(anchor)
            if row >= shift.at:
                item.anchor = f"{column}{row + shift.amount}"
            continue
        start = getattr(anchor, "_from", None)
        if start is None:  # an absolute anchor stays where it is
            continue
        end = getattr(anchor, "to", None)
        if start.row + 1 >= shift.at:  # anchors count rows from 0
            start.row += shift.amount
            if end is not None:
                end.row += shift.amount
        elif end is not None and end.row + 1 >= shift.at:
            end.row += shift.amount


def _shift_names(wb, shift: Shift) -> None:
    scopes = [wb.defined_names] + [sheet.defined_names for sheet in wb.worksheets]
    for names in scopes:
        for defined in names.values():
            if defined.attr_text:
                defined.attr_text = shift_name(defined.attr_text, shift, None)


class RowTemplate:
    """One template row, ready to be copied many times quickly.

    What each cell needs is worked out once: its style, its value, and for
    a formula a Translator (which parses the formula once, not per copy).
    """

    def __init__(self, ws, row: int):
        self.ws = ws
        self.row = row
        self.cells = [cell for (r, _c), cell in sorted(ws._cells.items()) if r == row]
        self.merges = [m.coord for m in ws.merged_cells.ranges
                       if m.min_row == m.max_row == row]
        self.dimension = ws.row_dimensions[row] if row in ws.row_dimensions else None
        self._plans: dict[frozenset[int], list[tuple]] = {}

    def _plan(self, skip_values: frozenset[int]) -> list[tuple]:
        """(column, style, merged?, value, data type, translator) per cell of the row."""
        if skip_values not in self._plans:
            plan = []
            for source in self.cells:
                merged = isinstance(source, MergedCell)
                value, data_type, translator = source._value, source.data_type, None
                if merged or source.column in skip_values:
                    value, data_type = None, "n"
                elif data_type == "f" and isinstance(value, str):
                    translator = Translator(value, source.coordinate)
                plan.append((source.column, source._style, merged, value, data_type, translator))
            self._plans[skip_values] = plan
        return self._plans[skip_values]

    def copy_to(self, row: int, skip_values: frozenset[int] = frozenset()) -> None:
        """Copy styles, values (formulas translated) and merges onto `row`."""
        ws = self.ws
        cells = ws._cells
        offset = row - self.row
        for column, style, merged, value, data_type, translator in self._plan(skip_values):
            if merged:
                target = MergedCell(ws, row, column)
                if style is not None:
                    target._style = StyleArray(style)
            else:
                target = Cell(ws, row=row, column=column, style_array=style)  # Cell copies it
                if translator is not None:
                    target._value = translator.translate_formula(row_delta=offset, col_delta=0)
                    target.data_type = "f"
                elif value is not None:
                    target._value, target.data_type = value, data_type
            cells[(row, column)] = target
        for coord in self.merges:
            min_col, _r, max_col, _r2 = range_boundaries(coord)
            ws.merged_cells.add(MergedCellRange(ws, _merge_coord(min_col, max_col, row)))
        if self.dimension is not None:
            dim = ws.row_dimensions[row]
            dim.ht, dim.hidden = self.dimension.ht, self.dimension.hidden
            dim._style = copy(self.dimension._style) if self.dimension.has_style else dim._style


def _merge_coord(min_col: int, max_col: int, row: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(min_col)}{row}:{get_column_letter(max_col)}{row}"


def repeat_row(ws, row: int, count: int, skip_values: frozenset[int] = frozenset()) -> RowTemplate:
    """Make `count` rows out of template row `row` (rows row..row+count-1).

    With count 0 the row stays, its values emptied (styles kept), so that
    formulas referring to it stay valid.
    """
    template = RowTemplate(ws, row)
    if count <= 0:
        for cell in template.cells:
            if not isinstance(cell, MergedCell):
                cell._value = None
                cell.data_type = "n"
        return template
    insert_rows(ws, row + 1, count - 1, grow=True)
    for index in range(1, count):
        template.copy_to(row + index, skip_values)
    return template
