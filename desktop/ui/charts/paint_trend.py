"""The trend chart painted on screen: an indicator year by year against the plan's path
and targets, as the printed figure (`desktop.charts.trend`) draws it.

Actual values are a solid line whose points take their status's marker; the
path the plan expects is dashed; each target is a star at its year (a range
adds a bar from its low to its high) with its text in a framed box; years after
the plan's end are shaded. The texts on the plot follow the paper's rule
(`desktop.charts.trend_layout`, `desktop.charts.placement`): each at the first
free place of its own, a value with no room left out; the years are numbered
every 2nd, 5th… year when their numbers would touch, and "Sau kỳ kế hoạch" is
left out when the shaded years are too narrow for it; the words saying there are
no values stand where no line crosses them, and with nothing to draw at all the
value axis has no numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPen

from desktop.charts.data import TrendChart
from desktop.charts.legend import PATH_COLOUR, trend_legend
from desktop.charts.placement import Layout
from desktop.charts.scale import nice_ticks
from desktop.charts.style import BAND_COLOUR, INK, LABEL_SIZE, SMALL_SIZE, TARGET_COLOUR, style_of
from desktop.charts.trend_layout import (
    TARGET_PAD, VALUE_PAD, YEAR_GAP, TrendText, actual_line, numbered_years, path_line,
    plots_nothing, trend_layout, year_step,
)
from desktop.formats import format_plain
from desktop.i18n import t
from desktop.ui.charts.paint_kit import (
    Surface, axis_line, colour, foot_legend, line, marker, plot_area,
)
from desktop.ui.charts.paint_labels import ScreenText, place_and_paint, words_rect

TOP_ROOM = 1.18  # the value axis goes this far above the highest value
SHADE = "#eeeeee"
GRID = "#cccccc"
TOP_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


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

    def position(self, year: float, value: float) -> tuple[float, float]:
        return self.x(year), self.y(value)


@dataclass
class TrendPainting:
    """What a painting of the trend chart put where: the plot's area and each text on
    it (a target's, a value's) with its box, the words saying there are no values (None
    when there are), and the frame that turns (year, value) into pixels."""

    plot: QRectF
    labels: list[tuple[str, QRectF]] = field(default_factory=list)
    words: QRectF | None = None
    frame: Frame | None = None


def paint_trend_chart(surface: Surface, rect: QRectF, chart: TrendChart) -> TrendPainting:
    entries = trend_legend(chart)
    area = plot_area(surface, rect, chart.title, chart.subtitle, entries)
    top = max([p.actual or 0 for p in chart.points] + [p.expected or 0 for p in chart.points]
              + [g.high or g.low for g in chart.targets] + [1.0]) * TOP_ROOM
    # no value, path or target: no scale to read, no numbers from 0 to 1 on the axis
    ticks = [] if plots_nothing(chart) else [tick for tick in nice_ticks(top) if tick <= top]
    metrics = surface.metrics(surface.font(LABEL_SIZE))
    tick_width = max((metrics.horizontalAdvance(format_plain(tick)) for tick in ticks), default=0)
    left = area.left() + axis_line(surface) + tick_width + surface.px(8)
    plot = QRectF(left, area.top(), area.right() - left - surface.px(6), area.height())
    years = [point.year for point in chart.points]
    frame = Frame(plot, years[0], years[-1], top)
    fixed = _after_plan(surface, chart, frame)
    _axes(surface, chart, frame, ticks, area.left())
    _path(surface, chart, frame)
    _target_marks(surface, chart, frame)
    _actuals(surface, chart, frame)
    layout = _layout(surface, chart)
    words = _no_values(surface, chart, frame, layout)
    layout.fixed = fixed + words
    # the texts above the lines
    painting = TrendPainting(plot, place_and_paint(surface, layout, frame.plot, frame.position),
                             words[0] if words else None, frame)
    foot_legend(surface, rect, entries)
    return painting


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
    for year in _numbered(surface, chart, frame):
        x = frame.x(year)
        surface.text(QRectF(x - 40, plot.bottom() + surface.px(3), 80, line_height),
                     str(year), font, Qt.AlignmentFlag.AlignHCenter)
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


def _numbered(surface: Surface, chart: TrendChart, frame: Frame) -> list[int]:
    """The years numbered under the axis: every year, or every 2nd, 5th… as on paper."""
    years = [point.year for point in chart.points]
    metrics = surface.metrics(surface.font(LABEL_SIZE))
    widest = max(metrics.horizontalAdvance(str(year)) for year in years)
    room = frame.x(frame.first_year + 1) - frame.x(frame.first_year)
    return numbered_years(years, year_step(widest + surface.px(YEAR_GAP), room))


def _after_plan(surface: Surface, chart: TrendChart, frame: Frame) -> list[QRectF]:
    """The years after the plan's end shaded, and named at the top when the words fit
    (their rectangle, in a list)."""
    if chart.plan_end is None or chart.plan_end >= frame.last_year:
        return []
    plot = frame.plot
    start = frame.x(chart.plan_end + 0.5)
    surface.painter.fillRect(QRectF(start, plot.top(), plot.right() - start, plot.height()),
                             colour(SHADE))
    font, words = surface.font(SMALL_SIZE, italic=True), t("Sau kỳ kế hoạch", "After the plan")
    room = QRectF(start + surface.px(4), plot.top() + surface.px(2), plot.right() - start,
                  surface.px(14))
    shown = surface.metrics(font).boundingRect(room, int(TOP_LEFT), words)
    if shown.right() > plot.right():  # a shaded strip too narrow for its words keeps none
        return []
    surface.text(room, words, font, TOP_LEFT, ink="#555555")
    return [shown]


def _path(surface: Surface, chart: TrendChart, frame: Frame) -> None:
    path = path_line(chart)
    if path is None:  # one point is the target itself, shown by its star
        return
    points = [QPointF(*frame.position(year, value)) for year, value in zip(*path)]
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


def _no_values(surface: Surface, chart: TrendChart, frame: Frame, layout: Layout
               ) -> list[QRectF]:
    """With no values, the words saying so where no line crosses them (their rectangle,
    in a list; else none)."""
    if actual_line(chart)[0]:
        return []
    font = surface.font(LABEL_SIZE + 2, italic=True)
    words = t("Chưa có số liệu của các năm này", "No values for these years")
    shown = surface.metrics(font).boundingRect(frame.plot, int(Qt.AlignmentFlag.AlignCenter),
                                               words)
    rect = words_rect(surface, layout, frame.plot, frame.position,
                      (shown.width(), shown.height()))
    surface.text(rect, words, font, ink="#555555")
    return [rect]


def _actuals(surface: Surface, chart: TrendChart, frame: Frame) -> None:
    """The actual line and its points' markers."""
    xs, ys = actual_line(chart)
    if not xs:
        return
    centres = [QPointF(*frame.position(year, value)) for year, value in zip(xs, ys)]
    for start, end in zip(centres, centres[1:]):
        line(surface, start, end, INK, 2.2)
    shown = [point for point in chart.points if point.actual is not None]
    for point, centre in zip(shown, centres):
        style = style_of(point.status)
        marker(surface, centre, style.marker, 10, style.colour, INK)


def _layout(surface: Surface, chart: TrendChart) -> Layout:
    """Each target's and value's text as a label to place (`desktop.charts.placement`),
    with the markers and lines they keep clear of."""
    font = surface.font(SMALL_SIZE)

    def screen_text(text: TrendText) -> ScreenText:
        if text.target:  # a frame as on paper: its pad in font sizes, a line around it
            return ScreenText(text.text, font, surface.px(SMALL_SIZE * TARGET_PAD) + 0.5,
                              "#999999")
        return ScreenText(text.text, font, surface.px(SMALL_SIZE * VALUE_PAD), opacity=0.85)

    return trend_layout(chart, screen_text)
