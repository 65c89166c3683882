"""A bar chart painted on screen: one horizontal bar per indicator or unit, top to
bottom, with its label on the left, its text (value and status) after it and its
target across it; the title above, the value axis and the legend below.

The choices are the printed figure's (`desktop.charts.figures`): the same label
wrapping and fonts (`fit_labels`), the same axis ticks, room kept after the
bars for their texts, the same legend entries. Bars outside the part of the
widget being repainted are skipped, so a chart of thousands of units scrolls
without drawing them all.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt

from desktop.charts.data import BarChart, Goal
from desktop.charts.figures import (
    LABEL_ROOM, MAX_LABEL_ROOM, MIN_FONT, data_top, fit_labels, goal_top, readable_height,
)
from desktop.charts.legend import bar_legend
from desktop.charts.scale import nice_ticks
from desktop.charts.style import BAND_COLOUR, INK, LABEL_SIZE, SMALL_SIZE, TARGET_COLOUR, style_of
from desktop.formats import format_plain
from desktop.ui.charts.paint_kit import (
    WRAP, Surface, axis_line, fill_box, foot_legend, line, marker, plot_area,
)

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
LABEL_SHARE = 0.45  # at most this share of the width for the bars' labels
BAR_HEIGHT = 0.62  # of each bar's row
GRID = "#cccccc"


@dataclass
class Frame:
    """Where things go: the plot, the value scale, the fonts."""

    plot: QRectF
    labels: list[str]
    label_font: float
    text_font: float
    top_value: float  # the value at the plot's right edge
    labels_left: float  # where the labels' column begins

    def x(self, value: float) -> float:
        return self.plot.left() + max(value, 0.0) / self.top_value * self.plot.width()

    def row(self, index: int, count: int) -> tuple[float, float]:
        """The top and height of bar `index`'s row."""
        height = self.plot.height() / max(count, 1)
        return self.plot.top() + index * height, height


def paint_bar_chart(surface: Surface, rect: QRectF, chart: BarChart, exposed: QRectF) -> None:
    entries = bar_legend(chart)
    area = plot_area(surface, rect, chart.title, chart.subtitle, entries)
    frame = _frame(surface, chart, area, rect.height() / surface.px(72))
    _grid_and_axis(surface, chart, frame)
    if chart.goal is not None:
        _common_span(surface, frame, chart.goal)
    _bars(surface, chart, frame, exposed)
    if chart.goal is not None:
        _common_lines(surface, frame, chart.goal)
    line_height = axis_line(surface)
    surface.text(QRectF(frame.plot.left(), frame.plot.bottom() + line_height, frame.plot.width(),
                        line_height), chart.axis_label, surface.font(LABEL_SIZE))
    foot_legend(surface, rect, entries)


def _frame(surface: Surface, chart: BarChart, area: QRectF, inches: float) -> Frame:
    """The labels wrapped and sized as on paper for a chart `inches` tall, the label
    column as wide as its longest line, and room after the bars for the longest text."""
    labels, font = fit_labels([bar.label for bar in chart.bars], inches)
    metrics = surface.metrics(surface.font(font))
    widest = max((metrics.horizontalAdvance(part) for label in labels
                  for part in label.split("\n")), default=0.0)
    column = min(widest + surface.px(8), area.width() * LABEL_SHARE)
    if widest + surface.px(8) > column:  # a narrow window: labels wrap within the column
        font = _wrapped_label_font(surface, labels, font, column - surface.px(8),
                                   area.height() / max(len(labels), 1))
    plot = QRectF(area.left() + column, area.top(), area.width() - column, area.height())
    text_font, room = MIN_FONT, MAX_LABEL_ROOM
    longest = max((bar.text for bar in chart.bars), key=len, default="")
    for size in [size for size in (LABEL_SIZE, SMALL_SIZE, MIN_FONT) if size <= font]:
        needed = surface.metrics(surface.font(size)).horizontalAdvance(longest) + surface.px(20)
        share = max(LABEL_ROOM, needed / max(plot.width(), 1.0))
        if share <= MAX_LABEL_ROOM:
            text_font, room = size, share
            break
    return Frame(plot, labels, font, text_font, data_top(chart) / (1 - room), area.left())


