"""Row repetition at the XML level: everything below a repeated row moves with it."""

from __future__ import annotations

import io

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.drawing.image import Image
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Font
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table
from PIL import Image as PILImage

from desktop.reports.refs import Shift, shift_formula, shift_reference
from desktop.reports.xmlbook import XBook


def png_bytes() -> io.BytesIO:
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (200, 0, 0)).save(buffer, format="PNG")
    buffer.seek(0)
    return buffer


def anchor_row(image) -> int:
    """The 0-based row of an image's top-left anchor (a cell name before saving)."""
    if isinstance(image.anchor, str):
        return coordinate_from_string(image.anchor)[1] - 1
    return image.anchor._from.row


def repeated(wb, folder, row: int, count: int, sheet: str = "Số liệu"):
    """Save `wb`, repeat one row of it through XBook, and load the result with openpyxl."""
    wb.save(folder / "in.xlsx")
    book = XBook(folder / "in.xlsx")
    book.repeat_row(next(s for s in book.worksheets if s.title == sheet), row, count)
    book.finish()
    book.save(folder / "out.xlsx")
    return openpyxl.load_workbook(folder / "out.xlsx", rich_text=True)


def make_book():
    """Header rows 1-2, template row 3 (bold, tall, merged B3:C3), total row 4, note row 6."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws["A1"] = "Tiêu đề"
    ws.merge_cells("A1:E1")
    ws.append(["STT", "Tên", None, "Giá trị", "Tỷ lệ"])
    ws["A3"], ws["B3"], ws["D3"], ws["E3"] = 1, "Đơn vị", 10, "=D3*2"
    ws["A3"].font = Font(bold=True)
    ws.merge_cells("B3:C3")
    ws.row_dimensions[3].height = 30
    ws["A4"], ws["D4"], ws["E4"] = "Tổng", "=SUM(D3:D3)", "=D4+$D$3+D6"
    ws.row_dimensions[4].height = 22
    ws.merge_cells("A6:C7")
    ws["A6"] = "Ghi chú"
    ws["D6"] = 5
    ws.print_area = "A1:E7"
    ws.print_title_rows = "1:2"
    ws.freeze_panes = "A5"
    dv = DataValidation(type="whole", operator="between", formula1="0", formula2="100")
    ws.add_data_validation(dv)
    dv.add("D3")
    dv.add("D6")
    ws.conditional_formatting.add("D3", CellIsRule(operator="lessThan", formula=["0"]))
    ws.conditional_formatting.add("D6", FormulaRule(formula=["$D6>$D$3"]))
    image = Image(png_bytes())
    ws.add_image(image, "F6")
    top = Image(png_bytes())
    ws.add_image(top, "F1")
    wb.defined_names["Tong"] = DefinedName("Tong", attr_text="'Số liệu'!$D$4")
    wb.defined_names["Khoi"] = DefinedName("Khoi", attr_text="'Số liệu'!$D$3:$D$3")
    other = wb.create_sheet("Tổng hợp")
    other["A1"] = "='Số liệu'!D4"
    other["A2"] = "=SUM('Số liệu'!D3:D3)"
    other["A3"] = "=B3"  # a reference to its own sheet never moves
    return wb


def test_repeat_row_moves_everything_below(tmp_path):
    wb = repeated(make_book(), tmp_path, 3, 4)
    ws = wb["Số liệu"]
    # copies of the template row
    for row in range(3, 7):
        assert ws.cell(row, 1).font.bold
        assert ws.row_dimensions[row].height == 30
        assert f"B{row}:C{row}" in {m.coord for m in ws.merged_cells.ranges}
        assert ws.cell(row, 5).value == f"=D{row}*2"
    ws["A4"].font = Font(italic=True)  # each copy has its own style
    assert ws["A3"].font.bold and not ws["A3"].font.italic
    # the total row moved from 4 to 7 and widened
    assert ws["A7"].value == "Tổng"
    assert ws["D7"].value == "=SUM(D3:D6)"
    assert ws["E7"].value == "=D7+$D$3+D9"
    assert ws.row_dimensions[7].height == 22
    # merged note moved from A6:C7 to A9:C10; header merge untouched
    coords = {m.coord for m in ws.merged_cells.ranges}
    assert {"A1:E1", "A9:C10"} <= coords and "A6:C7" not in coords
    assert ws["A9"].value == "Ghi chú"
    # print setup, frozen panes
    assert ws.print_area == "'Số liệu'!$A$1:$E$10"
    assert ws.print_title_rows.replace("$", "") == "1:2"
    assert ws.freeze_panes == "A8"
    # validation and conditional formats: the template row's grew, the note's moved
    ranges = sorted(str(r) for r in ws.data_validations.dataValidation[0].sqref.ranges)
    assert ranges == ["D3:D6", "D9"]
    cf = {str(c.sqref): [r.formula for r in c.rules] for c in ws.conditional_formatting}
    assert cf == {"D3:D6": [["0"]], "D9": [["$D9>$D$3"]]}
    # images: the one below moved three rows (0-based anchors), the one above stayed
    rows = sorted(anchor_row(image) for image in ws._images)
    assert rows == [0, 8]
    # defined names and the other sheet
    assert wb.defined_names["Tong"].attr_text == "'Số liệu'!$D$7"
    assert wb.defined_names["Khoi"].attr_text == "'Số liệu'!$D$3:$D$6"
    other = wb["Tổng hợp"]
    assert other["A1"].value == "='Số liệu'!D7"
    assert other["A2"].value == "=SUM('Số liệu'!D3:D6)"
    assert other["A3"].value == "=B3"


def test_fifty_copies(tmp_path):
    again = repeated(make_book(), tmp_path, 3, 50)
    ws = again["Số liệu"]
    assert ws["D53"].value == "=SUM(D3:D52)"
    assert ws.row_dimensions[52].height == 30
    assert "A55:C56" in {m.coord for m in ws.merged_cells.ranges}
    assert sorted(anchor_row(image) for image in ws._images) == [0, 54]
    assert again["Tổng hợp"]["A1"].value == "='Số liệu'!D53"


def test_zero_items_keeps_the_row_empty(tmp_path):
    ws = repeated(make_book(), tmp_path, 3, 0)["Số liệu"]
    assert ws["B3"].value is None and ws["A3"].font.bold
    assert ws["D4"].value == "=SUM(D3:D3)"


def test_one_item_changes_nothing_below(tmp_path):
    ws = repeated(make_book(), tmp_path, 3, 1)["Số liệu"]
    assert ws["D4"].value == "=SUM(D3:D3)" and ws.freeze_panes == "A5"


def test_table_and_autofilter_move(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws.append(["a"])
    ws.append(["b"])
    ws["A5"], ws["A6"] = "h", 1
    ws.add_table(Table(displayName="T1", ref="A5:A6"))
    ws.auto_filter.ref = "A1:A2"
    ws = repeated(wb, tmp_path, 3, 3)["Số liệu"]
    assert ws.tables["T1"].ref == "A7:A8"
    assert ws.auto_filter.ref == "A1:A2"


@pytest.mark.parametrize(("formula", "expected"), [
    ("=SUM(C8:C8)", "=SUM(C8:C12)"),          # a total over the template row grows
    ("=C8", "=C8"),                           # a single cell on the template row stays
    ("=C9+C$20", "=C13+C$24"),                 # below: moves
    ("=SUM(C2:C7)", "=SUM(C2:C7)"),            # above: stays
    ("=SUM(C2:C30)", "=SUM(C2:C34)"),          # spanning: grows
    ('="C9"&T(C9)', '="C9"&T(C13)'),            # strings untouched
    ("=SUM(9:9)", "=SUM(13:13)"),
    ("=SUM(Other!C9:C9)", "=SUM(Other!C9:C9)"),
    ("=SUM('Số liệu'!C8:C8)", "=SUM('Số liệu'!C8:C12)"),
    ("=SUM(A:A)", "=SUM(A:A)"),
])
def test_shift_formula_rules(formula, expected):
    assert shift_formula(formula, Shift("Số liệu", 9, 4), "Số liệu") == expected


@given(first=st.integers(1, 500), span=st.integers(0, 50), at=st.integers(2, 500),
       amount=st.integers(1, 100), grow=st.booleans())
def test_shift_reference_keeps_ranges_ordered(first, span, at, amount, grow):
    text = f"B{first}:D{first + span}"
    moved = shift_reference(text, Shift("S", at, amount, grow), "S")
    start, end = (int(part[1:]) for part in moved.split(":"))
    assert start <= end
    assert start in (first, first + amount)
    assert end - start in (span, span + amount)
    if first >= at:
        assert (start, end) == (first + amount, first + span + amount)
    if first + span < at - 1:
        assert (start, end) == (first, first + span)


@given(st.text(max_size=60))
def test_shift_formula_never_breaks_text(text):
    formula = "=" + text
    shifted = shift_formula(formula, Shift("S", 3, 2), "S")
    assert shifted.startswith("=")
    if not any(ch.isdigit() for ch in text):
        assert shifted == formula


def test_far_cells_cost_nothing_and_content_is_never_pushed_off(tmp_path):
    from openpyxl.comments import Comment

    from desktop.errors import UserError

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws["A3"], ws["B3"] = 1, "x"
    ws["CV20000"] = "xa"  # a far cell moves like any other
    ws = repeated(wb, tmp_path, 3, 5)["Số liệu"]
    assert ws["CV20004"].value == "xa" and ws["B7"].value == "x"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws["A3"] = 1
    ws["XFD1048576"].comment = Comment("cuối trang", "A")
    with pytest.raises(UserError, match="XFD1048576"):
        repeated(wb, tmp_path, 3, 5)


def share_formulas(path, column: str, rows: list[int]) -> None:
    """Rewrite one column's formulas as an Excel shared-formula group, and add a calculation chain."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    for index, row in enumerate(rows):
        pattern = rf'(<c r="{column}{row}"[^>]*>)<f>([^<]*)</f>'
        if index == 0:
            sheet = re.sub(pattern, rf'\1<f t="shared" ref="{column}{rows[0]}:{column}{rows[-1]}" si="0">\2</f>',
                           sheet)
        else:
            sheet = re.sub(pattern, r'\1<f t="shared" si="0"/>', sheet)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    parts["xl/calcChain.xml"] = (b'<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                 + b"".join(b'<c r="%s%d" i="1"/>' % (column.encode(), r) for r in rows)
                                 + b"</calcChain>")
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>')
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.calcChain+xml"/></Types>')
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)


