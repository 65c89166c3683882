"""What the screen's chart painters share: a surface over a QPainter (fonts in points,
texts recorded as drawn), boxes with hatches, markers, titles and the legend.

The screen draws charts with Qt (a few milliseconds) from the same plain chart
data and legend entries as the printed figures (matplotlib), which take a
second to lay out and rasterise about a hundred texts.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from desktop.charts.legend import Entry
from desktop.charts.style import INK, LABEL_SIZE, SUBTITLE_SIZE, TITLE_SIZE

HATCHES = {
    "///": Qt.BrushStyle.BDiagPattern,
    "\\\\": Qt.BrushStyle.FDiagPattern,
    "...": Qt.BrushStyle.Dense6Pattern,
    "xxx": Qt.BrushStyle.DiagCrossPattern,
    "--": Qt.BrushStyle.HorPattern,
}
DASHES = {"-": Qt.PenStyle.SolidLine, "--": Qt.PenStyle.DashLine, ":": Qt.PenStyle.DotLine}
WRAP = Qt.TextFlag.TextWordWrap
CENTRE = Qt.AlignmentFlag.AlignCenter
MARGIN = 10  # pixels around the chart
TITLE_SIZES = (TITLE_SIZE, 13, 11)  # points, tried in turn...
TITLE_LINES = 2  # ...for a title of at most this many lines


def colour(name: str, alpha: float = 1.0) -> QColor:
    result = QColor(name)
    result.setAlphaF(alpha)
    return result


class Surface:
    """A QPainter with the chart's fonts (sizes in points, as on paper) and the list of
    texts drawn on it, in order."""

    def __init__(self, painter: QPainter, base_font: QFont, dpi: float):
        self.painter = painter
        self.base_font = base_font
        self.per_point = dpi / 72
        self.texts: list[str] = []
        self._fonts: dict[tuple, QFont] = {}

    def px(self, points: float) -> float:
        return points * self.per_point

    def font(self, size: float, bold: bool = False, italic: bool = False) -> QFont:
        key = (size, bold, italic)
        if key not in self._fonts:
            font = QFont(self.base_font)
            font.setPointSizeF(size)
            font.setBold(bold)
            font.setItalic(italic)
            self._fonts[key] = font
        return self._fonts[key]

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.painter.device())

    def text_rect(self, text: str, font: QFont, width: float, flags=CENTRE | WRAP) -> QRectF:
        """The rectangle `text` takes when wrapped to `width`."""
        return self.metrics(font).boundingRect(QRectF(0, 0, width, 1e6), int(flags), text)

    def text(self, rect: QRectF, text: str, font: QFont, flags=CENTRE, ink: str = INK,
             box: str | None = None, border: str | None = None) -> None:
        """`text` in `rect`, over a white box (`box` its alpha-less colour) when asked."""
        painter = self.painter
        if box is not None or border is not None:
            shown = self.metrics(font).boundingRect(rect, int(flags), text)
            pad = self.px(1.5)
            painter.setPen(QPen(colour(border), 1) if border else Qt.PenStyle.NoPen)
            painter.setBrush(colour(box or "#ffffff", 0.85))
            painter.drawRoundedRect(shown.adjusted(-pad, -pad / 2, pad, pad / 2), 2, 2)
        painter.setFont(font)
        painter.setPen(colour(ink))
        painter.drawText(rect, int(flags), text)
        self.texts.append(text)


def fill_box(surface: Surface, rect: QRectF, fill: str, hatch: str = "", edge: str | None = INK,
             alpha: float = 1.0, edge_width: float = 0.8) -> None:
    """A rectangle filled with a colour, its hatch over it, and its edge."""
    painter = surface.painter
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour(fill, alpha))
    painter.drawRect(rect)
    if hatch in HATCHES:
        painter.setBrush(QBrush(colour(edge or INK, 0.8), HATCHES[hatch]))
        painter.drawRect(rect)
    if edge:
        painter.setPen(QPen(colour(edge), max(1.0, surface.px(edge_width))))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)


def line(surface: Surface, start: QPointF, end: QPointF, ink: str, width: float,
         dash: str = "-") -> None:
    pen = QPen(colour(ink), max(1.0, surface.px(width)))
    pen.setStyle(DASHES.get(dash, Qt.PenStyle.SolidLine))
    surface.painter.setPen(pen)
    surface.painter.drawLine(start, end)


def marker(surface: Surface, centre: QPointF, shape: str, size: float, face: str,
           edge: str = INK, edge_width: float = 1.0) -> None:
    """A marker of matplotlib's shape letters (o s ^ v x d D *), `size` points across."""
    painter = surface.painter
    radius = surface.px(size) / 2
    painter.setPen(QPen(colour(edge), max(1.0, surface.px(edge_width))))
    painter.setBrush(colour(face))
    x, y = centre.x(), centre.y()
    if shape == "o":
        painter.drawEllipse(centre, radius, radius)
    elif shape == "s":
        painter.drawRect(QRectF(x - radius * 0.85, y - radius * 0.85, radius * 1.7, radius * 1.7))
    elif shape == "x":
        painter.setPen(QPen(colour(edge), max(1.5, surface.px(2))))
        painter.drawLine(QPointF(x - radius, y - radius), QPointF(x + radius, y + radius))
        painter.drawLine(QPointF(x - radius, y + radius), QPointF(x + radius, y - radius))
    else:
        painter.drawPolygon(QPolygonF([QPointF(x + dx * radius, y + dy * radius)
                                       for dx, dy in _outline(shape)]))


