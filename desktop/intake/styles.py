"""Named cell styles and data validation for the intake form.

Named styles are registered once per workbook and assigned by name, which
is several times faster in openpyxl than building Font/Border objects for
each cell. Input cells (value, note) are unlocked; everything else stays
locked under sheet protection.
"""

from __future__ import annotations

from desktop.intake import layout
from desktop.intake.content import FormRow

FONT = "Times New Roman"
NUMBER_FORMATS = {0: "#,##0", 1: "#,##0.0", 2: "#,##0.00", "text": "@"}


def add_styles(workbook) -> None:
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    locked, unlocked = Protection(locked=True), Protection(locked=False)
    input_fill = PatternFill("solid", fgColor="FFFDE7")

    def style(name, size=12, bold=False, italic=False, underline=None, horizontal="left",
              vertical="center", wrap=True, border=None, fmt="General", protection=locked,
              fill=None):
        named = NamedStyle(name=name)
        named.font = Font(name=FONT, size=size, bold=bold, italic=italic, underline=underline)
        named.alignment = Alignment(horizontal=horizontal, vertical=vertical, wrap_text=wrap)
        named.border = border or Border()
        named.number_format = fmt
        named.protection = protection
        if fill is not None:
            named.fill = fill
        workbook.add_named_style(named)

    style("f_head_left", bold=True, wrap=False)
    style("f_head_left_plain", wrap=False)
    style("f_head_center", bold=True, horizontal="center", wrap=False)
    style("f_motto", bold=True, underline="single", horizontal="center", wrap=False)
    style("f_title", size=14, bold=True, horizontal="center")
    style("f_subtitle", italic=True, horizontal="center")
    style("f_table_head", bold=True, horizontal="center", border=box)
    style("f_letters", italic=True, horizontal="center", border=box, size=11)
    style("f_group_no", bold=True, horizontal="center", border=box)
    style("f_group", bold=True, border=box)
    style("f_center", horizontal="center", border=box)
    style("f_text", border=box)
    style("f_note", border=box, protection=unlocked, fill=input_fill)
    for key, fmt in NUMBER_FORMATS.items():
        align = "center" if key == "text" else "right"
        style(f"f_ref_{key}", horizontal=align, border=box, fmt=fmt)
        style(f"f_input_{key}", horizontal=align, border=box, fmt=fmt, protection=unlocked,
              fill=input_fill)
    style("f_guide", italic=True, size=11)
    style("f_date", italic=True, horizontal="center", wrap=False)
    style("f_sign", bold=True, horizontal="center", wrap=False)
    style("f_sign_note", italic=True, horizontal="center", wrap=False)


def validation_kind(row: FormRow) -> str:
    """'yesno', 'decimal' or 'whole': what the value cell accepts."""
    if row.kind == "yesno":
        return "yesno"
    if row.decimals > 0 or row.kind in ("money", "percent"):
        return "decimal"
    return "whole"


def add_validations(sheet, rows: tuple[FormRow, ...], element_rows: dict[str, int]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    rules = {
        "whole": DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0"),
        "decimal": DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0"),
        "yesno": DataValidation(type="list",
                                formula1=f'"{layout.YES_TEXT},{layout.NO_TEXT}"'),
        "note": DataValidation(type="textLength", operator="lessThanOrEqual", formula1="500"),
    }
    messages = {
        "whole": ("Số nguyên không âm", "Nhập một số nguyên lớn hơn hoặc bằng 0."),
        "decimal": ("Số không âm", "Nhập một số lớn hơn hoặc bằng 0."),
        "yesno": ("Có hoặc Không", "Chọn “Có” hoặc “Không” trong danh sách."),
        "note": ("Ghi chú", "Ghi chú tối đa 500 ký tự."),
    }
    for key, rule in rules.items():
        rule.allow_blank = True
        rule.showErrorMessage = True
        rule.showInputMessage = True
        rule.errorTitle, rule.error = messages[key]
        rule.promptTitle, rule.prompt = messages[key]
        sheet.add_data_validation(rule)
    for row in rows:
        number = element_rows[row.code]
        rules[validation_kind(row)].add(f"{layout.VALUE_COLUMN}{number}")
        rules["note"].add(f"{layout.NOTE_COLUMN}{number}")
