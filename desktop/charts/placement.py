"""Text labels placed where they collide with nothing: not with each other, not with
the markers, not outside the plot (where the axes' numbers, names and the legend are).

A label has places to try, in order: offsets from its point, each with its
alignment, in tiers (near places, then farther ones). A place is free when its
box, with a small gap, lies inside the plot and meets no label placed before,
no marker and no fixed text. Of the free places the nearest tier's wins, the
first in order; a place crossing a line of the chart counts one tier farther
(so a label moves one step out rather than cut a line, but not two). A label
with no free place is left out. Words about the whole plot ("no values") take the
first of a few spots that no line crosses (`words_spot`).

This is the rule alone, in plain geometry: boxes in the drawing's pixels, sizes
in points. What draws the chart supplies a `Canvas` — where a data point falls,
how big a label's text is, how big a point is — and draws each label where
`place_labels` puts it: `desktop.charts.label_placer` for paper (matplotlib's
renderer measures), `desktop.ui.charts.paint_labels` for the screen
(`QFontMetricsF` measures). Neither matplotlib nor Qt is imported here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

GAP = 1.5  # points kept free around each label

Point = tuple[float, float]
Segment = tuple[float, float, float, float]


@dataclass(frozen=True)
class Place:
    dx: float  # points right of the anchor
    dy: float  # points above the anchor
    ha: str
    va: str
    tier: int = 0
    anchor: tuple[float, float] | None = None  # data coordinates; None: the label's own


@dataclass
class Label:
    item: object  # what the drawing side places: a matplotlib text, a text to paint…
    anchor: tuple[float, float]  # data coordinates
    places: list[Place]


@dataclass(frozen=True)
class Obstacle:
    """A marker (or a range's bar) in data coordinates, `half_width` and `half_height`
    points around it (from `y` up to `top`, for a bar)."""

    x: float
    y: float
    half_width: float
    half_height: float
    top: float | None = None


@dataclass
class Layout:
    labels: list[Label] = field(default_factory=list)  # placed in this order
    obstacles: list[Obstacle] = field(default_factory=list)
    lines: list[tuple[list[float], list[float]]] = field(default_factory=list)
    fixed: list = field(default_factory=list)  # texts that stay where they are


class Box(NamedTuple):
    """A rectangle in the drawing's pixels (y up on paper, down on screen: a box is
    the same either way)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def padded(self, pad: float) -> Box:
        return Box(self.x0 - pad, self.y0 - pad, self.x1 + pad, self.y1 + pad)

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 \
            and other.y0 < self.y1

    def within(self, outer: Box) -> bool:
        return outer.x0 <= self.x0 and self.x1 <= outer.x1 and outer.y0 <= self.y0 \
            and self.y1 <= outer.y1


@dataclass(frozen=True)
class Extent:
    """A label's text size and its frame's margins, in pixels: measured once, its box at
    any place follows (the text aligned at the place, the frame around it)."""

    width: float
    height: float
    margin: float

    def box(self, x: float, y: float, place: Place, pixels, down: bool = False) -> Box:
        """The framed box at `place` from the anchor's pixel (x, y); `pixels` turns points
        into pixels; `down`: the drawing's y grows downwards (the screen)."""
        x += pixels(place.dx)
        x0 = x - {"left": 0.0, "center": self.width / 2, "right": self.width}[place.ha]
        if down:
            y -= pixels(place.dy)
            y0 = y - {"top": 0.0, "center": self.height / 2, "bottom": self.height}[place.va]
        else:
            y += pixels(place.dy)
            y0 = y - {"bottom": 0.0, "center": self.height / 2, "top": self.height}[place.va]
        return Box(x0, y0, x0 + self.width, y0 + self.height).padded(self.margin)


class Canvas(Protocol):
    """What the rule needs of a drawing."""

    plot: Box  # the labels stay inside it
    down: bool  # y grows downwards

    def pixels(self, points: float) -> float: ...

    def to_pixels(self, points: Sequence[Point]) -> list[Point]: ...  # data → pixels

    def measure(self, label: Label) -> Extent: ...

    def text_box(self, fixed: object) -> Box | None: ...  # None: not shown


@dataclass(frozen=True)
class Placed:
    label: Label
    place: Place | None  # None: no free place, the label is left out
    box: Box | None  # its framed box, as drawn


