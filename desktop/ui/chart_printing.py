"""Print a matplotlib figure: a preview dialog, A4 landscape by default.

The figure is written as SVG and drawn onto the printer by QSvgRenderer,
so lines and text stay sharp at any printer resolution; it is scaled to
the printable area, keeping its proportions, and centred.
"""

from __future__ import annotations

import io

from PySide6.QtCore import QByteArray, QRectF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QWidget

from desktop.i18n import t


def new_printer() -> QPrinter:
    """A high-resolution printer set to A4 landscape."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    return printer


def figure_svg(figure) -> QByteArray:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg")
    return QByteArray(buffer.getvalue())


def paint_figure(printer: QPrinter, svg: QByteArray) -> None:
    """Draw the SVG on the printer's page, as large as fits."""
    renderer = QSvgRenderer(svg)
    painter = QPainter(printer)
    try:
        page = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
        page.moveTo(0, 0)
        size = renderer.defaultSize()
        scale = min(page.width() / size.width(), page.height() / size.height())
        width, height = size.width() * scale, size.height() * scale
        target = QRectF(page.x() + (page.width() - width) / 2,
                        page.y() + (page.height() - height) / 2, width, height)
        renderer.render(painter, target)
    finally:
        painter.end()


def open_preview(dialog: QPrintPreviewDialog) -> int:
    """Show the preview (patched in tests)."""
    return dialog.exec()


def print_with_preview(parent: QWidget | None, figure) -> QPrintPreviewDialog:
    printer = new_printer()
    svg = figure_svg(figure)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(t("Xem trước khi in", "Print preview"))
    dialog.paintRequested.connect(lambda target: paint_figure(target, svg))
    open_preview(dialog)
    return dialog
