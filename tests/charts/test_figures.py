"""Every chart kind drawn on the demo: titles, labels, bars, legends, fonts and formats."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.charts import data
from desktop.charts.export import save_figure
from desktop.charts.figures import build_figure
from desktop.charts.style import STATUS_STYLES, number_formatter
from desktop.errors import UserError


def _texts(figure) -> list[str]:
    return [text.get_text() for text in figure.findobj(lambda a: hasattr(a, "get_text"))]


def _legend(figure) -> list[str]:
    return [text.get_text() for legend in figure.legends for text in legend.get_texts()]


def _chart(demo, kind, indicator=None, period="2024"):
    with demo.session() as session:
        return data.make_chart(session, kind, "TH-2016", "H38TS", period, indicator)


def _render(figure):
    """Lay out and draw everything once with Agg, as on screen or paper; the renderer."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return canvas.get_renderer()


def test_targets_chart(demo):
    chart = _chart(demo, "targets", period="2018")
    figure = build_figure(chart)
    _render(figure)
    axes = figure.axes[0]
    assert figure._suptitle.get_text() == "Kết quả thực hiện các chỉ tiêu so với mục tiêu"
    assert axes.get_title() == "Huyện Triệu Sơn — Năm 2018"
    assert axes.get_xlabel() == "Tỷ lệ thực hiện (%)"
    assert [len(c) for c in axes.containers] == [11]  # one call draws every bar
    labels = [tick.get_text() for tick in axes.get_yticklabels()]
    assert "Tỷ lệ cán bộ, công chức được tập huấn kỹ năng\nứng dụng CNTT" in labels
    assert all(len(line) <= 48 for label in labels for line in label.split("\n"))
    assert {"Đúng tiến độ", "Có nguy cơ", "Chậm", "Mục tiêu",
            "Mức cần đạt năm nay theo lộ trình"} <= set(_legend(figure))
    assert "15,6 % · Đúng tiến độ" in _texts(figure)
    assert figure.get_size_inches() == pytest.approx((11.69, 8.27))


def test_trend_chart(demo):
    chart = _chart(demo, "trend", "PS_L4_RATE", "2024")
    figure = build_figure(chart)
    _render(figure)
    axes = figure.axes[0]
    assert figure._suptitle.get_text() == "Tỷ lệ dịch vụ công trực tuyến mức độ 4"
    assert axes.get_xlabel() == "Năm" and axes.get_ylabel() == "Tỷ lệ (%)"
    assert [tick.get_text() for tick in axes.get_xticklabels()] == [str(y) for y in range(2016, 2025)]
    actual_line = max(axes.lines, key=lambda line: len(line.get_xdata()))
    assert list(actual_line.get_xdata()) == list(range(2016, 2025))
    assert {"Thực hiện", "Lộ trình theo kế hoạch", "Mục tiêu của kế hoạch"} <= set(_legend(figure))
    texts = _texts(figure)
    assert "Mục tiêu ≥ 5 % (năm 2017)" in texts and "Mục tiêu ≥ 30 % (năm 2020)" in texts
    assert "Sau kỳ kế hoạch" in texts
    assert any("," in text and text.replace(",", "").isdigit() for text in texts)  # 38,8


def test_ranking_chart(demo):
    figure = build_figure(_chart(demo, "ranking", "EMAIL_USE_RATE"))
    _render(figure)
    axes = figure.axes[0]
    assert figure._suptitle.get_text() == "Tỷ lệ cán bộ, công chức thường xuyên sử dụng thư điện tử"
    assert [len(c) for c in axes.containers] == [23]  # one call draws every bar
    assert "Mục tiêu ≥ 100 % (năm 2020)" in _legend(figure)
    target_lines = [line for line in axes.lines if list(line.get_xdata()) == [100, 100]]
    assert target_lines and target_lines[0].get_linestyle() == "--"


def test_completeness_chart(demo):
    with demo.session() as session:  # the new communes under the province; two are late
        chart = data.make_chart(session, "completeness", "DEMO-CDS-2026", "T38", "2026Q3")
    figure = build_figure(chart)
    _render(figure)
    axes = figure.axes[0]
    assert figure._suptitle.get_text() == "Mức độ đầy đủ số liệu báo cáo của các đơn vị"
    assert axes.get_xlabel() == "Tỷ lệ số liệu đã báo cáo (%)"
    assert [len(c) for c in axes.containers] == [6]  # one call draws every bar
    assert {"Đủ", "Chưa báo cáo"} <= set(_legend(figure))
    assert "0/15 · chưa báo cáo" in _texts(figure)


def test_statuses_differ_without_colour():
    """On a black-and-white printer the hatch (bars) and marker (lines) tell statuses apart."""
    bars = [(style.hatch, style.colour == "#ffffff") for style in STATUS_STYLES.values()]
    assert len(set(bars)) == len(bars)
    markers = [style.marker for style in STATUS_STYLES.values()]
    assert len(set(markers)) == len(markers)


def test_tick_numbers_are_written_the_vietnamese_way():
    assert number_formatter()(15945, 0) == "15.945"
    assert number_formatter()(60.5, 0) == "60,5"
    assert number_formatter()(60.0, 0) == "60"


