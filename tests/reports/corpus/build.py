"""Builds the report fidelity corpus: workbooks made here with XlsxWriter, openpyxl and LibreOffice.

`python -m tests.reports.corpus.build` rewrites the files beside this
module (README.md says what each holds). Every workbook is a report
template: tags, one repeated row, and below it the features whose row
references must move.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
LOOP_ROW = ["{{ each:units }}{{ row.no }}", "{{ unit.name }}", "{{ num:STAFF_PC_RATE }}",
            "{{ den:STAFF_PC_RATE }}", "{{ value:STAFF_PC_RATE }}"]


def png(colour=(200, 0, 0), size=(16, 16)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def xlsxwriter_book(path: Path, macros: bool = False) -> None:
    """Almost everything Excel has that openpyxl drops or cannot move."""
    import xlsxwriter

    folder = Path(tempfile.mkdtemp())
    (folder / "logo.png").write_bytes(png())
    (folder / "bg.png").write_bytes(png((230, 230, 250), (64, 64)))
    wb = xlsxwriter.Workbook(str(path))
    bold = wb.add_format({"bold": True, "font_name": "Times New Roman"})
    row_format = wb.add_format({"border": 1, "italic": True, "num_format": "#,##0"})
    ws = wb.add_worksheet("Báo cáo")
    lists = wb.add_worksheet("Tổng hợp")
    choices = wb.add_worksheet("Danh mục")
    for index, text in enumerate(["Đạt", "Chưa đạt", "Không áp dụng"]):
        choices.write(index, 0, text)
    ws.merge_range("A1:F1", "{{ office.name }} — {{ period.label }}", bold)
    ws.write_row(2, 0, ["STT", "Đơn vị", "Có máy tính", "Tổng số", "Tỷ lệ", "Công thức"], bold)
    ws.write_row(3, 0, LOOP_ROW, row_format)
    ws.write_formula(3, 5, '=IF(D4>0,C4/D4*100,"")', row_format)
    ws.set_row(3, 20)
    ws.write(4, 0, "Tổng cộng", bold)
    ws.write_formula(4, 2, "=SUM(C4:C4)")
    ws.write_formula(4, 3, "=SUM(D4:D4)")
    ws.write_comment(4, 2, "Tổng của các đơn vị", {"x_scale": 2, "y_scale": 1.5})
    ws.write_url(6, 1, "https://example.org/bao-cao", string="Trang báo cáo của tỉnh")
    ws.write_url(7, 1, "internal:'Tổng hợp'!A1", string="Sang trang tổng hợp")
    ws.write_url(8, 1, "internal:'Báo cáo'!C5", string="Về dòng tổng")
    ws.write(9, 0, "Đánh giá")
    ws.data_validation(9, 1, 9, 1, {"validate": "list", "source": "='Danh mục'!$A$1:$A$3"})
    ws.data_validation(3, 4, 3, 4, {"validate": "decimal", "criteria": "between",
                                    "minimum": 0, "maximum": 100})
    ws.conditional_format(3, 4, 3, 4, {"type": "data_bar", "bar_solid": True, "bar_color": "#63BE7B"})
    ws.conditional_format(4, 2, 4, 3, {"type": "icon_set", "icon_style": "3_arrows"})
    ws.conditional_format(3, 2, 3, 2, {"type": "cell", "criteria": "<", "value": "$C$5/100",
                                       "format": bold})
    ws.add_sparkline(3, 6, {"range": "'Báo cáo'!C4:D4"})
    ws.add_sparkline(10, 6, {"range": "'Báo cáo'!C5:D5", "type": "column"})
    ws.write(10, 0, "{{ status:STAFF_PC_RATE }}")
    ws.insert_checkbox(10, 4, True)
    ws.write_dynamic_array_formula(11, 0, 11, 0, "=_xlfn.SORT(C4:C4)")
    ws.embed_image(11, 4, str(folder / "logo.png"))
    ws.insert_textbox(12, 1, "Ghi chú: số liệu tự động", {"width": 240, "height": 40})
    ws.insert_image(12, 6, str(folder / "logo.png"))
    ws.add_table(15, 0, 17, 2, {"name": "BangPhu", "columns": [
        {"header": "Mục"}, {"header": "Giá trị"}, {"header": "Gấp đôi", "formula": "=BangPhu[[#This Row],[Giá trị]]*2"}],
        "data": [["a", 1], ["b", 2]]})
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"name": "Có máy tính", "categories": "='Báo cáo'!$B$4:$B$4",
                      "values": "='Báo cáo'!$C$4:$C$4", "trendline": {"type": "linear"}})
    chart.add_series({"name": "='Báo cáo'!$A$5", "values": "='Báo cáo'!$C$5:$D$5"})
    chart.set_title({"name": "='Báo cáo'!$A$5"})
    ws.insert_chart(19, 1, chart, {"x_scale": 0.6, "y_scale": 0.6})
    ws.freeze_panes(3, 0)
    ws.print_area(0, 0, 24, 7)
    ws.repeat_rows(2)
    ws.set_landscape()
    ws.set_paper(9)
    ws.set_h_pagebreaks([14])
    ws.set_header("&L&G&CBiểu số 01", {"image_left": str(folder / "logo.png")})
    ws.set_background(str(folder / "bg.png"))
    ws.set_column(1, 1, 30)
    wb.define_name("TongSo", "='Báo cáo'!$C$5")
    lists.write(0, 0, "Kỳ {{ period.code }}")
    lists.write_formula(1, 0, "='Báo cáo'!C5")
    lists.write_formula(2, 0, "=SUM('Báo cáo'!C4:C4)")
    other = wb.add_chart({"type": "line"})
    other.add_series({"values": "='Báo cáo'!$C$5:$D$5"})
    lists.insert_chart(4, 1, other, {"x_scale": 0.5, "y_scale": 0.5})
    if macros:
        (folder / "vbaProject.bin").write_bytes(b"placeholder VBA project: kept byte for byte")
        wb.add_vba_project(str(folder / "vbaProject.bin"))
        ws.insert_button(13, 4, {"macro": "ChaoMung", "caption": "Chạy"})
    wb.close()
    shutil.rmtree(folder)


def add_custom_xml(path: Path) -> None:
    """A custom XML part (as add-ins and document management systems leave) and a calcChain."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts["customXml/item1.xml"] = b'<?xml version="1.0"?><baocao xmlns="urn:itplan:test"><so>01</so></baocao>'
    parts["customXml/itemProps1.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="no"?><ds:datastoreItem ds:itemID='
        b'"{6D1F0F8E-3B57-4D51-9A39-6F4C1A5E2B11}" xmlns:ds="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>')
    parts["customXml/_rels/item1.xml.rels"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
        b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
        b'openxmlformats.org/officeDocument/2006/relationships/customXmlProps" Target="itemProps1.xml"/>'
        b'</Relationships>')
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(
        b"</Relationships>",
        b'<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/customXml" Target="../customXml/item1.xml"/></Relationships>')
    types = "[Content_Types].xml"
    parts[types] = parts[types].replace(
        b"</Types>",
        b'<Override PartName="/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.customXmlProperties+xml"/></Types>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def openpyxl_book(path: Path) -> None:
    """A province form as openpyxl writes it (the fill tests' template)."""
    from tests.reports.test_fill import make_template

    make_template(path)


def libreoffice_copy(source: Path, target: Path) -> None:
    """The same workbook as LibreOffice Calc saves it."""
    with tempfile.TemporaryDirectory() as folder:
        profile, out = Path(folder) / "profile", Path(folder) / "out"
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(source)],
                       check=True, capture_output=True, timeout=180)
        shutil.copy(out / (source.stem + ".xlsx"), target)


def main() -> int:
    xlsxwriter_book(HERE / "xlsxwriter-features.xlsx")
    add_custom_xml(HERE / "xlsxwriter-features.xlsx")
    xlsxwriter_book(HERE / "xlsxwriter-macros.xlsm", macros=True)
    openpyxl_book(HERE / "openpyxl-form.xlsx")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "libreoffice-saved.xlsx"
        shutil.copy(HERE / "xlsxwriter-features.xlsx", source)
        libreoffice_copy(source, HERE / "libreoffice-saved.xlsx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
