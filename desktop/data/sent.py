"""Statements sent as written, for the paths that run many small ones (every write).

Building a SQLAlchemy statement and running it through the session costs a
tenth of a millisecond or more each time, while SQLite answers a keyed
statement in a few microseconds: writing one commune's form sent about ten
statements and spent nine tenths of its time building them. The write path
(desktop.data.values, the yearly values, the period and lock lookups)
therefore writes its statements once as text, with `?` for each parameter
(turned into the driver's own marker for PostgreSQL), and sends them
through the session's connection:

- in the session's transaction, after the ORM's pending changes are
  flushed (what a query through the session would have done first);
- on the connection's own DBAPI cursor (`_send`): SQLAlchemy's
  `exec_driver_sql` costs 40–80 µs a statement in setting up its result,
  ten times what SQLite takes for a keyed statement and a third of a
  local server's round trip. The engine's cursor listeners are called as
  SQLAlchemy calls them (before and after each statement, without an
  execution context), and a driver error is raised as SQLAlchemy's own
  (`DBAPIError.instance`), a connection the server ended invalidated
  first as SQLAlchemy does (`connection_invalidated`), so the caches'
  write counter (desktop.data.cache), the benchmark's recorder, the
  conflict handling (desktop.data.concurrency) and the lost-server
  message (desktop.data.database) see what they always saw; the `?`
  markers become the driver's own (`%s` for psycopg);
- ids are the database's own integers, written in (`id_list`); text,
  numbers and times always go as parameters, times and dates converted by
  SQLAlchemy's own processors for the dialect (`timestamp`, `date_of`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from sqlalchemy import Date, DateTime, exc
from sqlalchemy.orm import Session


def connection(session: Session):  # noqa: ANN201 - a SQLAlchemy Connection
    """The session's connection, its pending ORM changes flushed first (what a query
    through the session does). `flush()` returns at once when nothing is pending: 0.2
    µs, where asking `new`, `dirty` and `deleted` first cost 0.7."""
    session.flush()
    return session.connection()


def fetch(session: Session, statement: str, parameters: Sequence = ()) -> list:
    """Every row of `statement` (markers `?`), fetched in one call (rows that unpack
    as tuples)."""
    return _send(connection(session), statement, tuple(parameters), many=False, rows=True)


def run(session: Session, statement: str, parameters: Sequence = ()) -> int:
    """Send one writing statement; the number of rows it changed."""
    return _send(connection(session), statement, tuple(parameters), many=False, rows=False)


def run_many(session: Session, statement: str, rows: Sequence[Sequence]) -> int | None:
    """Send `statement` once per row (the driver's executemany); the rows changed,
    None where the driver does not count them over many rows."""
    if not rows:
        return 0
    held = connection(session)
    changed = _send(held, statement, [tuple(r) for r in rows], many=True, rows=False)
    return changed if held.dialect.supports_sane_multi_rowcount else None


def begin(connection) -> None:  # noqa: ANN001 - a SQLAlchemy Connection
    """Begin a transaction on a SQLite connection (the engine's `begin` event)."""
    _send(connection, "BEGIN", (), many=False, rows=False)


def _send(connection, statement: str, parameters, *, many: bool, rows: bool):  # noqa: ANN001
    """Send one statement on `connection` (a SQLAlchemy Connection): its rows or its count."""
    dialect = connection.dialect
    if dialect.paramstyle != "qmark":
        statement = statement.replace("?", "%s")
    dbapi_connection = connection.connection.dbapi_connection
    cursor = dbapi_connection.cursor()
    try:
        listeners = connection.dispatch.before_cursor_execute
        for listener in listeners:
            statement, parameters = listener(connection, cursor, statement, parameters, None, many)
        if many:
            cursor.executemany(statement, parameters)
        elif parameters:
            cursor.execute(statement, parameters)
        else:  # no markers to read: a `%` in the text stays itself
            cursor.execute(statement)
        if listeners:
            connection.dispatch.after_cursor_execute(connection, cursor, statement, parameters,
                                                     None, many)
        return cursor.fetchall() if rows else cursor.rowcount
    except dialect.loaded_dbapi.Error as error:
        lost = bool(dialect.is_disconnect(error, dbapi_connection, cursor))
        if lost:
            cursor.close()
            connection.invalidate(error)
        raise exc.DBAPIError.instance(statement, parameters, error, dialect.loaded_dbapi.Error,
                                      connection_invalidated=lost, dialect=dialect) from error
    finally:
        cursor.close()


def counts_many(session: Session) -> bool:
    """Whether `run_many` reports the rows changed over many rows (else send one by one)."""
    return bool(session.get_bind().dialect.supports_sane_multi_rowcount)


def markers(count: int) -> str:
    """`?, ?, …`: one marker per parameter of an IN list."""
    return ", ".join("?" * count)


def id_list(ids: Iterable[int]) -> str:
    """Database ids written into a statement (`int` refuses anything else)."""
    return ", ".join(str(int(i)) for i in ids)


def timestamp(session: Session, when: dt.datetime):  # noqa: ANN201 - what the driver takes
    """A time as the dialect stores it (SQLite: SQLAlchemy's text form)."""
    process = _processors(session.get_bind().dialect)[0]
    return process(when) if process else when


def date_of(session: Session, stored) -> dt.date | None:  # noqa: ANN001 - as the driver returns it
    """A date column's value as read through the driver, as a date."""
    process = _processors(session.get_bind().dialect)[1]
    return process(stored) if process and stored is not None else stored


_PROCESSORS: dict[type, tuple] = {}


def _processors(dialect) -> tuple:  # noqa: ANN001
    """(time to stored, stored date to date) for the dialect; None where the driver does it.
    Kept per dialect class: they depend on the column types, not on the database."""
    kind = type(dialect)
    if kind not in _PROCESSORS:
        _PROCESSORS[kind] = (DateTime().dialect_impl(dialect).bind_processor(dialect),
                             Date().dialect_impl(dialect).result_processor(dialect, None))
    return _PROCESSORS[kind]
