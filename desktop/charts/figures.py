"""Draw chart data on matplotlib Figures: horizontal bars and year trends.

`build_figure(chart)` takes a `BarChart` or `TrendChart` from
`desktop.charts.data` and returns a `matplotlib.figure.Figure` sized for A4
landscape; the screen shows the same figure scaled.
"""

from __future__ import annotations

from desktop.charts.data import BarChart, Goal, TrendChart
from desktop.charts.scale import nice_ticks
from desktop.charts.style import (
    A4_LANDSCAPE, BAND_COLOUR, INK, LABEL_SIZE, SMALL_SIZE, TARGET_COLOUR,
    new_figure, number_formatter, style_of, titles, wrap,
)

LABEL_ROOM = 0.32  # share of the value axis kept free for the text after each bar...
MAX_LABEL_ROOM = 0.5  # ...and at most, when the texts are long for the figure's width
CHAR_WIDTH = 0.55  # a DejaVu Sans character's mean width, in font sizes
TEXT_GAP = 14  # points between a bar (or its target) and its text, and around it
SIDE_MARGINS = 36  # points of the figure's width outside the axes and its labels
TITLES_AND_LEGEND = 180  # points of the figure's height not given to the bars...
TITLES_AND_LEGEND_LEAST = 150  # ...of which they take at least this much
LINE_SPACING = 1.25
MIN_FONT = 7.0


def build_figure(chart: BarChart | TrendChart, size: tuple[float, float] = A4_LANDSCAPE,
                 into=None):
    """A new Figure with the chart, or the chart drawn into `into` (a SubFigure of a page)."""
    if isinstance(chart, TrendChart):
        from desktop.charts.trend import trend_figure

        return trend_figure(chart, size, into)
    return bar_figure(chart, size, into)


def bar_figure(chart: BarChart, size: tuple[float, float] = A4_LANDSCAPE, into=None):
    """Horizontal bars, one per indicator or unit, top to bottom, with targets."""
    figure = into if into is not None else new_figure(size)
    axes = figure.add_subplot()
    count = len(chart.bars)
    width, height = figure.figure.get_size_inches()
    labels, font = fit_labels([bar.label for bar in chart.bars], height)
    font, room = fit_texts(chart, labels, font, width)
    _draw_bars(axes, chart, font)
    for index, bar in enumerate(chart.bars):
        if bar.goal is not None and chart.goal is None:
            _bar_goal(axes, index, bar.goal)
    if chart.goal is not None:
        _common_goal(axes, chart.goal)
    axes.set_yticks(range(count), labels, fontsize=font)
    axes.set_ylim(count - 0.4, -0.6)
    _value_axis(axes, chart, room)
    axes.set_xlabel(chart.axis_label, fontsize=LABEL_SIZE)
    axes.grid(axis="x", color="#cccccc", linewidth=0.6)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    titles(figure, axes, chart.title, chart.subtitle)
    _bar_legend(figure, chart)
    return figure


def readable_height(chart: BarChart | TrendChart) -> float:
    """The least height (inches) at which every bar gets a line of the smallest font:
    below it a screen scrolls rather than overlapping the labels."""
    if isinstance(chart, TrendChart):
        return 0.0
    return (TITLES_AND_LEGEND_LEAST + len(chart.bars) * MIN_FONT * LINE_SPACING * 1.1) / 72


