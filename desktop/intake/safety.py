"""Checks on a file before any spreadsheet reader touches it.

A form is a small ZIP of XML parts. Before python-calamine opens it, the
container is inspected with the standard library only, trusting nothing:
the file size; what kind of file it really is (an old .xls or an encrypted,
password-protected workbook is an OLE container, an .ods is an OpenDocument
ZIP); the ZIP directory (number of parts, declared sizes and compression
ratio, against zip bombs); then every part is decompressed in bounded
chunks (the real size counts, not the declared one) to refuse DOCTYPE and
ENTITY declarations (entity expansion attacks). Worksheets are found by
parsing the workbook's relationships, as a reader finds them, whatever
their part names, and each is parsed as XML for its real cell references
and dimension: a sheet reaching past a form's rows or columns is refused
before a reader allocates a grid for it. A worksheet of at most
WHOLE_PART_BYTES written plainly, as spreadsheet programs write it, is
parsed whole with no callbacks and its references checked by a few searches
(desktop.intake.plainsheet); any other, larger or faulty one is streamed
through the parser element by element (bounded memory), the exact rule, which
names the first fault. The checks stop after READ_SECONDS. Every refusal is
a one-line `IntakeFileError`.
"""

from __future__ import annotations

import io
import posixpath
import re
import time
import zipfile
import zlib
from xml.etree import ElementTree
from xml.parsers import expat

from desktop.errors import UserError
from desktop.i18n import t
from desktop.intake.layout import MAX_FORM_ROWS
from desktop.intake.plainsheet import REFERENCE, cell_name, column_index, plain_extent

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
_CELL_REF = re.compile(f"^{REFERENCE}$")
_SHEET_RELATIONS = {"worksheet", "chartsheet", "dialogsheet", "macrosheet", "xlMacrosheet",
                    "xlIntlMacrosheet"}
MAX_RELS_BYTES = 1024 * 1024
READ_SECONDS = 20  # far above the ~10 ms a form takes; a file that needs more is abnormal
MAX_COLUMNS = 100  # a form uses A–F; calamine allocates rows × columns, so bound both
WHOLE_PART_BYTES = 2 * 1024 * 1024  # a worksheet this small is held and parsed whole (a form
# sheet is ~30 KB); a larger one is streamed


class IntakeFileError(UserError):
    """A file that is not a form this program can read safely."""


def check_workbook_bytes(data: bytes) -> dict[str, dict[str, str]]:
    """Refuse anything that is not a small, plain .xlsx.

    Returns the Excel error cells (#REF!, #DIV/0!…) of each sheet, by sheet
    name and cell reference: a reader shows them as empty cells.
    """
    if len(data) > MAX_FILE_BYTES:
        raise IntakeFileError(t(
            f"tệp quá lớn cho một phiếu ({len(data) // 1024 // 1024} MB).",
            f"file too large for a form ({len(data) // 1024 // 1024} MB)."))
    if data.startswith(OLE_MAGIC):
        raise IntakeFileError(_ole_reason(data))
    if not data.startswith(ZIP_MAGIC):
        raise IntakeFileError(t("không phải tệp Excel .xlsx (không phải định dạng ZIP).",
                                "not an Excel .xlsx file (not a ZIP container)."))
    deadline = time.monotonic() + READ_SECONDS
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_directory(archive)
            return _check_parts(archive, deadline)
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


def _check_parts(archive: zipfile.ZipFile, deadline: float) -> dict[str, dict[str, str]]:
    """Decompress every part in bounded chunks: no DTD anywhere; each worksheet parsed."""
    sheets = worksheet_parts(archive)
    total, errors = 0, {}
    for info in archive.infolist():
        if info.is_dir():
            continue
        extent = SheetExtent(info.filename) if (
            info.filename in sheets or info.filename.startswith("xl/worksheets/")) else None
        try:
            total = _read_part(archive, info, extent, total, deadline)
        except Exception:
            if extent is not None:
                extent.release()  # what was read reaches the parser first, as when streamed
            raise
        if extent is not None:
            extent.close()
            if extent.errors:
                errors[sheets.get(info.filename) or info.filename] = extent.errors
    return errors


def _read_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, extent: SheetExtent | None,
               total: int, deadline: float) -> int:
    """Decompress one part chunk by chunk, feeding a worksheet's extent; the new total."""
    tail = b""
    with archive.open(info) as part:
        while chunk := part.read(CHUNK):
            total += len(chunk)
            if total > MAX_TOTAL_BYTES:
                raise IntakeFileError(_bomb())
            _check_time(deadline)
            if any(marker in tail + chunk for marker in _DANGEROUS):
                raise IntakeFileError(t(
                    "tệp chứa khai báo DOCTYPE/ENTITY (có thể là tấn công XML), không đọc.",
                    "the file holds DOCTYPE/ENTITY declarations (a possible XML attack); "
                    "not read."))
            if extent is not None:
                extent.feed(chunk)
            tail = chunk[-32:]
    return total


