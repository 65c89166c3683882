"""Turning command-line or drag-and-drop inputs into form files to read.

An input is a form file, a folder (searched recursively for spreadsheets)
or a ZIP archive of forms (as sent back by e-mail). Each form becomes a
`Source` whose bytes are read only when needed, within size limits; a
broken archive becomes a source that reports why.
"""

from __future__ import annotations

import os
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from desktop.i18n import t
from desktop.intake.safety import MAX_FILE_BYTES, IntakeFileError

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
MAX_ARCHIVE_MEMBERS = 5000


@dataclass
class Source:
    """One form to read: a name to show and a way to get its bytes."""

    name: str
    read: Callable[[], bytes]


def expand_inputs(paths: Iterable[Path | str]) -> list[Source]:
    sources: list[Source] = []
    for raw in dict.fromkeys(Path(p).resolve() for p in paths):
        path = Path(raw)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if found.is_file() and _wanted(found.name, archives=True):
                    sources += _from_file(found)
        else:
            sources += _from_file(path)
    return sources


def _wanted(name: str, archives: bool = False) -> bool:
    if name.startswith(("~$", ".")):  # Excel's lock files, hidden files
        return False
    suffix = PurePosixPath(name).suffix.lower()
    return suffix in SPREADSHEET_SUFFIXES or (archives and suffix == ".zip")


def _from_file(path: Path) -> list[Source]:
    if path.suffix.lower() == ".zip":
        return _from_archive(path)
    return [Source(str(path), lambda: read_file_bytes(path))]


def read_file_bytes(path: Path) -> bytes:
    """A form file's bytes: only a regular file, its size checked before it is opened.

    A FIFO, a device or a socket would block or never end; it is refused by
    its type, and the file is opened non-blocking and checked again through
    its descriptor, so one swapped in meanwhile cannot hang the read either.
    """
    try:
        _require_regular(os.stat(path))
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                             | getattr(os, "O_BINARY", 0))
        with os.fdopen(descriptor, "rb") as handle:
            _require_regular(os.fstat(handle.fileno()))
            return handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError as exc:
        raise IntakeFileError(t("không tìm thấy tệp.", "no such file.")) from exc
    except OSError as exc:
        raise IntakeFileError(t(f"không đọc được tệp ({exc.strerror}).",
                                f"cannot read the file ({exc.strerror}).")) from exc


def _require_regular(status: os.stat_result) -> None:
    if not stat.S_ISREG(status.st_mode):
        raise IntakeFileError(t("không phải là một tệp thông thường (ống, thiết bị…), không đọc.",
                                "not a regular file (a pipe, a device…); not read."))
    if status.st_size > MAX_FILE_BYTES:
        raise IntakeFileError(t(f"tệp quá lớn cho một phiếu ({status.st_size // 1024 // 1024} MB).",
                                f"file too large for a form "
                                f"({status.st_size // 1024 // 1024} MB)."))


def _from_archive(path: Path) -> list[Source]:
    try:
        _require_regular(os.stat(path))
    except IntakeFileError as exc:
        return [_failing(str(path), exc.message)]
    except OSError as exc:
        return [_failing(str(path), t(f"không đọc được tệp ({exc.strerror}).",
                                      f"cannot read the file ({exc.strerror})."))]
    try:
        with zipfile.ZipFile(path) as archive:
            members = [info for info in archive.infolist()
                       if not info.is_dir() and _wanted(PurePosixPath(info.filename).name)]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
        return [_failing(str(path), t(f"tệp ZIP bị hỏng ({exc}).", f"damaged ZIP file ({exc})."))]
    if len(members) > MAX_ARCHIVE_MEMBERS:
        return [_failing(str(path), t(f"tệp ZIP có quá nhiều tệp ({len(members)}).",
                                      f"the ZIP holds too many files ({len(members)})."))]
    return [Source(f"{path}/{info.filename}", _member_reader(path, info)) for info in members]


def _member_reader(path: Path, info: zipfile.ZipInfo) -> Callable[[], bytes]:
    def read() -> bytes:
        if info.file_size > MAX_FILE_BYTES:
            raise IntakeFileError(t("tệp quá lớn cho một phiếu.", "file too large for a form."))
        try:
            with zipfile.ZipFile(path) as archive, archive.open(info) as member:
                return member.read(MAX_FILE_BYTES + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError,
                RuntimeError, zlib.error) as exc:
            raise IntakeFileError(t(f"không giải nén được ({exc}).",
                                    f"cannot extract it ({exc}).")) from exc
    return read


def _failing(name: str, reason: str) -> Source:
    def read() -> bytes:
        raise IntakeFileError(reason)
    return Source(name, read)
