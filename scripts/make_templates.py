"""Build the report templates shipped in resources/templates/.

Run from the repository root: `.venv/bin/python scripts/make_templates.py`.
The .xlsx files it writes are committed; officers may copy and edit them in
Excel. They follow the layout of Vietnamese statistical report forms
(Circular 06/2013/TT-BTTTT; Decree 30/2020 for fonts and signature blocks):
Times New Roman, "Biểu số" with the reporting and receiving units top left,
the national title top right, a column-letter row, the date line and the
"Người lập biểu" / "Thủ trưởng đơn vị" blocks; A4 landscape, fit to width.
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

OUT = Path(__file__).resolve().parent.parent / "resources" / "templates"
FONT = "Times New Roman"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center")
BREAKDOWN = ["STAFF_PC_RATE", "MAILBOX_RATE", "EMAIL_USE_RATE", "DOCS_ELEC_RATE", "DOCS_SIGNED_RATE"]
RATIO_PARTS = {"STAFF_PC_RATE": ("STAFF_WITH_PC", "STAFF"), "MAILBOX_RATE": ("STAFF_MAILBOX", "STAFF"),
               "EMAIL_USE_RATE": ("STAFF_EMAIL_USE", "STAFF"), "DOCS_ELEC_RATE": ("DOCS_SENT_ELEC", "DOCS_SENT"),
               "DOCS_SIGNED_RATE": ("DOCS_SIGNED", "DOCS_SENT_ELEC")}


def put(ws, cell: str, value, *, size=12, bold=False, italic=False, underline=None,
        align=CENTER, merge_to: str | None = None, border=False, number_format=None):
    target = ws[cell]
    target.value = value
    target.font = Font(name=FONT, size=size, bold=bold, italic=italic, underline=underline)
    target.alignment = align
    if number_format:
        target.number_format = number_format
    if merge_to:
        ws.merge_cells(f"{cell}:{merge_to}")
    if border:
        for row in ws[f"{cell}:{merge_to or cell}"]:
            for item in row:
                item.border = BOX
    return target


def heading(ws, last: str, form: str, split: int) -> None:
    """Rows 1-3: the form number and units (left), the national title (right)."""
    left_end = get_column_letter(split)
    right_start = get_column_letter(split + 1)
    put(ws, "A1", form, bold=True, align=LEFT, merge_to=f"{left_end}1")
    put(ws, "A2", "Đơn vị báo cáo: {{ office.letterhead }}", align=LEFT, merge_to=f"{left_end}2")
    put(ws, "A3", "Đơn vị nhận báo cáo: {{ office.receiver }}", align=LEFT,
        merge_to=f"{left_end}3")
    put(ws, f"{right_start}1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True,
        merge_to=f"{last}1")
    put(ws, f"{right_start}2", "Độc lập - Tự do - Hạnh phúc", size=13, bold=True,
        underline="single", merge_to=f"{last}2")


def title(ws, last: str, text: str) -> None:
    """Rows 5-7: the title, the period, the plan."""
    put(ws, "A5", text, size=14, bold=True, merge_to=f"{last}5")
    put(ws, "A6", "Kỳ báo cáo: {{ period.label }}", size=13, bold=True, merge_to=f"{last}6")
    put(ws, "A7", "(Theo {{ plan.title }}) {{ plan.span_note }}", italic=True, merge_to=f"{last}7")
    ws.row_dimensions[5].height = 36
    ws.row_dimensions[7].height = 33


def signatures(ws, row: int, last_col: int, split: int) -> None:
    """The date line and the two signature blocks, from `row` down."""
    last = get_column_letter(last_col)
    right_start = get_column_letter(split + 1)
    left_end = get_column_letter(max(2, split - 2))
    put(ws, f"{right_start}{row}", "{{ office.place }}, {{ report.date }}", italic=True,
        merge_to=f"{last}{row}")
    put(ws, f"A{row + 1}", "Người lập biểu", bold=True, merge_to=f"{left_end}{row + 1}")
    put(ws, f"{right_start}{row + 1}", "THỦ TRƯỞNG ĐƠN VỊ", bold=True, merge_to=f"{last}{row + 1}")
    put(ws, f"A{row + 2}", "(Ký, họ tên)", italic=True, merge_to=f"{left_end}{row + 2}")
    put(ws, f"{right_start}{row + 2}", "(Ký, đóng dấu, họ tên)", italic=True,
        merge_to=f"{last}{row + 2}")


def page_setup(ws, header_rows: str, last: str, last_row: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    # Decree 30/2020 margins: top and bottom 20 mm, left 30 mm, right 15 mm.
    ws.page_margins.left, ws.page_margins.right = 1.18, 0.59
    ws.page_margins.top, ws.page_margins.bottom = 0.79, 0.79
    ws.page_margins.header, ws.page_margins.footer = 0.3, 0.3
    ws.print_title_rows = header_rows
    ws.print_area = f"A1:{last}{last_row}"
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.oddFooter.center.font = FONT
    ws.oddFooter.center.size = 10
    ws.sheet_view.showGridLines = False


def indicator_report() -> Workbook:
    """bao-cao-chi-tieu: the plan's indicators for the office, one row each."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    widths = [6, 46, 12, 10, 12, 12, 13, 15, 14]
    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    last = "I"
    heading(ws, last, "Biểu số 01/CNTT", split=4)
    title(ws, last, "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU\n"
                    "KẾ HOẠCH ỨNG DỤNG CÔNG NGHỆ THÔNG TIN TRONG HOẠT ĐỘNG CỦA CƠ QUAN NHÀ NƯỚC")
    headers = ["STT", "Tên chỉ tiêu", "Cấp áp dụng", "Đơn vị tính", "Mục tiêu kế hoạch",
               "Kết quả thực hiện", "Tỷ lệ đạt so với mục tiêu (%)", "Đánh giá", "Ghi chú (mục tiêu)"]
    letters = ["A", "B", "C", "D", "1", "2", "3=2/1", "4", "5"]
    for index, (text, letter) in enumerate(zip(headers, letters, strict=True), 1):
        column = get_column_letter(index)
        put(ws, f"{column}9", text, bold=True, border=True)
        put(ws, f"{column}10", letter, size=11, italic=True, border=True)
    ws.row_dimensions[9].height = 48
    row = ["{{ each:indicators }}{{ row.no }}", "{{ indicator.name }}", "{{ indicator.level }}",
           "{{ indicator.unit }}", "{{ target }}", "{{ value }}", "{{ percent }}", "{{ status }}",
           "{{ target_text }}"]
    formats = [None, None, None, None, "#,##0.##", "#,##0.0", "0.0", None, None]
    for index, (text, number_format) in enumerate(zip(row, formats, strict=True), 1):
        align = LEFT if index == 2 else CENTER if index != 6 and index != 5 and index != 7 else RIGHT
        put(ws, f"{get_column_letter(index)}11", text, border=True, align=align,
            number_format=number_format)
    ws.row_dimensions[11].height = 33
    put(ws, "A13", "Ghi chú: Tỷ lệ đạt = Kết quả thực hiện / Mục tiêu × 100. Đánh giá: Đạt; Đúng tiến độ; "
                   "Có nguy cơ (chậm dưới 10 điểm % so với tiến độ); Chậm; Chưa có số liệu.",
        size=11, italic=True, align=LEFT, merge_to=f"{last}13")
    ws.row_dimensions[13].height = 30
    signatures(ws, 15, 9, split=5)
    page_setup(ws, "9:10", last, 22)
    return wb