def _check_time(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise IntakeFileError(t(f"đọc tệp quá {READ_SECONDS} giây; tệp bất thường, không đọc.",
                                f"reading took over {READ_SECONDS} seconds; an abnormal file, "
                                "not read."))


def worksheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Every sheet part the workbook's relationships name, whatever its part name, with
    the sheet's name.

    The package relationships (_rels/.rels) name the workbook part; the
    workbook's own relationships name its sheets (worksheets, chart, dialog
    and macro sheets), as a spreadsheet reader finds them.
    """
    workbook = next((target for kind, target, _id in _relationships(archive, "", "_rels/.rels")
                     if kind.endswith("/officeDocument")), None)
    if workbook is None:
        raise IntakeFileError(t("không phải tệp Excel .xlsx (thiếu phần sổ tính).",
                                "not an Excel .xlsx file (no workbook part)."))
    folder, _, name = workbook.rpartition("/")
    rels = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
    names = _sheet_names(archive, workbook)
    return {target: names.get(ident, "") for kind, target, ident
            in _relationships(archive, folder, rels)
            if kind.rsplit("/", 1)[-1] in _SHEET_RELATIONS}


def _sheet_names(archive: zipfile.ZipFile, workbook: str) -> dict[str, str]:
    """Relationship id -> sheet name, from the workbook part."""
    root = _small_xml(archive, workbook)
    names = {}
    for element in ([] if root is None else root.iter()):
        if element.tag.rsplit("}", 1)[-1] == "sheet":
            ident = next((value for key, value in element.attrib.items()
                          if key.rsplit("}", 1)[-1] == "id"), None)
            if ident:
                names[ident] = element.get("name") or ""
    return names


def _relationships(archive: zipfile.ZipFile, base: str, part: str
                   ) -> list[tuple[str, str, str]]:
    """(type, resolved part name, id) of each relationship in a .rels part (none if absent)."""
    root = _small_xml(archive, part)
    found = []
    for element in ([] if root is None else root):
        if element.get("TargetMode") == "External":
            continue
        target = element.get("Target") or ""
        resolved = target.lstrip("/") if target.startswith("/") else \
            posixpath.normpath(posixpath.join(base, target))
        found.append((element.get("Type") or "", resolved, element.get("Id") or ""))
    return found


def _small_xml(archive: zipfile.ZipFile, part: str):  # noqa: ANN202 - an Element or None
    """A small XML part parsed whole (workbook, relationships); None when absent."""
    try:
        info = archive.getinfo(part)
    except KeyError:
        return None
    if info.file_size > MAX_RELS_BYTES:
        raise IntakeFileError(_bomb())
    with archive.open(info) as handle:
        data = handle.read(MAX_RELS_BYTES + 1)
    if any(marker in data for marker in _DANGEROUS):
        raise IntakeFileError(t("tệp chứa khai báo DOCTYPE/ENTITY (có thể là tấn công XML), "
                                "không đọc.",
                                "the file holds DOCTYPE/ENTITY declarations (a possible XML "
                                "attack); not read."))
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise IntakeFileError(t(f"phần {part} của tệp bị hỏng ({_short(exc)}).",
                                f"the part {part} is damaged ({_short(exc)}).")) from exc


class SheetExtent:
    """A worksheet's real extent and Excel error cells, from its XML fed in chunks.

    Up to `whole_bytes` are held: at the end, a sheet the parser finds
    well-formed and that is written plainly, with every reference valid and
    within the bounds, is answered at once (desktop.intake.plainsheet).
    Anything else, a larger sheet (from the chunk that makes it larger: memory
    stays bounded) or a read that stops early (`release`), goes through
    `StreamedExtent`, which decides exactly and names the first fault.
    """

    def __init__(self, part: str, whole_bytes: int = WHOLE_PART_BYTES):
        self.part = part
        self.whole_bytes = whole_bytes
        self.held: list[bytes] | None = []  # None once streaming
        self.held_bytes = 0
        self.stream = StreamedExtent(part)
        self.errors: dict[str, str] = {}

    def feed(self, chunk: bytes) -> None:
        if self.held is not None:
            self.held_bytes += len(chunk)
            if self.held_bytes <= self.whole_bytes:
                self.held.append(chunk)
                return
            self.release()
        self.stream.feed(chunk)

    def release(self) -> None:
        """Stream what is held, chunk by chunk as it came; from now on every chunk streams."""
        held, self.held = self.held or [], None
        for chunk in held:
            self.stream.feed(chunk)

    def close(self) -> None:
        if self.held is not None:
            errors = plain_extent(b"".join(self.held), MAX_FORM_ROWS, MAX_COLUMNS)
            if errors is not None:
                self.held, self.errors = None, errors
                return
            self.release()
        self.stream.close()
        self.errors = self.stream.errors


class StreamedExtent:
    """A worksheet's real extent, from its parsed XML fed in chunks (bounded memory).

    Every `<row>` and `<c>` counts where a reader puts it: its `r` attribute
    however it is quoted or spaced (the XML parser reads it), or the next
    position when there is none; the `<dimension ref>` counts too. A sheet
    reaching beyond MAX_FORM_ROWS rows or MAX_COLUMNS columns is refused
    before any reader allocates a grid for it.
    """

    def __init__(self, part: str):
        self.part = part
        self.parser = expat.ParserCreate()  # no namespaces: a prefix is cut off the name
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.row = self.column = self.cell_row = 0
        self.error_text: list[str] | None = None  # the <v> of an error cell being read
        self.in_error_cell = False
        self.errors: dict[str, str] = {}  # cell reference -> Excel error (#REF!…)

    def feed(self, chunk: bytes) -> None:
        self._parse(chunk, False)

    def close(self) -> None:
        self._parse(b"", True)

    def _parse(self, chunk: bytes, final: bool) -> None:
        try:
            self.parser.Parse(chunk, final)
        except expat.ExpatError as exc:
            raise IntakeFileError(t(f"trang tính {self.part} bị hỏng ({_short(exc)}).",
                                    f"worksheet {self.part} is damaged ({_short(exc)}).")) from exc

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        tag = name.rpartition(":")[2]
        if tag == "c":
            self._cell(attributes.get("r"))
            self.in_error_cell = attributes.get("t") == "e"
        elif tag == "v" and self.in_error_cell:
            self.error_text = []
            self.parser.CharacterDataHandler = self._text  # text is read only here
        elif tag == "row":
            self.row = _number(attributes.get("r"), self.row + 1, self.part)
            self.column = 0
            self._limit(self.row, 1)
        elif tag == "dimension":
            for reference in (attributes.get("ref") or "").split(":"):
                if reference:
                    self._limit(*_reference(reference, self.part))

    def _text(self, data: str) -> None:
        if self.error_text is not None and len(self.error_text) < 16:
            self.error_text.append(data)

    def _end(self, name: str) -> None:
        tag = name.rpartition(":")[2]
        if tag == "c" and self.in_error_cell:
            value = "".join(self.error_text or []) or "#N/A"
            self.errors[cell_name(self.cell_row, self.column)] = value[:16]
            self.in_error_cell, self.error_text = False, None
            self.parser.CharacterDataHandler = None

    def _cell(self, reference: str | None) -> None:
        if reference is None:
            self.column += 1
            self.cell_row = max(self.row, 1)
        else:
            self.cell_row, self.column = _reference(reference, self.part)
            self._limit(self.cell_row, self.column)
        self._limit(max(self.row, 1), self.column)

    def _limit(self, row: int, column: int) -> None:
        if row > MAX_FORM_ROWS:
            raise IntakeFileError(t(
                f"trang tính {self.part} có quá nhiều dòng (hơn {MAX_FORM_ROWS}).",
                f"worksheet {self.part} has too many rows (over {MAX_FORM_ROWS})."))
        if column > MAX_COLUMNS:
            raise IntakeFileError(t(
                f"trang tính {self.part} có ô ở quá xa bên phải (cột thứ {column}).",
                f"worksheet {self.part} has a cell far to the right (column {column})."))


def _number(text: str | None, default: int, part: str) -> int:
    if text is None:
        return default
    if not text.strip().isdigit() or len(text.strip()) > 9:
        raise IntakeFileError(t(f"trang tính {part} có số dòng không hợp lệ “{text[:20]}”.",
                                f"worksheet {part} has an invalid row number “{text[:20]}”."))
    return int(text)


def _reference(text: str, part: str) -> tuple[int, int]:
    """(row, column) of a cell reference such as B7 or $B$7."""
    match = _CELL_REF.match(text.strip())
    if match is None:
        raise IntakeFileError(t(f"trang tính {part} có địa chỉ ô không hợp lệ “{text[:20]}”.",
                                f"worksheet {part} has an invalid cell reference “{text[:20]}”."))
    return int(match["row"]), column_index(match["column"])


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]
