"""Filling a template made here with every feature a province's form may have."""

from __future__ import annotations

import datetime as dt
import re
import zipfile

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.drawing.image import Image
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Border, Font, PatternFill, Side
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from desktop.engine.progress import progress
from desktop.errors import UserError
from desktop.reports.fill import fill_report
from tests.reports.test_rows import png_bytes

UNITS_2024 = 23  # 8 agencies and 15 communes under Huyện Triệu Sơn


def make_template(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    ws["A1"] = "Báo cáo của {{ office.name }} — {{ period.label }}"
    ws["A1"].font = Font(name="Times New Roman", size=14, bold=True)
    ws.merge_cells("A1:F1")
    ws.add_image(Image(png_bytes()), "H1")
    ws["A2"] = CellRichText([TextBlock(InlineFont(b=True), "Đơn vị cấp trên: "), "{{ office.parent }}"])
    ws.append(["STT", "Đơn vị", "Có máy tính", "Tổng số", "Tỷ lệ", "Tỷ lệ (công thức)", "Năm 2010"])
    thin = Side(style="thin")
    template = ["{{ each:units }}{{ row.no }}", "{{ unit.name }}", "{{ num:STAFF_PC_RATE }}",
                "{{ den:STAFF_PC_RATE }}", "{{ value:STAFF_PC_RATE }}", '=IF(D4>0,C4/D4*100,"")',
                "{{ value:STAFF period=2010 }}"]
    for column, value in enumerate(template, 1):
        cell = ws.cell(4, column, value)
        cell.font = Font(name="Times New Roman", italic=True)
        cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        cell.fill = PatternFill("solid", fgColor="FFF2CC")
    ws["C4"].number_format = "#,##0"
    ws["E4"].number_format = "0.0"
    ws.row_dimensions[4].height = 21
    ws["A5"], ws["C5"], ws["D5"] = "Tổng cộng", "=SUM(C4:C4)", "=SUM(D4:D4)"
    ws.row_dimensions[5].height = 27
    ws["A7"] = "Ghi chú: số liệu tự động"
    ws.merge_cells("A7:C8")
    ws["D9"] = "{{ value:STAFF_PC_RATE }}"
    ws["D9"].number_format = "0.00"
    ws["E9"] = "Tỷ lệ: {{ value:STAFF_PC_RATE }} %"
    ws["F9"] = "{{ status:STAFF_PC_RATE }}"
    ws["G9"] = "{{ value:STAFF_PC_RATE period=2010 }}"
    ws["C9"] = "{{ target_text:STAFF_PC_RATE }}"
    ws.add_image(Image(png_bytes()), "H10")
    dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="100")
    ws.add_data_validation(dv)
    dv.add("E4")
    dv.add("G9")
    ws.conditional_formatting.add("E4", CellIsRule(operator="lessThan", formula=["90"],
                                                    font=Font(color="FF0000")))
    ws.print_area = "A1:H12"
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.oddHeader.center.text = "Biểu số 01"
    ws.oddFooter.right.text = "Trang &P"
    ws.freeze_panes = "A6"
    ws.column_dimensions["B"].width = 33
    wb.defined_names["TongSo"] = DefinedName("TongSo", attr_text="'Báo cáo'!$D$5")
    other = wb.create_sheet("Tổng hợp")
    other["A1"] = "='Báo cáo'!D5"
    other["A2"] = "=SUM('Báo cáo'!C4:C4)"
    other["B1"] = "Kỳ {{ period.code }}"
    wb.save(path)


@pytest.fixture
def filled(demo_database, tmp_path):
    template, out = tmp_path / "mau.xlsx", tmp_path / "bao-cao.xlsx"
    make_template(template)
    with demo_database.session() as session:
        fill_report(session, template, "H38TS", "2024", out, report_date=dt.date(2026, 11, 21))
        rows = progress(session, "TH-2016", "H38TS", "2024")
    return openpyxl.load_workbook(out, rich_text=True), rows


