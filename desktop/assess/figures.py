"""The figures a ranking scores: indicator and element values of the assessed
units for one year, read once.

An indicator is measured over each unit's scope (its subtree and the units
merged into it, summed first and then divided, like progress); an element
is summed over the scope (a yes/no element: the unit's own answer, else
whether any unit of its scope answered yes). Only the elements the set's
criteria need are read, and only for the units whose values count for the
assessed ones, so that ranking a district's communes costs the same in a
province's database as in the nation's.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.cache import cached
from desktop.data.models import DataElement
from desktop.engine.measure import measure_owners
from desktop.engine.progress import _drop_closed_stocks, indicator_defs
from desktop.engine.readings import read_period, read_years
from desktop.engine.scope import UnitTree
from desktop.periods import PeriodSpec


class Figures:
    """Values of the given indicator and element codes for the assessed units."""

    def __init__(self, session: Session, tree: UnitTree, spec: PeriodSpec, codes: set[str],
                 assessed: list[int]):
        self.tree, self.assessed = tree, assessed
        self._scopes = {unit_id: tree.scope(unit_id, spec.end) for unit_id in assessed}
        self._owners: dict[frozenset[str], dict[int, list[int]]] = {}  # by levels counted
        counted = set().union(*self._scopes.values())
        self.indicators, self.elements, self.levels = cached(
            session, "assessment_definitions", lambda: _definitions(session))
        plain, milestones = set(), set()
        for code in codes:
            if code in self.indicators:
                indicator = self.indicators[code]
                wanted = milestones if indicator.kind == "milestone" else plain
                wanted |= indicator.element_ids()
            elif code in self.elements:
                plain.add(self.elements[code][0])
        self.readings = read_period(session, spec, plain, counted)
        _drop_closed_stocks(session, self.readings, tree.closed_before(spec.end))
        self.milestones = read_years(session, 1900, spec.year, milestones, counted, "max") \
            if milestones else {}

    def measure_of(self, code: str) -> str:
        if code in self.indicators:
            return self.indicators[code].measure
        return self.elements[code][3]

    def values(self, code: str) -> list[float | None]:
        """The figure of `code` for each assessed unit, in their order (None: no data)."""
        if code in self.indicators:
            return self._indicator_values(code)
        element_id, _levels, kind, _measure = self.elements[code]
        values = self.readings.get(element_id, {})
        found = []
        for unit_id in self.assessed:
            if kind == "yesno" and unit_id in values:
                found.append(values[unit_id])
                continue
            present = [values[u] for u in self._scopes[unit_id] if u in values]
            found.append(None if not present else max(present) if kind == "yesno"
                         else sum(present))
        return found

    def _indicator_values(self, code: str) -> list[float | None]:
        indicator = self.indicators[code]
        levels = frozenset.intersection(*[self.levels[e] for e in indicator.element_ids()])
        owners = self._owners.get(levels)
        if owners is None:  # each assessed unit's scope, only the levels reporting them
            units = self.tree.units
            owners = self._owners[levels] = {
                unit_id: [u for u in scope if units[u].level in levels]
                for unit_id, scope in self._scopes.items()}
        readings = self.milestones if indicator.kind == "milestone" else self.readings
        measured = measure_owners(indicator, readings, owners)
        return [measured[unit_id].actual for unit_id in self.assessed]


def _definitions(session: Session) -> tuple[dict, dict, dict]:
    """(indicator code -> definition, element code -> (id, levels, kind, measure),
    element id -> levels): what a ranking looks its criteria up in, kept with the caches."""
    indicators = {d.code: d for d in indicator_defs(session).values()}
    rows = session.execute(select(DataElement.code, DataElement.id, DataElement.levels,
                                  DataElement.kind, DataElement.measure))
    elements = {code: (eid, frozenset(levels.split(",")), kind, unit)
                for code, eid, levels, kind, unit in rows}
    return indicators, elements, {eid: levels for eid, levels, _k, _m in elements.values()}
