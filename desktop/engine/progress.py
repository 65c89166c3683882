"""Where a unit stands against a plan for a period: one row per indicator and level.

`progress()` takes what the call fixes (groups, sub-units, targets, the
statement of the sums) from its layout (desktop.engine.layout), kept until
the structure changes, then reads the values: for a year, and for a
quarter or month whose values are its own, one SQL statement sums every
group per unit (desktop.engine.sqlsums); a quarter with months recorded
under it is read per unit and measured here, its value built from its
months. With `by_unit=True`, each row is followed by one row per unit
directly under the one asked for, lagging units first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from sqlalchemy.orm import Session

from desktop.data.periods_db import period_parts
from desktop.engine.layout import (Group, Layout, cumulative, indicator_defs, layout,
                                   stock_elements)
from desktop.engine.measure import NO_DATA, IndicatorDef, Measurement, finish, measure_owners
from desktop.engine.readings import Readings, read_period, read_years
from desktop.engine.scope import Unit
from desktop.engine.sqlsums import read_sums
from desktop.engine.status import SEVERITY, Judge
from desktop.engine.targets import AppliedTarget, TargetSpec
from desktop.periods import PeriodSpec, parse_period

__all__ = ["ProgressRow", "indicator_defs", "progress", "stock_elements"]


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


def progress(session: Session, plan_code: str, unit_code: str, period_code: str, *,
             by_unit: bool = False) -> list[ProgressRow]:
    """The plan's indicators for a unit and period (and per unit below it)."""
    spec = parse_period(period_code)
    fixed = layout(session, plan_code, unit_code, spec, by_unit)
    measure_all = _year_measurements if spec.kind == "year" else _period_measurements
    measured = measure_all(session, fixed, spec)
    unit, parent = fixed.unit, fixed.unit.code
    rows = []
    own = [(unit, ())]
    for index, group in enumerate(fixed.groups):
        found = measured[index]
        make = _row_maker(group, fixed.applied[index], fixed.judges[index], spec)
        rows += make(own, found, None)
        rows += make(fixed.listed[index], found, parent)
    return rows


def _period_measurements(session: Session, fixed: Layout,
                         spec: PeriodSpec) -> list[dict[int, Measurement]]:
    """Quarters and months: summed in SQL like years when the period's values are its
    own (no month under a quarter recorded) and the layout has the statement (SQLite),
    else read per unit and measured here."""
    if fixed.sums is None:
        return _read_measurements(session, fixed, spec)
    parts = period_parts(session, spec)
    own = [pid for pid, key in parts.items() if key == (spec.kind, spec.number)]
    if len(own) < len(parts):  # months hold values the quarter may be made of
        return _read_measurements(session, fixed, spec)
    return _summed(session, fixed, own[0] if own else NO_PERIOD)


NO_PERIOD = 0  # no period has this id: a period not yet recorded has no values


def _read_measurements(session: Session, fixed: Layout,
                       spec: PeriodSpec) -> list[dict[int, Measurement]]:
    """Per-unit readings measured in Python (a quarter from its months)."""
    readings = _readings(session, fixed.groups, spec, set(fixed.scopes[fixed.unit.id]))
    _drop_closed_stocks(session, readings["period"], fixed.closed)
    measured = []
    for group, counted in zip(fixed.groups, fixed.counted):
        indicator, found = group.indicator, _readings_for(group, readings, spec)
        measured.append(measure_owners(indicator, found, counted))
    return measured


def _year_measurements(session: Session, fixed: Layout,
                       spec: PeriodSpec) -> list[dict[int, Measurement]]:
    """Whole years: summed in SQL."""
    return _summed(session, fixed, None)


def _summed(session: Session, fixed: Layout,
            period_id: int | None) -> list[dict[int, Measurement]]:
    """The sums come from one SQL statement (per unit when breaking down); the unit's
    own total adds up its parts."""
    groups = fixed.groups
    found: list[dict[int, Measurement]] = [{} for _group in groups]
    indicators = [group.indicator for group in groups]
    finishers = [indicator.finisher for indicator in indicators]
    for index, owner, numerator, denominator, count in read_sums(session, fixed.sums,
                                                                 period_id):
        if count:
            found[index][owner] = finishers[index](numerator, denominator, count)
    if fixed.children:
        unit_id = fixed.unit.id
        for index, parts in enumerate(found):
            parts[unit_id] = _total(indicators[index], list(parts.values()))
    return found


def _total(indicator: IndicatorDef, parts: list[Measurement]) -> Measurement:
    """The measurement over all parts: numerators and denominators added, then divided
    (a milestone is done when any part is)."""
    if not parts:
        return NO_DATA
    _actuals, numerators, denominators, reporting = zip(*parts)
    if indicator.kind == "milestone":
        return finish(indicator, max(numerators), None, sum(reporting))
    denominator = None if denominators[0] is None else sum(denominators)
    return finish(indicator, sum(numerators), denominator, sum(reporting))


def _readings(session: Session, groups: list[Group], spec: PeriodSpec,
              scope: set[int]) -> dict[str, Readings]:
    """Per-unit values: 'period' for most indicators, plus milestones and cumulative sums."""
    plain = {e for g in groups if g.indicator.kind != "milestone" for e in g.indicator.element_ids()}
    milestones = {g.indicator.element for g in groups if g.indicator.kind == "milestone"}
    readings = {"period": read_period(session, spec, plain, scope)}
    if milestones:
        readings["milestone"] = read_years(session, 1900, spec.year, milestones, scope, "max")
    for first in {g.targets[0].period_from for g in groups if cumulative(g, spec)}:
        elements = {e for g in groups if cumulative(g, spec) for e in g.indicator.element_ids()}
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


def _readings_for(group: Group, readings: dict[str, Readings], spec: PeriodSpec) -> Readings:
    if group.indicator.kind == "milestone":
        return readings.get("milestone", {})
    if cumulative(group, spec):
        return readings[f"from{group.targets[0].period_from}"]
    return readings["period"]


def _row_maker(group: Group, applied: AppliedTarget | None, judged: Judge,
               spec: PeriodSpec) -> Callable[[list, dict, str | None], list[ProgressRow]]:
    """A function making one group's rows for a list of (unit, sort name) from the
    measurements found by unit id: worst status first, then the lowest share of the
    target, then by name. What the group fixes is looked up once (a district's
    breakdown makes about 200 rows per call)."""
    indicator = group.indicator
    code, name, measure = indicator.code, indicator.name, indicator.measure
    decimals, direction = indicator.decimals, indicator.direction
    level, period = group.level, spec.code
    new_row = tuple.__new__  # every field given in order: the named tuple's checks are not needed

    def rows(listed: list[tuple[Unit, tuple]], found: dict[int, Measurement],
             parent: str | None) -> list[ProgressRow]:
        keyed, get = [], found.get
        # Sorted as plain tuples: the place in `listed` settles ties before the rows.
        for place, (unit, sort_name) in enumerate(listed):
            actual, numerator, denominator, reporting = get(unit.id, NO_DATA)
            status, percent = judged(actual)
            keyed.append((SEVERITY[status], percent or 0.0, sort_name, place, new_row(
                ProgressRow, (code, name, unit.code, unit.name, level, period, measure, decimals,
                              direction, applied, actual, numerator, denominator, percent,
                              status, reporting, parent))))
        keyed.sort()
        return [entry[4] for entry in keyed]
    return rows
