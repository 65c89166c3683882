"""The meeting pack: its pages, its Vietnamese text, its embedded TrueType fonts."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import unicodedata

import pytest

from desktop.charts.pack import gather, make_pack, page_count, place_name
from desktop.errors import UserError

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("pdffonts"),
                                   reason="poppler-utils (pdftotext, pdffonts) is not installed")


def _run(*command) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def _pages(path) -> int:
    info = _run("pdfinfo", str(path))
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@needs_poppler
def test_pack_pages_text_and_fonts(demo, tmp_path):
    out = tmp_path / "pack.pdf"
    seen = []
    pages = make_pack(demo, "TH-2016", "H38TS", "2024", out, progress=lambda d, t: seen.append((d, t)),
                      today=dt.date(2026, 1, 5))
    # cover + summary table + overview + 11 indicators × (trend + ranking) + completeness
    # + the rankings of the two example assessment sets (agencies, communes)
    assert pages == 1 + 1 + 1 + 22 + 1 + 2 == _pages(out)
    assert seen[-1] == (28, 28) and len(seen) == 28
    text = unicodedata.normalize("NFC", _run("pdftotext", "-layout", str(out), "-"))
    for expected in ("HUYỆN TRIỆU SƠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Độc lập - Tự do - Hạnh phúc",
                     "TÌNH HÌNH THỰC HIỆN KẾ HOẠCH ỨNG DỤNG CÔNG NGHỆ THÔNG TIN",
                     "Triệu Sơn, ngày 05 tháng 01 năm 2026", "Năm 2024",
                     "Tổng hợp kết quả thực hiện các chỉ tiêu",
                     "Kết quả thực hiện các chỉ tiêu so với mục tiêu",
                     "Tỷ lệ cán bộ, công chức có máy tính để làm việc",
                     "Mức độ đầy đủ số liệu báo cáo của các đơn vị",
                     "Có nguy cơ", "Lộ trình theo kế hoạch", "98,6 %", "Trang 1/28", "Trang 28/28",
                     "Xếp hạng các đơn vị theo tổng điểm đánh giá", "Tốt (≥ 80)"):
        assert expected in text, expected
    fonts = _run("pdffonts", str(out)).splitlines()[2:]
    assert fonts and all("TrueType" in line and " yes " in line for line in fonts), fonts
    assert not any("Type 3" in line for line in fonts)


@needs_poppler
def test_pack_of_a_commune_has_no_ranking_pages(demo, tmp_path):
    out = tmp_path / "xa.pdf"
    pages = make_pack(demo, "TH-2016", "H38TS-X03", "2024Q3", out)
    # cover + table + overview + 7 trends + completeness of the commune itself
    assert pages == 11 == _pages(out)
    text = unicodedata.normalize("NFC", _run("pdftotext", str(out), "-"))
    assert "Quý III/2024" in text and "Đơn vị: Xã Dân Lý" in text
    assert "Trang 11/11" in text


def test_gather_matches_the_page_count(demo):
    with demo.session() as session:
        content = gather(session, "TH-2016", "H38TS", "2020")
    # with the ranking of the example set meant for 2020 (the DTI example starts in 2022)
    assert page_count(content) == 27
    assert [row.cells[0] for row in content.summary] == [str(n) for n in range(1, 12)]
    assert content.summary[0].cells[6] in {"Đạt", "Đúng tiến độ", "Có nguy cơ", "Chậm"}


def test_pack_errors_name_the_problem(demo, tmp_path):
    with pytest.raises(UserError, match="Không có thư mục"):
        make_pack(demo, "TH-2016", "H38TS", "2024", tmp_path / "no" / "pack.pdf")
    with pytest.raises(UserError, match="Không có kế hoạch mã “XX”"):
        make_pack(demo, "XX", "H38TS", "2024", tmp_path / "pack.pdf")
    with pytest.raises(UserError, match="Mã kỳ báo cáo không hợp lệ"):
        make_pack(demo, "TH-2016", "H38TS", "2024Q9", tmp_path / "pack.pdf")
    assert not (tmp_path / "pack.pdf").exists()


def test_place_name():
    assert place_name("Huyện Triệu Sơn") == "Triệu Sơn"
    assert place_name("Thành phố Thanh Hóa") == "Thanh Hóa"
    assert place_name("Sở Thông tin và Truyền thông") == "Sở Thông tin và Truyền thông"


@needs_poppler
def test_pack_in_english(demo, tmp_path):
    from desktop.i18n import set_language

    set_language("en")
    out = tmp_path / "en.pdf"
    make_pack(demo, "TH-2016", "H38TS", "2020", out, today=dt.date(2026, 11, 21))
    text = unicodedata.normalize("NFC", _run("pdftotext", str(out), "-"))
    for expected in ("PROGRESS OF THE IT APPLICATION PLAN", "Summary of the indicators",
                     "Indicators: actual against target", "Page 27/27", "Year 2020",
                     "Units ranked by their assessment total",
                     "21 November 2026"):
        assert expected in text, expected


def test_summary_table_pages_by_height():
    from desktop.charts.pages import SummaryRow, table_pages

    long_name = "Tỷ lệ cán bộ, công chức thường xuyên sử dụng thư điện tử trong công việc"  # 2 lines
    short = [SummaryRow(["1", "Tỷ lệ máy tính", "Cấp huyện", "≥ 100 %", "", "", "Đạt"], "achieved")]
    tall = [SummaryRow(["1", long_name, "Các cấp", "≥ 100 %", "", "", "Chậm"], "behind")]
    assert [len(page) for page in table_pages(short * 11)] == [11]
    pages = table_pages(tall * 30)
    assert len(pages) > 2 and sum(len(page) for page in pages) == 30
    assert all(len(page) <= 11 for page in pages)  # 0,064 of the page each, 0,76 at most
    assert table_pages([]) == [[]]
