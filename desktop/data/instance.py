"""One program at a time on a database file.

A lock file next to the database (`<name>.sqlite.lock`) is held with an
operating-system lock (`fcntl.flock` on POSIX, `msvcrt.locking` on
Windows) for as long as the program writes. The OS drops the lock when the
process ends, however it ends, so a crash never leaves a stale lock; the
file itself may stay and means nothing then. A second program asking for
the lock gets a UserError saying who holds it.

    with hold_instance(db_path):   # the CLI, around a writing command
        ...
    lock = acquire_instance(db_path)   # the GUI, for its whole life
    ...
    lock.release()
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
from collections.abc import Iterator
from pathlib import Path

from desktop.errors import UserError
from desktop.i18n import t

_WINDOWS_LOCK_OFFSET = 1 << 20  # lock a byte past the text, so others can still read it


class InstanceLockedError(UserError):
    """Another program is using the database file."""


def lock_path(database: Path) -> Path:
    database = Path(database)
    return database.with_name(database.name + ".lock")


class InstanceLock:
    """The held lock on one database file; `release()` (or process end) frees it."""

    def __init__(self, database: Path):
        self.database = Path(database).resolve()
        self.path = lock_path(self.database)
        self._handle = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> InstanceLock:
        try:
            handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - kept open while held
        except OSError as exc:
            raise UserError(t(f"Không tạo được tệp khóa {self.path} ({exc.strerror}); hãy kiểm tra "
                              "thư mục và quyền ghi.",
                              f"Cannot create the lock file {self.path} ({exc.strerror}); check "
                              "the folder and the permission to write.")) from None
        try:
            _lock(handle)
        except OSError:
            holder = _read_holder(handle)
            handle.close()
            raise InstanceLockedError(t(
                f"Cơ sở dữ liệu {self.database} đang được một chương trình khác dùng ({holder}); "
                "hãy đóng chương trình đó rồi thử lại.",
                f"Another program is using {self.database} ({holder}); close it and try again.",
            )) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid={os.getpid()} host={socket.gethostname()} "
                     f"since={dt.datetime.now():%d/%m/%Y %H:%M:%S}\n")
        handle.flush()
        self._handle = handle
        return self

    def release(self) -> None:
        if self._handle is None:
            return
        handle, self._handle = self._handle, None
        try:
            _unlock(handle)
        finally:
            handle.close()

    def __enter__(self) -> InstanceLock:
        return self if self.held else self.acquire()

    def __exit__(self, *_exc: object) -> None:
        self.release()


def acquire_instance(database: Path) -> InstanceLock:
    """Take the lock on `database` or raise InstanceLockedError."""
    return InstanceLock(database).acquire()


@contextlib.contextmanager
def hold_instance(database: Path | None) -> Iterator[InstanceLock | None]:
    """The lock for the duration of a block (nothing for a database URL)."""
    if database is None:
        yield None
        return
    lock = acquire_instance(database)
    try:
        yield lock
    finally:
        lock.release()


def _read_holder(handle) -> str:  # noqa: ANN001 - text file
    """Who holds the lock, in words: "trên máy KETOAN-PC, từ 21/11/2026 08:05"."""
    try:
        handle.seek(0)
        text = handle.read(200).strip()
    except OSError:
        text = ""
    fields = dict(part.split("=", 1) for part in text.split(" ") if "=" in part)
    since = " ".join(text.split("since=", 1)[1].split()[:2])[:16] if "since=" in text else ""
    host = fields.get("host", "")
    if not host:
        return t("một chương trình khác", "another program")
    return t(f"trên máy {host}" + (f", từ {since}" if since else ""),
             f"on computer {host}" + (f", since {since}" if since else ""))


if os.name == "nt":  # pragma: no cover - Windows only
    import msvcrt

    def _lock(handle) -> None:  # noqa: ANN001
        handle.seek(_WINDOWS_LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle) -> None:  # noqa: ANN001
        handle.seek(_WINDOWS_LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(handle) -> None:  # noqa: ANN001
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle) -> None:  # noqa: ANN001
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
