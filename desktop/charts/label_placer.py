"""Labels placed on paper: `desktop.charts.placement`'s rule, run when a matplotlib
figure is drawn.

Only then are the plot's final size and the renderer's text extents known: a
`LabelPlacer` is an artist drawn before every other one of its axes, which
measures each label (a matplotlib Annotation with textcoords "offset points")
once with `get_window_extent` and moves it to its place, or hides it.
matplotlib is imported only when a figure is drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from desktop.charts.placement import (
    Box, Extent, Label, Layout, Place, Point, place_labels, words_spot,
)


class _Paper:
    """The canvas of `placement`: one drawing of `axes` by `renderer` (display pixels,
    y up)."""

    down = False

    def __init__(self, axes, renderer):
        self.axes, self.renderer = axes, renderer
        self.plot = Box(*axes.bbox.extents)
        self.pixels = renderer.points_to_pixels

    def to_pixels(self, points: Sequence[Point]) -> list[Point]:
        if not points:
            return []
        return [(float(x), float(y)) for x, y in self.axes.transData.transform(points)]

    def measure(self, label: Label) -> Extent:
        _put(label, label.places[0])
        text = label.item.get_window_extent(self.renderer)
        return Extent(text.width, text.height, _frame_margin(label.item, self.renderer))

    def text_box(self, text) -> Box | None:
        """The text's extent, with its framed box if it has one."""
        if not (text.get_visible() and text.get_text()):
            return None
        return Box(*text.get_window_extent(self.renderer).extents).padded(
            _frame_margin(text, self.renderer))


def place_on_paper(axes, layout: Layout, renderer) -> None:
    """Put each label at its best free place, or hide it."""
    for placed in place_labels(layout, _Paper(axes, renderer)):
        if placed.place is None:
            placed.label.item.set_visible(False)
        else:
            _put(placed.label, placed.place)


def put_words(axes, layout: Layout, words, renderer) -> None:
    """Words about the whole plot (a text placed in axes fractions) moved to the first
    spot where they cross no line and cover no marker (`placement.words_spot`)."""
    extent = words.get_window_extent(renderer)
    words.set_position(words_spot(layout, _Paper(axes, renderer), extent.width, extent.height))


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
    artist = label.item
    artist.set_visible(True)
    artist.xy = place.anchor or label.anchor
    artist.xyann = (place.dx, place.dy)
    artist.set_horizontalalignment(place.ha)
    artist.set_verticalalignment(place.va)


def label_placer(axes, layout: Layout, before: Callable | None = None):
    """An artist, added to `axes`, that places the layout's labels whenever the axes are
    drawn (after `before(renderer)`, if given), ahead of everything else in them."""
    from matplotlib.artist import Artist

    class LabelPlacer(Artist):
        def draw(self, renderer):
            if before is not None:
                before(renderer)
            place_on_paper(axes, layout, renderer)
            self.stale = False

    placer = LabelPlacer()
    placer.set_zorder(-1000)  # the axes draw their artists by zorder: this one first
    placer.set_in_layout(False)
    for label in layout.labels:
        label.item.set_in_layout(False)  # inside the plot: no room to make outside it
    axes.add_artist(placer)
    return placer
