"""Reading a plan's text from files, and refusing files that are not one (CLI: exit 1)."""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.errors import UserError
from desktop.plantext.readers import read_plan_file

from passages import PROVINCE_DX  # noqa: I001

SEED = Path(__file__).resolve().parents[2] / "resources/plans/seeds/004_11e7cc4c7e181a12.txt"


def _docx(path: Path, text: str) -> Path:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    document.save(path)
    return path


def test_docx_is_read(tmp_path):
    text = read_plan_file(_docx(tmp_path / "ke-hoach.docx", PROVINCE_DX))
    assert "đến năm 2030 đạt 100%" in text


def test_pdf_with_text_is_read(tmp_path):
    import matplotlib
    from matplotlib.figure import Figure

    matplotlib.rcParams["pdf.fonttype"] = 42
    figure = Figure(figsize=(8.27, 11.7))
    figure.text(0.05, 0.5, "\n".join(PROVINCE_DX.split("\n")[:6]), fontsize=8)
    figure.savefig(tmp_path / "ke-hoach.pdf")
    text = read_plan_file(tmp_path / "ke-hoach.pdf")
    assert "đến năm 2030 đạt 100%" in text


def test_scanned_pdf_gets_a_clear_message(tmp_path):
    from PIL import Image

    path = tmp_path / "scan.pdf"
    Image.new("RGB", (200, 280), "white").save(path)
    with pytest.raises(UserError, match="bản quét"):
        read_plan_file(path)


@pytest.mark.parametrize("name, make, words", [
    ("rong.txt", lambda p: p.write_bytes(b""), "rỗng"),
    ("anh.txt", lambda p: p.write_bytes(bytes(range(256)) * 40), "không phải tệp văn bản"),
    ("lon.txt", lambda p: p.write_bytes(b"a" * (50 * 1024 * 1024)), "quá lớn"),
    ("hong.pdf", lambda p: p.write_bytes(b"%PDF-1.4 garbage"), "hỏng"),
    ("khong-phai.docx", lambda p: p.write_bytes(b"PK\x03\x04 broken"), "hỏng"),
])
def test_bad_files_are_refused_in_one_sentence(tmp_path, capsys, name, make, words):
    path = tmp_path / name
    make(path)
    with pytest.raises(UserError, match=words):
        read_plan_file(path)
    assert main(["--db", str(tmp_path / "none.sqlite"), "plans", "extract", str(path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and name in err and "Traceback" not in err
    assert not (tmp_path / "none.sqlite").exists()


def test_zip_bomb_docx_is_refused(tmp_path):
    path = tmp_path / "bom.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (200 * 1024 * 1024))
    with pytest.raises(UserError, match="bom nén"):
        read_plan_file(path)


def test_text_without_a_target_exits_1(tmp_path, capsys):
    path = tmp_path / "thu-moi.txt"
    path.write_text("Kính mời các đồng chí dự họp lúc 8 giờ ngày 12/5/2025.", encoding="utf-8")
    assert main(["--db", str(tmp_path / "none.sqlite"), "plans", "extract", str(path)]) == 1
    assert "không tìm thấy chỉ tiêu" in capsys.readouterr().err


def test_cli_json_of_a_seed(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "none.sqlite"), "plans", "extract", str(SEED),
                 "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["plan"]["number"] == "2770/QĐ-UBND"
    assert [t["value"] for t in data["targets"]] == [90.0, 90.0, 100.0]


def test_cli_table_in_english(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "none.sqlite"), "--lang", "en", "plans", "extract",
                 str(SEED)]) == 0
    assert "DOCS_ELEC_RATE" in capsys.readouterr().out
    assert sys.stdout is not None


def test_a_word_table_of_targets_by_year_is_read(tmp_path):
    import docx

    from desktop.plantext.extract import extract_plan

    document = docx.Document()
    document.add_paragraph("Kế hoạch chuyển đổi số xã Hòa An giai đoạn 2026-2028")
    table = document.add_table(rows=2, cols=4)
    for cell, text in zip(table.rows[0].cells, ("Chỉ tiêu", "ĐVT", "Năm 2027", "Năm 2028")):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("Tỷ lệ hồ sơ xử lý trực tuyến", "%", "60", "75")):
        cell.text = text
    document.save(tmp_path / "bang.docx")
    targets = extract_plan(read_plan_file(tmp_path / "bang.docx")).targets
    assert [(p.year, p.value, p.unit, p.level) for p in targets] == [
        (2027, 60.0, "%", "xa"), (2028, 75.0, "%", "xa")]


def test_cli_save_makes_the_plan_with_the_ticked_proposals(tmp_path, capsys):
    from sqlalchemy import select

    from desktop.data.database import open_database
    from desktop.data.models import Plan

    db = tmp_path / "office.sqlite"
    assert main(["--db", str(db), "init", "--province", "Bình Sơn", "--unit-code", "T99",
                 "--unit-name", "Tỉnh Bình Sơn", "--level", "tinh"]) == 0
    path = tmp_path / "ke-hoach.txt"
    path.write_text(PROVINCE_DX, encoding="utf-8")
    assert main(["--db", str(db), "plans", "extract", str(path), "--save", "BS-2026"]) == 0
    assert "Đã tạo kế hoạch BS-2026 với 9 mục tiêu" in capsys.readouterr().err
    database = open_database(db)
    with database.session() as session:
        plan = session.scalar(select(Plan).where(Plan.code == "BS-2026"))
        assert (plan.year_from, plan.year_to, len(plan.targets)) == (2026, 2030, 9)
    database.close()
    assert main(["--db", str(db), "plans", "extract", str(path), "--save", "BS-2026"]) == 1
    assert "đã có" in capsys.readouterr().err
