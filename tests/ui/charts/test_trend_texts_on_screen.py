"""The trend chart on screen places its texts by the paper's rule: each target's and each
value's box, as painted, overlaps no other and stays inside the plot (off the axes'
numbers and names) — the cases that overlapped on paper, the demo's trends in the
charts tab at 1366×768, and random trends."""

from __future__ import annotations

import itertools
import os

import pytest
from hypothesis import HealthCheck, given, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.charts.data import TrendChart  # noqa: E402
from desktop.i18n import set_language  # noqa: E402
from desktop.charts.placement import crosses  # noqa: E402
from desktop.charts.trend_layout import path_line  # noqa: E402
from tests.charts.trend_cases import (  # noqa: E402
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

SIZES = [(1346, 686), (760, 480)]  # the charts tab's view at 1366×768; the least width


def _painting(chart: TrendChart, size: tuple[int, int]):
    from desktop.ui.charts.chart_view import ChartView

    set_language("vi")
    view = ChartView(chart)
    view.resize(*size)
    view.grab()
    return view.painting


def _apart(painting) -> list[str]:
    """Assert that no two texts overlap and that each is inside the plot; their texts."""
    for (first, one), (second, other) in itertools.combinations(painting.labels, 2):
        assert not one.intersects(other), (first, second)
    plot = painting.plot
    for text, box in painting.labels:
        assert plot.left() - 0.5 <= box.left() and box.right() <= plot.right() + 0.5, text
        assert plot.top() - 0.5 <= box.top() and box.bottom() <= plot.bottom() + 0.5, text
    return [text for text, _box in painting.labels]


@pytest.mark.parametrize("size", SIZES)
def test_targets_of_two_following_years_stand_apart(qapp, size):
    """Kon Tum's targets of 100 % in 2009 and 2010 (tests/charts/trend_cases.py)."""
    shown = _apart(_painting(two_following_targets(), size))
    assert shown == ["Mục tiêu ≥ 100 % (năm 2009)", "Mục tiêu ≥ 100 % (năm 2010)"]


@pytest.mark.parametrize("size", SIZES)
def test_a_target_near_the_value_axis_stays_in_the_plot(qapp, size):
    """Nghệ An's 1.500 workers by 2015, the third year."""
    assert "Mục tiêu ≈ 1.500 người (năm 2015)" in _apart(
        _painting(target_near_the_value_axis(), size))


@pytest.mark.parametrize("size", SIZES)
def test_values_of_zero_stay_above_the_years(qapp, size):
    """The WAN's 0,0 in 2016 and 2017 stay above the years' numbers."""
    shown = _apart(_painting(values_of_zero(), size))
    assert shown.count("0,0") == 2 and shown.count("100,0") == 6 and "87,5" in shown
    assert "Sau kỳ kế hoạch" not in shown  # a fixed text, not one of the placed


@pytest.mark.parametrize("size", SIZES)
def test_many_close_values(qapp, size):
    """31 years of 60,5 and 60,9 around a target of 61 % every five years: every target's
    text and the period's value are shown, the years numbered every other year or so."""
    chart = many_close_values()
    points, goals = chart.points, chart.targets
    painting = _painting(chart, size)
    shown = _apart(painting)
    assert shown[:len(goals)] == [goal.text for goal in goals]  # placed first
    period, box = painting.labels[len(goals)]  # then the values, the latest year's first
    year_width = painting.plot.width() / len(points)
    assert period == "60,9" and box.center().x() > painting.plot.right() - 1.5 * year_width
    assert shown.count("60,5") + shown.count("60,9") > 10


@pytest.mark.parametrize("plan, unit, period, indicator", DEMO_TRENDS + [
    ("TH-2016", "H38TS", "2024", "MAILBOX_RATE")])
def test_the_demo_trends_in_the_charts_tab(demo_db, qtbot, plan, unit, period, indicator):
    from desktop.ui.bus import DataBus
    from desktop.ui.charts.charts_tab import ChartsTab

    tab = ChartsTab(demo_db, DataBus())
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.set_context(unit, period)
    for box, data in ((tab.kind_box, "trend"), (tab.plan_box, plan),
                      (tab.indicator_box, indicator)):
        box.setCurrentIndex(box.findData(data))
    tab.show()
    qtbot.waitUntil(lambda: tab.view is not None and tab.view.paintings > 0)
    tab.view.grab()
    shown = _apart(tab.view.painting)
    assert [goal.text for goal in tab.chart.targets] == shown[:len(tab.chart.targets)]
    assert tab.view.width() > 1300


@settings(deadline=None, max_examples=40,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(trend_charts())
def test_no_two_texts_of_any_trend_overlap(qapp, chart):
    for size in SIZES:
        _apart(_painting(chart, size))


@pytest.mark.parametrize("size", SIZES)
def test_the_words_saying_there_are_no_values_cross_no_line(qapp, size):
    from desktop.ui.charts.paint_labels import box_of

    chart = no_values_on_a_rising_path()
    painting = _painting(chart, size)
    path = [painting.frame.position(year, value) for year, value in zip(*path_line(chart))]
    segments = [(*start, *end) for start, end in zip(path, path[1:])]
    assert painting.words is not None and painting.plot.contains(painting.words)
    assert not any(crosses(box_of(painting.words), segment) for segment in segments)
    assert not any(painting.words.intersects(box) for _text, box in painting.labels)


@pytest.mark.parametrize("size", SIZES)
def test_a_trend_with_nothing_to_plot_shows_no_value_scale(qapp, size):
    from desktop.ui.charts.chart_view import ChartView

    set_language("vi")
    view = ChartView(nothing_to_plot())
    view.resize(*size)
    view.grab()
    painting = view.painting
    assert NO_VALUES in view.texts
    assert painting.words.center() == painting.plot.center()
    assert not [text for text in view.texts if text[:1].isdigit() and not text.startswith("20")]
