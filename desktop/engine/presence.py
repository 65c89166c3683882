"""Which units have a value of which elements for a period — without reading the values.

Completeness asks only whether a value exists, so two statements answer it,
each looking rows up by key (unit, element, period) rather than reading
every value of the scope:

- `collected`: the elements that some unit of the scope reported (one
  EXISTS per element, which stops at the first unit that has one);
- `absent`: the (unit, element) pairs without a value (one index probe per
  pair — on PostgreSQL a `LATERAL … LIMIT 1`, since its planner would
  otherwise hash the whole table for an anti-join).

A value "exists" as a reading of `desktop.engine.readings` does: for a year,
a yearly value (`year_value`, derived from the year, its quarters or
months); for a quarter, its own value or one of its months'; for a month,
its own. Unit and element ids are the database's own integers, written into
the SQL (desktop.data.keyed).
"""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desktop.data.keyed import id_table
from desktop.data.models import Period
from desktop.periods import PeriodSpec


def collected(session: Session, spec: PeriodSpec, element_ids: set[int],
              unit_ids: set[int]) -> set[int]:
    """The elements of which at least one of the units has a value for the period."""
    where = _condition(session, spec)
    if where is None or not element_ids or not unit_ids:
        return set()
    table, condition = where
    probe = _probe(session, table, "s.unit_id", "e.element_id", condition)
    statement = (f"WITH {_ids('s', 'unit_id', unit_ids)}, {_ids('e', 'element_id', element_ids)} "
                 f"SELECT e.element_id FROM e WHERE EXISTS (SELECT 1 FROM s{probe})")
    return {element for (element,) in session.execute(text(statement))}


def absent(session: Session, spec: PeriodSpec, unit_ids: set[int],
           element_ids: set[int]) -> set[tuple[int, int]]:
    """(unit, element) pairs of units × elements without a value for the period."""
    if not element_ids or not unit_ids:
        return set()
    where = _condition(session, spec)
    if where is None:
        return {(unit, element) for unit in unit_ids for element in element_ids}
    table, condition = where
    head = (f"WITH {_ids('s', 'unit_id', unit_ids)}, {_ids('e', 'element_id', element_ids)} "
            f"SELECT s.unit_id, e.element_id FROM s CROSS JOIN e")
    if _dialect(session) == "postgresql":
        statement = (f"{head} LEFT JOIN LATERAL (SELECT 1 AS found FROM {table} x WHERE "
                     f"x.unit_id = s.unit_id AND x.element_id = e.element_id AND {condition} "
                     f"LIMIT 1) x ON TRUE WHERE x.found IS NULL")
    else:
        statement = (f"{head} WHERE NOT EXISTS (SELECT 1 FROM {table} x WHERE "
                     f"x.unit_id = s.unit_id AND x.element_id = e.element_id AND {condition})")
    return {(unit, element) for unit, element in session.execute(text(statement))}


def _condition(session: Session, spec: PeriodSpec) -> tuple[str, str] | None:
    """The table and the condition (on alias x) of the period's values; None: none exist."""
    if spec.kind == "year":
        return "year_value", f"x.year = {int(spec.year)}"
    codes = [spec.code] + [sub.code for sub in spec.sub_periods()]
    ids = sorted(session.scalars(select(Period.id).where(Period.code.in_(codes))))
    if not ids:
        return None
    return "data_value", f"x.period_id IN ({', '.join(str(int(i)) for i in ids)})"


def _probe(session: Session, table: str, unit: str, element: str, condition: str) -> str:
    """` CROSS JOIN …` finding one row of `table` for the unit and element, by key."""
    if _dialect(session) == "postgresql":
        return (f" CROSS JOIN LATERAL (SELECT 1 FROM {table} x WHERE x.unit_id = {unit} "
                f"AND x.element_id = {element} AND {condition} LIMIT 1) x")
    return (f" CROSS JOIN {table} x ON x.unit_id = {unit} AND x.element_id = {element} "
            f"AND {condition}")


def _ids(name: str, column: str, ids: set[int]) -> str:
    return id_table(name, [column], [(int(i),) for i in sorted(ids)])


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name
