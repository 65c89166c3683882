"""Per-unit values of elements for a period, read by key.

Years come from the derived `year_value` table; quarters and months from
the recorded values (a quarter without its own value is built from its
months the same way a year is built from quarters). Every read names the
units it is for and looks each one up by key (desktop.data.keyed), so its
cost follows the units asked for, not the size of the database.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.data.cache import cached
from desktop.data.keyed import id_table, join_by_unit, run_inline, values_index
from desktop.data.models import OrgUnit
from desktop.data.periods_db import period_parts
from desktop.data.yearvalues import combine_parts, element_temporal
from desktop.periods import PeriodSpec

Readings = dict[int, dict[int, float]]  # element id -> unit id -> value


def read_period(session: Session, spec: PeriodSpec, element_ids: set[int],
                unit_ids: set[int]) -> Readings:
    """Each unit's value of each element for the period."""
    if not element_ids or not unit_ids:
        return {}
    if spec.kind == "year":
        return read_years(session, spec.year, spec.year, element_ids, unit_ids)
    return _read_sub_year(session, spec, element_ids, unit_ids)


def read_years(session: Session, first: int, last: int, element_ids: set[int],
               unit_ids: set[int], combine: str = "sum") -> Readings:
    """Yearly values, summed (or the maximum, for milestones) over first..last."""
    if not element_ids or not unit_ids:
        return {}
    aggregate = "SUM" if combine == "sum" else "MAX"
    years = f"y.year = {int(first)}" if first == last else (
        f"y.year BETWEEN {int(first)} AND {int(last)}")
    elements = ", ".join(str(int(e)) for e in sorted(element_ids))
    join = join_by_unit(_dialect(session), "s", "year_value", "y",
                        f"y.element_id IN ({elements}) AND {years}")
    statement = (f"WITH {id_table('scope', ['unit_id'], [(u,) for u in sorted(unit_ids)])} "
                 f"SELECT y.element_id, y.unit_id, {aggregate}(y.value) "
                 f"FROM scope s{join} GROUP BY y.element_id, y.unit_id")
    readings: Readings = defaultdict(dict)
    for element_id, unit_id, amount in run_inline(session, statement):
        readings[element_id][unit_id] = amount
    return readings


def _read_sub_year(session: Session, spec: PeriodSpec, element_ids: set[int],
                   unit_ids: set[int]) -> Readings:
    periods = period_parts(session, spec)
    if not periods:
        return {}
    own_id = next((pid for pid, key in periods.items() if key == (spec.kind, spec.number)), None)
    readings: Readings = defaultdict(dict)
    # A quarter's months, each at its place (0-2), so the parts are combined in order.
    slot = {pid: (number - 1) % 3 for pid, (kind, number) in periods.items() if pid != own_id}
    parts: dict[tuple[int, int], list] = {}
    for element_id, unit_id, period_id, value in _sub_year_rows(
            session, sorted(periods), element_ids, unit_ids):
        if period_id == own_id:
            readings[element_id][unit_id] = value  # the period's own value wins
        else:
            months = parts.get((element_id, unit_id))
            if months is None:
                months = parts[(element_id, unit_id)] = [None, None, None]
            months[slot[period_id]] = value
    if parts:
        temporal = element_temporal(session)
        for (element_id, unit_id), months in parts.items():
            own = readings[element_id]
            if unit_id not in own:
                own[unit_id] = combine_parts(temporal[element_id],
                                             [v for v in months if v is not None])
    return readings


def _sub_year_rows(session: Session, period_ids: list[int], element_ids: set[int],
                   unit_ids: set[int]):
    """(element, unit, period, value) rows: by the period index when the units
    are most of the database (one sequential read beats a lookup per unit, and
    costs at most twice the units' share), else each unit's rows by key. On
    SQLite by the (unit, period, element, value) index, named: a probe per
    period and element, each value read from the index itself (a (unit,
    period) range would read every element of the unit's period, about four
    times the rows wanted; the unique key, SQLite's own choice, looks each
    value up in the table). On PostgreSQL by the same index, the unary +
    keeping its planner, short of statistics, from the (period, element) index."""
    elements = ", ".join(str(int(e)) for e in sorted(element_ids))
    periods = ", ".join(str(int(p)) for p in period_ids)
    if 2 * len(unit_ids) >= _unit_count(session):
        rows = run_inline(session,
                          f"SELECT element_id, unit_id, period_id, value FROM data_value "
                          f"WHERE period_id IN ({periods}) AND element_id IN ({elements})")
        return [row for row in rows if row[1] in unit_ids]
    dialect = _dialect(session)
    element = "v.element_id" if dialect == "sqlite" else "+v.element_id"
    join = join_by_unit(dialect, "s", "data_value", "v",
                        f"v.period_id IN ({periods}) AND {element} IN ({elements})",
                        values_index(session))
    statement = (f"WITH {id_table('scope', ['unit_id'], [(u,) for u in sorted(unit_ids)])} "
                 f"SELECT v.element_id, v.unit_id, v.period_id, v.value FROM scope s{join}")
    return run_inline(session, statement)


def _unit_count(session: Session) -> int:
    return cached(session, "unit_count", lambda: session.scalar(
        select(func.count()).select_from(OrgUnit)))


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name