def test_shared_formulas_across_the_block_and_the_calculation_chain(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    for row in range(1, 8):
        ws[f"D{row}"] = row
        ws[f"G{row}"] = f"=D{row}*3+$D$1"
    wb.save(tmp_path / "in.xlsx")
    share_formulas(tmp_path / "in.xlsx", "G", list(range(1, 8)))
    book = XBook(tmp_path / "in.xlsx")
    book.repeat_row(book.worksheets[0], 3, 4)
    book.finish()
    book.save(tmp_path / "out.xlsx")
    import zipfile

    with zipfile.ZipFile(tmp_path / "out.xlsx") as archive:
        assert "xl/calcChain.xml" not in archive.namelist()
        assert b"calcChain" not in archive.read("[Content_Types].xml")
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx")["Số liệu"]
    assert [ws[f"G{row}"].value for row in (1, 2)] == ["=D1*3+$D$1", "=D2*3+$D$1"]
    assert [ws[f"G{row}"].value for row in range(3, 7)] == [f"=D{row}*3+$D$1" for row in range(3, 7)]
    assert [ws[f"G{row}"].value for row in range(7, 11)] == [f"=D{row}*3+$D$1" for row in range(7, 11)]
    assert ws["D10"].value == 7


@given(cells=st.dictionaries(st.tuples(st.integers(1, 40), st.integers(1, 8)), st.integers(0, 999),
                             min_size=1, max_size=25),
       row=st.integers(1, 30), count=st.integers(0, 6))
@settings(max_examples=15, deadline=None)
def test_every_cell_lands_where_the_rule_says(tmp_path_factory, cells, row, count):
    """Cells above and on the repeated row stay, cells below move by count - 1; copies repeat the row."""
    folder = tmp_path_factory.mktemp("prop")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    for (r, c), value in cells.items():
        ws.cell(r, c, value)
    out = repeated(wb, folder, row, count)["Số liệu"]
    moved = {}
    for (r, c), value in cells.items():
        if r < row:
            moved[(r, c)] = value
        elif r == row:
            for index in range(max(count, 1)):
                moved[(r + index, c)] = value if count else None
        else:
            moved[(r + max(count - 1, 0), c)] = value
    found = {(cell.row, cell.column): cell.value for line in out.iter_rows() for cell in line
             if cell.value is not None}
    assert found == {key: value for key, value in moved.items() if value is not None}


def test_pivots_threaded_comments_controls_and_xml_cells_move(tmp_path):
    """Parts Excel writes that the corpus makers cannot: each row reference in them moves."""
    import zipfile

    wb = openpyxl.Workbook()
    wb.active.title = "Số liệu"
    wb.active["A3"] = 1
    wb.save(tmp_path / "in.xlsx")
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    extra = {
        "xl/worksheets/_rels/sheet1.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}pivotTable" Target="../pivotTables/pivotTable1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.microsoft.com/office/2017/10/relationships/'
            'threadedComment" Target="../threadedComments/threadedComment1.xml"/>'
            f'<Relationship Id="rId3" Type="{rel}ctrlProp" Target="../ctrlProps/ctrlProp1.xml"/>'
            f'<Relationship Id="rId4" Type="{rel}tableSingleCells" Target="../tables/tableSingleCells1.xml"/>'
            '</Relationships>'),
        "xl/pivotTables/pivotTable1.xml": '<pivotTableDefinition xmlns="urn:x"><location ref="D10:E12"/>'
                                          '</pivotTableDefinition>',
        "xl/pivotCache/pivotCacheDefinition1.xml": '<pivotCacheDefinition xmlns="urn:x"><cacheSource>'
                                                   '<worksheetSource ref="A5:B8" sheet="Số liệu"/>'
                                                   '</cacheSource></pivotCacheDefinition>',
        "xl/threadedComments/threadedComment1.xml": '<ThreadedComments xmlns="urn:x">'
                                                    '<threadedComment ref="B6"/></ThreadedComments>',
        "xl/ctrlProps/ctrlProp1.xml": '<formControlPr xmlns="urn:x" fmlaLink="$B$7" fmlaRange="A1:A2"/>',
        "xl/tables/tableSingleCells1.xml": '<singleXmlCells xmlns="urn:x"><singleXmlCell r="C9"/>'
                                           '</singleXmlCells>',
    }
    with zipfile.ZipFile(tmp_path / "in.xlsx", "a") as archive:
        for name, text in extra.items():
            archive.writestr(name, text)
    book = XBook(tmp_path / "in.xlsx")
    book.repeat_row(book.worksheets[0], 3, 4)
    book.save(tmp_path / "out.xlsx")
    with zipfile.ZipFile(tmp_path / "out.xlsx") as archive:
        text = {name: archive.read(name).decode() for name in extra}
    assert 'ref="D13:E15"' in text["xl/pivotTables/pivotTable1.xml"]
    assert 'ref="A8:B11"' in text["xl/pivotCache/pivotCacheDefinition1.xml"]
    assert 'ref="B9"' in text["xl/threadedComments/threadedComment1.xml"]
    assert 'fmlaLink="$B$10"' in text["xl/ctrlProps/ctrlProp1.xml"]
    assert 'fmlaRange="A1:A2"' in text["xl/ctrlProps/ctrlProp1.xml"]
    assert 'r="C12"' in text["xl/tables/tableSingleCells1.xml"]


