"""The trend chart: an indicator year by year against the plan's path and targets.

Actual values are a solid line whose points take the status's marker shape
(and colour); the path the plan expects (interpolated between a baseline or
an earlier target and the final target) is a dashed line; each target of
the plan is a star (a range: a vertical bar) at its year. Years after the
plan's end are shaded: its last target stays in force.
"""

from __future__ import annotations

from desktop.charts.data import TrendChart
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
    _after_plan(axes, chart, years)
    _path(axes, chart)
    _targets(axes, chart)
    _actuals(axes, chart)
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
    return figure


def _after_plan(axes, chart: TrendChart, years: list[int]) -> None:
    if chart.plan_end is None or chart.plan_end >= years[-1]:
        return
    axes.axvspan(chart.plan_end + 0.5, years[-1] + 0.5, color="#eeeeee", zorder=0)
    axes.text(chart.plan_end + 0.6, 0.97, t("Sau kỳ kế hoạch", "After the plan"),
              transform=axes.get_xaxis_transform(), va="top", fontsize=SMALL_SIZE,
              color="#555555", style="italic")


def _path(axes, chart: TrendChart) -> None:
    points = [(p.year, p.expected) for p in chart.points if p.expected is not None]
    if len(points) < 2:  # one point is the target itself, shown by its star
        return
    xs, ys = zip(*points)
    axes.plot(xs, ys, linestyle="--", color="#555555", linewidth=1.6, marker="o",
              markersize=4, markerfacecolor="white", zorder=3,
              label=t("Lộ trình theo kế hoạch", "Path set by the plan"))


def _targets(axes, chart: TrendChart) -> None:
    for goal in chart.targets:
        if goal.high is not None:
            axes.errorbar([goal.year], [(goal.low + goal.high) / 2],
                          yerr=[[(goal.high - goal.low) / 2]], fmt="none", ecolor=TARGET_COLOUR,
                          elinewidth=6, alpha=0.5, capsize=8, zorder=4)
        axes.plot([goal.year], [goal.low], marker="*", markersize=16, color=TARGET_COLOUR,
                  markerfacecolor=BAND_COLOUR, linestyle="none", zorder=6)
        actual = next((p.actual for p in chart.points if p.year == goal.year), None)
        above = actual is None or actual < goal.low
        ha, shift = label_side(chart, goal.year, above)
        axes.annotate(goal.text, (goal.year, goal.high if above and goal.high else goal.low),
                      xytext=(shift, 13 if above else -12), va="bottom" if above else "top",
                      textcoords="offset points", ha=ha, fontsize=SMALL_SIZE,
                      color=INK, zorder=7,
                      bbox={"boxstyle": "round,pad=0.2", "facecolor": "white",
                            "edgecolor": "#999999", "linewidth": 0.6})


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


def _actuals(axes, chart: TrendChart) -> None:
    xs = [p.year for p in chart.points if p.actual is not None]
    ys = [p.actual for p in chart.points if p.actual is not None]
    if not xs:
        axes.text(0.5, 0.5, t("Chưa có số liệu của các năm này", "No values for these years"),
                  transform=axes.transAxes, ha="center", va="center", fontsize=LABEL_SIZE + 2,
                  color="#555555", style="italic")
    axes.plot(xs, ys, color=INK, linewidth=2.2, zorder=5)
    for point in chart.points:
        if point.actual is None:
            continue
        style = style_of(point.status)
        axes.plot([point.year], [point.actual], marker=style.marker, markersize=10,
                  markerfacecolor=style.colour, markeredgecolor=INK, linestyle="none",
                  zorder=6, clip_on=False)  # a 0 % point shows whole on the axis
        expected = reference(chart, point.year)
        below = expected is not None and point.actual < expected
        axes.annotate(format_number(point.actual, chart.decimals), (point.year, point.actual),
                      xytext=(0, -11 if below else 10), textcoords="offset points",
                      ha="center", va="top" if below else "bottom",
                      fontsize=SMALL_SIZE, color=INK, zorder=7,
                      bbox={"boxstyle": "round,pad=0.1", "facecolor": "white",
                            "edgecolor": "none", "alpha": 0.85})


def _legend(figure, chart: TrendChart) -> None:
    from desktop.charts.legend import matplotlib_handles, trend_legend

    handles = matplotlib_handles(trend_legend(chart))
    figure.legend(handles=handles, loc="outside lower center", ncol=min(len(handles), 4),
                  fontsize=LABEL_SIZE, frameon=False)
