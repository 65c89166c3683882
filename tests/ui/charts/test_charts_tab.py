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


def _painted(tab) -> list[str]:
    """The texts of the chart on screen, painted now."""
    tab.view.grab()
    return tab.view.texts


def _ink(image) -> int:
    return sum(1 for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
               if image.pixelColor(x, y).lightness() < 200)


def test_first_show_draws_the_chart(tab, qtbot):
    assert tab.view is None and tab.chart is None  # nothing read or drawn while hidden
    tab.show()
    qtbot.waitUntil(lambda: tab.view is not None and tab.view.paintings > 0)
    texts = _painted(tab)
    assert texts[0] == "Kết quả thực hiện các chỉ tiêu so với mục tiêu"
    assert len(tab.chart.bars) == 11
    assert "98,6 % · Có nguy cơ" in texts and "Mục tiêu" in texts  # a bar's text, the legend
    assert not tab.indicator_box.isEnabled()
    image = tab.view.grab().toImage()
    assert image.width() > 500 and image.height() > 300
    assert _ink(image) > 2000  # painted, not blank


def test_choices_redraw(tab, qtbot):
    tab.show()
    _choose(tab.kind_box, "ranking")
    _choose(tab.indicator_box, "MAILBOX_RATE")
    assert tab.indicator_box.isEnabled()
    assert _painted(tab)[0] == "Tỷ lệ cán bộ, công chức được cấp hộp thư điện tử công vụ"
    assert len(tab.chart.bars) == 23
    _choose(tab.kind_box, "trend")
    assert "2024" in _painted(tab) and "Năm" in tab.view.texts
    tab.set_context("T38", "2026Q3")  # the new communes of 1/7/2025; two are late
    _choose(tab.kind_box, "completeness")
    assert "đã đủ 4/6 đơn vị" in _painted(tab)[1]


def test_a_chart_that_cannot_be_drawn_shows_why(tab, qtbot):
    tab.show()
    _choose(tab.kind_box, "ranking")
    tab.set_context("H38TS-X03", "2024")
    assert tab.chart is None and not tab.view.isVisible()
    assert tab.message.text() == ("Kế hoạch không có chỉ tiêu “STAFF_PC_RATE” áp dụng "
                                  "cho Xã Dân Lý.")  # a district-level target
    _choose(tab.indicator_box, "MAILBOX_RATE")
    assert tab.message.text() == "Xã Dân Lý không có đơn vị trực thuộc để xếp hạng."
    assert not tab.buttons["png"].isEnabled() and not tab.buttons["print"].isEnabled()
    _choose(tab.kind_box, "trend")
    assert tab.chart is not None and tab.view.isVisible() and tab.buttons["png"].isEnabled()
    assert not tab.message.isVisible()


def test_bus_change_redraws(tab, qtbot):
    tab.show()
    before = tab.chart
    drawn = []
    original = tab.draw
    tab.draw = lambda: (drawn.append(1), original())
    tab.bus.changed.emit("values")
    tab.refresh("values")  # the main window passes the change on too
    qtbot.waitUntil(lambda: tab.chart is not before and tab.chart is not None)
    assert len(drawn) == 1  # one redraw for both


def test_going_back_to_a_chart_reads_nothing_until_the_data_change(tab, qtbot):
    tab.show()
    qtbot.waitUntil(lambda: tab.chart is not None)
    targets = tab.chart
    reads = []
    original = tab.chart_data
    tab.chart_data = lambda: (reads.append(tab.kind_box.currentData()), original())[1]
    _choose(tab.kind_box, "completeness")
    completeness = tab.chart
    _choose(tab.kind_box, "targets")
    assert tab.chart is targets
    _choose(tab.kind_box, "completeness")
    assert tab.chart is completeness and reads == ["completeness"]  # each read once
    tab.refresh("values")  # a change of the data: every chart is read again
    qtbot.waitUntil(lambda: tab.chart is not completeness)
    assert reads == ["completeness", "completeness"]
    _choose(tab.kind_box, "targets")
    assert tab.chart is not targets and reads[-1] == "targets"


def test_a_tall_chart_scrolls_and_keeps_its_labels_apart(tab, qtbot):
    from desktop.charts.figures import readable_height

    tab.resize(1100, 420)  # a small screen: the completeness chart (23 units) is taller
    tab.show()
    _choose(tab.kind_box, "completeness")
    qtbot.waitUntil(lambda: tab.view is not None and tab.view.paintings > 0)
    assert tab.view.height() >= readable_height(tab.chart) * tab.view.logicalDpiY() - 1
    assert tab.view.height() > tab.scroll.viewport().height()  # it scrolls
    tall = tab.view.height()
    _choose(tab.kind_box, "targets")  # 11 bars: shorter again
    qtbot.waitUntil(lambda: tab.view.height() < tall - 100)


def test_screen_and_paper_draw_the_same_chart(tab, qtbot):
    tab.show()
    qtbot.waitUntil(lambda: tab.chart is not None)
    screen = _painted(tab)
    paper = tab.paper_figure()
    assert paper._suptitle.get_text() == screen[0]
    assert tuple(paper.get_size_inches()) == pytest.approx((11.69, 8.27))
    on_paper = {label.get_text().replace("\n", " ") for label in paper.axes[0].get_yticklabels()}
    assert on_paper == {bar.label for bar in tab.chart.bars}
    assert {text.replace("\n", " ") for text in screen} >= on_paper


def test_the_chart_fits_the_visible_area_and_paints_again_when_resized(tab, qtbot):
    tab.resize(1300, 900)
    tab.show()
    qtbot.waitUntil(lambda: tab.view is not None and tab.view.paintings > 0)
    viewport = tab.scroll.viewport().size()
    assert abs(tab.view.width() - viewport.width()) < 30
    assert abs(tab.view.height() - viewport.height()) < 30
    view, paintings = tab.view, tab.view.paintings
    tab.resize(900, 640)
    qtbot.waitUntil(lambda: view.paintings > paintings)
    assert tab.view is view and view.height() < 640
    assert _painted(tab)[0] == "Kết quả thực hiện các chỉ tiêu so với mục tiêu"


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
tab.show()
app.processEvents()
tab.view.repaint()
print(tab.view.paintings > 0, "matplotlib" in sys.modules)
tab.paper_figure()
print("matplotlib" in sys.modules)
"""


def test_matplotlib_waits_for_paper(tmp_path, demo_file):
    """The screen paints with Qt: matplotlib is imported for files and the printer."""
    shutil.copy(demo_file, tmp_path / "demo.sqlite")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", LAZY, str(tmp_path / "demo.sqlite")],
                            capture_output=True, text=True, env=env, check=True)
    assert result.stdout.split() == ["True", "False", "True"]
