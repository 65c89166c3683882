"""Where a unit stands against a plan for a period: one row per indicator and level.

`progress()` reads every value it needs in a few queries (the units, the
plan's targets, the per-unit values of the plan's elements) and computes
everything else in memory, so the whole province for a year takes tens of
milliseconds. With `by_unit=True`, each row is followed by one row per unit
directly under the one asked for, lagging units first.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.cache import cached
from desktop.data.models import DataElement, Indicator, Plan, Target
from desktop.data.queries import plan_by_code
from desktop.data.yearvalues import element_temporal
from desktop.engine.measure import NO_DATA, IndicatorDef, Measurement, finish, measure
from desktop.engine.readings import Readings, read_period, read_years
from desktop.engine.scope import Unit, UnitTree
from desktop.engine.sqlsums import Member, SumSpec, Sums, year_sums
from desktop.engine.status import SEVERITY, Judge, judge
from desktop.engine.targets import AppliedTarget, TargetSpec, applicable
from desktop.periods import PeriodSpec, parse_period
from desktop.text import sort_key


class ProgressRow(NamedTuple):
    """One indicator at one level for one unit and period (a named tuple: a district's
    breakdown makes hundreds of them per call)."""

    indicator: str
    indicator_name: str
    unit: str
    unit_name: str
    level: str
    period: str
    measure: str
    decimals: int
    direction: str
    applied: AppliedTarget | None
    actual: float | None
    numerator: float | None
    denominator: float | None
    percent_of_target: float | None
    status: str
    reporting: int
    parent: str | None = None  # set on the rows of --by-unit

    @property
    def target(self) -> TargetSpec | None:
        return self.applied.final if self.applied else None

    def as_json(self) -> dict:
        target = None
        if self.applied:
            target = self.applied.final.as_json() | {"expected": self.applied.expected}
        return {"indicator": self.indicator, "indicator_name": self.indicator_name,
                "unit": self.unit, "unit_name": self.unit_name, "level": self.level,
                "period": self.period, "target": target, "actual": self.actual,
                "numerator": self.numerator, "denominator": self.denominator,
                "percent_of_target": self.percent_of_target, "status": self.status,
                "measure": self.measure, "reporting_units": self.reporting,
                "parent": self.parent}


@dataclass
class _Group:
    indicator: IndicatorDef
    level: str
    targets: list[TargetSpec]
    element_levels: set[str]


def indicator_defs(session: Session) -> dict[int, IndicatorDef]:
    """Every indicator as plain data, by id."""
    rows = session.scalars(select(Indicator).order_by(Indicator.sort_order))
    return {i.id: IndicatorDef(i.code, i.name, i.kind, i.numerator_id, i.denominator_id,
                               i.element_id, i.factor, i.measure, i.decimals, i.direction)
            for i in rows}


def progress(session: Session, plan_code: str, unit_code: str, period_code: str, *,
             by_unit: bool = False) -> list[ProgressRow]:
    """The plan's indicators for a unit and period (and per unit below it)."""
    plan_id, first_year = _plan_key(session, plan_code)
    spec = parse_period(period_code)
    tree = UnitTree.of(session)
    unit = tree.get(unit_code)
    groups = cached(session, ("plan_groups", plan_id), lambda: _groups(session, plan_id))
    children = [child for child in (tree.children(unit.id) if by_unit else [])
                if child.valid_during(spec.start, spec.end)
                and not tree.merged_before(child, spec.end)]
    scopes = {u.id: tree.scope(u.id, spec.end) for u in [unit] + children}
    present = {owner: {tree.units[i].level for i in scope} for owner, scope in scopes.items()}
    # A group no unit here reports for is neither read nor measured.
    shown = [group for group in groups if _levels(group) & present[unit.id]]
    measure_all = _year_measurements if spec.kind == "year" else _period_measurements
    measured = measure_all(session, tree, unit, children, scopes, shown, spec)
    names = {child.id: sort_key(child.name) for child in children}
    rows = []
    for group, found in zip(shown, measured):
        levels = _levels(group)
        applied = applicable(group.targets, spec.year, group.indicator.direction)
        make = _row_maker(group, applied, judge(applied, first_year, group.indicator.direction),
                          spec)
        rows.append(make(unit, found.get(unit.id, NO_DATA), None))
        child_rows = [(make(child, found.get(child.id, NO_DATA), unit.code), names[child.id])
                      for child in children if levels & present[child.id]]
        child_rows.sort(key=_lagging_first)
        rows += [child_row for child_row, _name in child_rows]
    return rows


