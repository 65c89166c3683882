"""Trend charts whose texts once overlapped, shared by the paper test
(tests/charts/test_trend_labels.py) and the screen's (tests/ui/charts/
test_trend_texts_on_screen.py), and a strategy for random trends."""

from __future__ import annotations

from hypothesis import strategies as st

from desktop.charts.data import Goal, TrendChart, TrendPoint
from desktop.formats import format_number

# (plan, unit, period, indicator) of the demo's trends whose texts overlapped on paper
DEMO_TRENDS = [
    ("KT-2009", "T38", "2024", "LEGAL_DOCS_PORTAL_RATE"),
    ("KT-2009", "T38", "2024", "WAN_RATE"),
    ("NA-2020", "T38", "2025", "IT_HIGHSKILL_COUNT"),
    ("NA-2020", "T38", "2025", "IT_ENTERPRISE_COUNT"),
]
STATUSES = ("achieved", "on_track", "at_risk", "behind")


def goal(year: int, low: float, text: str, high: float | None = None) -> Goal:
    return Goal(low, high, text, None, year)


def two_following_targets() -> TrendChart:
    """Kon Tum's plan targets 100 % both in 2009 and 2010: both texts went up-right of
    their stars, the second over the first."""
    points = [TrendPoint(year, None, "no_data", 100.0) for year in range(2009, 2025)]
    return TrendChart("Tỷ lệ văn bản QPPL được cập nhật lên Cổng thông tin điện tử",
                      "Tỉnh Thanh Hóa — số liệu các năm 2009–2024", "Tỷ lệ (%)", points,
                      [goal(2009, 100, "Mục tiêu ≥ 100 % (năm 2009)"),
                       goal(2010, 100, "Mục tiêu ≥ 100 % (năm 2010)")], 1, True, 2010)


def target_near_the_value_axis() -> TrendChart:
    """Nghệ An's 1.500 high-skill IT workers by 2015, the third year: its text went up-left
    across the value axis, over its number 2.000 and its name."""
    path = {2015: 1500.0, 2016: 2800.0, 2017: 4100.0, 2018: 5400.0, 2019: 6700.0}
    points = [TrendPoint(year, None, "no_data", path.get(year, 8000.0) if year >= 2015 else None)
              for year in range(2013, 2026)]
    return TrendChart("Số lao động CNTT có trình độ cao",
                      "Tỉnh Thanh Hóa — số liệu các năm 2013–2025", "Giá trị (người)", points,
                      [goal(2015, 1500, "Mục tiêu ≈ 1.500 người (năm 2015)"),
                       goal(2020, 8000, "Mục tiêu ≈ 8.000 người (năm 2020)")], 0, False, 2020)


def values_of_zero() -> TrendChart:
    """No agency on the WAN in 2016 and 2017, below the path: their 0,0 went under the
    axis, over the years' numbers."""
    actual = {2016: 0.0, 2017: 0.0, 2018: 87.5, **{year: 100.0 for year in range(2019, 2025)}}
    points = [TrendPoint(year, actual.get(year), "behind" if actual.get(year, 100) < 100
                         else "achieved", 100.0 if year >= 2010 else None)
              for year in range(2009, 2025)]
    return TrendChart("Tỷ lệ cơ quan, đơn vị kết nối mạng WAN", "Tỉnh Thanh Hóa", "Tỷ lệ (%)",
                      points, [goal(2010, 100, "Mục tiêu ≥ 100 % (năm 2010)")], 1, True, 2010)


def many_close_values() -> TrendChart:
    """31 years of 60,5 and 60,9 around a target of 61 % every five years."""
    points = [TrendPoint(year, 60.5 if year % 2 else 60.9, "at_risk", 61.0)
              for year in range(2000, 2031)]
    goals = [goal(year, 61, f"Mục tiêu ≥ 61 % (năm {year})") for year in range(2005, 2031, 5)]
    return TrendChart("Tỷ lệ thử", "Huyện Thử", "Tỷ lệ (%)", points, goals, 1, True, 2030)


def no_values_on_a_rising_path() -> TrendChart:
    """No value in nine years, the plan's path rising from 20 % to 100 % across the
    middle of the plot: the words saying so once lay on the dashed line."""
    points = [TrendPoint(year, None, "no_data", 20.0 + 10 * index)
              for index, year in enumerate(range(2016, 2025))]
    return TrendChart("Tỷ lệ dịch vụ công trực tuyến", "Tỉnh Thử — số liệu các năm 2016–2024",
                      "Tỷ lệ (%)", points, [goal(2024, 100, "Mục tiêu ≥ 100 % (năm 2024)")],
                      1, True, 2022)


def nothing_to_plot() -> TrendChart:
    """No value, no path, no target: the value axis once read 0 to 1 ("0,2", "0,4")."""
    points = [TrendPoint(year, None, "no_data", None) for year in range(2020, 2025)]
    return TrendChart("Tỷ lệ thử", "Huyện Thử", "Tỷ lệ (%)", points, [], 1, True, None)


NO_VALUES = "Chưa có số liệu của các năm này"


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
        goals.append(goal(year, target, f"Mục tiêu ≥ {format_number(target, 1)} % "
                                        f"(năm {year})", high))
    return TrendChart("Tỷ lệ thử", "Huyện Thử", "Tỷ lệ (%)", points, goals, 1, True,
                      draw(st.none() | st.sampled_from(years)))
