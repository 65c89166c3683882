"""The Biểu đồ tab offscreen on the demo: charts, export, printing, the meeting pack,
and matplotlib kept out of start-up."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.data.database import open_database  # noqa: E402
from desktop.data.demo import build_demo  # noqa: E402
from desktop.i18n import set_language  # noqa: E402

# Fail on any Qt warning but the offscreen platform's own notice.
pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("tab-demo") / "demo.sqlite"
    database = open_database(path)
    with database.session() as session:
        build_demo(session)
    database.close()
    return path


@pytest.fixture
def tab(qtbot, tmp_path, demo_file):
    from desktop.ui.bus import DataBus
    from desktop.ui.charts.charts_tab import ChartsTab

    set_language("vi")
    shutil.copy(demo_file, tmp_path / "demo.sqlite")
    database = open_database(tmp_path / "demo.sqlite")
    widget = ChartsTab(database, DataBus())
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.set_context("H38TS", "2024")
    yield widget
    widget.close()
    database.close()


def _choose(box, data) -> None:
    box.setCurrentIndex(box.findData(data))


def test_first_show_draws_the_chart(tab, qtbot):
    assert tab.canvas is None and tab.figure is None  # nothing drawn while hidden
    tab.show()
    qtbot.waitUntil(lambda: tab.canvas is not None)
    assert tab.figure._suptitle.get_text() == "Kết quả thực hiện các chỉ tiêu so với mục tiêu"
    assert len(tab.figure.axes[0].containers[0]) == 11
    assert tab.canvas.figure is tab.figure
    assert not tab.indicator_box.isEnabled()
    image = tab.canvas.grab().toImage()
    assert image.width() > 500 and image.height() > 300


def test_choices_redraw(tab, qtbot):
    tab.show()
    _choose(tab.kind_box, "ranking")
    _choose(tab.indicator_box, "MAILBOX_RATE")
    assert tab.indicator_box.isEnabled()
    assert tab.figure._suptitle.get_text() == "Tỷ lệ cán bộ, công chức được cấp hộp thư điện tử công vụ"
    assert len(tab.figure.axes[0].containers[0]) == 23
    _choose(tab.kind_box, "trend")
    assert [t.get_text() for t in tab.figure.axes[0].get_xticklabels()][-1] == "2024"
    tab.set_context("T38", "2026Q3")  # the new communes of 1/7/2025; two are late
    _choose(tab.kind_box, "completeness")
    assert "đã đủ 4/6 đơn vị" in tab.figure.axes[0].get_title()


def test_a_chart_that_cannot_be_drawn_shows_why(tab, qtbot):
    tab.show()
    _choose(tab.kind_box, "ranking")
    tab.set_context("H38TS-X03", "2024")
    assert tab.figure is None and tab.canvas is None
    assert tab.message.text() == ("Kế hoạch không có chỉ tiêu “STAFF_PC_RATE” áp dụng "
                                  "cho Xã Dân Lý.")  # a district-level target
    _choose(tab.indicator_box, "MAILBOX_RATE")
    assert tab.message.text() == "Xã Dân Lý không có đơn vị trực thuộc để xếp hạng."
    assert not tab.buttons["png"].isEnabled() and not tab.buttons["print"].isEnabled()
    _choose(tab.kind_box, "trend")
    assert tab.figure is not None and tab.buttons["png"].isEnabled()


def test_bus_change_redraws(tab, qtbot):
    tab.show()
    before = tab.figure
    drawn = []
    original = tab.draw
    tab.draw = lambda: (drawn.append(1), original())
    tab.bus.changed.emit("values")
    tab.refresh("values")  # the main window passes the change on too
    qtbot.waitUntil(lambda: tab.figure is not before and tab.figure is not None)
    assert len(drawn) == 1  # one redraw for both


def _settle() -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        QApplication.processEvents()


def test_going_back_to_a_chart_reuses_its_drawing_until_the_data_change(tab, qtbot):
    tab.resize(1100, 420)  # a small screen: the completeness chart (22 units) is taller
    tab.show()
    qtbot.waitUntil(lambda: tab.canvas is not None)
    targets_canvas = tab.canvas
    _settle()
    reads = []
    original = tab.chart_data
    tab.chart_data = lambda: (reads.append(tab.kind_box.currentData()), original())[1]
    _choose(tab.kind_box, "completeness")
    completeness_canvas = tab.canvas
    assert completeness_canvas is not targets_canvas and not targets_canvas.isVisible()
    _choose(tab.kind_box, "targets")
    _choose(tab.kind_box, "completeness")
    _settle()  # both drawn
    assert tab.canvas.height() > targets_canvas.height()
    redrawn = []
    targets_canvas.mpl_connect("draw_event", lambda event: redrawn.append(event))
    _choose(tab.kind_box, "targets")
    _settle()
    assert tab.canvas is targets_canvas and targets_canvas.isVisible()
    assert redrawn == []  # shown as it was drawn: neither stretched nor drawn again
    assert not completeness_canvas.isVisible()
    assert reads == ["completeness"]  # each chart's data read once
    tab.refresh("values")  # a change of the data: every chart is read and drawn again
    qtbot.waitUntil(lambda: tab.canvas is not targets_canvas)
    assert reads == ["completeness", "targets"]
    _choose(tab.kind_box, "completeness")
    assert tab.canvas is not completeness_canvas and reads[-1] == "completeness"


def test_screen_and_paper_come_from_the_same_drawing(tab, qtbot, monkeypatch):
    from desktop.charts import figures

    drawn = []
    original = figures.build_figure

    def recording(chart, size=figures.A4_LANDSCAPE, into=None):
        drawn.append((chart, size))
        return original(chart, size, into)

    monkeypatch.setattr(figures, "build_figure", recording)
    tab.show()
    qtbot.waitUntil(lambda: tab.canvas is not None)
    paper = tab.paper_figure()
    (screen_chart, screen_size), (paper_chart, paper_size) = drawn
    assert screen_chart is paper_chart is tab.chart
    assert paper_size == figures.A4_LANDSCAPE and screen_size == tab.fitted_size
    assert screen_size != paper_size  # the screen gets the visible area, not a shrunk page
    assert _ytick_texts(paper) and paper._suptitle.get_text() == tab.figure._suptitle.get_text()


def test_figure_fits_the_visible_area(tab, qtbot):
    tab.resize(1300, 900)
    tab.show()
    qtbot.waitUntil(lambda: tab.figure is not None)
    width, height = tab.figure.get_size_inches()
    viewport = tab.scroll.viewport().size()
    assert abs(width * 100 - viewport.width()) < 30 and abs(height * 100 - viewport.height()) < 30
    before, canvas, labels = tab.figure, tab.canvas, _ytick_texts(tab.figure)
    tab.resize(900, 640)
    qtbot.waitUntil(lambda: tab.fitted_size[1] < height - 1
                    and tab.figure.get_size_inches()[1] < height - 1, timeout=3000)
    assert tab.figure is before and tab.canvas is canvas  # drawn again in place
    assert _ytick_texts(tab.figure) == labels and tab.figure.axes[0].get_title()


def _ytick_texts(figure) -> list[str]:
    return [label.get_text().replace("\n", " ") for label in figure.axes[0].get_yticklabels()]


@pytest.mark.parametrize("fmt, magic", [("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")])
def test_export(tab, qtbot, tmp_path, monkeypatch, fmt, magic):
    from desktop.ui import dialogs

    asked = []
    monkeypatch.setattr(dialogs, "ask_save_file",
                        lambda parent, caption, suggested="", file_filter="":
                        asked.append(suggested) or str(tmp_path / "bieu-do"))
    tab.show()
    path = tab.export(fmt)
    assert asked == [f"targets-H38TS-2024.{fmt}"]
    assert path == tmp_path / f"bieu-do.{fmt}"
    assert path.read_bytes().startswith(magic)


def test_print_preview_is_a4_landscape_and_paints(tab, qtbot, tmp_path, monkeypatch):
    from PySide6.QtGui import QPageLayout, QPageSize
    from PySide6.QtPrintSupport import QPrinter

    from desktop.ui.charts import chart_printing

    opened = []
    monkeypatch.setattr(chart_printing, "open_preview", lambda dialog: opened.append(dialog))
    tab.show()
    tab.print_chart()
    assert len(opened) == 1
    printer = opened[0].printer()
    assert printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape
    assert printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.A4
    out = tmp_path / "printed.pdf"
    target = chart_printing.new_printer()
    target.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target.setOutputFileName(str(out))
    opened[0].paintRequested.emit(target)
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 10_000
    if shutil.which("pdfinfo") and shutil.which("pdftoppm"):
        info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
        assert re.search(r"^Pages:\s+1$", info, re.M)
        assert re.search(r"^Page size:\s+842 x 595 pts \(A4\)$", info, re.M)  # A4 landscape
        _assert_drawn(out, tmp_path)


def _assert_drawn(pdf, tmp_path) -> None:
    """The printed page is not blank: a good share of it is ink."""
    from PySide6.QtGui import QImage

    subprocess.run(["pdftoppm", "-r", "30", "-png", "-singlefile", str(pdf),
                    str(tmp_path / "page")], check=True)
    image = QImage(str(tmp_path / "page.png"))
    assert image.width() > image.height()
    dark = sum(1 for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
               if image.pixelColor(x, y).lightness() < 200)
    assert dark > 300


def test_meeting_pack_from_the_tab(tab, qtbot, tmp_path, monkeypatch):
    from desktop.ui import dialogs

    shown = []
    monkeypatch.setattr(dialogs, "ask_save_file",
                        lambda parent, caption, suggested="", file_filter="": str(tmp_path / "hop"))
    monkeypatch.setattr(dialogs, "show_info", lambda parent, message: shown.append(message))
    monkeypatch.setattr(dialogs, "show_error", lambda parent, message, problems=None:
                        shown.append("error: " + message))
    tab.show()
    path = tab.make_pack()
    assert path == tmp_path / "hop.pdf"
    assert path.read_bytes().startswith(b"%PDF")
    assert shown == [f"Đã tạo {path} (28 trang)."]  # with the two example sets' rankings


LAZY = """
import sys
import desktop.ui.app, desktop.ui.main_window, desktop.ui.charts.charts_tab, desktop.cli
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.data.database import open_database
from desktop.ui.bus import DataBus
from desktop.ui.charts.charts_tab import ChartsTab
tab = ChartsTab(open_database(sys.argv[1]), DataBus())
tab.set_context("H38TS", "2024")
print("matplotlib" in sys.modules)
tab.show()
app.processEvents()
print("matplotlib" in sys.modules)
"""


def test_matplotlib_waits_until_the_tab_is_shown(tmp_path, demo_file):
    shutil.copy(demo_file, tmp_path / "demo.sqlite")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", LAZY, str(tmp_path / "demo.sqlite")],
                            capture_output=True, text=True, env=env, check=True)
    assert result.stdout.split() == ["False", "True"]
