"""The screen's chart painter: every part of a bar and a trend chart painted, the same
texts as the printed figure, and a chart of thousands of units painting only what shows."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.charts.data import Bar, BarChart, Goal, TrendChart, TrendPoint  # noqa: E402
from desktop.charts.legend import bar_legend, trend_legend  # noqa: E402
from desktop.i18n import set_language  # noqa: E402

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")]


def _bars() -> BarChart:
    return BarChart(
        "targets", "Kết quả thực hiện", "Huyện Thử — Năm 2024", "Tỷ lệ thực hiện (%)",
        [Bar("Tỷ lệ hồ sơ trực tuyến", 62.5, "on_track", "62,5 % · Đúng tiến độ",
             Goal(60, 70, "60–70 %", expected=55.0, year=2025)),
         Bar("Tỷ lệ văn bản điện tử", 91.0, "achieved", "91,0 % · Đạt", Goal(90, None, "≥ 90 %")),
         Bar("Tỷ lệ cán bộ có máy tính", None, "no_data", "Chưa có số liệu", Goal(100, None, "100 %")),
         Bar("Chỉ tiêu chưa có mục tiêu", 12.0, "no_target", "12,0 % · Chưa có mục tiêu")])


def _trend(actuals: list[float | None]) -> TrendChart:
    years = range(2020, 2020 + len(actuals))
    points = [TrendPoint(year, value, "behind" if value and value < 40 else "achieved",
                         20.0 + 10 * index) for index, (year, value) in enumerate(zip(years, actuals))]
    return TrendChart("Tỷ lệ dịch vụ công trực tuyến", "Tỉnh Thử — 2020–2024", "Tỷ lệ (%)",
                      points, [Goal(50, None, "Mục tiêu ≥ 50 % (năm 2023)", year=2023),
                               Goal(60, 80, "60–80 % (năm 2024)", year=2024)],
                      plan_end=2022)


def _view(qtbot, chart, size=(900, 520)):
    from desktop.ui.charts.chart_view import ChartView

    set_language("vi")
    view = ChartView(chart)
    qtbot.addWidget(view)
    view.resize(max(size[0], view.minimumWidth()), max(size[1], view.minimumHeight()))
    return view


def _ink(image) -> int:
    return sum(1 for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
               if image.pixelColor(x, y).lightness() < 200)


def test_a_bar_chart_paints_titles_bars_texts_ticks_and_its_legend(qtbot):
    chart = _bars()
    view = _view(qtbot, chart)
    image = view.grab().toImage()
    texts = view.texts
    assert texts[:2] == ["Kết quả thực hiện", "Huyện Thử — Năm 2024"]
    for bar in chart.bars:
        assert bar.label in texts and bar.text in texts
    assert ["0", "20", "40", "60", "80", "100"] == [t for t in texts if t.isdigit()]
    assert [entry.text for entry in bar_legend(chart)] == texts[-len(bar_legend(chart)):]
    assert "Tỷ lệ thực hiện (%)" in texts
    assert _ink(image) > 1500


def test_screen_and_paper_legends_say_the_same(qtbot):
    from desktop.charts.figures import build_figure

    for chart in (_bars(), _trend([12.0, 25.0, 38.0, 52.0, 71.0])):
        view = _view(qtbot, chart)
        view.grab()
        paper = build_figure(chart)
        on_paper = [text.get_text() for legend in paper.legends for text in legend.get_texts()]
        assert on_paper and view.texts[-len(on_paper):] == on_paper


def test_a_trend_without_values_lists_no_actual_line_on_screen_or_paper(qtbot):
    from desktop.charts.figures import build_figure

    chart = _trend([None, None, None])
    assert "Thực hiện" not in [entry.text for entry in trend_legend(chart)]
    assert "Thực hiện" in [entry.text for entry in trend_legend(_trend([None, 30.0, None]))]
    view = _view(qtbot, chart)
    view.grab()
    paper = build_figure(chart)
    on_paper = [text.get_text() for legend in paper.legends for text in legend.get_texts()]
    assert "Thực hiện" not in view.texts and "Thực hiện" not in on_paper
    assert "Chưa có số liệu của các năm này" in view.texts


def test_a_trend_chart_paints_years_values_targets_and_the_after_plan_shade(qtbot):
    view = _view(qtbot, _trend([12.0, 25.0, 38.0, 52.0, 71.0]))
    image = view.grab().toImage()
    texts = view.texts
    assert [str(year) for year in range(2020, 2025)] == [t for t in texts if t.startswith("202")][:5]
    assert {"12,0", "71,0", "Mục tiêu ≥ 50 % (năm 2023)", "60–80 % (năm 2024)",
            "Sau kỳ kế hoạch", "Năm", "Tỷ lệ (%)"} <= set(texts)
    shade = image.pixelColor(image.width() - 30, image.height() // 3)
    assert shade.name() == "#eeeeee"  # the years after the plan's end
    assert _ink(image) > 1000


def test_a_trend_without_values_says_so(qtbot):
    view = _view(qtbot, _trend([None, None, None]))
    view.grab()
    assert "Chưa có số liệu của các năm này" in view.texts


@pytest.mark.parametrize("values", [[0.0, 0.0], [1e12, 5.0], [None, None]])
def test_odd_values_still_paint(qtbot, values):
    chart = BarChart("completeness", "T", "S", "A",
                     [Bar(f"Đơn vị {i}", v, "no_data", "x") for i, v in enumerate(values)])
    view = _view(qtbot, chart)
    view.grab()
    assert view.texts[0] == "T" and "Đơn vị 1" in view.texts


def test_thousands_of_units_scroll_and_paint_only_what_shows(qtbot):
    from PySide6.QtCore import QRect

    from desktop.charts.figures import readable_height

    bars = [Bar(f"Xã số {index}", float(index % 100), "behind", f"{index % 100} %")
            for index in range(3000)]
    chart = BarChart("completeness", "Mức độ đầy đủ", "Tỉnh Thử", "%", bars)
    view = _view(qtbot, chart)
    assert view.minimumHeight() >= readable_height(chart) * view.logicalDpiY() - 1
    assert view.height() > 30_000  # every label a line of its own: the area scrolls
    view.grab(QRect(0, 12_000, view.width(), 600))  # what a scrolled viewport repaints
    labels = [text for text in view.texts if text.startswith("Xã số")]
    assert 0 < len(labels) < 80


def test_long_labels_wrap_inside_a_narrow_chart_instead_of_running_off_its_edge(qtbot):
    long = "Tỷ lệ cán bộ, công chức được cấp hộp thư điện tử công vụ và sử dụng thường xuyên"
    chart = BarChart("targets", "T", "S", "%", [Bar(f"{long} {i}", 50.0, "achieved", "50 %")
                                                for i in range(6)])
    view = _view(qtbot, chart, size=(520, 520))
    image = view.grab().toImage()
    # a label too wide for its column would be cut at the column's left edge (x = 10)
    edge = [image.pixelColor(x, y).lightness() for x in range(12) for y in range(image.height())]
    assert min(edge) > 240
    assert sum(1 for text in view.texts if text.replace("\n", " ").startswith(long)) == 6