def _wrapped_label_font(surface: Surface, labels: list[str], font: float, width: float,
                        row_height: float) -> float:
    """The largest font (no larger than `font`) at which every label, wrapped to
    `width`, fits its bar's row; the smallest when none does (the rest is cut)."""
    for size in [size for size in (LABEL_SIZE, SMALL_SIZE, MIN_FONT) if size <= font]:
        qfont = surface.font(size)
        if all(surface.text_rect(label, qfont, width, RIGHT | WRAP).height() <= row_height
               for label in labels):
            return size
    return MIN_FONT


def _grid_and_axis(surface: Surface, chart: BarChart, frame: Frame) -> None:
    plot = frame.plot
    font = surface.font(LABEL_SIZE)
    tick_height = axis_line(surface)
    for tick in nice_ticks(data_top(chart)):
        x = frame.x(tick)
        line(surface, QPointF(x, plot.top()), QPointF(x, plot.bottom()), GRID, 0.6)
        surface.text(QRectF(x - 40, plot.bottom() + surface.px(3), 80, tick_height),
                     format_plain(tick), font, Qt.AlignmentFlag.AlignHCenter)
    line(surface, plot.topLeft(), plot.bottomLeft(), INK, 0.8)
    line(surface, plot.bottomLeft(), plot.bottomRight(), INK, 0.8)


def _bars(surface: Surface, chart: BarChart, frame: Frame, exposed: QRectF) -> None:
    count = len(chart.bars)
    label_font, text_font = surface.font(frame.label_font), surface.font(frame.text_font)
    for index, bar in enumerate(chart.bars):
        top, height = frame.row(index, count)
        if top > exposed.bottom() or top + height < exposed.top():
            continue
        style = style_of(bar.status)
        middle = top + height / 2
        bar_rect = QRectF(frame.plot.left(), middle - height * BAR_HEIGHT / 2,
                          frame.x(bar.value or 0.0) - frame.plot.left(), height * BAR_HEIGHT)
        fill_box(surface, bar_rect, style.colour, style.hatch, INK)
        if bar.goal is not None and chart.goal is None:
            _bar_goal(surface, frame, bar.goal, middle, height)
        anchor = frame.x(max(bar.value or 0.0, goal_top(chart.goal or bar.goal)))
        surface.text(QRectF(anchor + surface.px(6), top, frame.plot.right() - anchor, height),
                     bar.text, text_font, LEFT, box="#ffffff")
        surface.text(QRectF(frame.labels_left, top,
                            frame.plot.left() - surface.px(5) - frame.labels_left, height),
                     frame.labels[index], label_font, RIGHT | WRAP)


def _bar_goal(surface: Surface, frame: Frame, goal: Goal, middle: float, height: float) -> None:
    """A bar's own target: a thick tick across the bar, or a shaded span for a range."""
    low, high = middle - height * 0.42, middle + height * 0.42
    if goal.high is not None:
        fill_box(surface, QRectF(frame.x(goal.low), low, frame.x(goal.high) - frame.x(goal.low),
                                 high - low), BAND_COLOUR, "\\\\", TARGET_COLOUR, alpha=0.45)
    else:
        line(surface, QPointF(frame.x(goal.low), low), QPointF(frame.x(goal.low), high),
             TARGET_COLOUR, 2.6)
    if goal.expected is not None:
        marker(surface, QPointF(frame.x(goal.expected), middle), "D", 7, "#ffffff",
               TARGET_COLOUR, 1.4)


def _common_span(surface: Surface, frame: Frame, goal: Goal) -> None:
    if goal.high is not None:
        plot = frame.plot
        fill_box(surface, QRectF(frame.x(goal.low), plot.top(),
                                 frame.x(goal.high) - frame.x(goal.low), plot.height()),
                 BAND_COLOUR, "\\\\", None, alpha=0.3)


def _common_lines(surface: Surface, frame: Frame, goal: Goal) -> None:
    plot = frame.plot
    if goal.high is None:
        x = frame.x(goal.low)
        line(surface, QPointF(x, plot.top()), QPointF(x, plot.bottom()), TARGET_COLOUR, 1.6, "--")
    if goal.expected is not None:
        x = frame.x(goal.expected)
        line(surface, QPointF(x, plot.top()), QPointF(x, plot.bottom()), TARGET_COLOUR, 1.4, ":")


def least_height(chart: BarChart, dpi: float) -> float:
    """The pixels below which the labels would overlap (the view then scrolls)."""
    return readable_height(chart) * dpi

