"""What a progress call fixes before it reads a single value, kept until the structure changes.

For a plan, a unit and a period the indicator groups shown, the sub-units
listed (each with its sort key), every unit's scope, the target in force
and its judge, and the SQL statement of the sums (a quarter's or month's
with its period id as a parameter) depend only on the plan, the unit tree
and the elements, never on values. They
are worked out once (`layout`) and kept with the caches of
desktop.data.cache, so entering values does not drop them while adding a
unit or editing a plan does; each call then only reads the values and
makes the rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.cache import cached
from desktop.data.keyed import values_index
from desktop.data.models import DataElement, Indicator, Target
from desktop.data.queries import plan_by_code
from desktop.data.yearvalues import element_temporal
from desktop.engine.measure import IndicatorDef
from desktop.engine.scope import Unit, UnitTree
from desktop.engine.sqlsums import Member, SumSpec, sums_statement
from desktop.engine.status import Judge, judge
from desktop.engine.targets import AppliedTarget, TargetSpec, applicable
from desktop.periods import PeriodSpec
from desktop.text import sort_key

LAYOUTS_KEPT = 64  # (plan, unit, period, breakdown) layouts kept before the oldest goes (the
# largest, a 7,000-commune province by commune, holds a statement of about 150 kB)


@dataclass
class Group:
    """One indicator at one level of a plan, with its targets."""

    indicator: IndicatorDef
    level: str
    targets: list[TargetSpec]
    element_levels: set[str]


class Layout(NamedTuple):
    """One progress call's fixed part (`layout`)."""

    unit: Unit
    children: list[Unit]  # listed under the unit (a breakdown), in display order
    scopes: dict[int, list[int]]  # owner unit id -> the units whose figures count for it
    groups: list[Group]  # the groups some unit here reports for
    applied: list[AppliedTarget | None]  # per group: the target in force in the period
    judges: list[Judge]  # per group
    listed: list[list[tuple[Unit, tuple]]]  # per group: the children reporting it, name keys
    counted: list[dict[int, list[int]]]  # per group: owner -> its units of the group's levels
    closed: set[int]  # units of the scope no longer valid at the period's end
    sums: str | None  # the statement of every group's sums (sqlsums; sub-year: by period id,
    # on SQLite only)


def layout(session: Session, plan_code: str, unit_code: str, spec: PeriodSpec,
           by_unit: bool) -> Layout:
    """The layout of one progress call, worked out at most once per structure change
    (an unknown plan or unit is refused by name)."""
    kept = cached(session, "progress_layouts", dict)
    key = (plan_code, unit_code, spec.code, by_unit)
    found = kept.get(key)
    if found is None:
        if len(kept) >= LAYOUTS_KEPT:
            del kept[next(iter(kept))]
        found = _work_out(session, plan_code, unit_code, spec, by_unit)
        kept[key] = found
    return found


def _work_out(session: Session, plan_code: str, unit_code: str, spec: PeriodSpec,
              by_unit: bool) -> Layout:
    plan = plan_by_code(session, plan_code)
    plan_id, first_year = plan.id, plan.year_from
    tree = UnitTree.of(session)
    unit = tree.get(unit_code)
    start, end = spec.start, spec.end
    children = [child for child in (tree.children(unit.id) if by_unit else [])
                if child.valid_during(start, end) and not tree.merged_before(child, end)]
    scopes = {u.id: tree.scope(u.id, end) for u in [unit] + children}
    present = {owner: {tree.units[i].level for i in scope} for owner, scope in scopes.items()}
    # A group no unit here reports for is neither read nor measured.
    groups = [group for group in plan_groups(session, plan_id)
              if levels(group) & present[unit.id]]
    applied = [applicable(g.targets, spec.year, g.indicator.direction) for g in groups]
    judges = [judge(a, first_year, g.indicator.direction) for g, a in zip(groups, applied)]
    names = {child.id: sort_key(child.name) for child in children}
    listed = [[(child, names[child.id]) for child in children
               if levels(group) & present[child.id]] for group in groups]
    counted = [_counted(tree, scopes, levels(group)) for group in groups]
    closed = tree.closed_before(end) & set(scopes[unit.id])
    sums = None
    if spec.kind == "year" or session.get_bind().dialect.name == "sqlite":
        # PostgreSQL, short of statistics, may look a quarter's values up by the
        # (period, element) index, every unit's: it reads them per unit instead.
        sums = _sums(session, tree, unit, children, scopes, groups, spec)
    return Layout(unit, children, scopes, groups, applied, judges, listed, counted, closed, sums)


