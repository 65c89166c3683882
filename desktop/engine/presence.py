"""Which units have a value of which elements for a period — without reading the values.

Completeness asks only whether a value exists, so `absent` answers it: the
(unit, element) pairs without a value, found by one index probe per pair
(unit, element, period) rather than by reading every value of the scope —
on PostgreSQL a `LATERAL … LIMIT 1`, since its planner would otherwise hash
the whole table for an anti-join. (An element is collected in a scope when
some unit of it is not absent.)

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


def _ids(name: str, column: str, ids: set[int]) -> str:
    return id_table(name, [column], [(int(i),) for i in sorted(ids)])


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name
