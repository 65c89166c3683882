"""Statements sent as written, for the paths that run many small ones (every write).

Building a SQLAlchemy statement and running it through the session costs a
tenth of a millisecond or more each time, while SQLite answers a keyed
statement in a few microseconds: writing one commune's form sent about ten
statements and spent nine tenths of its time building them. The write path
(desktop.data.values, the yearly values, the period and lock lookups)
therefore writes its statements once as text, with `?` for each parameter
(turned into the driver's own marker for PostgreSQL), and sends them
through the session's connection with `exec_driver_sql`:

- in the session's transaction, after the ORM's pending changes are
  flushed (what a query through the session would have done first);
- seen by the cursor listeners like any other statement (the caches'
  write counter, desktop.data.cache; the benchmark's recorder);
- ids are the database's own integers, written in (`id_list`); text,
  numbers and times always go as parameters, times and dates converted by
  SQLAlchemy's own processors for the dialect (`timestamp`, `date_of`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from sqlalchemy import Date, DateTime
from sqlalchemy.orm import Session


def _connection(session: Session):  # noqa: ANN202 - a SQLAlchemy Connection
    if session.new or session.dirty or session.deleted:
        session.flush()
    return session.connection()


def _marked(connection, statement: str) -> str:  # noqa: ANN001
    return statement if connection.dialect.paramstyle == "qmark" else statement.replace("?", "%s")


def fetch(session: Session, statement: str, parameters: Sequence = ()) -> list:
    """Every row of `statement` (markers `?`), fetched in one call."""
    connection = _connection(session)
    return connection.exec_driver_sql(_marked(connection, statement), tuple(parameters)).all()


def run(session: Session, statement: str, parameters: Sequence = ()) -> int:
    """Send one writing statement; the number of rows it changed."""
    connection = _connection(session)
    return connection.exec_driver_sql(_marked(connection, statement), tuple(parameters)).rowcount


def run_many(session: Session, statement: str, rows: Sequence[Sequence]) -> int | None:
    """Send `statement` once per row (the driver's executemany); the rows changed,
    None where the driver does not count them over many rows."""
    if not rows:
        return 0
    connection = _connection(session)
    result = connection.exec_driver_sql(_marked(connection, statement), [tuple(r) for r in rows])
    return result.rowcount if connection.dialect.supports_sane_multi_rowcount else None


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
