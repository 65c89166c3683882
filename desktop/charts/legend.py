"""What a chart's legend says, as plain data: the printed figure (matplotlib) and the
screen's painter (Qt) both draw their legend from these entries.

An entry is a box (a bar's fill and hatch, or a target range), a line (its dash
and width, perhaps with a marker on it) or a marker alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.charts.data import BarChart, TrendChart
from desktop.charts.style import BAND_COLOUR, INK, TARGET_COLOUR, legend_text, style_of
from desktop.formats import format_plain
from desktop.i18n import t

STATUS_ORDER = ("achieved", "on_track", "at_risk", "behind", "no_data", "no_target")
PATH_COLOUR = "#555555"


@dataclass(frozen=True)
class Entry:
    text: str
    shape: str  # "box", "line" or "marker"
    colour: str = INK  # a box's fill, a line's colour, a marker's face
    edge: str = INK
    hatch: str = ""
    alpha: float = 1.0
    dash: str = "-"  # "-", "--" or ":"
    width: float = 1.0
    marker: str = ""  # matplotlib's marker letters: o s ^ v x d D *
    marker_size: float = 0.0


def bar_legend(chart: BarChart) -> list[Entry]:
    """The statuses present (in the plan's order), then the targets' signs."""
    present = {bar.status for bar in chart.bars}
    entries = [Entry(legend_text(status, chart.legend), "box", style_of(status).colour,
                     hatch=style_of(status).hatch)
               for status in STATUS_ORDER if status in present]
    return entries + _goal_entries(chart)


def _goal_entries(chart: BarChart) -> list[Entry]:
    goals = [chart.goal] if chart.goal else [bar.goal for bar in chart.bars if bar.goal]
    entries = []
    if any(goal.high is None for goal in goals):
        text = chart.goal.text if chart.goal else t("Mục tiêu", "Target")
        entries.append(Entry(text, "line", TARGET_COLOUR, dash="--" if chart.goal else "-",
                             width=2 if chart.goal else 2.6))
    if any(goal.high is not None for goal in goals):
        text = chart.goal.text if chart.goal else t("Mục tiêu (khoảng)", "Target (range)")
        entries.append(Entry(text, "box", BAND_COLOUR, TARGET_COLOUR, "\\\\", alpha=0.45))
    if any(goal.expected is not None for goal in goals):
        if chart.goal:
            value = format_plain(chart.goal.expected)
            entries.append(Entry(t(f"Mức cần đạt năm nay theo lộ trình: {value}",
                                   f"Expected this year on the path: {value}"),
                                 "line", TARGET_COLOUR, dash=":", width=1.4))
        else:
            entries.append(Entry(t("Mức cần đạt năm nay theo lộ trình",
                                   "Expected this year on the path"),
                                 "marker", "#ffffff", TARGET_COLOUR, marker="D", marker_size=7))
    return entries


def trend_legend(chart: TrendChart) -> list[Entry]:
    """The actual line (when there are values), the statuses of its points, the plan's
    path and its targets."""
    present = {p.status for p in chart.points if p.actual is not None}
    entries = [Entry(t("Thực hiện", "Actual"), "line", INK, width=2.2)] if present else []
    for status in [s for s in STATUS_ORDER[:4] if s in present]:
        style = style_of(status)
        entries.append(Entry(legend_text(status, None), "marker", style.colour,
                             marker=style.marker, marker_size=9))
    if sum(p.expected is not None for p in chart.points) >= 2:
        entries.append(Entry(t("Lộ trình theo kế hoạch", "Path set by the plan"), "line",
                             PATH_COLOUR, "#555555", dash="--", width=1.6, marker="o",
                             marker_size=4))
    if chart.targets:
        entries.append(Entry(t("Mục tiêu của kế hoạch", "Target of the plan"), "marker",
                             BAND_COLOUR, TARGET_COLOUR, marker="*", marker_size=14))
    return entries


def paper_legend(figure, entries: list[Entry], size: float) -> None:
    """The entries in a row (four at most per line) under the plot; none, no legend."""
    if entries:
        figure.legend(handles=matplotlib_handles(entries), loc="outside lower center",
                      ncol=min(len(entries), 4), fontsize=size, frameon=False)


def matplotlib_handles(entries: list[Entry]) -> list:
    """The entries as matplotlib legend handles."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = []
    for entry in entries:
        if entry.shape == "box":
            handles.append(Patch(facecolor=entry.colour, edgecolor=entry.edge,
                                 hatch=entry.hatch or None, alpha=entry.alpha,
                                 label=entry.text))
            continue
        line = entry.shape == "line"
        handles.append(Line2D([], [], color=entry.colour if line else entry.edge,
                              linestyle=entry.dash if line else "none",
                              linewidth=entry.width, marker=entry.marker or None,
                              markersize=entry.marker_size or None,
                              markerfacecolor="white" if line else entry.colour,
                              markeredgecolor=entry.edge, label=entry.text))
    return handles
