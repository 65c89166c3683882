"""Opening and closing the database for the GUI's whole life.

`open_for_gui(path)` takes the instance lock first, so a second program on
the same file is told so (in a message box) instead of writing beside the
first, then opens the database. `close_for_gui(database, lock)` closes it,
takes the automatic backup at exit — only when something was committed to
the file meanwhile (desktop.data.changes), so closing after only reading
copies nothing — and frees the lock. The main window calls both; a
database URL (a server) has no lock and no file backup.
"""

from __future__ import annotations

from pathlib import Path

from desktop.data.backup import auto_backup
from desktop.data.changes import ChangeWatch
from desktop.data.database import Database, is_url, open_database
from desktop.data.instance import InstanceLock, acquire_instance
from desktop.errors import UserError
from desktop.ui import dialogs


_watches: dict[Path, ChangeWatch] = {}  # database file -> what it held when opened


def open_for_gui(path: str | Path, parent=None) -> tuple[Database, InstanceLock | None] | None:  # noqa: ANN001
    """(database, lock), or None after showing why it cannot be opened."""
    target = str(path)
    lock = None
    try:
        if not is_url(target):
            lock = acquire_instance(Path(target).expanduser().resolve())
        database = open_database(target)
        if database.path is not None:
            _watches[database.path] = ChangeWatch(database.path)
    except UserError as exc:
        if lock is not None:
            lock.release()
        dialogs.show_error(parent, exc.message, exc.problems)
        return None
    return database, lock


def close_for_gui(database: Database, lock: InstanceLock | None) -> Path | None:
    """Close the database, back it up (rotating, reason "exit"), free the lock.

    Returns the new backup file, or None when nothing changed since the file
    was opened (no copy is made) or since the last backup.
    """
    watch = _watches.pop(database.path, None) if database.path is not None else None
    changed = watch is None or watch.changed()
    if watch is not None:
        watch.close()
    database.close()
    made = None
    try:
        if database.path is not None and changed:
            made = auto_backup(database.path, "exit")
    finally:
        if lock is not None:
            lock.release()
    return made


def discard_new(database: Database, lock: InstanceLock | None) -> None:
    """Close and delete a database file this start created, when the first-run
    wizard was left: no empty file, no lock file and no backup stay behind."""
    from desktop.data.instance import lock_path

    database.close()
    if lock is not None:
        lock.release()
    path = database.path
    if path is None:
        return
    for leftover in (path, path.with_name(path.name + "-wal"),
                     path.with_name(path.name + "-shm"), path.with_name(path.name + "-journal"),
                     lock_path(path)):
        leftover.unlink(missing_ok=True)
