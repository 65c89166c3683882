"""Labels placed on screen: `desktop.charts.placement`'s rule (the same as on paper) for
texts painted on a chart with Qt, measured with `QFontMetricsF`.

Each label is painted in its framed box where the rule puts it (its frame's
outer edge is the box the rule measured), or left out when there is no room;
`place_and_paint` returns what it painted, each text with its box, for tests and
for reading the chart aloud.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPen

from desktop.charts.placement import (
    Box, Extent, Label, Layout, Point, place_labels, spot_box, words_spot,
)
from desktop.ui.charts.paint_kit import Surface, colour

RADIUS = 2  # pixels: the frame's rounded corners


@dataclass(frozen=True)
class ScreenText:
    """A label's text as painted: its font, its frame's margin around the text (pixels),
    its frame's line colour (None: no line) and fill's opacity."""

    text: str
    font: QFont
    margin: float
    border: str | None = None
    opacity: float = 1.0


class _Screen:
    """The canvas of `placement`: the widget's pixels, y down."""

    down = True

    def __init__(self, surface: Surface, plot: QRectF, position: Callable[[float, float], Point]):
        self.surface, self.position = surface, position
        self.plot = box_of(plot)
        self.pixels = surface.px
        self._metrics: dict[str, object] = {}

    def to_pixels(self, points: Sequence[Point]) -> list[Point]:
        return [self.position(x, y) for x, y in points]

    def measure(self, label: Label) -> Extent:
        text: ScreenText = label.item
        key = text.font.key()
        if key not in self._metrics:
            self._metrics[key] = self.surface.metrics(text.font)
        metrics = self._metrics[key]
        return Extent(metrics.horizontalAdvance(text.text), metrics.height(), text.margin)

    def text_box(self, rect: QRectF) -> Box:
        return box_of(rect)


def box_of(rect: QRectF) -> Box:
    return Box(rect.left(), rect.top(), rect.right(), rect.bottom())


def rect_of(box: Box) -> QRectF:
    return QRectF(QPointF(box.x0, box.y0), QPointF(box.x1, box.y1))


def words_rect(surface: Surface, layout: Layout, plot: QRectF,
               position: Callable[[float, float], Point], size: tuple[float, float]) -> QRectF:
    """Where words about the whole plot, `size` pixels, go: the first spot where they cross
    no line and cover no marker (`placement.words_spot`)."""
    screen = _Screen(surface, plot, position)
    return rect_of(spot_box(screen, words_spot(layout, screen, *size), *size))


def place_and_paint(surface: Surface, layout: Layout, plot: QRectF,
                    position: Callable[[float, float], Point]) -> list[tuple[str, QRectF]]:
    """The layout's labels (items: `ScreenText`) painted at their places inside `plot`
    (`position` turns data coordinates into pixels; the layout's fixed texts are their
    rectangles); the texts painted and their boxes."""
    painted = []
    for placed in place_labels(layout, _Screen(surface, plot, position)):
        if placed.box is None:
            continue
        rect = rect_of(placed.box)
        paint_label(surface, rect, placed.label.item)
        painted.append((placed.label.item.text, rect))
    return painted


def paint_label(surface: Surface, rect: QRectF, text: ScreenText) -> None:
    """The text centred in `rect`, over its frame filling `rect` (line included)."""
    painter = surface.painter
    half = 0.5 if text.border else 0.0  # a 1-pixel line, its outer edge on the rectangle's
    painter.setPen(QPen(colour(text.border), 1) if text.border else Qt.PenStyle.NoPen)
    painter.setBrush(colour("#ffffff", text.opacity))
    painter.drawRoundedRect(rect.adjusted(half, half, -half, -half), RADIUS, RADIUS)
    surface.text(rect, text.text, text.font)
