"""Reading a filled form (python-calamine) after the safety checks.

Returns the raw content only: what `_meta` says (unit, period, office,
version, element code of each row) and, for each element row, the value
and note cells as the spreadsheet holds them. Interpreting and checking the
values against the database is `desktop.intake.check`'s job.

python-calamine was chosen over openpyxl's read-only mode: it reads a form
about ten times faster (see the benchmark in the README) and, being a
Rust parser that never expands DTD entities, adds no XML attack surface;
the container checks in `desktop.intake.safety` run first all the same.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from desktop.i18n import t
from desktop.intake import layout
from desktop.intake.safety import IntakeFileError, check_workbook_bytes


@dataclass
class RawForm:
    """What a form file holds, uninterpreted."""

    sheet: str
    meta: dict[str, str]
    rows: list[tuple[str, int]]  # element code, form row (1-based)
    cells: dict[int, tuple[object, object]] = field(default_factory=dict)  # row -> (value, note)
    names: dict[int, str] = field(default_factory=dict)  # row -> element name per _meta
    labels: dict[int, str] = field(default_factory=dict)  # row -> text in the name column
    errors: dict[str, str] = field(default_factory=dict)  # cell -> Excel error (#REF!…)
    heading: tuple[str, str] = ("", "")  # the visible period line (A6) and unit line (A7)


def read_form(data: bytes) -> RawForm:
    """Check and read one form; IntakeFileError with a one-line reason otherwise."""
    errors = check_workbook_bytes(data)
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = workbook.sheet_names
        if layout.META_SHEET not in names:
            raise IntakeFileError(t(
                "không phải phiếu của chương trình (không có trang “_meta”).",
                "not a form made by this program (no “_meta” sheet)."))
        meta_rows = workbook.get_sheet_by_name(layout.META_SHEET).to_python(
            skip_empty_area=False, nrows=layout.META_ELEMENTS_ROW + layout.MAX_FORM_ROWS)
        meta, rows = _parse_meta(meta_rows)
        names = {int(row[1]): _text(row[2]) for row in meta_rows[layout.META_ELEMENTS_ROW - 1:]
                 if len(row) > 2 and _text(row[0]) and _is_row_number(row[1])}
        sheet = layout.FORM_SHEET if layout.FORM_SHEET in names else _first_visible(workbook)
        form_rows = workbook.get_sheet_by_name(sheet).to_python(
            skip_empty_area=False, nrows=layout.MAX_FORM_ROWS)
    except IntakeFileError:
        raise
    except (CalamineError, ValueError, OSError, UnicodeError, OverflowError) as exc:
        raise IntakeFileError(t(f"không đọc được sổ tính ({_short(exc)}).",
                                f"cannot read the workbook ({_short(exc)}).")) from exc
    except BaseException as exc:  # a panic inside the Rust parser is not an Exception
        if type(exc).__name__ != "PanicException":
            raise
        raise IntakeFileError(t("sổ tính bị hỏng, không đọc được.",
                                "the workbook is damaged and cannot be read.")) from exc
    labels = {number: _text(form_rows[number - 1][layout.NAME_INDEX])
              for _code, number in rows
              if number - 1 < len(form_rows) and len(form_rows[number - 1]) > layout.NAME_INDEX}
    heading = tuple(_text(form_rows[index][0]) if index < len(form_rows) and form_rows[index]
                    else "" for index in layout.HEADING_INDEXES)
    return RawForm(sheet, meta, rows, _cells(form_rows, rows), names, labels,
                   errors.get(sheet, {}), heading)


def _first_visible(workbook) -> str:
    for sheet in workbook.sheets_metadata:
        if sheet.name != layout.META_SHEET and str(sheet.visible).endswith("Visible"):
            return sheet.name
    raise IntakeFileError(t("phiếu không có trang số liệu.", "the form has no data sheet."))


def _parse_meta(meta_rows: list[list]) -> tuple[dict[str, str], list[tuple[str, int]]]:
    meta = {}
    for row in meta_rows[:len(layout.META_KEYS)]:
        if len(row) >= 2:
            meta[_text(row[0])] = _text(row[1])
    if meta.get("form") != layout.FORM_KIND:
        raise IntakeFileError(t("trang “_meta” không phải của phiếu nhập số liệu.",
                                "the “_meta” sheet is not that of an intake form."))
    rows = []
    for row in meta_rows[layout.META_ELEMENTS_ROW - 1:]:
        if len(row) < 2 or not _text(row[0]):
            continue
        number = row[1]
        if isinstance(number, str) and number.strip().isdigit():
            number = int(number.strip())
        if not _is_row_number(number):
            raise IntakeFileError(t("trang “_meta” bị sửa hoặc hỏng (số dòng không hợp lệ).",
                                    "the “_meta” sheet is altered or damaged (bad row number)."))
        rows.append((_text(row[0]), int(number)))
    return meta, rows


def _is_row_number(number: object) -> bool:
    return (isinstance(number, (int, float)) and not isinstance(number, bool)
            and 1 <= number <= layout.MAX_FORM_ROWS and int(number) == number)


def _cells(form_rows: list[list], rows: list[tuple[str, int]]) -> dict[int, tuple[object, object]]:
    cells = {}
    for _code, number in rows:
        line = form_rows[number - 1] if number - 1 < len(form_rows) else []
        value = line[layout.VALUE_INDEX] if len(line) > layout.VALUE_INDEX else None
        note = line[layout.NOTE_INDEX] if len(line) > layout.NOTE_INDEX else None
        cells[number] = (value, note)
    return cells


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]