def _plan_key(session: Session, code: str) -> tuple[int, int]:
    """The plan's id and first year, kept until the plans change (an unknown code is
    refused by `plan_by_code`)."""
    found = cached(session, ("plan_key", code), lambda: session.execute(
        select(Plan.id, Plan.year_from).where(Plan.code == code)).first())
    if found is None:
        plan_by_code(session, code)  # raises the UserError naming the code
    return found[0], found[1]


def stock_elements(session: Session) -> set[int]:
    """Ids of the stock elements (staff, computers), kept until the database changes."""
    return cached(session, "stock_elements", lambda: {
        element for element, temporal in element_temporal(session).items() if temporal == "stock"})


def _lagging_first(row_and_name: tuple[ProgressRow, tuple]) -> tuple:
    """Worst status first, then the lowest share of the target, then by name."""
    row, name = row_and_name
    percent = row.percent_of_target if row.percent_of_target is not None else 0.0
    return SEVERITY[row.status], percent, name


def _levels(group: _Group) -> set[str]:
    """The unit levels whose figures count for a group."""
    if group.level == "all":
        return group.element_levels
    return {group.level} & group.element_levels


def _period_measurements(session: Session, tree: UnitTree, unit: Unit, children: list[Unit],
                         scopes: dict[int, list[int]], groups: list[_Group],
                         spec: PeriodSpec) -> list[dict[int, Measurement]]:
    """Quarters and months: per-unit readings in Python (scopes are small there)."""
    readings = _readings(session, groups, spec, set(scopes[unit.id]))
    _drop_closed_stocks(session, readings["period"], tree.closed_before(spec.end))
    return [{owner: measure(group.indicator, _readings_for(group, readings, spec),
                            _units_for(tree, scope, group))
             for owner, scope in scopes.items()} for group in groups]


def _year_measurements(session: Session, tree: UnitTree, unit: Unit, children: list[Unit],
                       scopes: dict[int, list[int]], groups: list[_Group],
                       spec: PeriodSpec) -> list[dict[int, Measurement]]:
    """Whole years: the sums come from one SQL statement (per unit when breaking down)."""
    stocks = stock_elements(session)
    specs = [SumSpec(g.indicator.kind, tuple(sorted(_levels(g))),
                     g.indicator.numerator or g.indicator.element, g.indicator.denominator,
                     bool(g.indicator.element_ids() & stocks),
                     g.targets[0].period_from if _cumulative(g, spec) else spec.year)
             for g in groups]
    end = spec.end  # a property that builds a date: once, not per unit
    members = {m: _member(tree, m, unit.id, end) for m in scopes[unit.id]}
    members |= {m: _member(tree, m, child.id, end) for child in children for m in scopes[child.id]}
    by_owner = year_sums(session, specs, spec.year, members)
    if not children:
        return [{unit.id: _finish(group, by_owner[index].get(unit.id))}
                for index, group in enumerate(groups)]
    results = []
    for index, group in enumerate(groups):
        parts = by_owner[index]
        indicator = group.indicator  # the owners with no sums: NO_DATA
        found = {owner: finish(indicator, *sums) for owner, sums in parts.items()}
        found[unit.id] = _finish(group, _add(group, list(parts.values())))
        results.append(found)
    return results


def _member(tree: UnitTree, unit_id: int, owner: int, end: dt.date) -> Member:
    unit = tree.units[unit_id]
    return Member(owner, unit.level, unit.valid_to is None or unit.valid_to >= end)


def _add(group: _Group, parts: list[Sums]) -> Sums | None:
    if not parts:
        return None
    if group.indicator.kind == "milestone":
        return Sums(max(p.numerator for p in parts), None, sum(p.reporting for p in parts))
    denominator = None if parts[0].denominator is None else sum(p.denominator for p in parts)
    return Sums(sum(p.numerator for p in parts), denominator, sum(p.reporting for p in parts))


def _finish(group: _Group, sums: Sums | None) -> Measurement:
    if sums is None:
        return NO_DATA
    return finish(group.indicator, sums.numerator, sums.denominator, sums.reporting)


