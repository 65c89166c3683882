"""Reading by key: queries whose cost follows the units asked for, not the table.

Two shapes, used by every hot read:

- `in_chunks`: a column `IN` a list of ids, sent in chunks, for lookups
  where every key column of an index is given (unit, element, period);
- `id_table`: a constant table of unit ids (`WITH name (unit_id, …) AS
  (VALUES …)`) that a statement reads first, then `join_by_unit` looks
  each unit's rows up by key. SQLite keeps the written order of a `CROSS
  JOIN` (the constant table outside); PostgreSQL evaluates a `LATERAL`
  subquery (kept whole by `OFFSET 0`) once per outer row. Either way the
  plan does not depend on statistics: `ANALYZE` cannot turn it into a
  scan of the whole table. The ids are the database's own integers,
  written into the SQL.

Plans are pinned by tests (tests/data/test_query_plans.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from desktop.data import sent
from desktop.data.cache import cached
from desktop.data.models import VALUES_OF_UNIT_PERIOD

CHUNK = 400


def chunks(items: Iterable, size: int = CHUNK) -> Iterator[list]:
    """The items in lists of at most `size`, in a stable order."""
    listed = sorted(set(items))
    for start in range(0, len(listed), size):
        yield listed[start:start + size]


def run_inline(session, statement: str) -> list:
    """Every row of a statement whose values are written into it (no parameters),
    sent as written (desktop.data.sent) — `text()` would scan a statement of
    thousands of ids for bind parameters — and fetched in one call."""
    return sent.fetch(session, statement)


def id_table(name: str, columns: Sequence[str], rows: Iterable[Sequence]) -> str:
    """`name (columns) AS (VALUES (…), …)`: integers and short quoted words only."""
    values = ", ".join("(" + ", ".join(str(v) if type(v) is int else literal(v) for v in row)
                       + ")" for row in rows)  # ids, the common case, without a call each
    if not values:
        raise ValueError("a constant table needs at least one row")
    return f"{name} ({', '.join(columns)}) AS (VALUES {values})"


def literal(value) -> str:  # noqa: ANN001 - an int, None, a bool or a word
    """A value written into a statement: an integer, NULL, a boolean as 1 or 0, or a plain
    word (letters and digits only) in quotes; anything else is refused (ValueError), so no
    text from a file can reach the SQL."""
    if type(value) is int:  # the common case first: ids by the thousand
        return str(value)
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(int(value))
    quoted = _QUOTED.get(value)
    if quoted is None:
        text = str(value)
        if not text.isalnum():
            raise ValueError(f"not a plain word: {text!r}")
        quoted = f"'{text}'"
        if len(_QUOTED) < 1024:  # levels and kinds: a handful of words
            _QUOTED[value] = quoted
    return quoted


_QUOTED: dict[object, str] = {}


def join_by_unit(dialect: str, outer: str, table: str, alias: str, conditions: str,
                 index: str | None = None) -> str:
    """` CROSS JOIN …` giving `alias`: the rows of `table` of each `outer` row's
    unit that meet `conditions` (SQL over `alias` and earlier tables).

    `index`: on SQLite, the index to read them by (`INDEXED BY`): where the
    conditions give every column of the unique key, SQLite takes that key
    even when another index holds every column the statement reads
    (`models.VALUES_OF_UNIT_PERIOD`), and then reads the table row by row."""
    if dialect == "postgresql":
        return (f" CROSS JOIN LATERAL (SELECT * FROM {table} {alias} WHERE "
                f"{alias}.unit_id = {outer}.unit_id AND {conditions} OFFSET 0) {alias}")
    indexed = f" INDEXED BY {index}" if index else ""
    return (f" CROSS JOIN {table} {alias}{indexed} ON {alias}.unit_id = {outer}.unit_id "
            f"AND {conditions}")


def values_index(session) -> str | None:  # noqa: ANN001 - a Session
    """The index holding each recorded value (`models.VALUES_OF_UNIT_PERIOD`), to name
    in `join_by_unit`, when the file has it (SQLite; None elsewhere). A file whose index
    was dropped by hand is read by the unique key instead — slower, still right — and
    its structure check (desktop.data.schema_check) reports the missing index."""
    if session.get_bind().dialect.name != "sqlite":
        return None
    return cached(session, "values_index", lambda: VALUES_OF_UNIT_PERIOD if sent.fetch(
        session, "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?",
        (VALUES_OF_UNIT_PERIOD,)) else None)