def _outline(shape: str) -> list[tuple[float, float]]:
    if shape == "^":
        return [(0, -1), (1, 0.8), (-1, 0.8)]
    if shape == "v":
        return [(0, 1), (1, -0.8), (-1, -0.8)]
    if shape == "d":
        return [(0, -1), (0.6, 0), (0, 1), (-0.6, 0)]
    if shape == "*":
        return [(math.cos(math.radians(90 + 36 * k)) * (1 if k % 2 == 0 else 0.42),
                 -math.sin(math.radians(90 + 36 * k)) * (1 if k % 2 == 0 else 0.42))
                for k in range(10)]
    return [(0, -1), (1, 0), (0, 1), (-1, 0)]  # D


def titles(surface: Surface, rect: QRectF, title: str, subtitle: str) -> float:
    """The title and subtitle centred at the top of `rect`, wrapped; the height used."""
    width = rect.width() * 0.94
    left = rect.left() + (rect.width() - width) / 2
    for size in TITLE_SIZES:  # a narrow chart: a smaller title rather than four lines of it
        bold = surface.font(size, bold=True)
        title_rect = surface.text_rect(title, bold, width)
        if title_rect.height() <= TITLE_LINES * surface.metrics(bold).lineSpacing() + 1:
            break
    lines = balanced_width(surface, title, bold, width, title_rect.height())
    surface.text(QRectF(left + (width - lines) / 2, rect.top(), lines, title_rect.height()), title,
                 bold, CENTRE | WRAP)
    under = surface.font(SUBTITLE_SIZE)
    top = rect.top() + title_rect.height() + surface.px(4)
    sub_rect = surface.text_rect(subtitle, under, width)
    surface.text(QRectF(left, top, width, sub_rect.height()), subtitle, under, CENTRE | WRAP)
    return top + sub_rect.height() + surface.px(8) - rect.top()


def balanced_width(surface: Surface, text: str, font: QFont, width: float, height: float) -> float:
    """The narrowest width at which `text` still takes `height` (its lines at `width`): a
    title wrapped on two lines then has two halves, not a line and a word left over."""
    low, high = width / 2, width
    for _step in range(8):  # to within a 256th of the width
        middle = (low + high) / 2
        if surface.text_rect(text, font, middle).height() <= height:
            high = middle
        else:
            low = middle
    return high


def axis_line(surface: Surface) -> float:
    """The height of a line of axis text (tick numbers, the axis's name)."""
    return surface.metrics(surface.font(LABEL_SIZE)).height() * 1.3


def plot_area(surface: Surface, rect: QRectF, title: str, subtitle: str,
              entries: list[Entry]) -> QRectF:
    """The titles painted at the top of `rect`; the area left for the plot between them
    and the legend (see `foot_legend`), less two axis lines below it."""
    inner = rect.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
    head = titles(surface, inner, title, subtitle)
    foot = legend_height(surface, entries, inner.width()) + 2 * axis_line(surface) + surface.px(4)
    return QRectF(inner.left(), inner.top() + head, inner.width(), inner.height() - head - foot)


def foot_legend(surface: Surface, rect: QRectF, entries: list[Entry]) -> None:
    """The legend's rows at the foot of `rect` (as `plot_area` left room for)."""
    inner = rect.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
    height = legend_height(surface, entries, inner.width())
    legend(surface, QRectF(inner.left(), inner.bottom() - height, inner.width(), height), entries)


def _legend_rows(surface: Surface, entries: list[Entry], width: float) -> list[list[tuple]]:
    """The entries in rows of at most four that fit `width`: (entry, its width) each."""
    metrics = surface.metrics(surface.font(LABEL_SIZE))
    swatch, gap = surface.px(22), surface.px(14)
    rows: list[list[tuple]] = [[]]
    used = 0.0
    for entry in entries:
        wide = swatch + surface.px(5) + metrics.horizontalAdvance(entry.text)
        if rows[-1] and (len(rows[-1]) == 4 or used + gap + wide > width):
            rows.append([])
            used = 0.0
        rows[-1].append((entry, min(wide, width)))
        used += (gap if used else 0.0) + wide
    return rows


def legend_height(surface: Surface, entries: list[Entry], width: float) -> float:
    line_height = surface.metrics(surface.font(LABEL_SIZE)).height() * 1.35
    return len(_legend_rows(surface, entries, width)) * line_height if entries else 0.0


def legend(surface: Surface, rect: QRectF, entries: list[Entry]) -> None:
    """The legend's rows centred in `rect`, from its top."""
    font = surface.font(LABEL_SIZE)
    line_height = surface.metrics(font).height() * 1.35
    swatch, gap = surface.px(22), surface.px(14)
    top = rect.top()
    for row in _legend_rows(surface, entries, rect.width()):
        used = sum(wide for _entry, wide in row) + gap * (len(row) - 1)
        left = rect.left() + max(0.0, (rect.width() - used) / 2)
        for entry, wide in row:
            middle = top + line_height / 2
            _swatch(surface, QRectF(left, middle - surface.px(5), swatch, surface.px(10)), entry)
            text_left = left + swatch + surface.px(5)
            surface.text(QRectF(text_left, top, wide - (text_left - left), line_height),
                         entry.text, font, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            left += wide + gap
        top += line_height


def _swatch(surface: Surface, rect: QRectF, entry: Entry) -> None:
    centre = rect.center()
    if entry.shape == "box":
        fill_box(surface, rect, entry.colour, entry.hatch, entry.edge, entry.alpha)
        return
    if entry.shape == "line":
        line(surface, QPointF(rect.left(), centre.y()), QPointF(rect.right(), centre.y()),
             entry.colour, entry.width, entry.dash)
        if entry.marker:
            marker(surface, centre, entry.marker, entry.marker_size, "#ffffff", entry.edge)
        return
    marker(surface, centre, entry.marker, min(entry.marker_size, 11), entry.colour, entry.edge)
