"""The SQL path (years, and quarters or months with their own values) and the Python path
(per-unit readings) agree."""

import pytest

from desktop.data.database import open_database
from desktop.data.demo import build_demo
from desktop.engine import progress as progress_module


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    database = open_database(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    with database.session() as session:
        build_demo(session)
    yield database
    database.close()


def _python_path(monkeypatch, session, *args, **kwargs):
    with monkeypatch.context() as patch:
        for summed in ("_year_measurements", "_period_measurements"):
            patch.setattr(progress_module, summed, progress_module._read_measurements)
        return progress_module.progress(session, *args, **kwargs)


@pytest.mark.parametrize("year", ["2016", "2019", "2020", "2024", "2025", "2016Q4", "2020Q1",
                                  "2024Q2", "2025Q3"])
@pytest.mark.parametrize("plan", ["TH-2016", "KT-2009", "TTH-2020"])
def test_sql_sums_match_per_unit_readings(demo_db, monkeypatch, year, plan):
    with demo_db.session() as session:
        by_sql = progress_module.progress(session, plan, "H38TS", year, by_unit=True)
        by_python = _python_path(monkeypatch, session, plan, "H38TS", year, by_unit=True)
    assert [(r.indicator, r.level, r.unit) for r in by_sql] == \
        [(r.indicator, r.level, r.unit) for r in by_python]
    assert by_sql, "the demo has data for every year"
    for fast, slow in zip(by_sql, by_python):
        assert fast.reporting == slow.reporting
        assert fast.status == slow.status
        assert fast.actual == pytest.approx(slow.actual) if slow.actual is not None \
            else fast.actual is None


def test_totals_without_breakdown_equal_the_breakdown_totals(demo_db):
    with demo_db.session() as session:
        broken_down = progress_module.progress(session, "TH-2016", "H38TS", "2021", by_unit=True)
        plain = progress_module.progress(session, "TH-2016", "H38TS", "2021")
    mains = [row for row in broken_down if row.parent is None]
    assert [(r.indicator, r.actual) for r in mains] == [(r.indicator, r.actual) for r in plain]
    assert all(row.parent == "H38TS" for row in broken_down if row not in mains)


def _world_paths(world, monkeypatch, period: str) -> tuple[list, list]:
    plan = world.plan("P", 2016, 2020, dict(indicator="EMAIL_USE_RATE", year=2020, level="xa",
                                            value=60.0))
    by_sql = world.progress(plan, "H1", period, by_unit=True)
    by_python = _python_path(monkeypatch, world.session, plan, "H1", period, by_unit=True)
    return ([(r.unit, r.actual, r.reporting, r.status) for r in by_sql],
            [(r.unit, r.actual, r.reporting, r.status) for r in by_python])


def test_a_month_is_summed_like_a_quarter(world, monkeypatch):
    world.district("H1", ("A", "B"))
    world.values("A", "2020-05", STAFF=10, STAFF_EMAIL_USE=7)
    world.values("B", "2020-05", STAFF=30, STAFF_EMAIL_USE=3)
    world.values("B", "2020-06", STAFF=30, STAFF_EMAIL_USE=30)
    by_sql, by_python = _world_paths(world, monkeypatch, "2020-05")
    assert by_sql == by_python == [("H1", 25.0, 2, "behind"), ("B", 10.0, 1, "behind"),
                                   ("A", 70.0, 1, "achieved")]


def test_a_quarter_with_months_recorded_is_built_from_them(world, monkeypatch):
    """Months under the quarter: its value may be made of them (the reading path)."""
    world.district("H1", ("A", "B"))
    world.values("A", "2020Q2", STAFF=10, STAFF_EMAIL_USE=7)
    world.values("B", "2020-04", STAFF=30, STAFF_EMAIL_USE=3)
    world.values("B", "2020-06", STAFF=20, STAFF_EMAIL_USE=18)
    summed = []
    monkeypatch.setattr(progress_module, "_summed",
                        lambda *args: summed.append(args) or [])
    plan = world.plan("P", 2016, 2020, dict(indicator="EMAIL_USE_RATE", year=2020, level="xa",
                                            value=60.0))
    rows = world.progress(plan, "H1", "2020Q2", by_unit=True)
    assert summed == []
    assert [(r.unit, r.numerator, r.denominator) for r in rows] == [
        ("H1", 25.0, 30.0), ("A", 7.0, 10.0), ("B", 18.0, 20.0)]
