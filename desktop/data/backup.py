"""Consistent copies of a SQLite database, taken with SQLite's online backup API."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path


def backup_file(source: Path, folder: Path, *, reason: str = "manual") -> Path:
    """Copy `source` into `folder` as <name>-<time>-<reason>.sqlite; return the copy."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{source.stem}-{stamp}-{reason}.sqlite"
    copy_database(source, target)
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