def test_activex_control_anchor_and_linked_cell_move(tmp_path):
    import zipfile

    wb = openpyxl.Workbook()
    wb.active.title = "Số liệu"
    wb.active["A3"] = 1
    wb.save(tmp_path / "in.xlsx")
    control = (
        '<controls xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing">'
        '<control shapeId="1025" name="CheckBox1"><controlPr linkedCell="B6"><anchor moveWithCells="1">'
        '<from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>5</xdr:row><xdr:rowOff>0</xdr:rowOff>'
        '</from><to><xdr:col>2</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>6</xdr:row><xdr:rowOff>0</xdr:rowOff>'
        '</to></anchor></controlPr></control></controls></worksheet>')
    with zipfile.ZipFile(tmp_path / "in.xlsx") as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"</worksheet>", control.encode())
    with zipfile.ZipFile(tmp_path / "in.xlsx", "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    book = XBook(tmp_path / "in.xlsx")
    book.repeat_row(book.worksheets[0], 3, 4)
    book.save(tmp_path / "out.xlsx")
    with zipfile.ZipFile(tmp_path / "out.xlsx") as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert 'linkedCell="B9"' in sheet
    assert "<xdr:row>8</xdr:row>" in sheet and "<xdr:row>9</xdr:row>" in sheet
