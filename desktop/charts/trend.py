"""The trend chart: an indicator year by year against the plan's path and targets.

Actual values are a solid line whose points take the status's marker shape
(and colour); the path the plan expects (interpolated between a baseline or
an earlier target and the final target) is a dashed line; each target of
the plan is a star (a range: a vertical bar) at its year. Years after the
plan's end are shaded: its last target stays in force.

The texts on the plot (each target's, each value) go where they collide with
nothing: `desktop.charts.placement` tries their places when the figure is
drawn, the targets' first, then the values from the latest year back (so the
period's value, the one the summary table also gives, is placed before the
others); a value with no free place is left out. The years under the
axis are every year's, or every 2nd, 5th… when their numbers would touch, and
"Sau kỳ kế hoạch" is left out when the shaded years are too narrow for it.
"""

from __future__ import annotations

from desktop.charts.data import Goal, TrendChart
from desktop.charts.placement import Label, Layout, Obstacle, Place, label_placer
from desktop.charts.style import (
    A4_LANDSCAPE, BAND_COLOUR, INK, LABEL_SIZE, SMALL_SIZE, TARGET_COLOUR,
    new_figure, number_formatter, style_of, titles,
)
from desktop.formats import format_number
from desktop.i18n import t


def trend_figure(chart: TrendChart, size: tuple[float, float] = A4_LANDSCAPE, into=None):
    figure = into if into is not None else new_figure(size)
    axes = figure.add_subplot()
    years = [point.year for point in chart.points]
    layout = Layout()
    after_plan = _after_plan(axes, chart, years, layout)
    _path(axes, chart, layout)
    _targets(axes, chart, layout)
    _actuals(axes, chart, layout)
    top = max([p.actual or 0 for p in chart.points] + [p.expected or 0 for p in chart.points]
              + [g.high or g.low for g in chart.targets] + [1.0])
    axes.set_ylim(0, top * 1.18)
    axes.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    axes.set_xticks(years, [str(year) for year in years], fontsize=LABEL_SIZE)
    axes.yaxis.set_major_formatter(number_formatter())
    axes.set_ylabel(chart.axis_label, fontsize=LABEL_SIZE)
    axes.set_xlabel(t("Năm", "Year"), fontsize=LABEL_SIZE)
    axes.grid(axis="y", color="#cccccc", linewidth=0.6)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    titles(figure, axes, chart.title, chart.subtitle)
    _legend(figure, chart)
    label_placer(axes, layout, before=lambda renderer: _fit_axis_texts(axes, years, after_plan,
                                                                        renderer))
    return figure


def _fit_axis_texts(axes, years: list[int], after_plan, renderer) -> None:
    fit_years(axes, years, renderer)
    if after_plan is not None:  # a shaded strip too narrow for its words keeps none
        after_plan.set_visible(True)
        after_plan.set_visible(after_plan.get_window_extent(renderer).x1 <= axes.bbox.x1)


YEAR_STEPS = (1, 2, 5, 10, 20, 50)
YEAR_GAP = 6  # points between two years' numbers


def fit_years(axes, years: list[int], renderer) -> None:
    """A number under every year, or under every 2nd, 5th… (counted back from the last
    year, the period's) when the numbers, as the renderer measures them, would touch."""
    from matplotlib.font_manager import FontProperties

    font = FontProperties(size=LABEL_SIZE)
    widest = max(renderer.get_text_width_height_descent(str(year), font, ismath=False)[0]
                 for year in years)
    (left, _), (right, _) = axes.transData.transform([(0, 0), (1, 0)])
    room = abs(right - left)
    need = widest + renderer.points_to_pixels(YEAR_GAP)
    step = next((step for step in YEAR_STEPS if step * room >= need), YEAR_STEPS[-1])
    shown = [year for year in years if (years[-1] - year) % step == 0]
    axes.set_xticks(shown, [str(year) for year in shown], fontsize=LABEL_SIZE)
    axes.set_xticks(years if step > 1 else [], minor=True)


