"""Backups of a SQLite database, taken with SQLite's online backup API.

A backup is never torn: the backup API copies a consistent snapshot even
while the program writes, into a temporary file in the target folder that is
checked (`PRAGMA integrity_check`), flushed to disk (fsync) and only then
renamed to its final name, so a kill or a power cut leaves either no backup
or a whole one — never an empty or half file under a backup's name.
Automatic backups go to the `backups` folder next to the database, named `<name>-<YYYYmmdd-HHMMSS-ffffff>-<reason>.sqlite`,
and are rotated: the newest `KEEP_RECENT` always stay, plus the newest backup
of each of the last `backup_keep_daily` days and of each of the last
`backup_keep_weekly` ISO weeks (settings; 7 and 8 by default). A backup
identical to the newest one is not kept.

`restore_database` puts a backup (or any file of ours) back: it checks the
file is ours and sound first, keeps the current database as a backup, then
copies the file in with the backup API, which is one transaction.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import filecmp
import os
import re
import shutil
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from desktop.errors import DatabaseFileError, UserError
from desktop.i18n import t

KEEP_RECENT = 3
DEFAULT_KEEP_DAILY = 7
DEFAULT_KEEP_WEEKLY = 8
SETTING_DAILY = "backup_keep_daily"
SETTING_WEEKLY = "backup_keep_weekly"
PARTIAL_PREFIX = ".itplan-backup-"
STALE_PARTIAL_SECONDS = 3600
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[\w.-]+)\.sqlite$")


@dataclass(frozen=True)
class BackupRow:
    """One backup file as plain data, for views and the command line."""

    path: Path
    taken_at: dt.datetime
    reason: str
    size: int

    def as_json(self) -> dict:
        return {"file": str(self.path), "taken_at": self.taken_at.isoformat(timespec="seconds"),
                "reason": self.reason, "size": self.size}


def backups_folder(database: Path) -> Path:
    """Where the automatic backups of `database` go (not created here)."""
    return database.parent / "backups"


def backup_file(source: Path, folder: Path, *, reason: str = "manual") -> Path:
    """Copy `source` into `folder` as <name>-<time>-<reason>.sqlite; return the copy."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    safe_reason = re.sub(r"[^\w.-]+", "-", reason) or "manual"
    target = folder / f"{source.stem}-{stamp}-{safe_reason}.sqlite"
    write_backup(source, target)
    return target


def copy_database(source: Path, target: Path) -> None:
    """Write a never-torn copy of `source` to `target` (SQLite backup API)."""
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def write_backup(source: Path, target: Path) -> None:
    """Copy `source` to `target` atomically: temporary name, integrity_check, fsync, rename."""
    handle, name = tempfile.mkstemp(prefix=PARTIAL_PREFIX, suffix=".partial", dir=target.parent)
    os.close(handle)
    partial = Path(name)
    try:
        copy_database(source, partial)
        _single_file(partial)
        problem = backup_problem(partial)
        if problem is not None:
            raise DatabaseFileError(t(f"Bản sao của {source} không toàn vẹn ({problem}); "
                                      "không ghi bản sao lưu.",
                                      f"The copy of {source} is not sound ({problem}); "
                                      "no backup was written."))
        _fsync(partial)
        os.replace(partial, target)
        _fsync_folder(target.parent)
    finally:
        for leftover in ("", "-journal", "-wal", "-shm"):
            partial.with_name(partial.name + leftover).unlink(missing_ok=True)


def _single_file(path: Path) -> None:
    """The copy keeps the source's WAL mode; turn it into one self-contained file."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode = DELETE")
    finally:
        connection.close()


def backup_problem(path: Path, *, full: bool = True) -> str | None:
    """Why the backup file `path` cannot be restored (None when it opens and is sound).

    `full` runs the whole integrity_check; otherwise the file must open and
    show its schema and our marker (for the start-up check, which must be fast).
    """
    if not path.is_file() or path.stat().st_size == 0:
        return t("tệp trống", "empty file")
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            result = connection.execute("PRAGMA integrity_check(5)").fetchall() if full else \
                [("ok",) if connection.execute("SELECT value FROM setting WHERE key = 'app'")
                 .fetchone() else (t("không phải cơ sở dữ liệu của chương trình",
                                     "not a database of this program"),)]
        finally:
            connection.close()
    except sqlite3.Error as exc:
        return str(exc)
    problems = [row[0] for row in result]
    return None if problems == ["ok"] else "; ".join(problems)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX; Windows has no directory handles to flush)."""
    if os.name == "nt":  # pragma: no cover - Windows only
        return
    _fsync(folder)


