"""The trend chart's texts on the plot, for paper and screen alike: what each says, the
places it may take, the order they are placed in, and the markers and lines they keep
clear of (`desktop.charts.placement` places them); and how often the years under the
axis are numbered.

Each target's text goes above its star when the actual is below the target
(below it otherwise), on the side the actual line leaves free; each value's
above its point (below, when the point is below the path or target). The
targets' texts are placed first, then the values from the latest year back, so
the period's value, the one the summary table also gives, is placed before the
others. Neither matplotlib nor Qt is imported here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.charts.data import Goal, TrendChart
from desktop.charts.placement import Label, Layout, Obstacle, Place
from desktop.formats import format_number

TARGET_PAD, VALUE_PAD = 0.2, 0.1  # a target's and a value's frame around its text, in font sizes
TARGET_MARK, VALUE_MARK = 8, 6  # points from a star's, a value's marker's centre to its edge


@dataclass(frozen=True)
class TrendText:
    text: str
    target: bool  # a target's (framed), or a value's
    anchor: tuple[float, float]  # (year, value)
    places: list[Place]


def trend_layout(chart: TrendChart, make: Callable[[TrendText], object] = lambda text: text
                 ) -> Layout:
    """The chart's texts as labels to place, their items made by `make` (called for the
    targets in turn, then for the values year by year), with the markers and lines."""
    layout = Layout(lines=[line for line in (path_line(chart), actual_line(chart)) if line])
    targets = []
    for goal in chart.targets:
        layout.obstacles.append(Obstacle(goal.year, goal.low, TARGET_MARK, TARGET_MARK,
                                         goal.high))
        actual = next((p.actual for p in chart.points if p.year == goal.year), None)
        places = target_places(chart, goal, actual is None or actual < goal.low)
        text = TrendText(goal.text, True, places[0].anchor, places)
        targets.append(Label(make(text), text.anchor, places))
    values = []
    for point in chart.points:
        if point.actual is None:
            continue
        layout.obstacles.append(Obstacle(point.year, point.actual, VALUE_MARK, VALUE_MARK))
        expected = reference(chart, point.year)
        places = value_places(expected is not None and point.actual < expected)
        text = TrendText(format_number(point.actual, chart.decimals), False,
                         (point.year, point.actual), places)
        values.append(Label(make(text), text.anchor, places))
    layout.labels = targets + values[::-1]  # the latest year's value first: it is the period's
    return layout


def path_line(chart: TrendChart) -> tuple[list[float], list[float]] | None:
    """The path the plan expects, year by year (None for one point: the target itself)."""
    points = [(p.year, p.expected) for p in chart.points if p.expected is not None]
    if len(points) < 2:
        return None
    xs, ys = zip(*points)
    return list(xs), list(ys)


def plots_nothing(chart: TrendChart) -> bool:
    """No value, no path and no target: the value axis has no scale to show."""
    return not chart.targets and path_line(chart) is None \
        and not any(p.actual is not None for p in chart.points)


def actual_line(chart: TrendChart) -> tuple[list[float], list[float]]:
    """The actual values, year by year (both lists empty when there are none)."""
    shown = [p for p in chart.points if p.actual is not None]
    return [p.year for p in shown], [p.actual for p in shown]


TARGET_RISE, TARGET_DROP = 13, 12  # points from the star (or the range's end) to its text
STACK = 15  # points between a target's text and the next text stacked above or below it


def target_places(chart: TrendChart, goal: Goal, above: bool) -> list[Place]:
    """Where a target's text may go, best first: on the side `label_side` gives (above
    the star when the actual is below the target), on the other horizontal side, then
    on the other vertical side and centred; farther out (stacked) last."""
    places = []
    for tier, extra in enumerate(range(0, 5 * STACK, STACK)):
        for up in (above, not above):
            ha, shift = label_side(chart, goal.year, up)
            other = ("left", 8) if ha == "right" else ("right", -8)
            anchor = (goal.year, goal.high if up and goal.high is not None else goal.low)
            dy = TARGET_RISE + extra if up else -(TARGET_DROP + extra)
            va = "bottom" if up else "top"
            places += [Place(shift, dy, ha, va, tier, anchor),
                       Place(other[1], dy, other[0], va, tier, anchor),
                       Place(0, dy, "center", va, tier, anchor)]
    return places


def label_side(chart: TrendChart, year: int, above: bool) -> tuple[str, int]:
    """Where a target's label goes: a rising actual line comes from the lower left and
    goes on to the upper right, so up-left above the star and down-right below it,
    turned inwards near either end of the axis."""
    years = [p.year for p in chart.points]
    index = years.index(year) if year in years else 0
    near_left, near_right = index <= 1, index >= len(years) - 2
    left = (above and not near_left) or (not above and near_right)
    return ("right", -8) if left else ("left", 8)


def reference(chart: TrendChart, year: int) -> float | None:
    """The path value or the plan's target for a year: what an actual is compared with."""
    for goal in chart.targets:
        if goal.year == year:
            return goal.low
    return next((p.expected for p in chart.points if p.year == year), None)


VALUE_RISE, VALUE_DROP = 10, 11  # points from a point to its value's text above, below
CORNER = (7, 9)  # points aside and up (or down) to a text put diagonally
BESIDE = 9  # points to a text put level with its point
FARTHER = (5, 12)  # points more, for the places tried when no nearer one is free


def value_places(below: bool) -> list[Place]:
    """Where a value's text may go, best first: above its point (below, when the point is
    below the path or target), diagonally on that side, on the other side, beside it;
    farther out last."""
    places = []
    for tier, extra in enumerate((0, *FARTHER)):
        for up in (not below, below):
            sign, va = (1, "bottom") if up else (-1, "top")
            places += [Place(0, sign * ((VALUE_RISE if up else VALUE_DROP) + extra), "center",
                             va, tier),
                       Place(-CORNER[0], sign * (CORNER[1] + extra), "right", va, tier),
                       Place(CORNER[0], sign * (CORNER[1] + extra), "left", va, tier)]
        places += [Place(BESIDE + extra, 0, "left", "center", tier),
                   Place(-BESIDE - extra, 0, "right", "center", tier)]
    return places


YEAR_STEPS = (1, 2, 5, 10, 20, 50)
YEAR_GAP = 6  # points between two years' numbers


def year_step(need: float, room: float) -> int:
    """Number every year, or every 2nd, 5th… when a year's number needs `need` (its width
    and `YEAR_GAP`) and the years are `room` apart (both in the same unit)."""
    return next((step for step in YEAR_STEPS if step * room >= need), YEAR_STEPS[-1])


def numbered_years(years: list[int], step: int) -> list[int]:
    """The years numbered under the axis: every `step`th, counted back from the last
    year (the period's)."""
    return [year for year in years if (years[-1] - year) % step == 0]
