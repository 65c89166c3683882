"""Indicator sums for a year computed inside the database, in one statement.

For a whole year the engine need not bring every unit's value into Python:
one UNION ALL statement returns, for each indicator group, the sum of the
numerator, the sum of the denominator and the number of units that
reported — over the units of the group's level in the scope, pairing
numerator and denominator per unit (a unit that reported only one of them
does not count), dropping stock figures of units closed before the year
ended. With `per_unit=True` it returns those sums per unit instead, for
the breakdown by sub-unit. Plain SQL: runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Date, bindparam, text
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class SumSpec:
    """What to sum for one indicator group."""

    kind: str  # ratio | total | count_yes | milestone
    levels: tuple[str, ...]  # unit levels that count
    numerator: int  # element id (the element itself for non-ratios)
    denominator: int | None
    stock: bool  # drop units closed before the period's end
    first_year: int  # > year only for cumulative targets


@dataclass(frozen=True)
class Sums:
    numerator: float | None
    denominator: float | None
    reporting: int


def _subquery(index: int, spec: SumSpec, year: int, by_owner: bool, scope_sql: str) -> str:
    key = "o.owner_id" if by_owner else "NULL"
    levels = ", ".join(f"'{level}'" for level in spec.levels)
    alive = " AND (u.valid_to IS NULL OR u.valid_to >= :period_end)" if spec.stock else ""
    if spec.kind == "milestone":
        years = f"n.year <= {year}"
    elif spec.first_year < year:
        years = f"n.year BETWEEN {spec.first_year} AND {year}"
    else:
        years = f"n.year = {year}"
    join = ""
    units = "COUNT(*)" if years == f"n.year = {year}" else "COUNT(DISTINCT n.unit_id)"
    if spec.kind == "ratio":
        join = (f" JOIN year_value d ON d.year = n.year AND d.element_id = {spec.denominator}"
                " AND d.unit_id = n.unit_id")
        measures = f"SUM(n.value), SUM(d.value), {units}"
    elif spec.kind == "count_yes":
        measures = f"SUM(CASE WHEN n.value >= 0.5 THEN 1 ELSE 0 END), COUNT(*), {units}"
    elif spec.kind == "milestone":
        measures = f"MAX(n.value), NULL, {units}"
    else:
        measures = f"SUM(n.value), NULL, {units}"
    group = " GROUP BY o.owner_id" if by_owner else ""
    owner = " JOIN owner o ON o.unit_id = n.unit_id" if by_owner else ""
    return (f"SELECT {index} AS g, {key} AS unit_id, {measures} FROM year_value n{join} "
            f"JOIN org_unit u ON u.id = n.unit_id{owner} WHERE n.element_id = {spec.numerator} "
            f"AND {years} AND u.level IN ({levels}){alive}{scope_sql}{group}")


def _scope_sql(prefixes: Sequence[str]) -> tuple[str, dict]:
    if not prefixes:
        return "", {}
    params = {f"p{i}": prefix for i, prefix in enumerate(prefixes)}
    clauses = " OR ".join(f"u.path LIKE :p{i} || '%'" for i in range(len(prefixes)))
    return f" AND ({clauses})", params


def year_sums(session: Session, specs: Sequence[SumSpec], year: int, period_end: dt.date,
              scope_prefixes: Sequence[str] = (), owners: dict[int, int] | None = None,
              exclude: Sequence[int] = ()) -> dict[int, dict[int | None, Sums]]:
    """Group index -> owner unit id (None without owners) -> sums, for one year.

    The scope is either the subtrees of `scope_prefixes` (unit paths; empty:
    every unit) less the units in `exclude` (merged away to a successor
    outside the subtree), or, with `owners`, exactly the units of that map, whose sums
    are grouped by the unit each belongs to (for a breakdown by sub-unit).
    Integers written into the SQL are the database's own ids.
    """
    if not specs:
        return {}
    scope_sql, params = ("", {}) if owners is not None else _scope_sql(scope_prefixes)
    if owners is None and exclude:
        scope_sql += f" AND u.id NOT IN ({', '.join(str(int(i)) for i in exclude)})"
    statement = " UNION ALL ".join(
        _subquery(index, spec, year, owners is not None, scope_sql)
        for index, spec in enumerate(specs))
    if owners is not None:
        pairs = ", ".join(f"({int(unit)}, {int(owner)})" for unit, owner in owners.items())
        statement = f"WITH owner (unit_id, owner_id) AS (VALUES {pairs or '(0, 0)'}) {statement}"
    params["period_end"] = period_end
    query = text(statement).bindparams(bindparam("period_end", type_=Date))
    found: dict[int, dict[int | None, Sums]] = {index: {} for index in range(len(specs))}
    for index, unit_id, num, den, count in session.execute(query, params):
        if count:
            found[index][unit_id] = Sums(num, den, count)
    return found
