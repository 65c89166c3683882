"""Reading the CSV files people make in Excel: encoding, separator, quoting, header.

Excel on a Vietnamese Windows saves CSV as UTF-8 with a BOM, as UTF-16 (its
"Unicode text", with a BOM), or in the Windows-1258 code page, separated by
',' or ';'. The encoding is detected: a BOM decides (UTF-8 or UTF-16);
without one, text that is valid UTF-8 is UTF-8, anything else is read as
Windows-1258 with a warning (that code page decodes any byte, so a wrong
guess shows as odd letters, never as a refusal). Quoting is strict: a quote
left open is an error naming the line where its field began (it would
otherwise swallow the following lines into one cell). No cell may hold a
control character (NUL, a line break inside quotes, escapes). A cell our
exports escaped against formulas (desktop.sheettext) is read back as it
was. Rows come
back with their line numbers so that every message can name the line.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from desktop.errors import UserError
from desktop.i18n import t
from desktop.sheettext import from_csv_text
from desktop.text import control_character

MAX_CSV_BYTES = 200 * 1024 * 1024
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def read_csv_bytes(path: Path) -> bytes:
    """The file's bytes: a regular file, its size checked before it is opened."""
    try:
        status = path.stat()
    except OSError as exc:
        raise UserError(t(f"Không đọc được tệp {path}: {exc.strerror}.",
                          f"Cannot read {path}: {exc.strerror}.")) from exc
    if not path.is_file():
        raise UserError(t(f"{path} không phải là một tệp thông thường.",
                          f"{path} is not a regular file."))
    if status.st_size > MAX_CSV_BYTES:
        raise UserError(t(f"Tệp {path.name} quá lớn ({status.st_size // 1_048_576} MB).",
                          f"{path.name} is too large ({status.st_size // 1_048_576} MB)."))
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError(t(f"Không đọc được tệp {path}: {exc.strerror}.",
                          f"Cannot read {path}: {exc.strerror}.")) from exc


def decode_csv(data: bytes, name: str, warnings: list[str] | None = None) -> str:
    """The text of a CSV file's bytes (see the module doc); a warning when it guessed."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise UserError(t(f"Tệp {name} có dấu BOM {encoding.upper()} nhưng hỏng ở byte "
                                  f"{exc.start}.",
                                  f"{name} starts with a {encoding.upper()} BOM but is broken "
                                  f"at byte {exc.start}.")) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        if warnings is not None:
            warnings.append(t(f"{name} không phải UTF-8; đã đọc theo bảng mã Windows-1258 — "
                              "hãy kiểm tra dấu tiếng Việt.",
                              f"{name} is not UTF-8; read as Windows-1258 — check the "
                              "Vietnamese letters."))
        return data.decode("cp1258", errors="replace")


def read_csv_text(path: Path, warnings: list[str] | None = None) -> str:
    return decode_csv(read_csv_bytes(path), path.name, warnings)


def read_csv_rows(path: Path, warnings: list[str] | None = None
                  ) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header (lower-cased) and the non-empty rows with their line numbers."""
    records = read_csv_records(path, warnings)
    header = [cell.lower() for cell in records[0][1]]
    return header, records[1:]


def read_csv_records(path: Path, warnings: list[str] | None = None
                     ) -> list[tuple[int, list[str]]]:
    """Every non-empty row, cells stripped but otherwise as typed, with its line number."""
    return parse_csv_text(read_csv_text(path, warnings), path.name)


def parse_csv_text(text: str, name: str) -> list[tuple[int, list[str]]]:
    """The rows of CSV text (strict quoting, no control characters), with line numbers."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records, start = [], 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise UserError(_quote_problem(name, start, str(exc))) from None
        records.append((start, row))
        _refuse_control(name, start, row)
        start = reader.line_num + 1
    records = [(line, [from_csv_text(cell.strip()) for cell in row]) for line, row in records
               if any(cell.strip() for cell in row)]
    if not records:
        raise UserError(t(f"Tệp {name} trống.", f"{name} is empty."))
    return records


def _quote_problem(name: str, line: int, detail: str) -> str:
    if "end of data" in detail or "EOF" in detail:
        return t(f"{name}, dòng {line}: dấu ngoặc kép (\") mở mà không đóng.",
                 f"{name}, line {line}: a quote (\") is opened and never closed.")
    return t(f"{name}, dòng {line}: dấu ngoặc kép (\") đặt sai chỗ ({detail}).",
             f"{name}, line {line}: a quote (\") in the wrong place ({detail}).")


def _refuse_control(name: str, line: int, row: list[str]) -> None:
    for column, cell in enumerate(row, 1):
        bad = control_character(cell)
        if bad:
            raise UserError(t(f"{name}, dòng {line}, cột {column}: ô chứa ký tự điều khiển {bad}.",
                              f"{name}, line {line}, column {column}: the cell holds the "
                              f"control character {bad}."))