def backup_to(database: Path, out: Path, *, force: bool = False) -> Path:
    """`itplan backup --out FILE`: a copy of the database at `out` (written atomically).

    An existing `out` is refused unless `force`; a folder or a non-regular file always.
    """
    from desktop.data.database import check_sqlite_file

    _require_ours(database, check_sqlite_file)
    out = out.expanduser().resolve()
    if out == database.resolve():
        raise DatabaseFileError(t(f"Không thể sao lưu {database} vào chính nó.",
                                  f"Cannot back {database} up onto itself."))
    if not out.parent.is_dir():
        raise DatabaseFileError(t(f"Thư mục {out.parent} không tồn tại.",
                                  f"Folder {out.parent} does not exist."))
    if out.exists() and not out.is_file():
        raise DatabaseFileError(t(f"{out} không phải là một tệp thông thường; không ghi vào đó.",
                                  f"{out} is not a regular file; nothing was written."))
    if out.exists() and not force:
        raise DatabaseFileError(t(f"Tệp {out} đã có; dùng --force để ghi đè.",
                                  f"{out} already exists; use --force to overwrite it."))
    write_backup(database, out)
    return out


def auto_backup(database: Path, reason: str, *, folder: Path | None = None) -> Path | None:
    """An automatic rotating backup (at exit, before an import); the new file or None.

    None when there is nothing to back up (no file yet, or a file that is not
    a sound database of ours) or when nothing changed since the newest backup.
    Never raises for those cases, so it is safe to call at exit.
    """
    database = Path(database)
    if not database.is_file() or database.stat().st_size == 0:
        return None
    folder = folder or backups_folder(database)
    try:
        previous = list_backups(database, folder)
        made = backup_file(database, folder, reason=reason)
    except (sqlite3.Error, OSError):
        return None
    if previous and _same_content(previous[0].path, made):
        made.unlink()
        made = None
    daily, weekly = _keep_settings(database)
    rotate_backups(database, folder, keep_daily=daily, keep_weekly=weekly)
    return made


def _same_content(a: Path, b: Path) -> bool:
    try:
        return filecmp.cmp(a, b, shallow=False)
    except OSError:
        return False


def set_rotation(session, keep_daily: int | None = None,  # noqa: ANN001 - a Session
                 keep_weekly: int | None = None) -> None:
    """How many daily and weekly backups rotation keeps (at least 1 each): the one rule
    allowing it (`edit_settings`), audited (desktop.data.settings.change_setting)."""
    from desktop.data.settings import change_setting

    for value in (keep_daily, keep_weekly):
        if value is not None and (type(value) is not int or value < 1):
            raise UserError(t("Số bản sao lưu giữ lại phải từ 1 trở lên.",
                              "Keep at least 1 backup."))
    if keep_daily is not None:
        change_setting(session, SETTING_DAILY, str(keep_daily))
    if keep_weekly is not None:
        change_setting(session, SETTING_WEEKLY, str(keep_weekly))


def _keep_settings(database: Path) -> tuple[int, int]:
    """The rotation settings stored in the database (defaults when unset)."""
    values = {SETTING_DAILY: DEFAULT_KEEP_DAILY, SETTING_WEEKLY: DEFAULT_KEEP_WEEKLY}
    try:
        connection = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = connection.execute("SELECT key, value FROM setting WHERE key IN (?, ?)",
                                      (SETTING_DAILY, SETTING_WEEKLY)).fetchall()
        finally:
            connection.close()
    except sqlite3.Error:
        rows = []
    for key, value in rows:
        if str(value).strip().isdigit():
            values[key] = int(value)
    return values[SETTING_DAILY], values[SETTING_WEEKLY]


def list_backups(database: Path, folder: Path | None = None) -> list[BackupRow]:
    """The automatic backups of `database`, newest first."""
    folder = folder or backups_folder(database)
    if not folder.is_dir():
        return []
    rows = []
    for path in folder.glob(f"{database.stem}-*.sqlite"):
        match = _NAME.match(path.name)
        if not match or match["stem"] != database.stem:
            continue
        taken = dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S-%f")
        rows.append(BackupRow(path, taken, match["reason"], path.stat().st_size))
    return sorted(rows, key=lambda row: row.taken_at, reverse=True)