def test_every_text_uses_dejavu_sans(demo):
    from matplotlib.font_manager import findfont

    figure = build_figure(_chart(demo, "targets"))
    texts = figure.findobj(lambda a: hasattr(a, "get_fontproperties") and a.get_text())
    assert texts
    files = {Path(findfont(t.get_fontproperties(), fallback_to_default=False)).name
             for t in texts}
    assert files and all(name.startswith("DejaVuSans") for name in files)
    assert "DejaVuSans-Bold.ttf" in files  # the titles


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml"),
                                            (".pdf", b"%PDF")])
def test_save_figure_writes_each_format(demo, tmp_path, suffix, magic):
    path = save_figure(build_figure(_chart(demo, "completeness")), tmp_path / f"c{suffix}")
    assert path.read_bytes().startswith(magic)


def test_saved_pdf_embeds_truetype(demo, tmp_path):
    if not shutil.which("pdffonts"):
        pytest.skip("pdffonts (poppler-utils) is not installed")
    path = save_figure(build_figure(_chart(demo, "targets")), tmp_path / "c.pdf")
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all("TrueType" in line and " yes " in line for line in fonts)
    assert not any("Type 3" in line for line in fonts)


def test_save_figure_refuses_unknown_formats_and_folders(demo, tmp_path):
    figure = build_figure(_chart(demo, "completeness"))
    with pytest.raises(UserError, match="chỉ lưu được dạng PNG, SVG, PDF"):
        save_figure(figure, tmp_path / "c.jpg")
    with pytest.raises(UserError, match="Không có thư mục"):
        save_figure(figure, tmp_path / "missing" / "c.png")


def _extent(artist, renderer):
    return artist.get_window_extent(renderer)


@pytest.mark.parametrize("kind, indicator, period", [
    ("targets", None, "2018"), ("ranking", "MAILBOX_RATE", "2018"),
    ("trend", "PS_L4_RATE", "2024"), ("trend", "DOCS_ELEC_RATE", "2024"),
    ("completeness", None, "2025Q2")])
def test_texts_stay_on_the_page_and_labels_do_not_overlap(demo, kind, indicator, period):
    figure = build_figure(_chart(demo, kind, indicator, period))
    renderer = _render(figure)
    page = figure.bbox
    texts = [a for a in figure.findobj(lambda a: hasattr(a, "get_text") and a.get_text()
                                       and a.get_visible())]
    for text in texts:
        box = _extent(text, renderer)
        assert page.x0 - 1 <= box.x0 and box.x1 <= page.x1 + 1, text.get_text()
        assert page.y0 - 1 <= box.y0 and box.y1 <= page.y1 + 1, text.get_text()
    axes = figure.axes[0]
    ticks = axes.get_yticklabels() if kind != "trend" else axes.get_xticklabels()
    boxes = [_extent(tick, renderer) for tick in ticks if tick.get_text()]
    for first, second in zip(boxes, boxes[1:]):
        assert not first.overlaps(second)


def test_trend_without_values_says_so(demo):
    with demo.session() as session:
        chart = data.trend_data(session, "KT-2009", "H38TS", "2010", "EMAIL_USE_RATE")
    assert all(point.actual is None for point in chart.points)
    assert [point.expected for point in chart.points] == [20, 30]  # baseline 2009: 20 %
    figure = build_figure(chart)
    assert "Chưa có số liệu của các năm này" in _texts(figure)


def test_many_long_labels_do_not_overlap(demo):
    """21 indicator-and-level rows of the Kon Tum plan for the province, mixed measures."""
    with demo.session() as session:
        chart = data.targets_data(session, "KT-2009", "T38", "2024")
    assert len(chart.bars) == 21
    assert chart.axis_label == "Mức đạt so với mục tiêu (%)"  # percent, counts and milestones
    figure = build_figure(chart)
    renderer = _render(figure)
    boxes = [_extent(tick, renderer) for tick in figure.axes[0].get_yticklabels()]
    assert all(not a.overlaps(b) for a, b in zip(boxes, boxes[1:]))
    assert all(box.x0 >= 0 for box in boxes)


def test_fit_labels_shrinks_then_widens():
    from desktop.charts.figures import fit_labels

    name = "Tỷ lệ cơ quan, đơn vị kết nối mạng WAN / mạng chuyên dùng của tỉnh"
    few, font = fit_labels([name] * 8, 8.27)
    assert font == 10 and few[0].count("\n") == 1  # two lines of at most 48 characters
    many, small = fit_labels([name] * 40, 8.27)
    assert small < 10 and all("\n" not in label for label in many)


@pytest.mark.parametrize("size", [(7.64, 3.66), (7.74, 5.0)])  # 1366×768 at 125 %; 1024×768
def test_on_a_small_screen_figure_nothing_is_cut(demo, size):
    """The figure of the visible area on a small screen: titles wrapped, bar texts in a
    smaller font, every text inside the figure."""
    chart = _chart(demo, "targets", period="2020")
    figure = build_figure(chart, size)
    renderer = _render(figure)
    width, height = figure.bbox.width, figure.bbox.height
    texts = [figure._suptitle, figure.axes[0].title, *figure.axes[0].texts,
             *figure.axes[0].get_yticklabels()]
    for text in texts:
        box = _extent(text, renderer)
        assert box.x0 >= 0 and box.x1 <= width + 1 and box.y0 >= 0 and box.y1 <= height + 1, \
            text.get_text()
    assert "93,3 % · Có nguy cơ" in _texts(figure)
