"""A chart on screen: a widget that paints a `BarChart` or `TrendChart` with Qt.

Painting takes a few milliseconds, so the view simply paints again at every
size (nothing to refit, nothing kept drawn). A bar chart too tall for its
labels to stay apart asks for the height they need, and its scroll area
scrolls. The texts of the last painting are kept in `texts`, in the order
drawn (title, subtitle, ticks, labels, legend…), for tests and for reading the
chart aloud (the accessible description); for a trend chart, `painting` keeps
its plot's area and the boxes of the texts placed on it.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.charts.data import BarChart, TrendChart
from desktop.ui.charts.paint_bars import least_height, paint_bar_chart
from desktop.ui.charts.paint_kit import Surface
from desktop.ui.charts.paint_trend import TrendPainting, paint_trend_chart

MINIMUM = QSize(320, 300)


class ChartView(QWidget):
    def __init__(self, chart: BarChart | TrendChart, parent: QWidget | None = None,
                 least_width: int = MINIMUM.width(), shortest: int = MINIMUM.height()):
        super().__init__(parent)
        self.least_width, self.shortest = least_width, shortest
        self.texts: list[str] = []
        self.painting: TrendPainting | None = None
        self.paintings = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.set_chart(chart)

    def set_chart(self, chart: BarChart | TrendChart) -> None:
        """Show `chart` instead: painted at the next paint event."""
        self.chart = chart
        self.setMinimumSize(self.least_width, self.least_height())
        self.setAccessibleName(chart.title)
        self.update()

    def least_height(self) -> int:
        """The pixels the chart needs: at least `shortest`, more for many bars."""
        if isinstance(self.chart, BarChart):
            return max(self.shortest, round(least_height(self.chart, self.logicalDpiY())))
        return self.shortest

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(max(760, self.minimumWidth()), max(480, self.minimumHeight()))

    @classmethod
    def show_in(cls, layout, view: ChartView | None, chart: BarChart | TrendChart,
                **sizes: int) -> ChartView:
        """`chart` shown in `view`, or in a new view added to `layout` when there is none."""
        if view is None:
            view = cls(chart, **sizes)
            layout.addWidget(view, 1)
        else:
            view.set_chart(chart)
        view.show()
        return view

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(event.rect(), QColor("#ffffff"))
        surface = Surface(painter, self.font(), self.logicalDpiY())
        whole = QRectF(self.rect())
        if isinstance(self.chart, TrendChart):
            self.painting = paint_trend_chart(surface, whole, self.chart)
        else:
            self.painting = None
            paint_bar_chart(surface, whole, self.chart, QRectF(event.rect()))
        painter.end()
        self.texts = surface.texts
        self.paintings += 1
