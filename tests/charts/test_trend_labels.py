"""The trend chart's texts — each target's, each value — never overlap one another, nor
leave the plot for the axes' numbers and names: drawn as on a page of the meeting pack
with Agg, every text's box (its frame included) measured by the renderer."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.charts import data
from desktop.charts.data import Goal, TrendChart, TrendPoint
from desktop.charts.figures import build_figure
from desktop.charts.style import page_with_footer
from desktop.formats import format_number


def _pack_page(chart: TrendChart):
    """The chart drawn into a pack page (above its footer) with Agg: its axes, the renderer."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    page, body = page_with_footer()
    build_figure(chart, into=body)
    canvas = FigureCanvasAgg(page)
    canvas.draw()
    return page.axes[0], canvas.get_renderer()


def _box(text, renderer):
    from matplotlib.transforms import Bbox

    box = text.get_window_extent(renderer)
    frame = text.get_bbox_patch()
    return Bbox.union([box, frame.get_window_extent(renderer)]) if frame is not None else box


def _texts_apart(axes, renderer) -> list[tuple[str, object]]:
    """Assert that the plot's texts overlap nothing; return them (text, box) as drawn."""
    shown = [(text.get_text(), _box(text, renderer)) for text in axes.texts
             if text.get_visible() and text.get_text()]
    for (first, one), (second, other) in itertools.combinations(shown, 2):
        assert not one.overlaps(other), (first, second)
    plot = axes.bbox
    outside = [text for text in axes.get_xticklabels() + axes.get_yticklabels()
               + [axes.xaxis.label, axes.yaxis.label] if text.get_text()]
    for name, box in shown:
        assert plot.x0 - 0.5 <= box.x0 and box.x1 <= plot.x1 + 0.5, name
        assert plot.y0 - 0.5 <= box.y0 and box.y1 <= plot.y1 + 0.5, name
        for text in outside:
            assert not box.overlaps(text.get_window_extent(renderer)), (name, text.get_text())
    years = [tick.get_window_extent(renderer) for tick in axes.get_xticklabels()
             if tick.get_text()]
    assert all(not one.overlaps(other) for one, other in zip(years, years[1:]))
    return shown


def _goal(year: int, low: float, text: str, high: float | None = None) -> Goal:
    return Goal(low, high, text, None, year)


def test_targets_of_two_following_years_stand_apart():
    """Kon Tum's plan targets 100 % both in 2009 and 2010: both texts went up-right of
    their stars, the second over the first."""
    points = [TrendPoint(year, None, "no_data", 100.0) for year in range(2009, 2025)]
    chart = TrendChart("Tỷ lệ văn bản QPPL được cập nhật lên Cổng thông tin điện tử",
                       "Tỉnh Thanh Hóa — số liệu các năm 2009–2024", "Tỷ lệ (%)", points,
                       [_goal(2009, 100, "Mục tiêu ≥ 100 % (năm 2009)"),
                        _goal(2010, 100, "Mục tiêu ≥ 100 % (năm 2010)")], 1, True, 2010)
    shown = [name for name, _box in _texts_apart(*_pack_page(chart))]
    assert {"Mục tiêu ≥ 100 % (năm 2009)", "Mục tiêu ≥ 100 % (năm 2010)"} <= set(shown)


def test_a_target_near_the_value_axis_stays_in_the_plot():
    """Nghệ An's 1.500 high-skill IT workers by 2015, the third year: its text went up-left
    across the value axis, over its number 2.000 and its name."""
    path = {2015: 1500.0, 2016: 2800.0, 2017: 4100.0, 2018: 5400.0, 2019: 6700.0}
    points = [TrendPoint(year, None, "no_data", path.get(year, 8000.0) if year >= 2015 else None)
              for year in range(2013, 2026)]
    chart = TrendChart("Số lao động CNTT có trình độ cao",
                       "Tỉnh Thanh Hóa — số liệu các năm 2013–2025", "Giá trị (người)", points,
                       [_goal(2015, 1500, "Mục tiêu ≈ 1.500 người (năm 2015)"),
                        _goal(2020, 8000, "Mục tiêu ≈ 8.000 người (năm 2020)")], 0, False, 2020)
    shown = [name for name, _box in _texts_apart(*_pack_page(chart))]
    assert "Mục tiêu ≈ 1.500 người (năm 2015)" in shown


