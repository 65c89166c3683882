"""The trend chart painted on screen: an indicator year by year against the plan's path
and targets, as the printed figure (`desktop.charts.trend`) draws it.

Actual values are a solid line whose points take their status's marker; the
path the plan expects is dashed; each target is a star at its year (a range
adds a bar from its low to its high) with its text in a framed box; years after
the plan's end are shaded.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPen

from desktop.charts.data import TrendChart
from desktop.charts.legend import PATH_COLOUR, trend_legend
from desktop.charts.scale import nice_ticks
from desktop.charts.style import BAND_COLOUR, INK, LABEL_SIZE, SMALL_SIZE, TARGET_COLOUR, style_of
from desktop.charts.trend import label_side, reference
from desktop.formats import format_number, format_plain
from desktop.i18n import t
from desktop.ui.charts.paint_kit import (
    Surface, axis_line, colour, foot_legend, line, marker, plot_area,
)

TOP_ROOM = 1.18  # the value axis goes this far above the highest value
SHADE = "#eeeeee"
GRID = "#cccccc"


@dataclass
class Frame:
    plot: QRectF
    first_year: int
    last_year: int
    top_value: float

    def x(self, year: float) -> float:
        span = self.last_year - self.first_year + 1
        return self.plot.left() + (year - self.first_year + 0.5) / span * self.plot.width()

    def y(self, value: float) -> float:
        return self.plot.bottom() - max(value, 0.0) / self.top_value * self.plot.height()


def paint_trend_chart(surface: Surface, rect: QRectF, chart: TrendChart) -> None:
    entries = trend_legend(chart)
    area = plot_area(surface, rect, chart.title, chart.subtitle, entries)
    top = max([p.actual or 0 for p in chart.points] + [p.expected or 0 for p in chart.points]
              + [g.high or g.low for g in chart.targets] + [1.0]) * TOP_ROOM
    ticks = [tick for tick in nice_ticks(top) if tick <= top]
    metrics = surface.metrics(surface.font(LABEL_SIZE))
    tick_width = max(metrics.horizontalAdvance(format_plain(tick)) for tick in ticks)
    left = area.left() + axis_line(surface) + tick_width + surface.px(8)
    plot = QRectF(left, area.top(), area.right() - left - surface.px(6), area.height())
    years = [point.year for point in chart.points]
    frame = Frame(plot, years[0], years[-1], top)
    _after_plan(surface, chart, frame)
    _axes(surface, chart, frame, ticks, area.left())
    _path(surface, chart, frame)
    _target_marks(surface, chart, frame)
    _actuals(surface, chart, frame)
    _target_labels(surface, chart, frame)  # above the lines, as on paper
    foot_legend(surface, rect, entries)


def _axes(surface: Surface, chart: TrendChart, frame: Frame, ticks: list[float],
          label_left: float) -> None:
    """Grid, ticks and their numbers, the years, and both axes' names (the value's
    turned upright at `label_left`)."""
    plot, font = frame.plot, surface.font(LABEL_SIZE)
    line_height = axis_line(surface)
    for tick in ticks:
        y = frame.y(tick)
        line(surface, QPointF(plot.left(), y), QPointF(plot.right(), y), GRID, 0.6)
        surface.text(QRectF(plot.left() - 200 - surface.px(4), y - line_height / 2, 200,
                            line_height), format_plain(tick), font,
                     Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    for point in chart.points:
        x = frame.x(point.year)
        surface.text(QRectF(x - 40, plot.bottom() + surface.px(3), 80, line_height),
                     str(point.year), font, Qt.AlignmentFlag.AlignHCenter)
    surface.text(QRectF(plot.left(), plot.bottom() + line_height, plot.width(), line_height),
                 t("Năm", "Year"), font)
    line(surface, plot.topLeft(), plot.bottomLeft(), INK, 0.8)
    line(surface, plot.bottomLeft(), plot.bottomRight(), INK, 0.8)
    painter = surface.painter
    painter.save()
    painter.translate(label_left, plot.center().y())
    painter.rotate(-90)
    surface.text(QRectF(-plot.height() / 2, 0, plot.height(), line_height), chart.axis_label, font)
    painter.restore()


def _after_plan(surface: Surface, chart: TrendChart, frame: Frame) -> None:
    if chart.plan_end is None or chart.plan_end >= frame.last_year:
        return
    plot = frame.plot
    start = frame.x(chart.plan_end + 0.5)
    surface.painter.fillRect(QRectF(start, plot.top(), plot.right() - start, plot.height()),
                             colour(SHADE))
    surface.text(QRectF(start + surface.px(4), plot.top() + surface.px(2),
                        plot.right() - start, surface.px(14)),
                 t("Sau kỳ kế hoạch", "After the plan"), surface.font(SMALL_SIZE, italic=True),
                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, ink="#555555")


def _path(surface: Surface, chart: TrendChart, frame: Frame) -> None:
    points = [QPointF(frame.x(p.year), frame.y(p.expected)) for p in chart.points
              if p.expected is not None]
    if len(points) < 2:  # one point is the target itself, shown by its star
        return
    for start, end in zip(points, points[1:]):
        line(surface, start, end, PATH_COLOUR, 1.6, "--")
    for point in points:
        marker(surface, point, "o", 4, "#ffffff", PATH_COLOUR)


def _target_marks(surface: Surface, chart: TrendChart, frame: Frame) -> None:
    """Each target's star at its year (a range: a bar from its low to its high)."""
    for goal in chart.targets:
        x = frame.x(goal.year)
        if goal.high is not None:
            surface.painter.setPen(QPen(colour(TARGET_COLOUR, 0.5), surface.px(6)))
            surface.painter.drawLine(QPointF(x, frame.y(goal.low)), QPointF(x, frame.y(goal.high)))
        marker(surface, QPointF(x, frame.y(goal.low)), "*", 16, BAND_COLOUR, TARGET_COLOUR)


