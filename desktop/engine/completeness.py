"""Which units reported which elements for a period, and the share.

Expected reporters: the units below (and including) the one asked for that
were valid during the period and had no valid sub-unit then (agencies and
communes, not the district that contains them). Expected elements: those
collected in this period anywhere in that scope — an element nobody
reports quarterly is not counted missing in a quarter — and reported at
the unit's level. Only whether values exist is asked (desktop.engine.presence):
the missing pairs come back, not every value.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.cache import cached
from desktop.data.models import DataElement
from desktop.engine.presence import absent
from desktop.engine.scope import UnitTree
from desktop.periods import parse_period
from desktop.text import sort_key


@dataclass(frozen=True)
class UnitCompleteness:
    unit: str
    unit_name: str
    level: str
    expected: int
    reported: int
    missing: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return 100.0 * self.reported / self.expected if self.expected else 0.0

    @property
    def complete(self) -> bool:
        return self.expected > 0 and self.reported == self.expected

    def as_json(self) -> dict:
        return {"unit": self.unit, "unit_name": self.unit_name, "level": self.level,
                "expected": self.expected, "reported": self.reported,
                "share": round(self.share, 1), "missing": self.missing}


@dataclass(frozen=True)
class Completeness:
    unit: str
    period: str
    units: list[UnitCompleteness]

    @property
    def units_complete(self) -> int:
        return sum(1 for u in self.units if u.complete)

    @property
    def share(self) -> float:
        expected = sum(u.expected for u in self.units)
        return 100.0 * sum(u.reported for u in self.units) / expected if expected else 0.0

    def as_json(self) -> dict:
        return {"unit": self.unit, "period": self.period, "units_expected": len(self.units),
                "units_complete": self.units_complete, "share": round(self.share, 1),
                "units": [u.as_json() for u in self.units]}


def completeness(session: Session, unit_code: str, period_code: str) -> Completeness:
    spec = parse_period(period_code)
    start, end = spec.start, spec.end
    tree = UnitTree.of(session)
    root = tree.get(unit_code)
    reporters = [unit for unit in (tree.units[i] for i in tree.subtree(root.id))
                 if unit.valid_during(start, end) and tree.is_leaf_during(unit, start, end)]
    elements = _elements_in_order(session)
    missing_pairs = absent(session, spec, {u.id for u in reporters}, {e[0] for e in elements})
    missing_by_unit: dict[int, set[int]] = defaultdict(set)
    for unit_id, element_id in missing_pairs:
        missing_by_unit[unit_id].add(element_id)
    absent_count = Counter(element for _unit, element in missing_pairs)
    found = {e[0] for e in elements if absent_count[e[0]] < len(reporters)}  # someone reported it
    expected_at = {level: [(e[0], e[1]) for e in elements if e[0] in found and level in e[2]]
                   for level in {u.level for u in reporters}}
    rows = []
    for unit in reporters:
        expected = expected_at[unit.level]
        gaps = missing_by_unit.get(unit.id, ())
        missing = [code for element_id, code in expected if element_id in gaps]
        rows.append(UnitCompleteness(unit.code, unit.name, unit.level, len(expected),
                                     len(expected) - len(missing), missing))
    rows.sort(key=lambda r: (r.share, sort_key(r.unit_name)))
    return Completeness(root.code, spec.code, rows)


def _elements_in_order(session: Session) -> list[tuple[int, str, frozenset[str]]]:
    """Every element in display order — id, code and the levels that report it — kept
    until the elements change (desktop.data.cache)."""
    return cached(session, "elements_in_order", lambda: [
        (element_id, code, frozenset(levels.split(",")))
        for element_id, code, levels in session.execute(
            select(DataElement.id, DataElement.code, DataElement.levels)
            .order_by(DataElement.sort_order))])
