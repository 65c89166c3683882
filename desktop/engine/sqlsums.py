"""Indicator sums for a year computed inside the database, in one statement.

For a whole year the engine need not bring every unit's value into Python:
one UNION ALL statement returns, for each indicator group, the sum of the
numerator, the sum of the denominator and the number of units that
reported — over the units of the group's level in the scope, pairing
numerator and denominator per unit (a unit that reported only one of them
does not count), dropping stock figures of units closed before the year
ended, grouped by the unit each member counts for (the unit asked for, or
each sub-unit of a breakdown). Plain SQL: runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy.orm import Session

from desktop.data.keyed import id_table, join_by_unit, run_inline


@dataclass(frozen=True)
class SumSpec:
    """What to sum for one indicator group."""

    kind: str  # ratio | total | count_yes | milestone
    levels: tuple[str, ...]  # unit levels that count
    numerator: int  # element id (the element itself for non-ratios)
    denominator: int | None
    stock: bool  # drop units closed before the period's end
    first_year: int  # > year only for cumulative targets


class Member(NamedTuple):
    """A unit whose figures count: for which unit, at which level, and whether
    it was still valid at the period's end (its stock figures count)."""

    owner: int
    level: str
    alive: bool


def _subquery(index: int, spec: SumSpec, year: int, dialect: str) -> str:
    levels = ", ".join(f"'{level}'" for level in spec.levels)
    alive = " AND o.alive = 1" if spec.stock else ""
    if spec.kind == "milestone":
        years = f"n.year <= {year}"
    elif spec.first_year < year:
        years = f"n.year BETWEEN {spec.first_year} AND {year}"
    else:
        years = f"n.year = {year}"
    units = "COUNT(*)" if years == f"n.year = {year}" else "COUNT(DISTINCT n.unit_id)"
    join = join_by_unit(dialect, "o", "year_value", "n",
                        f"n.element_id = {spec.numerator} AND {years}")
    if spec.kind == "ratio":
        join += join_by_unit(dialect, "n", "year_value", "d",
                             f"d.year = n.year AND d.element_id = {spec.denominator}")
        measures = f"SUM(n.value), SUM(d.value), {units}"
    elif spec.kind == "count_yes":
        measures = f"SUM(CASE WHEN n.value >= 0.5 THEN 1 ELSE 0 END), COUNT(*), {units}"
    elif spec.kind == "milestone":
        measures = f"MAX(n.value), NULL, {units}"
    else:
        measures = f"SUM(n.value), NULL, {units}"
    return (f"SELECT {index} AS g, o.owner_id AS unit_id, {measures} FROM owner o{join} "
            f"WHERE o.level IN ({levels}){alive} GROUP BY o.owner_id")


def sums_statement(specs: Sequence[SumSpec], year: int, members: dict[int, Member],
                   dialect: str) -> str | None:
    """The statement of every group's sums for one year (None when nothing counts).

    `members` are exactly the units that count (unit id -> Member), their
    sums grouped by the unit each belongs to. Each member's values are
    looked up by key (desktop.data.keyed), so the cost follows the members,
    not the database. Integers written into the SQL are the database's own ids.
    Its rows: (group index, owner unit id, numerator, denominator, units reporting).
    """
    if not specs or not members:
        return None
    owner = id_table("owner", ["unit_id", "owner_id", "level", "alive"],
                     [(unit_id, m.owner, m.level, m.alive)
                      for unit_id, m in sorted(members.items())])
    return f"WITH {owner} " + " UNION ALL ".join(
        _subquery(index, spec, year, dialect) for index, spec in enumerate(specs))


def read_sums(session: Session, statement: str | None) -> list[tuple]:
    """The rows of a `sums_statement` (none for None)."""
    return run_inline(session, statement) if statement is not None else []
