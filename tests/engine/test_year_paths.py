"""The SQL path (whole years) and the Python path (per-unit readings) agree."""

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
        patch.setattr(progress_module, "_year_measurements", progress_module._period_measurements)
        return progress_module.progress(session, *args, **kwargs)


@pytest.mark.parametrize("year", ["2016", "2019", "2020", "2024", "2025"])
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
