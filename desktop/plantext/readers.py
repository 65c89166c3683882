"""A plan's text from a .txt, .docx or .pdf file, refusing what is not one.

Every refusal is one sentence naming the file (UserError): a missing or
empty file, one over MAX_FILE, a binary file given as text, a .docx whose
entries would unpack to more than MAX_UNPACKED (a zip bomb) or that is not
a Word file, a damaged PDF, and a PDF without a text layer (a scan).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from desktop.errors import UserError
from desktop.i18n import t

MAX_FILE = 20 * 1024 * 1024
MAX_UNPACKED = 60 * 1024 * 1024
MAX_RATIO = 100
MAX_PAGES = 400
MIN_TEXT = 20


def _refuse(path: Path, vi: str, en: str) -> UserError:
    return UserError(t(f"{path.name}: {vi}", f"{path.name}: {en}"))


def read_plan_file(path: Path) -> str:
    """The text of a plan file; UserError (one sentence) if it cannot be read as one."""
    path = Path(path)
    if not path.is_file():
        raise _refuse(path, "không tìm thấy tệp.", "no such file.")
    size = path.stat().st_size
    if size == 0:
        raise _refuse(path, "tệp rỗng, không có nội dung.", "the file is empty.")
    if size > MAX_FILE:
        raise _refuse(path, f"tệp quá lớn ({size // (1024 * 1024)} MB; tối đa "
                      f"{MAX_FILE // (1024 * 1024)} MB) để là văn bản kế hoạch.",
                      f"too large ({size // (1024 * 1024)} MB; at most "
                      f"{MAX_FILE // (1024 * 1024)} MB) to be a plan's text.")
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".docx" or (data[:2] == b"PK" and suffix != ".txt"):
        text = _docx(path, data)
    elif suffix == ".pdf" or data[:5] == b"%PDF-":
        text = _pdf(path, data)
    else:
        text = _plain(path, data)
    if len(text.strip()) < MIN_TEXT:
        raise _refuse(path, "không có nội dung văn bản.", "holds no text.")
    return text


def _plain(path: Path, data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") \
            else ("utf-8-sig", "cp1258"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for char in text[:20000] if ord(char) < 32 and char not in "\t\n\r\f")
        if "\x00" not in text and controls <= len(text[:20000]) // 100:
            return text
    raise _refuse(path, "không phải tệp văn bản (.txt, .docx hoặc .pdf có chữ).",
                  "not a text file (.txt, .docx or a .pdf with text).")


def _docx(path: Path, data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            total = sum(info.file_size for info in infos)
            ratio = max((info.file_size / max(info.compress_size, 1) for info in infos),
                        default=0)
            if total > MAX_UNPACKED or (total > 1024 * 1024 and ratio > MAX_RATIO):
                raise _refuse(path, "tệp Word bung ra quá lớn (nghi là bom nén); không đọc.",
                              "the Word file would unpack to an absurd size (a zip bomb); "
                              "not read.")
            if "word/document.xml" not in archive.namelist():
                raise _refuse(path, "không phải tệp Word (.docx).", "not a Word (.docx) file.")
        import docx

        document = docx.Document(io.BytesIO(data))
    except UserError:
        raise
    except Exception:  # noqa: BLE001 - python-docx raises many kinds on a damaged file
        raise _refuse(path, "tệp Word bị hỏng hoặc không đọc được.",
                      "the Word file is damaged or unreadable.") from None
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(" ".join(cell.text.split()) for cell in row.cells))
    return "\n".join(lines)


def _pdf(path: Path, data: bytes) -> str:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise _refuse(path, "PDF có mật khẩu; hãy mở khóa rồi thử lại.",
                          "the PDF is password-protected; unlock it and try again.")
        if len(reader.pages) > MAX_PAGES:
            raise _refuse(path, f"PDF có hơn {MAX_PAGES} trang, quá dài cho một kế hoạch.",
                          f"the PDF has more than {MAX_PAGES} pages, too long for a plan.")
        pages = [page.extract_text() or "" for page in reader.pages]
    except UserError:
        raise
    except Exception:  # noqa: BLE001 - pypdf raises many kinds on a damaged file
        raise _refuse(path, "tệp PDF bị hỏng hoặc không đọc được.",
                      "the PDF is damaged or unreadable.") from None
    text = "\n".join(pages)
    if len(text.strip()) < MIN_TEXT:
        raise _refuse(path, "PDF không có lớp chữ (bản quét ảnh); hãy dán văn bản hoặc dùng "
                      "bản Word/PDF có chữ.",
                      "the PDF has no text layer (a scanned image); paste the text or use a "
                      "Word file or a PDF with text.")
    return text
