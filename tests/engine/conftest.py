"""Small hand-made databases for the engine tests.

Each test gets its own SQLite file in tmp_path with the shipped catalogue of
data elements and indicators, and builds the units, plans and values it
needs with `world`: so every expected number can be worked out by hand.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from desktop.data.catalogue import load_catalogue
from desktop.data.database import open_database
from desktop.data.models import Indicator, Plan, Target
from desktop.data.units import add_unit, merge_units
from desktop.data.values import ValueInput, write_values
from desktop.engine.progress import ProgressRow, progress


class World:
    """Builders over one open session."""

    def __init__(self, session):
        self.session = session

    def unit(self, code: str, level: str = "xa", parent: str | None = None,
             kind: str = "area", valid_from: dt.date | None = None) -> str:
        add_unit(self.session, code, f"Đơn vị {code}", level, kind, parent, valid_from)
        return code

    def district(self, code: str = "H1", communes: tuple[str, ...] = ()) -> str:
        """A district with communes under it (a province above it)."""
        self.unit("T1", "tinh")
        self.unit(code, "huyen", "T1")
        for commune in communes:
            self.unit(commune, "xa", code)
        return code

    def values(self, unit: str, period: str, **elements: float | None) -> None:
        write_values(self.session, [ValueInput(unit, element, period, value)
                                    for element, value in elements.items()])

    def merge(self, old: list[str], into: str, day: dt.date) -> None:
        merge_units(self.session, old, into, day)

    def plan(self, code: str, year_from: int, year_to: int, *targets: dict) -> str:
        """A plan with the given targets: dicts with indicator, year, level,
        comparator, value or min/max, and optional baseline_year/baseline_value."""
        indicators = dict(self.session.execute(select(Indicator.code, Indicator.id)).all())
        plan = Plan(code=code, title=f"Kế hoạch {code}", year_from=year_from, year_to=year_to)
        for spec in targets:
            spec = dict(spec)
            plan.targets.append(Target(
                indicator_id=indicators[spec.pop("indicator")],
                level=spec.pop("level", "all"), comparator=spec.pop("comparator", ">="),
                min_value=spec.pop("min", None), max_value=spec.pop("max", None), **spec))
        self.session.add(plan)
        self.session.flush()
        return code

    def indicator(self, code: str, like: str, **changes) -> str:
        """A copy of a catalogue indicator with some fields changed (e.g. direction)."""
        base = self.session.scalar(select(Indicator).where(Indicator.code == like))
        copy = Indicator(code=code, name=f"Chỉ tiêu {code}", kind=base.kind,
                         numerator_id=base.numerator_id, denominator_id=base.denominator_id,
                         element_id=base.element_id, factor=base.factor, measure=base.measure,
                         decimals=base.decimals, direction=base.direction, capped=base.capped,
                         sort_order=1000)
        for field, value in changes.items():
            setattr(copy, field, value)
        self.session.add(copy)
        self.session.flush()
        return code

    def progress(self, plan: str, unit: str, period: str, *, by_unit: bool = False
                 ) -> list[ProgressRow]:
        return progress(self.session, plan, unit, period, by_unit=by_unit)

    def row(self, plan: str, unit: str, period: str, indicator: str,
            level: str | None = None) -> ProgressRow:
        """The one main row of `indicator` (at `level` if given)."""
        rows = [r for r in self.progress(plan, unit, period)
                if r.indicator == indicator and (level is None or r.level == level)]
        assert len(rows) == 1, rows
        return rows[0]


@pytest.fixture
def session(tmp_path):
    database = open_database(tmp_path / "engine.sqlite")
    try:
        with database.session() as active:
            load_catalogue(active)
            yield active
    finally:
        database.close()


@pytest.fixture
def world(session) -> World:
    return World(session)
