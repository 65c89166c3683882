"""Which units have a value of which elements for a period — without reading the values.

Completeness asks only whether a value exists, so `absent` answers it: the
(unit, element) pairs without a value, found by one index probe per pair
(unit, element, period) rather than by reading every value of the scope. On
PostgreSQL, whose planner picks indexes by statistics that a fresh database
lacks, the elements of each unit are read by the unit's key instead (see
`_absent_by_unit`). (An element is collected in a scope when some unit of it
is not absent.)

A value "exists" as a reading of `desktop.engine.readings` does: for a year,
a yearly value (`year_value`, derived from the year, its quarters or
months); for a quarter, its own value or one of its months'; for a month,
its own. Unit and element ids are the database's own integers, written into
the SQL (desktop.data.keyed).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop.data.keyed import id_table, run_inline
from desktop.data.periods_db import period_parts
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
    if _dialect(session) == "postgresql":
        return _absent_by_unit(session, table, condition, unit_ids, element_ids)
    statement = (f"WITH {_ids('s', 'unit_id', unit_ids)}, {_ids('e', 'element_id', element_ids)} "
                 f"SELECT s.unit_id, e.element_id FROM s CROSS JOIN e WHERE NOT EXISTS "
                 f"(SELECT 1 FROM {table} x WHERE x.unit_id = s.unit_id "
                 f"AND x.element_id = e.element_id AND {condition})")
    return {(unit, element) for unit, element in run_inline(session, statement)}


def _absent_by_unit(session: Session, table: str, condition: str, unit_ids: set[int],
                    element_ids: set[int]) -> set[tuple[int, int]]:
    """PostgreSQL: the elements each unit has for the period, read by the unit's key
    (one lookup per unit, as the entry grid reads) and sent as one array per unit;
    the rest are absent. A probe per (unit, element) pair would let the planner,
    short of statistics, pick the (period, element) index instead, which holds
    every unit's values."""
    elements = ", ".join(str(int(e)) for e in sorted(element_ids))
    statement = (f"WITH {_ids('s', 'unit_id', unit_ids)} "
                 f"SELECT s.unit_id, x.found FROM s CROSS JOIN LATERAL "
                 f"(SELECT array_agg(DISTINCT x.element_id) AS found FROM {table} x "
                 f"WHERE x.unit_id = s.unit_id AND {condition} "
                 f"AND +x.element_id IN ({elements})) x")
    wanted = set(element_ids)
    return {(unit, element) for unit, found in run_inline(session, statement)
            for element in wanted.difference(found or ())}


def _condition(session: Session, spec: PeriodSpec) -> tuple[str, str] | None:
    """The table and the condition (on alias x) of the period's values; None: none exist."""
    if spec.kind == "year":
        return "year_value", f"x.year = {int(spec.year)}"
    ids = sorted(period_parts(session, spec))
    if not ids:
        return None
    return "data_value", f"x.period_id IN ({', '.join(str(int(i)) for i in ids)})"


def _ids(name: str, column: str, ids: set[int]) -> str:
    return id_table(name, [column], [(int(i),) for i in sorted(ids)])


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name
