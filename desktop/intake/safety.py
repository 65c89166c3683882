"""Checks on a file before any spreadsheet reader touches it.

A form is a small ZIP of XML parts. Before python-calamine opens it, the
container is inspected with the standard library only, trusting nothing:
the file size; what kind of file it really is (an old .xls or an encrypted,
password-protected workbook is an OLE container, an .ods is an OpenDocument
ZIP); the ZIP directory (number of parts, declared sizes and compression
ratio, against zip bombs); then every XML part is decompressed in bounded
chunks (the real size counts, not the declared one) to refuse DOCTYPE and
ENTITY declarations (entity expansion attacks) and worksheets with far more
rows than a form has. Every refusal is a one-line `IntakeFileError`.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from desktop.errors import UserError
from desktop.i18n import t
from desktop.intake.layout import MAX_FORM_ROWS

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_PARTS = 200
MAX_PART_BYTES = 20 * 1024 * 1024
MAX_TOTAL_BYTES = 60 * 1024 * 1024
MAX_RATIO = 150
CHUNK = 64 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
_DANGEROUS = [marker.encode(encoding) for marker in ("<!DOCTYPE", "<!ENTITY")
              for encoding in ("utf-8", "utf-16-le", "utf-16-be")]
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>]")
_CELL_REF = re.compile(rb'\br="([A-Za-z]{0,4})(\d{1,9})"')
MAX_COLUMNS = 100  # a form uses A–F; calamine allocates rows × columns, so bound both


class IntakeFileError(UserError):
    """A file that is not a form this program can read safely."""


def check_workbook_bytes(data: bytes) -> None:
    """Refuse anything that is not a small, plain .xlsx; return quietly otherwise."""
    if len(data) > MAX_FILE_BYTES:
        raise IntakeFileError(t(
            f"tệp quá lớn cho một phiếu ({len(data) // 1024 // 1024} MB).",
            f"file too large for a form ({len(data) // 1024 // 1024} MB)."))
    if data.startswith(OLE_MAGIC):
        raise IntakeFileError(_ole_reason(data))
    if not data.startswith(ZIP_MAGIC):
        raise IntakeFileError(t("không phải tệp Excel .xlsx (không phải định dạng ZIP).",
                                "not an Excel .xlsx file (not a ZIP container)."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_directory(archive)
            _check_parts(archive)
    except IntakeFileError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError,
            NotImplementedError, RuntimeError, zlib.error) as exc:
        raise IntakeFileError(t(f"tệp bị hỏng hoặc không đầy đủ ({_short(exc)}).",
                                f"damaged or truncated file ({_short(exc)}).")) from exc


def _ole_reason(data: bytes) -> str:
    if ENCRYPTION_STREAM in data:
        return t("tệp được đặt mật khẩu (mã hóa); hãy bỏ mật khẩu rồi lưu lại dạng .xlsx.",
                 "the workbook is password-protected (encrypted); remove the password and "
                 "save it as .xlsx.")
    return t("tệp Excel cũ (.xls); hãy mở bằng Excel và lưu lại dạng .xlsx.",
             "an old Excel file (.xls); open it in Excel and save it as .xlsx.")


def _check_directory(archive: zipfile.ZipFile) -> None:
    infos = archive.infolist()
    names = {info.filename for info in infos}
    if "mimetype" in names and "content.xml" in names:
        raise IntakeFileError(t(
            "tệp OpenDocument (.ods); hãy lưu lại dạng Excel .xlsx.",
            "an OpenDocument spreadsheet (.ods); save it as Excel .xlsx."))
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise IntakeFileError(t("không phải tệp Excel .xlsx (thiếu các phần của sổ tính).",
                                "not an Excel .xlsx file (workbook parts missing)."))
    if len(infos) > MAX_PARTS:
        raise IntakeFileError(t(f"tệp có quá nhiều phần ({len(infos)}).",
                                f"the file has too many parts ({len(infos)})."))
    total = sum(info.file_size for info in infos)
    for info in infos:
        if info.flag_bits & 0x1:
            raise IntakeFileError(t("tệp ZIP được mã hóa.", "the ZIP container is encrypted."))
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART_BYTES or (info.file_size > CHUNK and ratio > MAX_RATIO):
            raise IntakeFileError(_bomb())
    if total > MAX_TOTAL_BYTES:
        raise IntakeFileError(_bomb())


def _bomb() -> str:
    return t("tệp giải nén quá lớn (nghi “bom ZIP”), không đọc.",
             "the file expands far too much (a possible zip bomb); not read.")


def _check_parts(archive: zipfile.ZipFile) -> None:
    """Decompress each XML part in bounded chunks: no DTD, not too many rows."""
    total = 0
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels", ".vml")):
            continue
        is_sheet = info.filename.startswith("xl/worksheets/")
        rows, tail = 0, b""
        with archive.open(info) as part:
            while chunk := part.read(CHUNK):
                total += len(chunk)
                if total > MAX_TOTAL_BYTES:
                    raise IntakeFileError(_bomb())
                window = tail + chunk
                if any(marker in window for marker in _DANGEROUS):
                    raise IntakeFileError(t(
                        "tệp chứa khai báo DOCTYPE/ENTITY (có thể là tấn công XML), không đọc.",
                        "the file holds DOCTYPE/ENTITY declarations (a possible XML attack); "
                        "not read."))
                if is_sheet:
                    rows += len(_ROW_TAG.findall(chunk))
                    _check_extent(info.filename, rows, window)
                tail = chunk[-32:]


def _check_extent(part: str, rows: int, xml: bytes) -> None:
    """Refuse a sheet with too many rows, or a cell far below or right of a form's area."""
    far_row = far_column = 0
    for letters, number in _CELL_REF.findall(xml):
        far_row = max(far_row, int(number))
        far_column = max(far_column, _column_index(letters))
    if rows > MAX_FORM_ROWS or far_row > MAX_FORM_ROWS:
        raise IntakeFileError(t(
            f"trang tính {part} có quá nhiều dòng (hơn {MAX_FORM_ROWS}).",
            f"worksheet {part} has too many rows (over {MAX_FORM_ROWS})."))
    if far_column > MAX_COLUMNS:
        raise IntakeFileError(t(
            f"trang tính {part} có ô ở quá xa bên phải (cột thứ {far_column}).",
            f"worksheet {part} has a cell far to the right (column {far_column})."))


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters.upper():
        index = index * 26 + letter - 64
    return index


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]
