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

from desktop.data import sent
from desktop.data.keyed import id_table, join_by_unit, literal, run_inline


@dataclass(frozen=True)
class SumSpec:
    """What to sum for one indicator group."""

    kind: str  # ratio | total | count_yes | milestone | yesno (an element: the own answer first)
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


def _subquery(index: int, spec: SumSpec, year: int, dialect: str, sub_year: bool,
              values_index: str | None) -> str:
    levels = ", ".join(literal(level) for level in spec.levels)  # plain words, or ValueError
    alive = " AND o.alive = 1" if spec.stock else ""
    table, pairing = "year_value", "d.year = n.year"
    if spec.kind == "milestone":  # done by the period's year, whatever the period
        period = f"n.year <= {int(year)}"
    elif sub_year:  # a quarter or month: its own values (the parameter: its id)
        table, period, pairing = "data_value", "n.period_id = ?", "d.period_id = n.period_id"
    elif spec.first_year < year:
        period = f"n.year BETWEEN {int(spec.first_year)} AND {int(year)}"
    else:
        period = f"n.year = {int(year)}"
    one_period = (sub_year and spec.kind != "milestone") or period == f"n.year = {int(year)}"
    units = "COUNT(*)" if one_period else "COUNT(DISTINCT n.unit_id)"
    covering = values_index if table == "data_value" else None  # each value in it
    join = join_by_unit(dialect, "o", table, "n", f"n.element_id = {spec.numerator} AND {period}",
                        covering)
    if spec.kind == "ratio":
        join += join_by_unit(dialect, "n", table, "d",
                             f"{pairing} AND d.element_id = {spec.denominator}", covering)
        measures = f"SUM(n.value), SUM(d.value), {units}"
    elif spec.kind == "count_yes":
        measures = f"SUM(CASE WHEN n.value >= 0.5 THEN 1 ELSE 0 END), COUNT(*), {units}"
    elif spec.kind == "milestone":
        measures = f"MAX(n.value), NULL, {units}"
    elif spec.kind == "yesno":  # the unit's own answer, else whether any unit said yes
        measures = ("COALESCE(MAX(CASE WHEN n.unit_id = o.owner_id THEN n.value END), "
                    f"MAX(n.value)), NULL, {units}")
    else:
        measures = f"SUM(n.value), NULL, {units}"
    return (f"SELECT {index} AS g, o.owner_id AS unit_id, {measures} FROM owner o{join} "
            f"WHERE o.level IN ({levels}){alive} GROUP BY o.owner_id")


def sums_statement(specs: Sequence[SumSpec], year: int, members: dict[int, Member],
                   dialect: str, sub_year: bool = False,
                   values_index: str | None = None) -> str | None:
    """The statement of every group's sums for one year, or with `sub_year` for one
    quarter or month whose values are its own (no month under the quarter recorded:
    desktop.engine.progress), its id the parameter of each `?` (None when nothing
    counts).

    `members` are exactly the units that count (unit id -> Member), their
    sums grouped by the unit each belongs to. Each member's values are
    looked up by key (desktop.data.keyed), so the cost follows the members,
    not the database. Integers written into the SQL are the database's own ids.
    `values_index`: the index holding each value (`keyed.values_index`), named for a
    quarter's or month's values on SQLite. Its rows: (group index, owner unit id, numerator, denominator, units reporting).
    """
    # A group no level counts for (its elements reported at no common level) has no
    # rows: it is left out, not written as `IN ()`, which PostgreSQL refuses.
    counted = [(index, spec) for index, spec in enumerate(specs) if spec.levels]
    if not counted or not members:
        return None
    owner = id_table("owner", ["unit_id", "owner_id", "level", "alive"],
                     [(unit_id, m.owner, m.level, m.alive)
                      for unit_id, m in sorted(members.items())])
    return f"WITH {owner} " + " UNION ALL ".join(
        _subquery(index, spec, year, dialect, sub_year, values_index)
        for index, spec in counted)


def read_sums(session: Session, statement: str | None, period_id: int | None = None) -> list[tuple]:
    """The rows of a `sums_statement` (none for None), `period_id` for its markers."""
    if statement is None:
        return []
    if period_id is None:
        return run_inline(session, statement)
    return sent.fetch(session, statement, (int(period_id),) * statement.count("?"))
