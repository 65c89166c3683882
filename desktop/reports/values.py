"""Numbers for report tags: an indicator's or element's value for a unit and period.

`ValueSource.get(kind, code, unit, period, level)` answers value, target,
expected, percent, status, num, den, target_text, name and measure using the
engine (UnitTree scopes, read_period, measure, targets, status). Readings
are cached per (period, reading scope): a report of 700 units × 30 columns
reads the database a handful of times, not once per cell.

Levels: an indicator's units are those of the `level` option (a target
level: tinh/huyen/xa/all) that report its elements; without the option,
the first level of the plan's targets for it that has units in the scope
(the level `itplan progress` shows first), else every level. An element's
value is the sum over the unit's scope (of `level` only, if given).
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.models import DataElement, Plan, Target
from desktop.engine.measure import Measurement, measure
from desktop.engine.layout import indicator_defs, target_spec
from desktop.engine.progress import _drop_closed_stocks
from desktop.engine.readings import read_period, read_years
from desktop.engine.scope import UnitTree
from desktop.engine.status import status_name, status_of
from desktop.engine.targets import applicable
from desktop.periods import PeriodSpec, parse_period

LEVEL_ORDER = ("all", "tinh", "huyen", "xa")


class ValueSource:
    """Answers value tags for one report; caches readings and measurements."""

    def __init__(self, session: Session, plan_code: str | None, tree: UnitTree | None = None):
        self.session = session
        self.tree = tree or UnitTree.of(session)
        defs = indicator_defs(session)
        self.indicators = {d.code: d for d in defs.values()}
        self.elements = {e.code: e for e in session.scalars(select(DataElement))}
        self.element_levels = {e.id: set(e.levels.split(",")) for e in self.elements.values()}
        self.plan = session.scalar(select(Plan).where(Plan.code == plan_code)) if plan_code else None
        self.targets: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        if self.plan is not None:
            for target in session.scalars(select(Target).where(Target.plan_id == self.plan.id)):
                indicator = defs[target.indicator_id]
                self.targets[indicator.code][target.level].append(target_spec(indicator, target))
        self.levels_ok = {code: set.intersection(*[self.element_levels[e] for e in d.element_ids()])
                          for code, d in self.indicators.items()}
        self._readings: dict[tuple, dict] = {}
        self._scopes: dict[tuple, list[int]] = {}
        self._roots: dict[str, list[int]] = defaultdict(list)  # period -> units read at once
        self._results: dict[tuple, tuple] = {}
        self._answers: dict[tuple, dict] = {}
        self._needed: set[int] | None = None  # element ids to read; None: all

    def use_only(self, codes: set[str]) -> None:
        """Read only the elements these indicator and element codes need (before any value)."""
        needed = set()
        for code in codes:
            if code in self.indicators:
                needed |= self.indicators[code].element_ids()
            elif code in self.elements:
                needed.add(self.elements[code].id)
        self._needed = needed

    def knows(self, code: str) -> bool:
        return code in self.indicators or code in self.elements

    def is_indicator(self, code: str) -> bool:
        return code in self.indicators

    def get(self, kind: str, code: str, unit_code: str, period_code: str,
            level: str | None = None) -> float | str | None:
        """The tag's value; None when there is nothing (an empty cell, never 0)."""
        key = (code, unit_code, period_code, level)
        answers = self._answers.get(key)
        if answers is None:
            answers = self._answers[key] = self._answer(*key)
        if kind == "target_text" and "applied" in answers:  # text only when asked for
            return answers["applied"].final.text(answers["measure"])
        return answers.get(kind)

    def _answer(self, code: str, unit_code: str, period_code: str, level: str | None) -> dict:
        """Every kind of tag for one code, unit, period and level."""
        item = self.indicators.get(code) or self.elements[code]
        answers = {"name": item.name, "measure": item.measure}
        if code in self.elements:
            value = self._element(code, unit_code, period_code, level)
            return answers | {"value": value, "num": value}
        result, applied, status, percent = self._indicator(code, unit_code, period_code, level)
        answers.update({"value": result.actual, "num": result.numerator, "den": result.denominator,
                        "percent": percent})
        if applied is not None or result.actual is not None:
            answers["status"] = status_name(status)
        if applied is not None:
            answers.update({"target": applied.final.reference, "expected": applied.expected,
                            "applied": applied})
        return answers

    # -- elements -------------------------------------------------------------

    def _element(self, code: str, unit_code: str, period_code: str,
                 level: str | None) -> float | None:
        spec = _period(period_code)
        unit = self.tree.get(unit_code)
        element = self.elements[code]
        values = self._period_readings(spec, unit.id).get(element.id, {})
        units = [u for u in self._scope(unit.id, spec) if _level_ok(self.tree, u, level)]
        present = [values[u] for u in units if u in values]
        return sum(present) if present else None

    # -- indicators -----------------------------------------------------------

    def _indicator(self, code: str, unit_code: str, period_code: str, level: str | None) -> tuple:
        key = (code, unit_code, period_code, level)
        if key not in self._results:
            self._results[key] = self._compute(code, unit_code, period_code, level)
        return self._results[key]

    def _compute(self, code: str, unit_code: str, period_code: str, level: str | None) -> tuple:
        indicator = self.indicators[code]
        spec = _period(period_code)
        unit = self.tree.get(unit_code)
        scope = self._scope(unit.id, spec)
        levels_ok = self.levels_ok[code]
        plan_levels = self.targets.get(code, {})
        chosen = level or _default_level(self.tree, scope, plan_levels, levels_ok)
        units = [u for u in scope if self.tree.units[u].level in levels_ok
                 and _level_ok(self.tree, u, chosen)]
        targets = plan_levels.get(chosen or "all") or plan_levels.get("all") or []
        readings = self._readings_for(indicator, targets, spec, unit.id)
        result: Measurement = measure(indicator, readings, units)
        applied = self._applied(code, chosen, targets, spec.year, indicator.direction)
        first_year = self.plan.year_from if self.plan else spec.year
        status, percent = status_of(applied, result.actual, first_year, indicator.direction)
        return result, applied, status, percent

    def _applied(self, code: str, level: str | None, targets: list, year: int, direction: str):
        """The target in force: the same for every unit of a level, so worked out once."""
        key = ("applied", code, level, year)
        if key not in self._readings:
            self._readings[key] = applicable(targets, year, direction) if targets else None
        return self._readings[key]

    def _readings_for(self, indicator, targets: list, spec: PeriodSpec, unit_id: int) -> dict:
        if indicator.kind == "milestone":
            return self._cached(("milestone", spec.year, self._root(unit_id, spec)),
                                lambda scope: read_years(self.session, 1900, spec.year,
                                                         self._element_ids(), scope, "max"),
                                spec)
        first = targets[0].period_from if targets else None
        if spec.kind == "year" and first is not None and first <= spec.year:
            return self._cached(("from", first, spec.year, self._root(unit_id, spec)),
                                lambda scope: read_years(self.session, first, spec.year,
                                                         self._element_ids(), scope),
                                spec)
        return self._period_readings(spec, unit_id)

    # -- readings and scopes ----------------------------------------------------

    def _element_ids(self) -> set[int]:
        if self._needed is not None:
            return self._needed
        return {e.id for e in self.elements.values()}

    def _root(self, unit_id: int, spec: PeriodSpec) -> int:
        """The unit whose scope is read at once: the first one asked about that covers this one."""
        key = ("root", unit_id, spec.code)
        if key not in self._readings:
            self._readings[key] = self._find_root(unit_id, spec)
        return self._readings[key]

    def _find_root(self, unit_id: int, spec: PeriodSpec) -> int:
        roots = self._roots[spec.code]
        for root in roots:
            if unit_id in self._scope_set(root, spec):
                return root
        roots.append(unit_id)
        return unit_id

    def _scope_set(self, root: int, spec: PeriodSpec) -> set[int]:
        key = ("set", root, spec.code)
        if key not in self._readings:
            self._readings[key] = set(self._scope(root, spec))
        return self._readings[key]

    def _scope(self, unit_id: int, spec: PeriodSpec) -> list[int]:
        key = (unit_id, spec.code)
        if key not in self._scopes:
            self._scopes[key] = self.tree.scope(unit_id, spec.end)
        return self._scopes[key]

    def _period_readings(self, spec: PeriodSpec, unit_id: int) -> dict:
        known = self._readings.get(("period-of", spec.code, unit_id))
        if known is not None:
            return known
        root = self._root(unit_id, spec)

        def load(scope: set[int]) -> dict:
            readings = read_period(self.session, spec, self._element_ids(), scope)
            _drop_closed_stocks(self.session, readings, self.tree.closed_before(spec.end))
            return readings
        readings = self._readings[("period-of", spec.code, unit_id)] = self._cached(
            ("period", spec.code, root), load, spec)
        return readings

    def _cached(self, key: tuple, load, spec: PeriodSpec) -> dict:
        """Readings for the scope of the key's root unit (its last item), read once."""
        if key not in self._readings:
            self._readings[key] = load(self._scope_set(key[-1], spec))
        return self._readings[key]

    def preload(self, unit_code: str, period_code: str) -> None:
        """Read the whole scope of the report's unit once, before asking about units below it."""
        spec = _period(period_code)
        self._period_readings(spec, self.tree.get(unit_code).id)


@lru_cache(maxsize=64)
def _period(code: str) -> PeriodSpec:
    return parse_period(code)


def _level_ok(tree: UnitTree, unit_id: int, level: str | None) -> bool:
    return level in (None, "all") or tree.units[unit_id].level == level


def _default_level(tree: UnitTree, scope: list[int], plan_levels: dict,
                   levels_ok: set[str]) -> str | None:
    present = {tree.units[u].level for u in scope} & levels_ok
    for level in LEVEL_ORDER:
        if level in plan_levels and (level == "all" or level in present):
            return level
    return None