def place_labels(layout: Layout, canvas: Canvas) -> list[Placed]:
    """Each label's best free place, in the layout's order (see the module's text)."""
    gap = canvas.pixels(GAP)
    taken = [box for box in map(canvas.text_box, layout.fixed) if box is not None]
    taken += [obstacle_box(canvas, obstacle) for obstacle in layout.obstacles]
    segments = _line_segments(layout, canvas)
    placed = []
    for label in layout.labels:
        best = _best(label, canvas, canvas.measure(label), taken, segments, gap)
        if best is None:
            placed.append(Placed(label, None, None))
            continue
        place, drawn = best
        taken.append(drawn.padded(gap))
        placed.append(Placed(label, place, drawn))
    return placed


def _best(label: Label, canvas: Canvas, extent: Extent, taken: list[Box],
          segments: list[Segment], gap: float) -> tuple[Place, Box] | None:
    """The free place of least (tier, one more if it crosses a line; crossings; order)."""
    best, best_key = None, None
    for index, place in enumerate(label.places):
        if best_key is not None and place.tier > best_key[0]:
            continue  # cannot beat the best found
        (x, y), = canvas.to_pixels([place.anchor or label.anchor])
        drawn = extent.box(x, y, place, canvas.pixels, canvas.down)
        box = drawn.padded(gap)
        if not box.within(canvas.plot) or any(box.overlaps(other) for other in taken):
            continue
        crossings = sum(crosses(drawn, segment) for segment in segments)
        key = (place.tier + (crossings > 0), crossings, index)  # a crossing costs a tier
        if best_key is None or key < best_key:
            best, best_key = (place, drawn), key
    return best


def obstacle_box(canvas: Canvas, obstacle: Obstacle) -> Box:
    (x, y), = canvas.to_pixels([(obstacle.x, obstacle.y)])
    top = canvas.to_pixels([(obstacle.x, obstacle.top)])[0][1] if obstacle.top is not None \
        else y
    width = canvas.pixels(obstacle.half_width)
    height = canvas.pixels(obstacle.half_height)
    return Box(x - width, min(y, top) - height, x + width, max(y, top) + height)


def _line_segments(layout: Layout, canvas: Canvas) -> list[Segment]:
    """The layout's lines, segment by segment, in the canvas's pixels."""
    return [segment for xs, ys in layout.lines
            for segment in _segments(canvas.to_pixels(list(zip(xs, ys))))]


def _segments(points: Sequence[Point]) -> list[Segment]:
    return [(float(x0), float(y0), float(x1), float(y1))
            for (x0, y0), (x1, y1) in zip(points, points[1:])]


def crosses(box: Box, segment: Segment) -> bool:
    """Does the segment (in the box's pixels) pass through the box's inside? (Liang–Barsky)"""
    x0, y0, x1, y1 = segment
    if max(x0, x1) <= box.x0 or min(x0, x1) >= box.x1 or max(y0, y1) <= box.y0 \
            or min(y0, y1) >= box.y1:
        return False
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - box.x0), (dx, box.x1 - x0), (-dy, y0 - box.y0), (dy, box.y1 - y0)):
        if p == 0:
            if q <= 0:
                return False
            continue
        ratio = q / p
        if p < 0:
            low = max(low, ratio)
        else:
            high = min(high, ratio)
        if low >= high:
            return False
    return True


# Where words about the whole plot ("no values for these years") may stand: their
# centre, as fractions of the plot's width from the left and height from the bottom.
WORDS_SPOTS = ((0.5, 0.5), (0.5, 0.72), (0.5, 0.28), (0.3, 0.82), (0.7, 0.18), (0.7, 0.82),
               (0.3, 0.18))


def words_spot(layout: Layout, canvas: Canvas, width: float, height: float) -> Point:
    """The first of `WORDS_SPOTS` where words `width` × `height` pixels cross no line and
    cover no marker (else the spot where they cross and cover fewest)."""
    segments = _line_segments(layout, canvas)
    markers = [obstacle_box(canvas, obstacle) for obstacle in layout.obstacles]

    def cost(spot: Point) -> int:
        box = spot_box(canvas, spot, width, height).padded(canvas.pixels(GAP))
        return sum(crosses(box, segment) for segment in segments) \
            + sum(box.overlaps(marker) for marker in markers)
    return min(WORDS_SPOTS, key=cost)  # the first of the least cost


def spot_box(canvas: Canvas, spot: Point, width: float, height: float) -> Box:
    """The box of words `width` × `height` pixels centred at `spot` (fractions of the
    plot's width from the left and height from the bottom)."""
    plot = canvas.plot
    x = plot.x0 + spot[0] * (plot.x1 - plot.x0)
    rise = spot[1] * (plot.y1 - plot.y0)
    y = plot.y1 - rise if canvas.down else plot.y0 + rise
    return Box(x - width / 2, y - height / 2, x + width / 2, y + height / 2)
