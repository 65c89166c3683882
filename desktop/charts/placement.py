"""Text labels placed where they collide with nothing: not with each other, not with
the markers, not outside the plot (where the axes' numbers, names and the legend are).

A label has places to try, in order: offsets from its point, each with its
alignment, in tiers (near places, then farther ones). The places are tried when
the figure is drawn, since only then are the plot's final size and the
renderer's text extents known: a `LabelPlacer` is an artist drawn before every
other one of its axes, which measures each label once (`get_window_extent`) and
works out its box at each place. A place is free when its box, with a small gap,
lies inside the plot and meets no label placed before, no marker and no fixed
text. Of the free places the nearest tier's wins, the first in order; a place
crossing a line of the chart counts one tier farther (so a label moves one step
out rather than cut a line, but not two). A label with no free place is not
drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

GAP = 1.5  # points kept free around each label


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
    artist: object  # a matplotlib Annotation with textcoords "offset points"
    anchor: tuple[float, float]
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
    """A rectangle in display pixels."""

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


def place_labels(axes, layout: Layout, renderer) -> None:
    """Put each label at its best free place, or hide it (see the module's text)."""
    gap = renderer.points_to_pixels(GAP)
    plot = Box(*axes.bbox.extents)
    taken = [_text_box(text, renderer) for text in layout.fixed
             if text.get_visible() and text.get_text()]
    taken += [_obstacle_box(axes, obstacle, renderer) for obstacle in layout.obstacles]
    segments = [segment for xs, ys in layout.lines
                for segment in _segments(axes.transData.transform(list(zip(xs, ys))))]
    for label in layout.labels:
        shape = _Shape.measure(label, renderer)
        best, best_key = None, None
        for index, place in enumerate(label.places):
            drawn = shape.box(axes, place.anchor or label.anchor, place, renderer)
            box = drawn.padded(gap)
            if not box.within(plot) or any(box.overlaps(other) for other in taken):
                continue
            crossings = sum(_crosses(drawn, segment) for segment in segments)
            key = (place.tier + (crossings > 0), crossings, index)  # a crossing costs a tier
            if best_key is None or key < best_key:
                best, best_key = (place, box), key
        if best is None:
            label.artist.set_visible(False)
            continue
        place, box = best
        _put(label, place)
        taken.append(box)


@dataclass(frozen=True)
class _Shape:
    """A label's text size and its frame's margins, in pixels: measured once, its box at
    any place follows (matplotlib aligns the text's extent, the frame goes around it)."""

    width: float
    height: float
    margin: float

    @classmethod
    def measure(cls, label: Label, renderer) -> _Shape:
        _put(label, label.places[0])
        text = label.artist.get_window_extent(renderer)
        return cls(text.width, text.height, _frame_margin(label.artist, renderer))

    def box(self, axes, anchor: tuple[float, float], place: Place, renderer) -> Box:
        x, y = axes.transData.transform(anchor)
        x += renderer.points_to_pixels(place.dx)
        y += renderer.points_to_pixels(place.dy)
        x0 = x - {"left": 0.0, "center": self.width / 2, "right": self.width}[place.ha]
        y0 = y - {"bottom": 0.0, "center": self.height / 2, "top": self.height}[place.va]
        return Box(x0, y0, x0 + self.width, y0 + self.height).padded(self.margin)


def _frame_margin(text, renderer) -> float:
    """How far a text's framed box reaches beyond the text: its style's pad (in font
    sizes) and half the frame's line."""
    patch = text.get_bbox_patch()
    if patch is None:
        return 0.0
    pad = getattr(patch.get_boxstyle(), "pad", 0.3)
    edge = patch.get_linewidth() / 2 if patch.get_edgecolor()[3] > 0 else 0.0
    return renderer.points_to_pixels(text.get_size() * pad + edge)


def _put(label: Label, place: Place) -> None:
    artist = label.artist
    artist.set_visible(True)
    artist.xy = place.anchor or label.anchor
    artist.xyann = (place.dx, place.dy)
    artist.set_horizontalalignment(place.ha)
    artist.set_verticalalignment(place.va)


def _text_box(text, renderer) -> Box:
    """The text's extent, with its framed box if it has one."""
    return Box(*text.get_window_extent(renderer).extents).padded(_frame_margin(text, renderer))


def _obstacle_box(axes, obstacle: Obstacle, renderer) -> Box:
    x, y = axes.transData.transform((obstacle.x, obstacle.y))
    top = axes.transData.transform((obstacle.x, obstacle.top))[1] if obstacle.top is not None \
        else y
    width = renderer.points_to_pixels(obstacle.half_width)
    height = renderer.points_to_pixels(obstacle.half_height)
    return Box(x - width, min(y, top) - height, x + width, max(y, top) + height)


def _segments(points) -> list[tuple[float, float, float, float]]:
    return [(float(x0), float(y0), float(x1), float(y1))
            for (x0, y0), (x1, y1) in zip(points, points[1:])]


def _crosses(box: Box, segment: tuple[float, float, float, float]) -> bool:
    """Does the segment (display coordinates) pass through the box's inside? (Liang–Barsky)"""
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


def label_placer(axes, layout: Layout, before: Callable | None = None):
    """An artist, added to `axes`, that places the layout's labels whenever the axes are
    drawn (after `before(renderer)`, if given), ahead of everything else in them."""
    from matplotlib.artist import Artist

    class LabelPlacer(Artist):
        def draw(self, renderer):
            if before is not None:
                before(renderer)
            place_labels(axes, layout, renderer)
            self.stale = False

    placer = LabelPlacer()
    placer.set_zorder(-1000)  # the axes draw their artists by zorder: this one first
    placer.set_in_layout(False)
    for label in layout.labels:
        label.artist.set_in_layout(False)  # inside the plot: no room to make outside it
    axes.add_artist(placer)
    return placer
