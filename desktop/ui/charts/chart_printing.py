"""Print a matplotlib figure: a preview dialog, A4 landscape by default.

The figure is drawn by matplotlib's Agg renderer at the printer's
resolution (at most 300 dpi: sharp on paper, and an A4 page stays under
10 million pixels), then scaled onto the printable area, keeping its
proportions, and centred. (QSvgRenderer was tried first: Qt's SVG Tiny
renderer warns about matplotlib's glyph definitions.)
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from desktop.i18n import t


def new_printer() -> QPrinter:
    """A high-resolution printer set to A4 landscape."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    return printer


MAX_DPI = 300


def figure_image(figure, dpi: float) -> QImage:
    """The figure as an image at `dpi` (drawn by Agg, as on screen)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure.set_dpi(dpi)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    width, height = canvas.get_width_height(physical=True)
    return QImage(bytes(canvas.buffer_rgba()), width, height,
                  QImage.Format.Format_RGBA8888).copy()


def paint_figure(printer: QPrinter, figure) -> None:
    """Draw the figure on the printer's page, as large as fits."""
    image = figure_image(figure, min(printer.resolution(), MAX_DPI))
    painter = QPainter(printer)
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        page = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
        scale = min(page.width() / image.width(), page.height() / image.height())
        width, height = image.width() * scale, image.height() * scale
        target = QRectF((page.width() - width) / 2, (page.height() - height) / 2, width, height)
        painter.drawImage(target, image)
    finally:
        painter.end()


def open_preview(dialog: QPrintPreviewDialog) -> int:
    """Show the preview (patched in tests)."""
    return dialog.exec()


def print_with_preview(parent: QWidget | None, figure) -> QPrintPreviewDialog:
    printer = new_printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.kept_printer = printer  # the dialog does not own the printer: keep it alive
    dialog.setWindowTitle(t("Xem trước khi in", "Print preview"))
    dialog.paintRequested.connect(lambda target: paint_figure(target, figure))
    from desktop.ui.dialogs import fit_to_screen

    fit_to_screen(dialog, 1000, 720)
    open_preview(dialog)
    return dialog
