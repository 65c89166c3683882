"""The trend chart: an indicator year by year against the plan's path and targets.

Actual values are a solid line whose points take the status's marker shape
(and colour); the path the plan expects (interpolated between a baseline or
an earlier target and the final target) is a dashed line; each target of
the plan is a star (a range: a vertical bar) at its year. Years after the
plan's end are shaded: its last target stays in force.

The texts on the plot (each target's, each value) go where they collide with
nothing: `desktop.charts.trend_layout` says which they are and where they may
go, `desktop.charts.placement` places them when the figure is drawn
(`desktop.charts.label_placer`), the targets' first, then the values from the
latest year back (so the period's value, the one the summary table also gives,
is placed before the others); a value with no free place is left out. The years
under the axis are every year's, or every 2nd, 5th… when their numbers would
touch, and "Sau kỳ kế hoạch" is left out when the shaded years are too narrow
for it. Without values, the words saying so stand where no line crosses them
(`placement.words_spot`); with nothing to draw at all, the value axis has no
numbers.
"""

from __future__ import annotations

from desktop.charts.data import TrendChart
from desktop.charts.label_placer import label_placer, put_words
from desktop.charts.style import (
    A4_LANDSCAPE, BAND_COLOUR, INK, LABEL_SIZE, SMALL_SIZE, TARGET_COLOUR,
    new_figure, number_formatter, style_of, titles,
)
from desktop.charts.trend_layout import (
    TARGET_PAD, VALUE_PAD, YEAR_GAP, TrendText, actual_line, numbered_years, path_line,
    plots_nothing, trend_layout, year_step,
)
from desktop.i18n import t


def trend_figure(chart: TrendChart, size: tuple[float, float] = A4_LANDSCAPE, into=None):
    figure = into if into is not None else new_figure(size)
    axes = figure.add_subplot()
    years = [point.year for point in chart.points]
    after_plan = _after_plan(axes, chart, years)
    _path(axes, chart)
    _targets(axes, chart)
    _actuals(axes, chart)
    layout = trend_layout(chart, lambda text: _annotate(axes, text))
    no_values = _no_values(axes, chart)
    layout.fixed = [text for text in (after_plan, no_values) if text is not None]
    top = max([p.actual or 0 for p in chart.points] + [p.expected or 0 for p in chart.points]
              + [g.high or g.low for g in chart.targets] + [1.0])
    axes.set_ylim(0, top * 1.18)
    axes.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    axes.set_xticks(years, [str(year) for year in years], fontsize=LABEL_SIZE)
    axes.yaxis.set_major_formatter(number_formatter())
    if plots_nothing(chart):  # no scale to read: no numbers from 0 to 1 on it
        axes.set_yticks([])
    axes.set_ylabel(chart.axis_label, fontsize=LABEL_SIZE)
    axes.set_xlabel(t("Năm", "Year"), fontsize=LABEL_SIZE)
    axes.grid(axis="y", color="#cccccc", linewidth=0.6)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    titles(figure, axes, chart.title, chart.subtitle)
    _legend(figure, chart)
    label_placer(axes, layout, before=lambda renderer: _fit_fixed_texts(
        axes, layout, years, (after_plan, no_values), renderer))
    return figure


def _fit_fixed_texts(axes, layout, years: list[int], fixed: tuple, renderer) -> None:
    """The years numbered as room allows, "Sau kỳ kế hoạch" kept only where it fits, and
    the words saying there are no values put where no line crosses them."""
    fit_years(axes, years, renderer)
    after_plan, no_values = fixed
    if after_plan is not None:  # a shaded strip too narrow for its words keeps none
        after_plan.set_visible(True)
        after_plan.set_visible(after_plan.get_window_extent(renderer).x1 <= axes.bbox.x1)
    if no_values is not None:
        put_words(axes, layout, no_values, renderer)


def fit_years(axes, years: list[int], renderer) -> None:
    """A number under every year, or under every 2nd, 5th… (counted back from the last
    year, the period's) when the numbers, as the renderer measures them, would touch."""
    from matplotlib.font_manager import FontProperties

    font = FontProperties(size=LABEL_SIZE)
    widest = max(renderer.get_text_width_height_descent(str(year), font, ismath=False)[0]
                 for year in years)
    (left, _), (right, _) = axes.transData.transform([(0, 0), (1, 0)])
    step = year_step(widest + renderer.points_to_pixels(YEAR_GAP), abs(right - left))
    shown = numbered_years(years, step)
    axes.set_xticks(shown, [str(year) for year in shown], fontsize=LABEL_SIZE)
    axes.set_xticks(years if step > 1 else [], minor=True)


def _after_plan(axes, chart: TrendChart, years: list[int]):
    """The years after the plan's end shaded, and named at the top (the text, or None)."""
    if chart.plan_end is None or chart.plan_end >= years[-1]:
        return None
    axes.axvspan(chart.plan_end + 0.5, years[-1] + 0.5, color="#eeeeee", zorder=0)
    return axes.text(chart.plan_end + 0.6, 0.97, t("Sau kỳ kế hoạch", "After the plan"),
                     transform=axes.get_xaxis_transform(), va="top", fontsize=SMALL_SIZE,
                     color="#555555", style="italic")


def _path(axes, chart: TrendChart) -> None:
    line = path_line(chart)
    if line is None:  # one point is the target itself, shown by its star
        return
    axes.plot(*line, linestyle="--", color="#555555", linewidth=1.6, marker="o",
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


def _actuals(axes, chart: TrendChart) -> None:
    """The actual line and its points' markers."""
    axes.plot(*actual_line(chart), color=INK, linewidth=2.2, zorder=5)
    for point in chart.points:
        if point.actual is None:
            continue
        style = style_of(point.status)
        axes.plot([point.year], [point.actual], marker=style.marker, markersize=10,
                  markerfacecolor=style.colour, markeredgecolor=INK, linestyle="none",
                  zorder=6, clip_on=False)  # a 0 % point shows whole on the axis


def _no_values(axes, chart: TrendChart):
    """The text saying the years have no values (None when they have)."""
    if actual_line(chart)[0]:
        return None
    return axes.text(0.5, 0.5, t("Chưa có số liệu của các năm này", "No values for these years"),
                     transform=axes.transAxes, ha="center", va="center",
                     fontsize=LABEL_SIZE + 2, color="#555555", style="italic")


def _annotate(axes, text: TrendText):
    """A target's or a value's text, at its first place (moved when the figure is drawn)."""
    first = text.places[0]
    frame = {"boxstyle": f"round,pad={TARGET_PAD}", "facecolor": "white",
             "edgecolor": "#999999", "linewidth": 0.6} if text.target else \
        {"boxstyle": f"round,pad={VALUE_PAD}", "facecolor": "white", "edgecolor": "none",
         "alpha": 0.85}
    return axes.annotate(text.text, first.anchor or text.anchor, xytext=(first.dx, first.dy),
                         textcoords="offset points", ha=first.ha, va=first.va,
                         fontsize=SMALL_SIZE, color=INK, zorder=7, bbox=frame)


def _legend(figure, chart: TrendChart) -> None:
    from desktop.charts.legend import paper_legend, trend_legend

    paper_legend(figure, trend_legend(chart), LABEL_SIZE)
