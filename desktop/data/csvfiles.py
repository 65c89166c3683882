"""Reading the CSV files people make in Excel: encoding, separator, header.

Excel on a Vietnamese Windows saves CSV as UTF-8 with a BOM, or in the
Windows-1258 code page, separated by ',' or ';'. Rows come back with their
line numbers so that every message can name the line.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from desktop.errors import UserError
from desktop.i18n import t

MAX_CSV_BYTES = 200 * 1024 * 1024


def read_csv_text(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UserError(t(f"Không đọc được tệp {path}: {exc.strerror}.",
                          f"Cannot read {path}: {exc.strerror}.")) from exc
    if size > MAX_CSV_BYTES:
        raise UserError(t(f"Tệp {path.name} quá lớn ({size // 1_048_576} MB).",
                          f"{path.name} is too large ({size // 1_048_576} MB)."))
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserError(t(f"Tệp {path.name} không phải văn bản UTF-8.",
                      f"{path.name} is not UTF-8 text."))


def read_csv_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header (lower-cased) and the non-empty rows with their line numbers."""
    records = read_csv_records(path)
    header = [cell.lower() for cell in records[0][1]]
    return header, records[1:]


def read_csv_records(path: Path) -> list[tuple[int, list[str]]]:
    """Every non-empty row, cells stripped but otherwise as typed, with its line number."""
    text = read_csv_text(path)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise UserError(t(f"{path.name}, dòng {reader.line_num}: {exc}.",
                          f"{path.name}, line {reader.line_num}: {exc}.")) from exc
    records = [(line, [cell.strip() for cell in row]) for line, row in records
               if any(cell.strip() for cell in row)]
    if not records:
        raise UserError(t(f"Tệp {path.name} trống.", f"{path.name} is empty."))
    return records
