"""The trend chart's texts — each target's, each value — never overlap one another, nor
leave the plot for the axes' numbers and names: drawn as on a page of the meeting pack
with Agg, every text's box (its frame included) measured by the renderer."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings

from desktop.charts import data
from desktop.charts.data import TrendChart
from desktop.charts.figures import build_figure
from desktop.charts.style import page_with_footer
from desktop.charts.placement import Box, crosses
from desktop.charts.trend_layout import path_line
from tests.charts.trend_cases import (
    DEMO_TRENDS,
    NO_VALUES,
    many_close_values,
    no_values_on_a_rising_path,
    nothing_to_plot,
    target_near_the_value_axis,
    trend_charts,
    two_following_targets,
    values_of_zero,
)


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


def test_targets_of_two_following_years_stand_apart():
    """Kon Tum's targets of 100 % in 2009 and 2010 (trend_cases)."""
    shown = [name for name, _box in _texts_apart(*_pack_page(two_following_targets()))]
    assert {"Mục tiêu ≥ 100 % (năm 2009)", "Mục tiêu ≥ 100 % (năm 2010)"} <= set(shown)


def test_a_target_near_the_value_axis_stays_in_the_plot():
    """Nghệ An's 1.500 workers by 2015, the third year (trend_cases)."""
    shown = [name for name, _box in _texts_apart(*_pack_page(target_near_the_value_axis()))]
    assert "Mục tiêu ≈ 1.500 người (năm 2015)" in shown


def test_values_of_zero_stay_above_the_years():
    """The WAN's 0,0 in 2016 and 2017 (trend_cases)."""
    shown = [name for name, _box in _texts_apart(*_pack_page(values_of_zero()))]
    assert shown.count("0,0") == 2 and shown.count("100,0") == 6 and "87,5" in shown


def test_many_close_values():
    """31 years of 60,5 and 60,9 around a target of 61 % every five years: the values
    take turns above and below, and the years are numbered every other year."""
    chart = many_close_values()
    goals = chart.targets
    axes, renderer = _pack_page(chart)
    shown = [name for name, _box in _texts_apart(axes, renderer)]
    assert {goal.text for goal in goals} <= set(shown)
    assert "60,5" in shown and "60,9" in shown and shown.count("60,5") + shown.count("60,9") > 20
    values = [text for text in axes.texts if text.get_text() in ("60,5", "60,9")]
    assert values[-1].get_visible()  # the period's value (2030) is never the one left out
    years = [tick.get_text() for tick in axes.get_xticklabels() if tick.get_text()]
    assert years[-1] == "2030" and len(years) < 31


def test_the_words_saying_there_are_no_values_cross_no_line():
    chart = no_values_on_a_rising_path()
    axes, renderer = _pack_page(chart)
    words = dict(_texts_apart(axes, renderer))[NO_VALUES]
    path = axes.transData.transform(list(zip(*path_line(chart))))
    segments = [(*start, *end) for start, end in zip(path, path[1:])]
    assert not any(crosses(Box(*words.extents), segment) for segment in segments)


def test_the_words_stay_in_the_middle_when_nothing_is_there():
    axes, renderer = _pack_page(nothing_to_plot())
    words = dict(_texts_apart(axes, renderer))[NO_VALUES]
    assert abs((words.x0 + words.x1) / 2 - (axes.bbox.x0 + axes.bbox.x1) / 2) < 1
    assert abs((words.y0 + words.y1) / 2 - (axes.bbox.y0 + axes.bbox.y1) / 2) < 1
    # nothing drawn: no scale on the value axis, its name kept
    assert not [tick for tick in axes.get_yticklabels() if tick.get_text()]
    assert axes.yaxis.label.get_text() == "Tỷ lệ (%)"


@pytest.mark.parametrize("plan, unit, period, indicator", DEMO_TRENDS)
def test_the_demo_trends_that_overlapped(demo, plan, unit, period, indicator):
    with demo.session() as session:
        chart = data.trend_data(session, plan, unit, period, indicator)
    shown = {name for name, _box in _texts_apart(*_pack_page(chart))}
    assert {goal.text for goal in chart.targets} <= shown


@settings(deadline=None, max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(trend_charts())
def test_no_two_texts_of_any_trend_overlap(chart):
    _texts_apart(*_pack_page(chart))
