"""`itplan charts` and `itplan chart` on a demo database copied for each test."""

from __future__ import annotations

import shutil

import pytest

from desktop.cli import main


@pytest.fixture
def db(tmp_path, demo_template):
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, path)
    return str(path)


def test_charts_makes_the_pack_with_office_defaults(db, tmp_path, capsys):
    out = tmp_path / "pack.pdf"
    assert main(["--db", db, "charts", "--period", "2024", "--out", str(out),
                 "--date", "2026-11-21"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    # 26 pages of the plan + the rankings of the two example assessment sets
    assert capsys.readouterr().out.strip() == f"Đã tạo {out} (28 trang)."


@pytest.mark.parametrize("kind, extra, suffix, magic", [
    ("trend", ["--indicator", "PS_L4_RATE"], ".svg", b"<?xml"),
    ("ranking", ["--indicator", "MAILBOX_RATE", "--plan", "TH-2016"], ".png", b"\x89PNG"),
    ("targets", ["--unit", "H38TS-X01"], ".pdf", b"%PDF"),
    ("completeness", [], ".png", b"\x89PNG"),
])
def test_chart_writes_one_chart(db, tmp_path, kind, extra, suffix, magic):
    out = tmp_path / f"chart{suffix}"
    assert main(["--db", db, "chart", kind, "--period", "2024", "--out", str(out)] + extra) == 0
    assert out.read_bytes().startswith(magic)


@pytest.mark.parametrize("args, message", [
    (["chart", "ranking", "--period", "2024", "--out", "x.png"], "cần một chỉ tiêu (--indicator)"),
    (["chart", "targets", "--period", "2024", "--out", "x.jpg"], "chỉ lưu được dạng PNG, SVG, PDF"),
    (["charts", "--period", "2024", "--out", "pack.png"], "chỉ lưu được dạng PDF"),
    (["charts", "--period", "2024", "--plan", "XX", "--out", "p.pdf"], "Không có kế hoạch mã “XX”"),
    (["charts", "--period", "20x4", "--out", "p.pdf"], "Mã kỳ báo cáo không hợp lệ"),
])
def test_user_errors_exit_1_with_one_line(db, tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    assert main(["--db", db] + args) == 1
    error = capsys.readouterr().err
    assert error.startswith("Lỗi: ") and message in error
    assert not list(tmp_path.glob("x.*")) and not list(tmp_path.glob("p*.pdf"))


def test_unknown_kind_is_a_usage_error(db):
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", db, "chart", "pie", "--period", "2024", "--out", "x.png"])
    assert exit_info.value.code == 2
