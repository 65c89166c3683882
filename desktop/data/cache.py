"""Plain data read from the database, kept until the structure it comes from changes.

The unit tree, a plan's indicator groups, the elements' kinds and the
part-of-whole rules are read by almost every job and change rarely; values
change all the time. On SQLite each is kept with the connection it was read
through, under a token of that connection's view of the file:

- `PRAGMA data_version`, which changes when any other connection commits;
- the connection's structure counter (`structure_writes`), which a cursor
  listener (`watch_writes`, installed by desktop.data.database) raises for
  every statement that may change anything but the value tables
  (`VALUE_TABLES`: values, yearly values, periods, submission states,
  the audit trail, which no cached loader reads) — any INSERT, UPDATE,
  DELETE or DDL naming another table, or a statement it cannot classify —
  and for every rollback (of the transaction or a savepoint) of a
  transaction that made such a change, so that nothing read after the
  change outlives its undoing.

So a batch that writes thousands of values in one transaction (intake, a
package, the entry grid) keeps its unit tree and rules, while adding a
unit, editing a plan or restoring drops them at once.

On PostgreSQL the same holds with one difference: other connections'
changes are told by the `structure_change` row, which a statement trigger
on every table but the value tables raises (migration 0004) — within the
writer's transaction at once, for the others when it commits.

Either mark is read once per transaction, at the transaction's first use
of a cache: a transaction works with the structure as it was when it
began to use it, and the next transaction sees every change committed
meanwhile. On SQLite that is the snapshot the transaction reads anyway
(`PRAGMA data_version` opens it). On PostgreSQL, whose READ COMMITTED
reads each statement afresh, a change committed during a transaction is
read by its later statements but not by what it kept (a unit added by
another office is listed from its next action on); a change committed
between the counter's read and a load is read by the load and kept under
the older counter, which the next transaction finds changed. Reading the
row at every use cost a round trip each (0.1–0.2 ms; five for one form).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Hashable
from typing import TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from desktop.data import sent

T = TypeVar("T")
_KEY = "itplan_cache"
COUNTER = "structure_writes"
_SEEN = "itplan_others_changes"  # (transaction, the mark read in it)
AT_BEGIN = "structure_writes_at_begin"
# Tables no cached loader reads (tests/data/test_cache.py checks it): writes to them keep
# the caches.
VALUE_TABLES = frozenset({"data_value", "year_value", "period", "submission", "audit_entry"})
# Rollbacks are not counted here but by the rollback events (desktop.data.cache._undone).
_READS = ("SELECT", "SAVEPOINT", "RELEASE", "BEGIN", "COMMIT", "ROLLBACK",
          "PRAGMA DATA_VERSION")
_WRITING_WORDS = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")
_WRITING_WORD = re.compile(rf"\b(?:{'|'.join(_WRITING_WORDS)})\b", re.IGNORECASE)
_WRITE = re.compile(r"\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?"
                    r"|DELETE\s+FROM)\s+[\"`\[]?(\w+)[\"`\]]?\s", re.IGNORECASE)


def changes_structure(statement: str) -> bool:
    """Whether a statement may change anything the caches hold (unknown means yes).

    The answers are kept by statement (`_CLASSIFIED`): the program sends the same few
    texts again and again, and a long constant table (the engine's sums) would otherwise
    be searched for writing words on every call."""
    if len(statement) > CLASSIFIED_LONGEST:  # searched in a job that reads thousands of rows
        return _classify(statement)
    known = _CLASSIFIED.get(statement)
    if known is None:
        if len(_CLASSIFIED) >= CLASSIFIED_KEPT:
            _CLASSIFIED.clear()
        known = _CLASSIFIED[statement] = _classify(statement)
    return known


CLASSIFIED_KEPT = 512  # statement texts whose answer is kept before starting afresh
CLASSIFIED_LONGEST = 16_384  # longer texts are not kept (at most 8 MB in all)
_CLASSIFIED: dict[str, bool] = {}


def _classify(statement: str) -> bool:
    head = statement.lstrip()[:18].upper()
    if head.startswith(_READS):
        return False
    if head.startswith("WITH"):  # a read unless a writing word appears anywhere in it
        upper = statement.upper()  # (a plain search first: the regex is slow on long VALUES)
        return any(word in upper for word in _WRITING_WORDS) and (
            _WRITING_WORD.search(statement) is not None)
    match = _WRITE.match(statement)
    return match is None or match[1].lower() not in VALUE_TABLES


def watch_writes(engine: Engine) -> None:
    """Count, per connection, the statements and rollbacks that invalidate the caches."""

    @event.listens_for(engine, "before_cursor_execute")
    def _on_statement(conn, _cursor, statement, _parameters, _context, _many):  # noqa: ANN001
        if changes_structure(statement):
            _bump(conn)

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        info = conn.connection.info
        info[AT_BEGIN] = info.get(COUNTER, 0)

    @event.listens_for(engine, "rollback")
    def _on_rollback(conn):  # noqa: ANN001
        _rolled_back(conn)

    @event.listens_for(engine, "rollback_savepoint")
    def _on_rollback_savepoint(conn, _name, _context):  # noqa: ANN001
        _rolled_back(conn)

    @event.listens_for(engine, "reset")
    def _on_pool_reset(_dbapi_connection, record, state):  # noqa: ANN001 - returned to the pool
        if not state.transaction_was_reset:  # else the Connection already committed or rolled back
            _undone(record.info)


def _bump(conn) -> None:  # noqa: ANN001 - a SQLAlchemy Connection
    info = conn.connection.info
    info[COUNTER] = info.get(COUNTER, 0) + 1


def _rolled_back(conn) -> None:  # noqa: ANN001 - a SQLAlchemy Connection
    """A rollback on a connection. One the server dropped (invalidated) has nothing to
    undo: what it kept goes with it (the pool clears a record's `info` on reconnecting),
    and asking for it would raise instead of letting the rollback end the transaction."""
    if not conn.invalidated:
        _undone(conn.connection.info)


def _undone(info: dict) -> None:
    """A rollback: what was read after a structural change of the transaction is void."""
    if info.get(COUNTER, 0) != info.get(AT_BEGIN, 0):
        info[COUNTER] = info.get(COUNTER, 0) + 1


# What tells a connection that another one changed what it keeps: SQLite's own counter of
# other connections' commits; on PostgreSQL the row the structure triggers raise.
_OTHERS_CHANGES = {"sqlite": "PRAGMA data_version",
                   "postgresql": "SELECT counter FROM structure_change WHERE id = 1"}


def cached(session: Session, name: Hashable, load: Callable[[], T]) -> T:
    """`load()`'s result, read again only when the structure changed since."""
    dialect = session.get_bind().dialect.name if session.bind else None
    query = _OTHERS_CHANGES.get(dialect)
    if query is None:
        return load()
    connection = sent.connection(session)  # pending changes flushed first
    proxied = connection.connection
    others = _others_changes(connection, proxied.info, query)
    if others is None:  # no counter row: nothing can be known, nothing is kept
        return load()
    token = (others, proxied.info.get(COUNTER, 0))
    store = proxied.info.get(_KEY)
    if store is None or store[0] != token:
        store = (token, {})
        proxied.info[_KEY] = store
    entries = store[1]
    if name not in entries:
        entries[name] = load()
    return entries[name]


def _others_changes(connection, info: dict, query: str):  # noqa: ANN001, ANN202
    """What tells other connections' changes, read once per transaction (see above):
    again only when the transaction is not the one it was read in."""
    transaction = connection.get_transaction()
    dbapi = connection.connection.dbapi_connection
    seen = info.get(_SEEN) if transaction is not None else None
    if seen is not None and seen[0]() is transaction:
        return seen[1]
    cursor = dbapi.cursor()
    try:
        found = cursor.execute(query).fetchone()
    finally:
        cursor.close()
    value = None if found is None else found[0]
    if transaction is not None and _driver_holds_transaction(dbapi):
        info[_SEEN] = (weakref.ref(transaction), value)  # the pooled connection outlives it
    return value


def _driver_holds_transaction(dbapi) -> bool:  # noqa: ANN001 - a DBAPI connection
    """Whether the driver keeps a transaction open after the read: not sqlite3 left to
    begin its own only before writing, nor a server connection in autocommit, where
    each read sees the latest commits and the mark is read every time."""
    if getattr(dbapi, "autocommit", False) is True:
        return False
    return bool(getattr(dbapi, "in_transaction", True))
