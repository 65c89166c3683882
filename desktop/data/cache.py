"""Plain data read from the database, kept until the database changes.

The unit tree, a plan's indicator groups and the elements' kinds are read
by almost every job and change rarely. On SQLite each is kept with the
connection it was read through, together with that connection's view of
the file: `PRAGMA data_version` (changes when any other connection
commits) and the connection's own `total_changes` (changes when it
writes). When either differs the data is read again. A transaction that
has written (its total_changes moved since BEGIN, recorded by
desktop.data.database) reads afresh and keeps nothing, since it may yet
roll back. On PostgreSQL nothing is kept (each job reads afresh).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from sqlalchemy.orm import Session

T = TypeVar("T")
_KEY = "itplan_cache"


def cached(session: Session, name: Hashable, load: Callable[[], T]) -> T:
    """`load()`'s result, read again only when the database changed since."""
    if session.bind is None or session.get_bind().dialect.name != "sqlite":
        return load()
    if session.new or session.dirty or session.deleted:
        session.flush()  # what a query would have flushed first
    proxied = session.connection().connection
    raw = proxied.dbapi_connection
    cursor = raw.cursor()
    try:
        version = cursor.execute("PRAGMA data_version").fetchone()[0]
    finally:
        cursor.close()
    token = (version, raw.total_changes)
    if proxied.info.get("changes_at_begin") != raw.total_changes:
        return load()  # this transaction wrote: its view is its own
    store = proxied.info.get(_KEY)
    if store is None or store[0] != token:
        store = (token, {})
        proxied.info[_KEY] = store
    entries = store[1]
    if name not in entries:
        entries[name] = load()
    return entries[name]