def _groups(session: Session, plan_id: int) -> list[_Group]:
    defs = indicator_defs(session)
    levels = dict(session.execute(select(DataElement.id, DataElement.levels)).all())
    grouped: dict[tuple[int, str], list[TargetSpec]] = defaultdict(list)
    for target in session.scalars(select(Target).where(Target.plan_id == plan_id)):
        grouped[(target.indicator_id, target.level)].append(_spec(defs[target.indicator_id], target))
    order = {ind_id: index for index, ind_id in enumerate(defs)}
    level_order = {"all": 0, "tinh": 1, "huyen": 2, "xa": 3}
    groups = []
    for (ind_id, level), specs in sorted(grouped.items(),
                                         key=lambda item: (order[item[0][0]], level_order[item[0][1]])):
        indicator = defs[ind_id]
        element_levels = set.intersection(*[set(levels[e].split(",")) for e in indicator.element_ids()])
        groups.append(_Group(indicator, level, specs, element_levels))
    return groups


def _spec(indicator: IndicatorDef, target: Target) -> TargetSpec:
    return TargetSpec(indicator.code, target.year, target.level, target.comparator, target.value,
                      target.min_value, target.max_value, target.baseline_year,
                      target.baseline_value, target.period_from, target.source)


def _readings(session: Session, groups: list[_Group], spec: PeriodSpec,
              scope: set[int]) -> dict[str, Readings]:
    """Per-unit values: 'period' for most indicators, plus milestones and cumulative sums."""
    plain = {e for g in groups if g.indicator.kind != "milestone" for e in g.indicator.element_ids()}
    milestones = {g.indicator.element for g in groups if g.indicator.kind == "milestone"}
    readings = {"period": read_period(session, spec, plain, scope)}
    if milestones:
        readings["milestone"] = read_years(session, 1900, spec.year, milestones, scope, "max")
    for first in {g.targets[0].period_from for g in groups if _cumulative(g, spec)}:
        elements = {e for g in groups if _cumulative(g, spec) for e in g.indicator.element_ids()}
        readings[f"from{first}"] = read_years(session, first, spec.year, elements, scope)
    return readings


def _drop_closed_stocks(session: Session, readings: Readings, closed: set[int]) -> None:
    """Stock figures (staff, computers) count only units still valid when the period ends;
    a unit merged or closed during the period passed its stock on. Flows still count."""
    if not closed:
        return
    stocks = stock_elements(session)
    for element_id, values in readings.items():
        if element_id in stocks:
            for unit_id in closed & values.keys():
                del values[unit_id]


def _cumulative(group: _Group, spec: PeriodSpec) -> bool:
    first = group.targets[0].period_from
    return spec.kind == "year" and first is not None and first <= spec.year


def _readings_for(group: _Group, readings: dict[str, Readings], spec: PeriodSpec) -> Readings:
    if group.indicator.kind == "milestone":
        return readings.get("milestone", {})
    if _cumulative(group, spec):
        return readings[f"from{group.targets[0].period_from}"]
    return readings["period"]


def _units_for(tree: UnitTree, unit_ids: list[int], group: _Group) -> list[int]:
    """The units of the group's level (that report its elements) among `unit_ids`."""
    levels = _levels(group)
    return [unit_id for unit_id in unit_ids if tree.units[unit_id].level in levels]


def _row_maker(group: _Group, applied: AppliedTarget | None, judged: Judge,
               spec: PeriodSpec) -> Callable[[Unit, Measurement, str | None], ProgressRow]:
    """The rows of one group, one per unit: what the group fixes is looked up once
    (a district's breakdown makes about 200 rows per call)."""
    indicator = group.indicator
    code, name, measure = indicator.code, indicator.name, indicator.measure
    decimals, direction = indicator.decimals, indicator.direction
    level, period = group.level, spec.code

    def row(unit: Unit, result: Measurement, parent: str | None) -> ProgressRow:
        actual, numerator, denominator, reporting = result
        status, percent = judged(actual)
        return ProgressRow(code, name, unit.code, unit.name, level, period, measure, decimals,
                           direction, applied, actual, numerator, denominator, percent, status,
                           reporting, parent)
    return row
