"""Every built-in template checks clean, fills from the demo database and converts to PDF."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import openpyxl
import pytest

from desktop.errors import UserError
from desktop.reports.builtin import builtin_templates, template_path
from desktop.reports.check import check_template
from desktop.reports.fill import fill_report

NAMES = ["bao-cao-chi-tieu", "chi-tiet-don-vi"]


def test_shipped_templates_are_listed_and_clean():
    assert set(NAMES) <= set(builtin_templates())
    for name in NAMES:
        result = check_template(template_path(name))
        assert result.errors == [] and result.warnings == []
        texts = {tag.text for cell in result.cells for tag in cell.tags.tags}
        assert "{{ office.letterhead }}" in texts and "{{ report.date }}" in texts
        assert "{{ office.receiver }}" in texts  # never a fixed receiving body


def test_unknown_template_name():
    with pytest.raises(UserError, match="bao-cao-chi-tieu"):
        template_path("khong-co")


@pytest.mark.parametrize("name", NAMES)
def test_builtin_fills_like_a_form(name, demo_database, tmp_path):
    out = tmp_path / f"{name}.xlsx"
    with demo_database.session() as session:
        fill_report(session, name, "H38TS", "2024", out, report_date=dt.date(2026, 2, 5))
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    joined = "\n".join(texts)
    assert "{{" not in joined
    for expected in ("Đơn vị báo cáo: Huyện Triệu Sơn", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Độc lập - Tự do - Hạnh phúc", "Triệu Sơn, ngày 05 tháng 02 năm 2026",
                     "Người lập biểu", "(Ký, đóng dấu, họ tên)", "Kỳ báo cáo: Năm 2024",
                     "Đơn vị nhận báo cáo: Sở Khoa học và Công nghệ tỉnh Thanh Hóa",
                     "Kế hoạch số 22/KH-UBND đã kết thúc năm 2020"):
        assert expected in joined
    assert ws["A1"].font.name == "Times New Roman"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows
    numbers = [c.value for row in ws.iter_rows(min_row=11) for c in row
               if isinstance(c.value, float | int)]
    assert len(numbers) > 20


def test_breakdown_totals_cover_every_unit(demo_database, tmp_path):
    out = tmp_path / "b.xlsx"
    with demo_database.session() as session:
        fill_report(session, "chi-tiet-don-vi", "H38TS", "2024", out)
    ws = openpyxl.load_workbook(out).active
    assert ws["B12"].value == "Văn phòng HĐND và UBND huyện"
    assert ws["B34"].value == "Xã Thọ Bình"
    assert ws["B35"].value == "Tổng cộng" and ws["C35"].value == "=SUM(C12:C34)"
    assert ws["E35"].value == '=IF(D35>0,C35/D35*100,"")'


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is not installed: scripts/setup.sh installs it")
def test_filled_builtins_convert_to_pdf(demo_database, tmp_path):
    files = []
    with demo_database.session() as session:
        for name in NAMES:
            files.append(fill_report(session, name, "H38TS", "2024", tmp_path / f"{name}.xlsx"))
    profile = tmp_path / "profile"
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "pdf"), *map(str, files)],
        capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr
    for name in NAMES:
        pdf = tmp_path / "pdf" / f"{name}.pdf"
        assert pdf.read_bytes().startswith(b"%PDF")
        if shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                                  text=True, check=True).stdout
            assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
            assert "Huyện Triệu Sơn" in text
