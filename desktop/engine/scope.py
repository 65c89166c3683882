"""The unit hierarchy in memory: subtrees, merged predecessors, children.

One query loads every unit (a province has under a thousand, the country
a few thousand), kept until the database changes (`UnitTree.of`); then
every question about "which units count here" is answered without SQL.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.cache import cached
from desktop.data.models import OrgUnit
from desktop.errors import UserError
from desktop.i18n import t
from desktop.text import sort_key


SCOPES_KEPT = 4096  # (unit, period end) scopes a tree keeps before starting afresh


@dataclass(frozen=True)
class Unit:
    id: int
    code: str
    name: str
    level: str
    kind: str
    path: str
    parent_id: int | None
    successor_id: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    sort_order: int

    def valid_during(self, start: dt.date, end: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= end) and (
            self.valid_to is None or self.valid_to >= start)


class UnitTree:
    """Every unit, indexed for subtree and merge questions."""

    def __init__(self, session: Session):
        columns = (OrgUnit.id, OrgUnit.code, OrgUnit.name, OrgUnit.level, OrgUnit.kind,
                   OrgUnit.path, OrgUnit.parent_id, OrgUnit.successor_id, OrgUnit.valid_from,
                   OrgUnit.valid_to, OrgUnit.sort_order)
        self.units = {row[0]: Unit(*row) for row in session.execute(select(*columns))}
        self.by_code = {unit.code: unit for unit in self.units.values()}
        self._children: dict[int | None, list[Unit]] = defaultdict(list)
        self._predecessors: dict[int, list[int]] = defaultdict(list)
        for unit in self.units.values():
            self._children[unit.parent_id].append(unit)
            if unit.successor_id is not None:
                self._predecessors[unit.successor_id].append(unit.id)
        self._sorted: set[int | None] = set()
        self._scopes: dict[tuple[int, dt.date | None], tuple[int, ...]] = {}
        self._closed: dict[dt.date, frozenset[int]] = {}

    @classmethod
    def of(cls, session: Session) -> UnitTree:
        """The tree, read once per change of the database (desktop.data.cache)."""
        return cached(session, "unit_tree", lambda: cls(session))

    def get(self, code: str) -> Unit:
        unit = self.by_code.get(code.strip())
        if unit is None:
            raise UserError(t(f"Không có đơn vị mã “{code}”.", f"No unit with code “{code}”."))
        return unit

    def children(self, unit_id: int) -> list[Unit]:
        """The units directly under `unit_id`, in display order."""
        siblings = self._children.get(unit_id, [])
        if unit_id not in self._sorted:
            siblings.sort(key=lambda u: (u.sort_order, sort_key(u.name)))
            self._sorted.add(unit_id)
        return list(siblings)

    def subtree(self, unit_id: int) -> list[int]:
        """The unit and every unit below it."""
        found, stack = [], [unit_id]
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(child.id for child in self._children.get(current, []))
        return found

    def scope(self, unit_id: int, period_end: dt.date | None = None) -> list[int]:
        """The subtree plus every unit merged into any unit of it before `period_end`.

        A unit merged away before a period ends counts within its successor
        for that period (and later ones), and only there: when the successor
        lies outside this unit (a commune that joined another district), the
        old unit and what is under it leave this scope, so that neighbouring
        districts still add up to their province. Before its merge it stands
        alone. Kept per (unit, period end) while the tree is (the same
        questions come back with every job over the same units).
        """
        key = (unit_id, period_end)
        if key not in self._scopes:
            if len(self._scopes) >= SCOPES_KEPT:
                self._scopes.clear()
            self._scopes[key] = tuple(self._scope(unit_id, period_end))
        return list(self._scopes[key])

    def _scope(self, unit_id: int, period_end: dt.date | None) -> list[int]:
        found = set(self.subtree(unit_id))
        frontier = list(found)
        while frontier:
            merged = [old for unit in frontier for old in self._predecessors.get(unit, [])
                      if old not in found and self.merged_before(self.units[old], period_end)]
            for old in merged:
                found.update(self.subtree(old))
            frontier = merged
        moved = period_end is not None
        while moved:  # repeated for chains: A into B (here), then B into C (elsewhere)
            moved = [u for u in found if u != unit_id and self._moved_out(u, found, period_end)]
            for old in moved:
                found.difference_update(self.subtree(old))
        return sorted(found)

    def _moved_out(self, unit_id: int, found: set[int], period_end: dt.date) -> bool:
        unit = self.units[unit_id]
        return self.merged_before(unit, period_end) and unit.successor_id not in found

    @staticmethod
    def merged_before(unit: Unit, period_end: dt.date | None) -> bool:
        if unit.successor_id is None or unit.valid_to is None:
            return False
        return period_end is None or unit.valid_to < period_end

    def closed_before(self, period_end: dt.date) -> set[int]:
        """Units no longer valid at the end of a period (their stock figures no longer count),
        kept per period end while the tree is (a job over a few units must not look at
        every unit of the database)."""
        if period_end not in self._closed:
            self._closed[period_end] = frozenset(
                u.id for u in self.units.values() if u.valid_to is not None
                and u.valid_to < period_end)
        return self._closed[period_end]

    def is_leaf_during(self, unit: Unit, start: dt.date, end: dt.date) -> bool:
        return not any(child.valid_during(start, end) for child in self._children.get(unit.id, []))