def test_values_numbers_and_text(filled):
    wb, rows = filled
    ws = wb["Báo cáo"]
    assert ws["A1"].value == "Báo cáo của Huyện Triệu Sơn — Năm 2024"
    assert str(ws["A2"].value) == "Đơn vị cấp trên: Tỉnh Thanh Hóa"
    assert ws["A2"].value[0].font.b  # the rich-text run keeps its bold
    assert ws["A4"].value == 1 and ws["B4"].value == "Văn phòng HĐND và UBND huyện"
    assert ws[f"A{3 + UNITS_2024}"].value == UNITS_2024
    assert ws[f"B{3 + UNITS_2024}"].value == "Xã Thọ Bình"
    assert isinstance(ws["C4"].value, int | float) and ws["C4"].number_format == "#,##0"
    assert ws["E4"].value == pytest.approx(ws["C4"].value / ws["D4"].value * 100)
    assert ws["E4"].number_format == "0.0"
    assert ws["G4"].value is None  # no data for 2010: empty, never 0
    row = 5 + UNITS_2024 - 1 + 4  # D9 moved down by UNITS_2024 - 1
    actual = next(r.actual for r in rows if r.indicator == "STAFF_PC_RATE")
    assert ws[f"D{row}"].value == pytest.approx(actual)
    assert ws[f"D{row}"].number_format == "0.00"
    assert ws[f"E{row}"].value.startswith("Tỷ lệ: ") and "," in ws[f"E{row}"].value
    assert ws[f"F{row}"].value in {"Đạt", "Đúng tiến độ", "Có nguy cơ", "Chậm"}
    assert ws[f"G{row}"].value is None
    assert ws[f"C{row}"].value == "≥ 100 %"
    assert wb["Tổng hợp"]["B1"].value == "Kỳ 2024"


def test_layout_kept_and_moved(filled):
    wb, _rows = filled
    ws = wb["Báo cáo"]
    last = 3 + UNITS_2024
    total = last + 1
    for row in (4, last):
        assert ws[f"C{row}"].font.italic and ws[f"C{row}"].font.name == "Times New Roman"
        assert ws[f"C{row}"].border.left.style == "thin"
        assert ws[f"C{row}"].fill.fgColor.rgb == "00FFF2CC"
        assert ws.row_dimensions[row].height == 21
        assert ws[f"F{row}"].value == f'=IF(D{row}>0,C{row}/D{row}*100,"")'
    assert ws[f"A{total}"].value == "Tổng cộng"
    assert ws[f"C{total}"].value == f"=SUM(C4:C{last})"
    assert ws.row_dimensions[total].height == 27
    merged = {m.coord for m in ws.merged_cells.ranges}
    assert "A1:F1" in merged and f"A{total + 2}:C{total + 3}" in merged
    assert ws["A1"].font.bold and ws["A1"].font.size == 14
    assert ws.column_dimensions["B"].width == 33
    assert ws.print_area == f"'Báo cáo'!$A$1:$H${12 + UNITS_2024 - 1}"
    assert ws.print_title_rows.replace("$", "") == "3:3"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.oddHeader.center.text == "Biểu số 01" and ws.oddFooter.right.text == "Trang &P"
    assert ws.freeze_panes == f"A{6 + UNITS_2024 - 1}"
    anchors = sorted(image.anchor._from.row for image in ws._images)
    assert anchors == [0, 9 + UNITS_2024 - 1]
    dv = ws.data_validations.dataValidation[0]
    assert sorted(str(r) for r in dv.sqref.ranges) == sorted([f"E4:E{last}", f"G{9 + UNITS_2024 - 1}"])
    assert [str(cf.sqref) for cf in ws.conditional_formatting] == [f"E4:E{last}"]
    assert wb.defined_names["TongSo"].attr_text == f"'Báo cáo'!$D${total}"
    other = wb["Tổng hợp"]
    assert other["A1"].value == f"='Báo cáo'!D{total}"
    assert other["A2"].value == f"=SUM('Báo cáo'!C4:C{last})"


def test_indicator_rows_follow_progress(demo_database, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["{{ each:indicators }}{{ row.no }}", "{{ indicator.name }}", "{{ value }}",
               "{{ target }}", "{{ percent }}", "{{ status }}", "{{ indicator.level }}",
               "{{ value level=xa }}"])
    ws.append(["Hết"])
    wb.save(tmp_path / "t.xlsx")
    with demo_database.session() as session:
        fill_report(session, tmp_path / "t.xlsx", "H38TS", "2024", tmp_path / "o.xlsx")
        rows = progress(session, "TH-2016", "H38TS", "2024")
    out = openpyxl.load_workbook(tmp_path / "o.xlsx").active
    assert [out.cell(i + 1, 2).value for i in range(len(rows))] == [r.indicator_name for r in rows]
    assert [out.cell(i + 1, 3).value for i in range(len(rows))] == pytest.approx([r.actual for r in rows])
    assert out.cell(len(rows) + 1, 1).value == "Hết"
    assert isinstance(out.cell(1, 8).value, float)