def _target_labels(surface: Surface, chart: TrendChart, frame: Frame) -> None:
    """Each target's text in a framed box, on the side the actual line leaves free."""
    font = surface.font(SMALL_SIZE)
    metrics = surface.metrics(font)
    for goal in chart.targets:
        x = frame.x(goal.year)
        actual = next((p.actual for p in chart.points if p.year == goal.year), None)
        above = actual is None or actual < goal.low
        side, shift = label_side(chart, goal.year, above)
        anchor_y = frame.y(goal.high if above and goal.high else goal.low)
        size = metrics.boundingRect(goal.text)
        width, height = size.width() + surface.px(4), size.height() + surface.px(2)
        left = x + surface.px(shift) - (width if side == "right" else 0)
        top = anchor_y - surface.px(13) - height if above else anchor_y + surface.px(12)
        surface.text(QRectF(left, top, width, height), goal.text, font, box="#ffffff",
                     border="#999999")


def _actuals(surface: Surface, chart: TrendChart, frame: Frame) -> None:
    shown = [p for p in chart.points if p.actual is not None]
    if not shown:
        surface.text(frame.plot, t("Chưa có số liệu của các năm này", "No values for these years"),
                     surface.font(LABEL_SIZE + 2, italic=True), ink="#555555")
        return
    centres = [QPointF(frame.x(p.year), frame.y(p.actual)) for p in shown]
    for start, end in zip(centres, centres[1:]):
        line(surface, start, end, INK, 2.2)
    font = surface.font(SMALL_SIZE)
    height = surface.metrics(font).height()
    for point, centre in zip(shown, centres):
        style = style_of(point.status)
        marker(surface, centre, style.marker, 10, style.colour, INK)
        target = reference(chart, point.year)
        below = target is not None and point.actual < target
        top = centre.y() + surface.px(11) if below else centre.y() - surface.px(10) - height
        surface.text(QRectF(centre.x() - 60, top, 120, height),
                     format_number(point.actual, chart.decimals), font, box="#ffffff")
