"""Making intake forms: one protected .xlsx per unit and period (openpyxl).

The form follows Vietnamese form conventions: Times New Roman, the unit and
"Biểu số" top left, the national motto top right, a title, the unit and
period, a table (STT, element, unit of measure, last period's value, the
value to fill, a note) grouped by topic, a date line and two signature
blocks, on one A4 page. Only the value and note cells can be edited; each
has data validation. A hidden, protected `_meta` sheet identifies the form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.errors import UserError
from desktop.i18n import t
from desktop.intake import layout
from desktop.intake.content import FormContent, FormRow, form_content
from desktop.intake.seal import form_seal
from desktop.intake.styles import add_styles, add_validations
from desktop.periods import parse_period
from desktop.sheettext import put_text

Progress = Callable[[int, int], None]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
WIDTHS = {"A": 6, "B": 54, "C": 11, "D": 13, "E": 13, "F": 17}
HEADER_ROW = 8
FIRST_ROW = 10


def form_file_name(unit_code: str, period_code: str) -> str:
    """`<unit code>_<period>.xlsx`, with characters unsafe in file names replaced."""
    safe = re.sub(r"[^\w.-]", "_", unit_code, flags=re.ASCII)
    return f"{safe}_{period_code}.xlsx"


def make_forms(session: Session, unit_codes: Iterable[str], period: str, out_dir: Path,
               progress: Progress | None = None) -> list[Path]:
    """Write one form per unit for `period` into `out_dir`; return the paths."""
    spec = parse_period(period)
    codes = list(dict.fromkeys(unit_codes))
    if not codes:
        raise UserError(t("Không có đơn vị nào để tạo phiếu.", "No unit to make a form for."))
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(t(f"Không tạo được thư mục {out_dir}: {exc.strerror}.",
                          f"Cannot create folder {out_dir}: {exc.strerror}.")) from exc
    paths = []
    for done, code in enumerate(codes, 1):
        content = form_content(session, code, spec)
        path = out_dir / form_file_name(content.unit_code, spec.code)
        save_form(content, path)
        paths.append(path)
        if progress:
            progress(done, len(codes))
    return paths


def save_form(content: FormContent, path: Path, filled: dict[str, object] | None = None) -> None:
    """Build the workbook and save it; `filled` pre-fills values (benchmarks, tests)."""
    workbook = build_form(content, filled)
    try:
        workbook.save(path)
    except OSError as exc:
        raise UserError(t(f"Không ghi được tệp {path}: {exc.strerror}.",
                          f"Cannot write {path}: {exc.strerror}.")) from exc


def build_form(content: FormContent, filled: dict[str, object] | None = None):
    from openpyxl import Workbook
    from openpyxl.workbook.protection import WorkbookProtection

    workbook = Workbook()
    add_styles(workbook)
    sheet = workbook.active
    sheet.title = layout.FORM_SHEET
    _write_heading(sheet, content)
    element_rows = _write_table(sheet, content, filled or {})
    last = _write_footer(sheet, max(element_rows.values(), default=FIRST_ROW) + 2)
    add_validations(sheet, content.rows, element_rows)
    _page_setup(sheet, last)
    _protect(sheet)
    _write_meta(workbook, content, element_rows)
    workbook.security = WorkbookProtection(workbookPassword=layout.SHEET_PASSWORD,
                                           lockStructure=True)
    return workbook


def _put(sheet, ref: str, value: object, style: str, merge_to: str | None = None) -> None:
    sheet[ref].style = style  # first: a named style would reset the quote prefix
    if isinstance(value, str):
        put_text(sheet[ref], value)
    else:
        sheet[ref] = value
    if merge_to:
        sheet.merge_cells(f"{ref}:{merge_to}")


def _write_heading(sheet, content: FormContent) -> None:
    kind = {"year": "N", "quarter": "Q", "month": "T"}[content.period.kind]
    _put(sheet, "A1", content.unit_name.upper(), "f_head_left", "C1")
    _put(sheet, "A2", f"Biểu số: 01/CNTT-{kind}", "f_head_left_plain", "C2")
    _put(sheet, "A3", f"Đơn vị nhận báo cáo: {content.office_name}", "f_head_left_plain", "C3")
    _put(sheet, "D1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "f_head_center", "F1")
    _put(sheet, "D2", "Độc lập - Tự do - Hạnh phúc", "f_motto", "F2")
    _put(sheet, "A5", "PHIẾU THU THẬP SỐ LIỆU ỨNG DỤNG CÔNG NGHỆ THÔNG TIN", "f_title", "F5")
    _put(sheet, "A6", f"Kỳ báo cáo: {content.period.vi_label()}", "f_subtitle", "F6")
    _put(sheet, "A7", f"Đơn vị báo cáo: {content.unit_name} (mã {content.unit_code})",
         "f_subtitle", "F7")
    previous = content.period.previous().label()
    headers = ["STT", "Chỉ tiêu", "Đơn vị tính", f"Kỳ trước\n({previous})",
               f"Số liệu kỳ này\n({content.period.label()})", "Ghi chú"]
    for column, text in zip("ABCDEF", headers):
        _put(sheet, f"{column}{HEADER_ROW}", text, "f_table_head")
    for column, text in zip("ABCDEF", ["A", "B", "C", "1", "2", "3"]):
        _put(sheet, f"{column}{HEADER_ROW + 1}", text, "f_letters")
    sheet.row_dimensions[HEADER_ROW].height = 36
    for column, width in WIDTHS.items():
        sheet.column_dimensions[column].width = width


def _write_table(sheet, content: FormContent, filled: dict[str, object]) -> dict[str, int]:
    """Group rows and element rows; returns element code -> row number."""
    rows: dict[str, int] = {}
    row, group, group_no, number = FIRST_ROW, None, 0, 0
    for item in content.rows:
        if item.group != group:
            group = item.group
            _put(sheet, f"A{row}", ROMAN[group_no % len(ROMAN)], "f_group_no")
            _put(sheet, f"B{row}", group or "Khác", "f_group", f"F{row}")
            sheet.row_dimensions[row].height = 18
            group_no, row = group_no + 1, row + 1
        number += 1
        _write_element(sheet, row, number, item, filled.get(item.code))
        rows[item.code] = row
        row += 1
    return rows


def _write_element(sheet, row: int, number: int, item: FormRow, value: object) -> None:
    _put(sheet, f"A{row}", number, "f_center")
    _put(sheet, f"B{row}", item.name, "f_text")
    _put(sheet, f"C{row}", item.measure, "f_center")
    _put(sheet, f"D{row}", _shown(item, item.reference), _number_style(item, "f_ref"))
    _put(sheet, f"E{row}", _shown(item, value) if value is not None else None,
         _number_style(item, "f_input"))
    _put(sheet, f"F{row}", None, "f_note")
    sheet.row_dimensions[row].height = 33 if len(item.name) > 78 else 18


def _number_style(item: FormRow, base: str) -> str:
    if item.kind == "yesno":
        return f"{base}_text"
    return f"{base}_{min(item.decimals, 2)}"


def _shown(item: FormRow, value: object) -> object:
    if value is None or item.kind != "yesno" or isinstance(value, str):
        return value
    return layout.YES_TEXT if value else layout.NO_TEXT


def _write_footer(sheet, row: int) -> int:
    guide = ("Hướng dẫn: chỉ nhập vào cột 2 (số liệu) và cột 3 (ghi chú). Số liệu là số không "
             "âm; ô có/không chọn “Có” hoặc “Không”; để trống nếu không có số liệu.")
    _put(sheet, f"A{row}", guide, "f_guide", f"F{row}")
    sheet.row_dimensions[row].height = 30
    _put(sheet, f"D{row + 2}", "……, ngày …… tháng …… năm ……", "f_date", f"F{row + 2}")
    _put(sheet, f"A{row + 3}", "Người lập biểu", "f_sign", f"C{row + 3}")
    _put(sheet, f"A{row + 4}", "(Ký, họ tên)", "f_sign_note", f"C{row + 4}")
    _put(sheet, f"D{row + 3}", "Thủ trưởng đơn vị", "f_sign", f"F{row + 3}")
    _put(sheet, f"D{row + 4}", "(Ký, đóng dấu, họ tên)", "f_sign_note", f"F{row + 4}")
    return row + 9


def _page_setup(sheet, last_row: int) -> None:
    sheet.print_area = f"A1:F{last_row}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    margins = sheet.page_margins
    margins.left = margins.right = 0.5
    margins.top, margins.bottom = 0.5, 0.5
    margins.header = margins.footer = 0.3
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW + 1}"


def _protect(sheet) -> None:
    sheet.protection.sheet = True
    sheet.protection.password = layout.SHEET_PASSWORD
    sheet.protection.formatColumns = False  # let users widen a column
    sheet.protection.formatRows = False
    sheet.protection.selectLockedCells = False
    sheet.protection.selectUnlockedCells = False


def _write_meta(workbook, content: FormContent, element_rows: dict[str, int]) -> None:
    meta = workbook.create_sheet(layout.META_SHEET)
    values = {"form": layout.FORM_KIND, "version": layout.FORM_VERSION,
              "unit": content.unit_code, "period": content.period.code,
              "office": content.office_code, "count": len(element_rows)}
    values["seal"] = form_seal(content.seal_key, {k: str(v) for k, v in values.items()},
                               list(element_rows.items()))
    for row, key in enumerate(layout.META_KEYS, 1):
        put_text(meta.cell(row, 1), key)
        put_text(meta.cell(row, 2), str(values[key]))
    names = {item.code: item.name for item in content.rows}
    for row, (code, form_row) in enumerate(element_rows.items(), layout.META_ELEMENTS_ROW):
        put_text(meta.cell(row, 1), code)
        meta.cell(row, 2, form_row)
        put_text(meta.cell(row, 3), names[code])  # checked on load: the row still holds it
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    meta.protection.password = layout.SHEET_PASSWORD