def test_unknown_tags_are_refused_before_writing(demo_database, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Mẫu"
    ws["B2"] = "{{ office.nam }}"
    ws["C3"] = "{{ value:NO_SUCH }}"
    ws["B4"], ws["A4"] = "{{ each:units }}", "x"
    wb.save(tmp_path / "t.xlsx")
    out = tmp_path / "o.xlsx"
    with demo_database.session() as session, pytest.raises(UserError) as caught:
        fill_report(session, tmp_path / "t.xlsx", "H38TS", "2024", out)
    assert "Mẫu!B2" in caught.value.message
    problems = " ".join(caught.value.problems)
    assert "Mẫu!C3" in problems and "NO_SUCH" in problems and "Mẫu!B4" in problems
    assert not out.exists()


def test_refuses_existing_and_open_files(demo_database, tmp_path):
    make_template(tmp_path / "t.xlsx")
    out = tmp_path / "o.xlsx"
    out.write_bytes(b"old")
    with demo_database.session() as session:
        with pytest.raises(UserError, match="--force"):
            fill_report(session, tmp_path / "t.xlsx", "H38TS", "2024", out)
        assert out.read_bytes() == b"old"
        lock = tmp_path / "~$n.xlsx"
        lock.write_bytes(b"")
        with pytest.raises(UserError, match="Excel"):
            fill_report(session, tmp_path / "t.xlsx", "H38TS", "2024", tmp_path / "n.xlsx")
        assert not (tmp_path / "n.xlsx").exists()
        fill_report(session, tmp_path / "t.xlsx", "H38TS", "2024", out, force=True)
    assert openpyxl.load_workbook(out)["Báo cáo"]["B4"].value == "Văn phòng HĐND và UBND huyện"


def test_two_loops_on_one_sheet_and_loop_options(demo_database, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B1"] = "{{ each:units kind=agency }}{{ row.no }}", "{{ unit.name }}"
    ws["B2"] = "=COUNTA(B1:B1)"
    ws["A3"], ws["B3"] = "{{ each:units level=xa }}{{ row.no }}", "{{ unit.code }}"
    ws["C3"] = "{{ value:STAFF }}"
    ws["B4"], ws["C4"] = "=COUNTA(B3:B3)", "=SUM(C3:C3)"
    ws["A5"] = "{{ each:indicators }}{{ indicator.code }}"
    wb.save(tmp_path / "t.xlsx")
    with demo_database.session() as session:
        fill_report(session, tmp_path / "t.xlsx", "H38TS", "2024", tmp_path / "o.xlsx")
        indicators = progress(session, "TH-2016", "H38TS", "2024")
    out = openpyxl.load_workbook(tmp_path / "o.xlsx").active
    assert [out.cell(r, 2).value for r in range(1, 9)][-1] == "Phòng Nông nghiệp và PTNT"
    assert out["B9"].value == "=COUNTA(B1:B8)"
    communes = [out.cell(r, 2).value for r in range(10, 25)]
    assert communes[0] == "H38TS-X01" and len(set(communes)) == 15
    assert all(code.startswith("H38TS-X") for code in communes)
    assert out["B25"].value == "=COUNTA(B10:B24)" and out["C25"].value == "=SUM(C10:C24)"
    assert [out.cell(26 + i, 1).value for i in range(len(indicators))] == [r.indicator for r in indicators]


def test_unit_names_that_look_like_formulas_stay_text(demo_database, tmp_path):
    """A name starting with = is written as an inline string: text, never a formula."""
    from desktop.data.units import rename_unit

    with demo_database.session() as session:
        rename_unit(session, "H38TS-X01", '=HYPERLINK("http://example.invalid","Xã")')
    template, out = tmp_path / "mau.xlsx", tmp_path / "bao-cao.xlsx"
    make_template(template)
    with demo_database.session() as session:
        fill_report(session, template, "H38TS", "2024", out, report_date=dt.date(2026, 11, 21))
    ws = openpyxl.load_workbook(out)["Báo cáo"]
    [cell] = [c for row in ws.iter_rows(min_col=2, max_col=2) for c in row
              if str(c.value).startswith("=HYPERLINK")]
    assert cell.data_type == "s" and cell.value.startswith('=HYPERLINK("http')
    with zipfile.ZipFile(out) as package:
        sheet = package.read("xl/worksheets/sheet1.xml").decode()
    [xml] = [c for c in re.findall(r"<c [^>]*>.*?</c>", sheet) if "HYPERLINK" in c]
    assert 't="inlineStr"' in xml and "<f>" not in xml  # a string, no formula element
