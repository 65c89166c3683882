"""The built-in ranking form (Excel): the official layout of a ranking table.

Decree 30/2020 conventions: Times New Roman; the issuing unit top left and
the national motto top right; the date line; the title; a table whose
columns are every criterion grouped under its group (with the group's
weighted subtotal), then total, rank and class; the column-letter row; the
signature blocks of the person who made it and the head of the unit. A4
landscape, fitted to the page width, header rows repeated on every page.
A criterion scored 0 for want of data is shaded and listed on the second
sheet with the criteria and their rules.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.assess.model import AssessmentSet, rule_name
from desktop.assess.scoring import UnitScore, score_units, year_of
from desktop.assess.store import get_set
from desktop.data.office import require_office
from desktop.data.settings import get_setting
from desktop.engine.scope import UnitTree
from desktop.formats import long_date
from desktop.i18n import t
from desktop.reports.context import place_of
from desktop.reports.output import check_output, save_workbook
from desktop.text import sort_key

FONT = "Times New Roman"
HEAD_ROW = 9  # group names; criteria codes, maxima and column letters below
MISSING_FILL = "FFF2CC"


def export_ranking(session: Session, set_code: str, period_code: str, out: Path,
                   unit_code: str | None = None, *, force: bool = False,
                   report_date: dt.date | None = None) -> Path:
    """Score, rank and write the form to `out` (.xlsx)."""
    out = Path(out)
    check_output(out, force)
    assessment = get_set(session, set_code)
    spec = year_of(period_code)
    unit = UnitTree(session).get(unit_code or require_office(session).unit_code)
    rows = score_units(session, assessment, spec.code, unit.code)
    wb = build_workbook(assessment, rows, unit.name, spec.year,
                        get_setting(session, "province") or "", report_date or dt.date.today())
    save_workbook(wb, out)
    return out


def _columns(assessment: AssessmentSet) -> list[tuple[str, str, object]]:
    """Table columns after STT and unit: ('criterion', group, Criterion) and ('group', code, Group)."""
    columns: list[tuple[str, str, object]] = []
    for group in assessment.top_groups():
        members = [c for c in assessment.criteria
                   if assessment.top_group(c.group).code == group.code]
        columns += [("criterion", group.code, c) for c in members]
        columns.append(("group", group.code, group))
    return columns


def build_workbook(assessment: AssessmentSet, rows: list[UnitScore], unit_name: str, year: int,
                   province: str, report_date: dt.date):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = t("Xếp hạng", "Ranking")
    styles = _Styles()
    columns = _columns(assessment)
    last = len(columns) + 5  # STT, unit, columns, total, rank, class
    _heading(ws, styles, assessment, unit_name, year, province, report_date, last)
    _table_head(ws, styles, assessment, columns, last)
    end = _table_body(ws, styles, assessment, columns, rows)
    _signatures(ws, styles, end + 2, last)
    _page_setup(ws, columns, last)
    _criteria_sheet(wb.create_sheet(t("Tiêu chí", "Criteria")), styles, assessment, rows)
    return wb


class _Styles:
    def __init__(self):
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        thin = Side(style="thin")
        self.box = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.font = Font(name=FONT, size=11)
        self.bold = Font(name=FONT, size=11, bold=True)
        self.italic = Font(name=FONT, size=11, italic=True)
        self.title = Font(name=FONT, size=13, bold=True)
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.left = Alignment(horizontal="left", vertical="center", wrap_text=True)
        self.missing = PatternFill("solid", fgColor=MISSING_FILL)


def _put(ws, row: int, col: int, value, font, align=None, box=None, fmt: str | None = None):
    cell = ws.cell(row=row, column=col, value=value)
    cell.font = font
    if align is not None:
        cell.alignment = align
    if box is not None:
        cell.border = box
    if fmt:
        cell.number_format = fmt
    return cell


def _merged(ws, row: int, first: int, last: int, value, font, align, height_rows: int = 0):
    if last > first or height_rows:
        ws.merge_cells(start_row=row, start_column=first, end_row=row + height_rows,
                       end_column=last)
    return _put(ws, row, first, value, font, align)


def _heading(ws, s: _Styles, assessment: AssessmentSet, unit_name: str, year: int,
             province: str, report_date: dt.date, last: int) -> None:
    split = min(4, last // 2)
    _merged(ws, 1, 1, split, unit_name.upper(), s.bold, s.center)
    _merged(ws, 2, 1, split, t(f"Bộ tiêu chí: {assessment.code}", f"Set: {assessment.code}"),
            s.font, s.center)
    _merged(ws, 1, split + 1, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", s.bold, s.center)
    _merged(ws, 2, split + 1, last, "Độc lập - Tự do - Hạnh phúc", s.bold, s.center)
    _merged(ws, 3, split + 1, last, long_date(report_date, place_of(unit_name) or province),
            s.italic, s.center)
    _merged(ws, 5, 1, last, t("BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP HẠNG",
                              "ASSESSMENT AND RANKING RESULTS"), s.title, s.center)
    _merged(ws, 6, 1, last, assessment.name, s.bold, s.center)
    _merged(ws, 7, 1, last, t(f"Năm {year}", f"Year {year}") + (
        t(" — bộ tiêu chí VÍ DỤ, cần điều chỉnh trước khi dùng",
          " — an EXAMPLE set, to be adjusted before use") if assessment.example else ""),
        s.italic, s.center)


def _table_head(ws, s: _Styles, assessment: AssessmentSet, columns: list, last: int) -> None:
    top, codes, maxima, letters = HEAD_ROW, HEAD_ROW + 1, HEAD_ROW + 2, HEAD_ROW + 3
    for col, text in ((1, t("STT", "No.")), (2, t("Đơn vị", "Unit"))):
        _merged(ws, top, col, col, text, s.bold, s.center, height_rows=2)
    col = 3
    for group in assessment.top_groups():
        span = sum(1 for kind, code, _item in columns if code == group.code)
        weight = f" (×{group.weight:g})" if group.weight != 1 else ""
        _merged(ws, top, col, col + span - 1, group.name + weight, s.bold, s.center)
        col += span
    for index, (kind, _code, item) in enumerate(columns, start=3):
        if kind == "criterion":
            _put(ws, codes, index, item.code, s.bold, s.center, s.box)
            _put(ws, maxima, index, item.max_points, s.italic, s.center, s.box, "General")
        else:
            _put(ws, codes, index, t("Cộng", "Sum"), s.bold, s.center, s.box)
            _put(ws, maxima, index, None, s.italic, s.center, s.box)
    tail = (t("Tổng điểm", "Total"), t("Xếp hạng", "Rank"), t("Xếp loại", "Class"))
    for offset, text in enumerate(tail):
        _merged(ws, top, last - 2 + offset, last - 2 + offset, text, s.bold, s.center,
                height_rows=1)
    _put(ws, maxima, last - 2, assessment.total, s.italic, s.center, s.box, "General")
    for col in range(1, last + 1):
        for row in (top, codes, maxima):
            ws.cell(row=row, column=col).border = s.box
        letter = {1: "A", 2: "B"}.get(col, str(col - 2))
        _put(ws, letters, col, letter, s.italic, s.center, s.box)
    ws.row_dimensions[top].height = 45


def _table_body(ws, s: _Styles, assessment: AssessmentSet, columns: list,
                rows: list[UnitScore]) -> int:
    row = HEAD_ROW + 4
    for number, score in enumerate(rows, start=1):
        by_code = {c.code: c for c in score.criteria}
        _put(ws, row, 1, number, s.font, s.center, s.box)
        _put(ws, row, 2, score.unit_name, s.font, s.left, s.box)
        for col, (kind, code, item) in enumerate(columns, start=3):
            if kind == "criterion":
                result = by_code[item.code]
                cell = _put(ws, row, col, result.points, s.font, s.center, s.box, "General")
                if result.missing:
                    cell.fill = s.missing
            else:
                _put(ws, row, col, score.groups[code], s.bold, s.center, s.box, "General")
        last = len(columns) + 5
        _put(ws, row, last - 2, score.total, s.bold, s.center, s.box, "General")
        _put(ws, row, last - 1, score.rank, s.font, s.center, s.box)
        _put(ws, row, last, score.band, s.font, s.center, s.box)
        row += 1
    note = t("Ô tô vàng: tiêu chí thiếu số liệu hoặc chưa chấm, tính 0 điểm (xem trang Tiêu chí).",
             "Shaded cells: criteria without data or not yet scored count 0 (see the Criteria sheet).")
    _put(ws, row, 2, note, s.italic)
    return row + 1


def _signatures(ws, s: _Styles, row: int, last: int) -> None:
    split = min(4, last // 2)
    _merged(ws, row, 1, split, "NGƯỜI LẬP BIỂU", s.bold, s.center)
    _merged(ws, row + 1, 1, split, "(Ký, ghi rõ họ tên)", s.italic, s.center)
    _merged(ws, row, split + 1, last, "THỦ TRƯỞNG ĐƠN VỊ", s.bold, s.center)
    _merged(ws, row + 1, split + 1, last, "(Ký, đóng dấu, ghi rõ họ tên)", s.italic, s.center)


def _page_setup(ws, columns: list, last: int) -> None:
    from openpyxl.utils import get_column_letter

    ws.column_dimensions["A"].width = 5
    ws.column_dimensions["B"].width = 28
    for col, (kind, _code, _item) in enumerate(columns, start=3):
        ws.column_dimensions[get_column_letter(col)].width = 7.5 if kind == "group" else 6.5
    for col, width in ((last - 2, 9), (last - 1, 7), (last, 11)):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEAD_ROW}:{HEAD_ROW + 3}"
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.freeze_panes = ws.cell(row=HEAD_ROW + 4, column=3)


def _criteria_sheet(ws, s: _Styles, assessment: AssessmentSet, rows: list[UnitScore]) -> None:
    head = (t("Mã", "Code"), t("Nhóm", "Group"), t("Tiêu chí", "Criterion"),
            t("Điểm tối đa", "Max points"), t("Cách tính", "Rule"),
            t("Đơn vị thiếu số liệu / chưa chấm", "Units without data / not scored"))
    for col, text in enumerate(head, start=1):
        _put(ws, 1, col, text, s.bold, s.center, s.box)
    for row, criterion in enumerate(assessment.criteria, start=2):
        lacking = sorted((r.unit_name for r in rows if criterion.code in r.missing), key=sort_key)
        values = (criterion.code, assessment.group(criterion.group).name, criterion.name,
                  criterion.max_points, rule_name(criterion.rule.kind), ", ".join(lacking))
        for col, value in enumerate(values, start=1):
            _put(ws, row, col, value, s.font, s.left if col in (2, 3, 6) else s.center, s.box,
                 "General" if col == 4 else None)
        lines = max(-(-len(text) // chars) for text, chars in
                    ((values[1], 26), (values[2], 54), (values[5], 54), ("x", 1)))
        ws.row_dimensions[row].height = 15 * lines  # wrapped text: not every reader sizes rows
    for letter, width in zip("ABCDEF", (8, 24, 48, 10, 18, 48)):
        ws.column_dimensions[letter].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
