"""Completeness: which units reported which elements for a period, and the share."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.data.units import close_unit
from desktop.engine.completeness import completeness


@pytest.fixture
def district(world, session):
    """H1: agency P1, communes A, B, and C closed at the end of 2019."""
    world.district("H1", ("A", "B", "C"))
    world.unit("P1", "huyen", "H1", kind="agency")
    close_unit(session, "C", dt.date(2019, 12, 31))
    world.values("A", "2020Q1", STAFF=10, DOCS_SENT=5)
    world.values("B", "2020Q1", STAFF=20)
    world.values("P1", "2020Q1", STAFF=15, DOCS_SENT=50, DOCS_TO_PPC=4)
    world.values("A", "2020", HAS_LAN=1)  # a yearly fact: nobody collects it quarterly
    return world


def _units(result) -> dict[str, tuple[int, int, list[str]]]:
    return {u.unit: (u.reported, u.expected, u.missing) for u in result.units}


def test_a_quarter(district, session):
    result = completeness(session, "H1", "2020Q1")
    # Collected in Q1: STAFF, DOCS_SENT, DOCS_TO_PPC (district level only); not HAS_LAN.
    # C is closed, H1 is not a reporter itself (its units report).
    assert _units(result) == {
        "A": (2, 2, []), "B": (1, 2, ["DOCS_SENT"]), "P1": (3, 3, [])}
    assert result.units_complete == 2
    assert result.share == pytest.approx(100 * 6 / 7)
    assert [u.unit for u in result.units] == ["B", "A", "P1"]  # least complete first
    assert result.units[0].share == 50.0


def test_a_year_expects_the_yearly_facts_too(district, session):
    # missing elements are listed in catalogue order
    result = completeness(session, "H1", "2020")
    assert _units(result) == {
        "A": (3, 3, []), "B": (1, 3, ["HAS_LAN", "DOCS_SENT"]), "P1": (3, 4, ["HAS_LAN"])}
    assert result.share == pytest.approx(100 * 7 / 10)
    assert result.units_complete == 1


def test_closed_units_are_expected_only_while_they_exist(district, session):
    district.values("C", "2019", STAFF=5)
    assert "C" in _units(completeness(session, "H1", "2019"))
    assert "C" not in _units(completeness(session, "H1", "2020"))


def test_a_period_nobody_reported(district, session):
    result = completeness(session, "H1", "2021Q3")
    assert _units(result) == {"A": (0, 0, []), "B": (0, 0, []), "P1": (0, 0, [])}
    assert (result.share, result.units_complete) == (0.0, 0)


def test_one_unit_alone(district, session):
    result = completeness(session, "B", "2020Q1")
    assert _units(result) == {"B": (1, 1, [])}  # only what B's own scope collects


def test_json(district, session):
    data = completeness(session, "H1", "2020Q1").as_json()
    assert (data["unit"], data["period"], data["units_expected"], data["units_complete"],
            data["share"]) == ("H1", "2020Q1", 3, 2, 85.7)
    assert data["units"][0] == {"unit": "B", "unit_name": "Đơn vị B", "level": "xa",
                                "expected": 2, "reported": 1, "share": 50.0,
                                "missing": ["DOCS_SENT"]}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_asking_for_presence_agrees_with_reading_every_value(db, seed):
    """The key probes (desktop.engine.presence) give what reading every value gives,
    for years, quarters (own values or months) and months, with values missing here
    and there and a unit closed."""
    import random

    from sqlalchemy import delete, select

    from desktop.bench.province import PROVINCE, Size, build
    from desktop.data.models import DataElement, DataValue, OrgUnit
    from desktop.data.periods_db import ensure_periods
    from desktop.data.yearvalues import rebuild_year_values
    from desktop.engine.readings import read_period
    from desktop.engine.scope import UnitTree
    from desktop.periods import parse_period

    rng = random.Random(seed)
    with db.session() as session:
        build(session, Size(2, 3), years=range(2023, 2025))
        ids = list(session.scalars(select(DataValue.id)))
        session.execute(delete(DataValue).where(DataValue.id.in_(rng.sample(ids, len(ids) // 3))))
        month = ensure_periods(session, {parse_period("2024-05")})["2024-05"]
        units = list(session.scalars(select(OrgUnit.id).where(OrgUnit.level == "xa")))
        elements = list(session.scalars(select(DataElement.id)))
        session.add_all(DataValue(unit_id=u, element_id=e, period_id=month, value=1.0,
                                  changed_by="t", changed_at=dt.datetime(2024, 6, 1), version=1)
                        for u in rng.sample(units, 3) for e in rng.sample(elements, 5))
        rebuild_year_values(session)
        session.commit()
        tree = UnitTree.of(session)
        for unit in (PROVINCE, "H01"):
            for period in ("2024", "2024Q2", "2024-05", "2024Q4", "2026Q1"):
                spec = parse_period(period)
                result = completeness(session, unit, period)
                root = tree.get(unit)
                reporters = [tree.units[i] for i in tree.subtree(root.id)
                             if tree.is_leaf_during(tree.units[i], spec.start, spec.end)]
                every = {e.id: e for e in session.scalars(
                    select(DataElement).order_by(DataElement.sort_order))}
                readings = read_period(session, spec, set(every), {u.id for u in reporters})
                kept = [e for e in every.values() if readings.get(e.id)]
                expected = {u.code: [e.code for e in kept if u.level in e.levels.split(",")
                                     and u.id not in readings[e.id]] for u in reporters}
                assert {r.unit: r.missing for r in result.units} == expected, (unit, period)