def _counted(tree: UnitTree, scopes: dict[int, list[int]],
             counting: set[str]) -> dict[int, list[int]]:
    """Per owner, the units of its scope at the levels that count (that report the
    group's elements)."""
    return {owner: [i for i in scope if tree.units[i].level in counting]
            for owner, scope in scopes.items()}


def _sums(session: Session, tree: UnitTree, unit: Unit, children: list[Unit],
          scopes: dict[int, list[int]], groups: list[Group], spec: PeriodSpec) -> str | None:
    """The statement summing every group per owner: the unit, or each child of a
    breakdown (the unit's own figures, outside every child, stay the unit's)."""
    stocks = stock_elements(session)
    specs = [SumSpec(g.indicator.kind, tuple(sorted(levels(g))),
                     g.indicator.numerator or g.indicator.element, g.indicator.denominator,
                     bool(g.indicator.element_ids() & stocks),
                     g.targets[0].period_from if cumulative(g, spec) else spec.year)
             for g in groups]
    end = spec.end
    members = {m: member(tree, m, unit.id, end) for m in scopes[unit.id]}
    members |= {m: member(tree, m, child.id, end) for child in children for m in scopes[child.id]}
    return sums_statement(specs, spec.year, members, session.get_bind().dialect.name,
                          sub_year=spec.kind != "year", values_index=values_index(session))


def member(tree: UnitTree, unit_id: int, owner: int, end: dt.date) -> Member:
    """`unit_id` counting for `owner`, alive when still valid at `end` (its stocks count)."""
    unit = tree.units[unit_id]
    return Member(owner, unit.level, unit.valid_to is None or unit.valid_to >= end)


def stock_elements(session: Session) -> set[int]:
    """Ids of the stock elements (staff, computers), kept until the database changes."""
    return cached(session, "stock_elements", lambda: {
        element for element, temporal in element_temporal(session).items() if temporal == "stock"})


def levels(group: Group) -> set[str]:
    """The unit levels whose figures count for a group."""
    if group.level == "all":
        return group.element_levels
    return {group.level} & group.element_levels


def cumulative(group: Group, spec: PeriodSpec) -> bool:
    """Whether the group's target counts the years since its first (whole years only)."""
    first = group.targets[0].period_from
    return spec.kind == "year" and first is not None and first <= spec.year


def indicator_defs(session: Session) -> dict[int, IndicatorDef]:
    """Every indicator as plain data, by id."""
    rows = session.scalars(select(Indicator).order_by(Indicator.sort_order))
    return {i.id: IndicatorDef(i.code, i.name, i.kind, i.numerator_id, i.denominator_id,
                               i.element_id, i.factor, i.measure, i.decimals, i.direction)
            for i in rows}


def plan_groups(session: Session, plan_id: int) -> list[Group]:
    """The plan's indicator groups in display order, kept until the structure changes."""
    return cached(session, ("plan_groups", plan_id), lambda: _read_groups(session, plan_id))


_LEVEL_ORDER = {"all": 0, "tinh": 1, "huyen": 2, "xa": 3}


def _read_groups(session: Session, plan_id: int) -> list[Group]:
    defs = indicator_defs(session)
    element_levels = dict(session.execute(select(DataElement.id, DataElement.levels)).all())
    grouped: dict[tuple[int, str], list[TargetSpec]] = defaultdict(list)
    for target in session.scalars(select(Target).where(Target.plan_id == plan_id)):
        grouped[(target.indicator_id, target.level)].append(target_spec(defs[target.indicator_id],
                                                                        target))
    order = {ind_id: index for index, ind_id in enumerate(defs)}
    groups = []
    for (ind_id, level), specs in sorted(grouped.items(), key=lambda item: (
            order[item[0][0]], _LEVEL_ORDER[item[0][1]])):
        indicator = defs[ind_id]
        shared = set.intersection(*[set(element_levels[e].split(","))
                                    for e in indicator.element_ids()])
        groups.append(Group(indicator, level, specs, shared))
    return groups


def target_spec(indicator: IndicatorDef, target: Target) -> TargetSpec:
    """A stored target as plain data."""
    return TargetSpec(indicator.code, target.year, target.level, target.comparator, target.value,
                      target.min_value, target.max_value, target.baseline_year,
                      target.baseline_value, target.period_from, target.source)