def unit_breakdown() -> Workbook:
    """chi-tiet-don-vi: every subordinate unit, a column group per indicator, a totals row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Chi tiết"
    last_col = 2 + 3 * len(BREAKDOWN)
    last = get_column_letter(last_col)
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 30
    for index in range(3, last_col + 1):
        ws.column_dimensions[get_column_letter(index)].width = 10
    heading(ws, last, "Biểu số 02/CNTT", split=7)
    title(ws, last, "CHI TIẾT KẾT QUẢ ỨNG DỤNG CÔNG NGHỆ THÔNG TIN THEO ĐƠN VỊ")
    put(ws, "A9", "STT", bold=True, merge_to="A10", border=True)
    put(ws, "B9", "Đơn vị", bold=True, merge_to="B10", border=True)
    put(ws, "A11", "A", size=11, italic=True, border=True)
    put(ws, "B11", "B", size=11, italic=True, border=True)
    body = {1: "{{ each:units }}{{ row.no }}", 2: "{{ unit.name }}"}
    totals = {1: "", 2: "Tổng cộng"}
    targets = {1: "", 2: "Mục tiêu kế hoạch (%)"}
    statuses = {1: "", 2: "Đánh giá"}
    for group, code in enumerate(BREAKDOWN):
        first = 3 + 3 * group
        num, den, pct = (get_column_letter(first + k) for k in range(3))
        numerator, denominator = RATIO_PARTS[code]
        put(ws, f"{num}9", f"{{{{ name:{code} }}}}", bold=True, merge_to=f"{pct}9", border=True)
        put(ws, f"{num}10", f"{{{{ name:{numerator} }}}}", size=10, border=True)
        put(ws, f"{den}10", f"{{{{ name:{denominator} }}}}", size=10, border=True)
        put(ws, f"{pct}10", "Tỷ lệ (%)", size=10, bold=True, border=True)
        n = 1 + 3 * group
        for column, letter in ((num, str(n)), (den, str(n + 1)), (pct, f"{n + 2}={n}/{n + 1}")):
            put(ws, f"{column}11", letter, size=11, italic=True, border=True)
        body.update({first: f"{{{{ num:{code} }}}}", first + 1: f"{{{{ den:{code} }}}}",
                     first + 2: f"{{{{ value:{code} }}}}"})
        totals.update({first: f"=SUM({num}12:{num}12)", first + 1: f"=SUM({den}12:{den}12)",
                       first + 2: f'=IF({den}13>0,{num}13/{den}13*100,"")'})
        targets.update({first + 2: f"{{{{ target:{code} }}}}"})
        statuses.update({first + 2: f"{{{{ status:{code} }}}}"})
    ws.row_dimensions[9].height = 62
    ws.row_dimensions[10].height = 92
    ws.row_dimensions[12].height = 18
    ws.row_dimensions[15].height = 30  # a status (“Chưa có số liệu”) takes two lines
    for row, cells, bold in ((12, body, False), (13, totals, True), (14, targets, False),
                             (15, statuses, False)):
        for column in range(1, last_col + 1):
            letter = get_column_letter(column)
            value = cells.get(column)
            pct = (column - 2) % 3 == 0 and column > 2
            put(ws, f"{letter}{row}", value, size=11, bold=bold, border=True,
                align=LEFT if column == 2 else CENTER if row == 15 or column == 1 else RIGHT,
                number_format="0.0" if pct else "#,##0")
    signatures(ws, 17, last_col, split=last_col - 5)
    page_setup(ws, "9:11", last, 24)
    ws.freeze_panes = "C12"
    return wb


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in (("bao-cao-chi-tieu", indicator_report), ("chi-tiet-don-vi", unit_breakdown)):
        path = OUT / f"{name}.xlsx"
        build().save(path)
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