def fit_labels(labels: list[str], height_inches: float) -> tuple[list[str], float]:
    """Bar labels wrapped so that they never overlap: the narrowest wrapping (and the
    largest font) whose lines fit in each bar's share of the plot's height."""
    plot_points = max(height_inches * 72 - TITLES_AND_LEGEND, height_inches * 72 * 0.4)
    row_points = plot_points / max(len(labels), 1)
    for font in (LABEL_SIZE, SMALL_SIZE, MIN_FONT):
        max_lines = int(row_points // (font * LINE_SPACING))
        if max_lines < 1 and font != MIN_FONT:
            continue  # not even one line of this size per bar
        for width in (48, 60, 75, 95):
            wrapped = [wrap(label, width) for label in labels]
            if all(text.count("\n") < max_lines for text in wrapped):
                return wrapped, font
    return [wrap(label, 95) for label in labels], MIN_FONT


def fit_texts(chart: BarChart, labels: list[str], font: float,
              width_inches: float) -> tuple[float, float]:
    """The font and the share of the value axis kept for the texts after the bars, so
    that the longest text ends inside the figure: on a narrow figure (a small screen)
    a smaller font, rather than texts cut at the edge."""
    longest_text = max((len(bar.text) for bar in chart.bars), default=0)
    longest_label = max((len(line) for label in labels for line in label.split("\n")), default=0)
    for size in [size for size in (LABEL_SIZE, SMALL_SIZE, MIN_FONT) if size <= font]:
        text = TEXT_GAP + longest_text * size * CHAR_WIDTH
        axes = width_inches * 72 - longest_label * size * CHAR_WIDTH - SIDE_MARGINS
        room = max(LABEL_ROOM, text / axes) if axes > 0 else MAX_LABEL_ROOM + 1
        if room <= MAX_LABEL_ROOM:
            return size, room
    return MIN_FONT, MAX_LABEL_ROOM


def data_top(chart: BarChart) -> float:
    values = [bar.value for bar in chart.bars if bar.value is not None]
    values += [goal_top(goal) for goal in [chart.goal] + [bar.goal for bar in chart.bars]]
    return max(values, default=1.0) or 1.0


def _value_axis(axes, chart: BarChart, room: float = LABEL_ROOM) -> None:
    """Room on the right for the bar texts; no ticks out there, where no bar reaches."""
    top = data_top(chart)
    axes.set_xlim(0, top / (1 - room))
    axes.set_xticks(nice_ticks(top))
    axes.xaxis.set_major_formatter(number_formatter())


def goal_top(goal: Goal | None) -> float:
    if goal is None:
        return 0.0
    return max(goal.low, goal.high or 0.0, goal.expected or 0.0)


def _draw_bars(axes, chart: BarChart, font: float) -> None:
    """The bars (one call: a call per bar cost more than the drawing), each with its
    text just right of the bar and of its target."""
    styles = [style_of(bar.status) for bar in chart.bars]
    values = [bar.value or 0.0 for bar in chart.bars]
    bars = axes.barh(range(len(values)), values, height=0.62,
                     color=[style.colour for style in styles],
                     hatch=[style.hatch or None for style in styles],
                     edgecolor=INK, linewidth=0.8, zorder=2)
    for patch, style in zip(bars.patches, styles):
        patch.set_hatchcolor(style.hatch_colour)
    for index, (bar, value) in enumerate(zip(chart.bars, values)):
        anchor = max(value, goal_top(chart.goal or bar.goal))
        axes.annotate(bar.text, (anchor, index), xytext=(6, 0), textcoords="offset points",
                      va="center", ha="left", fontsize=font, color=INK, zorder=5,
                      bbox={"boxstyle": "round,pad=0.15", "facecolor": "white",
                            "edgecolor": "none", "alpha": 0.85})


def _bar_goal(axes, index: int, goal: Goal) -> None:
    """A bar's own target: a thick tick across the bar, or a shaded span for a range."""
    low, high = index - 0.42, index + 0.42
    if goal.high is not None:
        axes.fill_betweenx([low, high], goal.low, goal.high, color=BAND_COLOUR, alpha=0.45,
                           hatch="\\\\", edgecolor=TARGET_COLOUR, linewidth=0.8, zorder=3)
    else:
        axes.vlines(goal.low, low, high, colors=TARGET_COLOUR, linewidth=2.6, zorder=4)
    if goal.expected is not None:
        axes.plot([goal.expected], [index], marker="D", markersize=7, markerfacecolor="white",
                  markeredgecolor=TARGET_COLOUR, markeredgewidth=1.4, linestyle="none", zorder=4)


def _common_goal(axes, goal: Goal) -> None:
    if goal.high is not None:
        axes.axvspan(goal.low, goal.high, color=BAND_COLOUR, alpha=0.3, hatch="\\\\",
                     zorder=1)
    else:
        axes.axvline(goal.low, color=TARGET_COLOUR, linestyle="--", linewidth=1.6, zorder=4)
    if goal.expected is not None:
        axes.axvline(goal.expected, color=TARGET_COLOUR, linestyle=":", linewidth=1.4, zorder=4)


def _bar_legend(figure, chart: BarChart) -> None:
    from desktop.charts.legend import bar_legend, paper_legend

    paper_legend(figure, bar_legend(chart), LABEL_SIZE)