def test_values_of_zero_stay_above_the_years():
    """No agency on the WAN in 2016 and 2017, below the path: their 0,0 went under the
    axis, over the years' numbers."""
    actual = {2016: 0.0, 2017: 0.0, 2018: 87.5, **{year: 100.0 for year in range(2019, 2025)}}
    points = [TrendPoint(year, actual.get(year), "behind" if actual.get(year, 100) < 100
                         else "achieved", 100.0 if year >= 2010 else None)
              for year in range(2009, 2025)]
    chart = TrendChart("Tỷ lệ cơ quan, đơn vị kết nối mạng WAN", "Tỉnh Thanh Hóa", "Tỷ lệ (%)",
                       points, [_goal(2010, 100, "Mục tiêu ≥ 100 % (năm 2010)")], 1, True, 2010)
    shown = [name for name, _box in _texts_apart(*_pack_page(chart))]
    assert shown.count("0,0") == 2 and shown.count("100,0") == 6 and "87,5" in shown


def test_many_close_values():
    """31 years of 60,5 and 60,9 around a target of 61 % every five years: the values
    take turns above and below, and the years are numbered every other year."""
    points = [TrendPoint(year, 60.5 if year % 2 else 60.9, "at_risk", 61.0)
              for year in range(2000, 2031)]
    goals = [_goal(year, 61, f"Mục tiêu ≥ 61 % (năm {year})") for year in range(2005, 2031, 5)]
    chart = TrendChart("Tỷ lệ thử", "Huyện Thử", "Tỷ lệ (%)", points, goals, 1, True, 2030)
    axes, renderer = _pack_page(chart)
    shown = [name for name, _box in _texts_apart(axes, renderer)]
    assert {goal.text for goal in goals} <= set(shown)
    assert "60,5" in shown and "60,9" in shown and shown.count("60,5") + shown.count("60,9") > 20
    values = [text for text in axes.texts if text.get_text() in ("60,5", "60,9")]
    assert values[-1].get_visible()  # the period's value (2030) is never the one left out
    years = [tick.get_text() for tick in axes.get_xticklabels() if tick.get_text()]
    assert years[-1] == "2030" and len(years) < 31


@pytest.mark.parametrize("plan, unit, period, indicator", [
    ("KT-2009", "T38", "2024", "LEGAL_DOCS_PORTAL_RATE"),
    ("KT-2009", "T38", "2024", "WAN_RATE"),
    ("NA-2020", "T38", "2025", "IT_HIGHSKILL_COUNT"),
    ("NA-2020", "T38", "2025", "IT_ENTERPRISE_COUNT"),
])
def test_the_demo_trends_that_overlapped(demo, plan, unit, period, indicator):
    with demo.session() as session:
        chart = data.trend_data(session, plan, unit, period, indicator)
    shown = {name for name, _box in _texts_apart(*_pack_page(chart))}
    assert {goal.text for goal in chart.targets} <= shown


STATUSES = ("achieved", "on_track", "at_risk", "behind")


@st.composite
def trend_charts(draw) -> TrendChart:
    first = draw(st.integers(2005, 2020))
    years = list(range(first, first + draw(st.integers(2, 26))))
    last = draw(st.sampled_from(years))  # the period's year: no values after it
    low, spread = draw(st.floats(0, 100)), draw(st.sampled_from([0.5, 5.0, 40.0, 100.0]))
    points = []
    for year in years:
        value = draw(st.none() | st.floats(low, low + spread)) if year <= last else None
        expected = draw(st.none() | st.floats(0, 150))
        points.append(TrendPoint(year, None if value is None else round(value, 1),
                                 draw(st.sampled_from(STATUSES)), expected))
    goals = []
    for year in sorted(draw(st.sets(st.sampled_from(years), max_size=4))):
        target = round(draw(st.floats(1, 150)), 1)
        high = target + draw(st.sampled_from([5.0, 20.0])) if draw(st.booleans()) else None
        goals.append(_goal(year, target, f"Mục tiêu ≥ {format_number(target, 1)} % "
                                         f"(năm {year})", high))
    return TrendChart("Tỷ lệ thử", "Huyện Thử", "Tỷ lệ (%)", points, goals, 1, True,
                      draw(st.none() | st.sampled_from(years)))


@settings(deadline=None, max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(trend_charts())
def test_no_two_texts_of_any_trend_overlap(chart):
    _texts_apart(*_pack_page(chart))
