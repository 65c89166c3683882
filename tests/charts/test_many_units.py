"""Charts of many units: the lagging ones first, the rest in one bar."""

from __future__ import annotations

import pytest

from desktop.bench.province import PLAN, Size, build
from desktop.charts import data
from desktop.charts.figures import build_figure, readable_height
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


def _commune(index: int, reported: int, expected: int = 20):
    from desktop.engine.completeness import UnitCompleteness

    return UnitCompleteness(f"X{index:04d}", f"Xã Thử Nghiệm Số {index}", "xa", expected,
                            reported)


def test_completeness_of_3000_units_is_bounded_and_lagging_first():
    units = [_commune(i, (i * 7) % 21) for i in range(3000)]
    units.sort(key=lambda u: u.share)  # as the engine gives them: least complete first
    legend = data.completeness_legend()
    bars = data.completeness_bars(units, legend)
    assert len(bars) == data.MAX_BARS
    assert [bar.label for bar in bars[:-1]] == [u.unit_name for u in units[:data.MAX_BARS - 1]]
    assert bars[0].status == "no_data" and bars[0].text == "0/20 · chưa báo cáo"
    assert bars[-1].label == f"{3000 - data.MAX_BARS + 1} đơn vị còn lại"
    chart = data.BarChart("completeness", "Mức độ đầy đủ số liệu", "Tỉnh", "%", bars,
                          data.Goal(100.0, None, "Đủ"), legend=legend)
    # on a small screen the figure is made as tall as the bars need (the area scrolls)
    figure = build_figure(chart, (7.64, readable_height(chart)))
    assert [len(c) for c in figure.axes[0].containers] == [data.MAX_BARS]
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    boxes = [tick.get_window_extent(canvas.get_renderer())
             for tick in figure.axes[0].get_yticklabels()]
    assert len(boxes) == data.MAX_BARS
    assert all(not a.overlaps(b) for a, b in zip(boxes, boxes[1:]))


def _row(unit: str, actual: float | None, parent: str | None):
    from desktop.engine.progress import ProgressRow

    return ProgressRow("RATE", "Tỷ lệ thử", unit, f"Xã {unit}", "all", "2024", "%", 1, "up",
                       None, actual, None, None, None, "no_target", 1, parent)


def test_ranking_of_3000_units_is_bounded_and_lagging_first():
    rows = [_row("T", 50.0, None)]
    rows += [_row(f"X{i:04d}", float((i * 37) % 1000) / 10, "T") for i in range(2999)]
    rows.append(_row("X2999", None, "T"))  # not reported: last of all, so shown first
    chart = data.ranking_data(None, "PLAN", "T", "2024", "RATE", rows=rows)
    assert len(chart.bars) == data.MAX_BARS
    assert chart.bars[0].label == "Xã X2999" and chart.bars[0].value is None
    lowest = sorted(r.actual for r in rows[1:] if r.actual is not None)
    assert [bar.value for bar in chart.bars[1:data.MAX_BARS - 1]] == lowest[:data.MAX_BARS - 2]
    assert chart.bars[-1].label == f"{3000 - data.MAX_BARS + 1} đơn vị còn lại (trung vị)"
    figure = build_figure(chart, (10.9, 5.0))
    assert [len(c) for c in figure.axes[0].containers] == [data.MAX_BARS]
