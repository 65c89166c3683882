"""Charts of many units: the lagging ones first, the rest in one bar."""

from __future__ import annotations

import pytest

from desktop.bench.province import PLAN, Size, build
from desktop.charts import data
from desktop.charts.figures import build_figure
from desktop.engine.completeness import completeness
from desktop.engine.progress import progress

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def many(db):
    with db.session() as session:
        build(session, Size(1, 45), years=range(2024, 2025))
    return db


def test_ranking_of_many_units_shows_the_lagging_first_and_groups_the_rest(many):
    with many.session() as session:
        rows = progress(session, PLAN, "H01", "2024", by_unit=True)
        indicator = next(r.indicator for r in rows if r.parent == "H01" and r.actual is not None
                         and r.direction == "up")
        chart = data.ranking_data(session, PLAN, "H01", "2024", indicator, rows=rows)
    children = sorted((r for r in rows if r.parent == "H01" and r.indicator == indicator),
                      key=lambda r: r.actual)
    assert len(children) == 45 and len(chart.bars) == data.MAX_BARS
    assert [bar.value for bar in chart.bars[:-1]] == [r.actual for r in children[:39]]
    rest = chart.bars[-1]
    assert rest.label == "6 đơn vị còn lại (trung vị)"
    assert rest.value == sorted(r.actual for r in children[39:])[3]
    build_figure(chart)


def test_completeness_of_many_units_groups_the_complete_ones(many):
    with many.session() as session:
        result = completeness(session, "H01", "2024Q2")
        chart = data.completeness_data(session, "H01", "2024Q2")
    assert len(result.units) == 45 and len(chart.bars) == data.MAX_BARS
    assert [bar.label for bar in chart.bars[:-1]] == [u.unit_name for u in result.units[:39]]
    rest = result.units[39:]
    assert chart.bars[-1].label == "6 đơn vị còn lại"
    expected = 100.0 * sum(u.reported for u in rest) / sum(u.expected for u in rest)
    assert chart.bars[-1].value == pytest.approx(expected)
    build_figure(chart)