def _after_plan(axes, chart: TrendChart, years: list[int], layout: Layout):
    """The years after the plan's end shaded, and named at the top (the text, or None)."""
    if chart.plan_end is None or chart.plan_end >= years[-1]:
        return None
    axes.axvspan(chart.plan_end + 0.5, years[-1] + 0.5, color="#eeeeee", zorder=0)
    text = axes.text(chart.plan_end + 0.6, 0.97, t("Sau kỳ kế hoạch", "After the plan"),
                     transform=axes.get_xaxis_transform(), va="top", fontsize=SMALL_SIZE,
                     color="#555555", style="italic")
    layout.fixed.append(text)
    return text


def _path(axes, chart: TrendChart, layout: Layout) -> None:
    points = [(p.year, p.expected) for p in chart.points if p.expected is not None]
    if len(points) < 2:  # one point is the target itself, shown by its star
        return
    xs, ys = zip(*points)
    layout.lines.append((list(xs), list(ys)))
    axes.plot(xs, ys, linestyle="--", color="#555555", linewidth=1.6, marker="o",
              markersize=4, markerfacecolor="white", zorder=3,
              label=t("Lộ trình theo kế hoạch", "Path set by the plan"))


def _targets(axes, chart: TrendChart, layout: Layout) -> None:
    for goal in chart.targets:
        if goal.high is not None:
            axes.errorbar([goal.year], [(goal.low + goal.high) / 2],
                          yerr=[[(goal.high - goal.low) / 2]], fmt="none", ecolor=TARGET_COLOUR,
                          elinewidth=6, alpha=0.5, capsize=8, zorder=4)
        axes.plot([goal.year], [goal.low], marker="*", markersize=16, color=TARGET_COLOUR,
                  markerfacecolor=BAND_COLOUR, linestyle="none", zorder=6)
        layout.obstacles.append(Obstacle(goal.year, goal.low, 8, 8, goal.high))
        actual = next((p.actual for p in chart.points if p.year == goal.year), None)
        above = actual is None or actual < goal.low
        places = target_places(chart, goal, above)
        text = axes.annotate(goal.text, places[0].anchor, xytext=(places[0].dx, places[0].dy),
                             textcoords="offset points", ha=places[0].ha, va=places[0].va,
                             fontsize=SMALL_SIZE, color=INK, zorder=7,
                             bbox={"boxstyle": "round,pad=0.2", "facecolor": "white",
                                   "edgecolor": "#999999", "linewidth": 0.6})
        layout.labels.append(Label(text, places[0].anchor, places))


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


def _actuals(axes, chart: TrendChart, layout: Layout) -> None:
    xs = [p.year for p in chart.points if p.actual is not None]
    ys = [p.actual for p in chart.points if p.actual is not None]
    if not xs:
        layout.fixed.append(axes.text(
            0.5, 0.5, t("Chưa có số liệu của các năm này", "No values for these years"),
            transform=axes.transAxes, ha="center", va="center", fontsize=LABEL_SIZE + 2,
            color="#555555", style="italic"))
    axes.plot(xs, ys, color=INK, linewidth=2.2, zorder=5)
    layout.lines.append((xs, ys))
    values = []
    for point in chart.points:
        if point.actual is None:
            continue
        style = style_of(point.status)
        axes.plot([point.year], [point.actual], marker=style.marker, markersize=10,
                  markerfacecolor=style.colour, markeredgecolor=INK, linestyle="none",
                  zorder=6, clip_on=False)  # a 0 % point shows whole on the axis
        layout.obstacles.append(Obstacle(point.year, point.actual, 6, 6))
        expected = reference(chart, point.year)
        below = expected is not None and point.actual < expected
        places = value_places(below)
        text = axes.annotate(format_number(point.actual, chart.decimals),
                             (point.year, point.actual), xytext=(places[0].dx, places[0].dy),
                             textcoords="offset points", ha=places[0].ha, va=places[0].va,
                             fontsize=SMALL_SIZE, color=INK, zorder=7,
                             bbox={"boxstyle": "round,pad=0.1", "facecolor": "white",
                                   "edgecolor": "none", "alpha": 0.85})
        values.append(Label(text, (point.year, point.actual), places))
    layout.labels += reversed(values)  # the latest year's value first: it is the period's


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


def _legend(figure, chart: TrendChart) -> None:
    from desktop.charts.legend import matplotlib_handles, trend_legend

    handles = matplotlib_handles(trend_legend(chart))
    figure.legend(handles=handles, loc="outside lower center", ncol=min(len(handles), 4),
                  fontsize=LABEL_SIZE, frameon=False)