def backups_to_keep(rows: list[BackupRow], keep_daily: int, keep_weekly: int) -> set[Path]:
    """The rotation rule: newest KEEP_RECENT, newest per day and per ISO week."""
    keep = {row.path for row in rows[:KEEP_RECENT]}
    days: dict[dt.date, Path] = {}
    weeks: dict[tuple[int, int], Path] = {}
    for row in rows:  # newest first, so the first seen of a day/week is its newest
        days.setdefault(row.taken_at.date(), row.path)
        weeks.setdefault(tuple(row.taken_at.isocalendar())[:2], row.path)
    keep |= {days[d] for d in sorted(days, reverse=True)[:max(keep_daily, 0)]}
    keep |= {weeks[w] for w in sorted(weeks, reverse=True)[:max(keep_weekly, 0)]}
    return keep


def rotate_backups(database: Path, folder: Path | None = None, *,
                   keep_daily: int = DEFAULT_KEEP_DAILY,
                   keep_weekly: int = DEFAULT_KEEP_WEEKLY) -> list[Path]:
    """Delete the automatic backups the rotation rule does not keep; return them."""
    rows = list_backups(database, folder)
    keep = backups_to_keep(rows, keep_daily, keep_weekly)
    _remove_stale_partials(folder or backups_folder(database))
    removed = []
    for row in rows:
        if row.path not in keep:
            row.path.unlink(missing_ok=True)
            removed.append(row.path)
    return removed


def _remove_stale_partials(folder: Path) -> None:
    """Temporary files of backups that were killed half-way (an hour old or more)."""
    if not folder.is_dir():
        return
    limit = time.time() - STALE_PARTIAL_SECONDS
    for partial in folder.glob(PARTIAL_PREFIX + "*"):
        with contextlib.suppress(OSError):
            if partial.stat().st_mtime < limit:
                partial.unlink()


def last_backup(database: Path) -> BackupRow | None:
    rows = list_backups(database)
    return rows[0] if rows else None


def _require_ours(path: Path, check) -> str:  # noqa: ANN001 - check_sqlite_file
    revision = check(path)
    if revision is None:
        raise DatabaseFileError(
            t(f"Tệp {path} trống hoặc không phải là cơ sở dữ liệu của chương trình.",
              f"{path} is empty or not a database of this program."))
    return revision


def check_restorable(source: Path) -> str:
    """Check a file before restoring it: ours, sound (full integrity check); its revision."""
    from desktop.data.database import check_sqlite_file

    if not source.is_file():
        raise DatabaseFileError(t(f"Không tìm thấy tệp {source}.", f"No such file: {source}."))
    revision = _require_ours(source, check_sqlite_file)
    connection = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        result = connection.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        result = str(exc)
    finally:
        connection.close()
    if result != "ok":
        raise DatabaseFileError(
            t(f"Tệp {source} bị hỏng ({result}); không khôi phục từ tệp này.",
              f"{source} is damaged ({result}); nothing was restored from it."))
    return revision


def restore_database(database: Path, source: Path) -> Path | None:
    """Replace `database` with the backup `source`; return the backup of the old file.

    Nothing is touched unless `source` is a sound database of ours. The
    current database is first kept in the backups folder ("before-restore";
    a damaged one is moved there as it is). The caller holds the instance
    lock and has no connection open on `database`.
    """
    database, source = Path(database).resolve(), Path(source).resolve()
    if source == database:
        raise DatabaseFileError(t(f"Không thể khôi phục {database} từ chính nó.",
                                  f"Cannot restore {database} from itself."))
    check_restorable(source)
    if not database.exists():
        copy_database(source, database)
        return None
    folder = backups_folder(database)
    try:
        from desktop.data.database import check_sqlite_file

        check_sqlite_file(database)
        kept = backup_file(database, folder, reason="before-restore")
    except (DatabaseFileError, sqlite3.Error):
        kept = _move_damaged_aside(database, folder)
        copy_database(source, database)
        return kept
    copy_database(source, database)  # the backup API replaces the content in one transaction
    return kept


def _move_damaged_aside(database: Path, folder: Path) -> Path:
    """Move a damaged database (and its journal files) into the backups folder."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{database.stem}-{stamp}-damaged.sqlite"
    shutil.move(str(database), target)
    for suffix in ("-wal", "-shm", "-journal"):
        extra = database.with_name(database.name + suffix)
        if extra.exists():
            shutil.move(str(extra), target.with_name(target.name + suffix))
    return target
