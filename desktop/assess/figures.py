"""The figures a ranking scores: indicator and element values of the assessed
units for one year, summed in the database by the engine's own statement.

An indicator is measured over each unit's scope (its subtree and the units
merged into it), at the levels that report all of its elements, summed
first and then divided, exactly as progress measures it
(desktop.engine.sqlsums). An element is summed over the scope at every
level; a yes/no element is the unit's own answer, else whether any unit of
its scope answered yes. Stock figures of units closed before the year ended
do not count, as in progress. One statement returns every figure of every
assessed unit; it names the units whose values count, so ranking a
district's communes costs the same in a province's database as in the
nation's.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.cache import cached
from desktop.data.models import DataElement
from desktop.data.queries import measure_names
from desktop.engine.layout import indicator_defs, member, stock_elements
from desktop.engine.sqlsums import SumSpec, read_sums, sums_statement
from desktop.engine.scope import UnitTree
from desktop.periods import PeriodSpec


class Figures:
    """Values of the given indicator and element codes for the assessed units."""

    def __init__(self, session: Session, tree: UnitTree, spec: PeriodSpec, codes: set[str],
                 assessed: list[int]):
        self.assessed = assessed
        self.indicators, self.elements, _levels = _known(session)
        self._measures = measure_names(session)  # units shown in the current language
        self._place, statement = _statement(session, tree, spec, codes, assessed)
        self._found: list[dict[int, tuple]] = [{} for _code in self._place]
        self._values: dict[str, list[float | None]] = {}  # criteria may share a figure
        for index, owner, numerator, denominator, count in read_sums(session, statement):
            if count:
                self._found[index][owner] = (numerator, denominator, count)

    def measure_of(self, code: str) -> str:
        """The code's unit of measure, in the current language."""
        measure = (self.indicators[code].measure if code in self.indicators
                   else self.elements[code][3])
        return self._measures.get(measure, measure)

    def values(self, code: str) -> list[float | None]:
        """The figure of `code` for each assessed unit, in their order (None: no data);
        worked out once per code (the list is shared: not to be changed)."""
        known = self._values.get(code)
        if known is None:
            known = self._values[code] = self._figures_of(code)
        return known

    def _figures_of(self, code: str) -> list[float | None]:
        found = self._found[self._place[code]]
        if code not in self.indicators:
            return [found[unit][0] if unit in found else None for unit in self.assessed]
        finisher = self.indicators[code].finisher
        return [finisher(*found[unit]).actual if unit in found else None
                for unit in self.assessed]


STATEMENTS_KEPT = 64  # rankings whose statement is kept until the structure changes


def _statement(session: Session, tree: UnitTree, spec: PeriodSpec, codes: set[str],
               assessed: list[int]) -> tuple[dict[str, int], str | None]:
    """(each code's place in the statement's rows, the statement), worked out at most
    once per structure change for the same codes, units and year."""
    kept = cached(session, "ranking_statements", dict)
    key = (frozenset(codes), tuple(assessed), spec.code)
    found = kept.get(key)
    if found is None:
        if len(kept) >= STATEMENTS_KEPT:
            del kept[next(iter(kept))]
        found = kept[key] = _work_out(session, tree, spec, codes, assessed)
    return found


def _work_out(session: Session, tree: UnitTree, spec: PeriodSpec, codes: set[str],
              assessed: list[int]) -> tuple[dict[str, int], str | None]:
    indicators, elements, levels = _known(session)
    members = {unit: member(tree, unit, owner, spec.end)
               for owner in assessed for unit in tree.scope(owner, spec.end)}
    every_level = tuple(sorted({m.level for m in members.values()}))
    stocks = stock_elements(session)
    known = sorted(code for code in codes if code in indicators or code in elements)
    specs = []
    for code in known:  # the year's values only
        if code in indicators:
            indicator = indicators[code]
            ids = indicator.element_ids()
            counting = frozenset.intersection(*[levels[e] for e in ids])
            specs.append(SumSpec(indicator.kind, tuple(sorted(counting)),
                                 indicator.numerator or indicator.element,
                                 indicator.denominator, bool(ids & stocks), spec.year))
        else:
            element_id, _levels, kind, _measure = elements[code]
            specs.append(SumSpec("yesno" if kind == "yesno" else "total", every_level,
                                 element_id, None, element_id in stocks, spec.year))
    statement = sums_statement(specs, spec.year, members, session.get_bind().dialect.name)
    return {code: index for index, code in enumerate(known)}, statement


def _known(session: Session) -> tuple[dict, dict, dict]:
    return cached(session, "assessment_definitions", lambda: _definitions(session))


def _definitions(session: Session) -> tuple[dict, dict, dict]:
    """(indicator code -> definition, element code -> (id, levels, kind, measure),
    element id -> levels): what a ranking looks its criteria up in, kept with the caches."""
    indicators = {d.code: d for d in indicator_defs(session).values()}
    rows = session.execute(select(DataElement.code, DataElement.id, DataElement.levels,
                                  DataElement.kind, DataElement.measure))
    elements = {code: (eid, frozenset(levels.split(",")), kind, unit)
                for code, eid, levels, kind, unit in rows}
    return indicators, elements, {eid: levels for eid, levels, _k, _m in elements.values()}
