"""`itplan report`, `itplan template check|list`, `itplan export raw`."""

from __future__ import annotations

import json

import openpyxl
import pytest

from desktop.cli import main
from desktop.data.database import open_database
from desktop.data.demo import build_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "demo.sqlite"
    database = open_database(path)
    with database.session() as session:
        build_demo(session)
    database.close()
    return path


def test_template_list_and_check(capsys, tmp_path):
    assert main(["template", "list", "--json"]) == 0
    names = {row["name"] for row in json.loads(capsys.readouterr().out)}
    assert {"bao-cao-chi-tieu", "chi-tiet-don-vi"} <= names
    assert main(["template", "check", "chi-tiet-don-vi", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["errors"] == [] and any(c["cell"] == "A12" for c in result["tags"])
    bad = tmp_path / "bad.xlsx"
    wb = openpyxl.Workbook()
    wb.active["C3"] = "{{ value:KHONG_CO }}"
    wb.save(bad)
    assert main(["template", "check", str(bad)]) == 1
    assert "Sheet!C3" in capsys.readouterr().out


def test_report_and_overwrite(demo, tmp_path, capsys):
    out = tmp_path / "bc.xlsx"
    args = ["--db", str(demo), "report", "--template", "bao-cao-chi-tieu", "--period", "2024",
            "--out", str(out), "--date", "2026-11-21"]
    assert main(args) == 0
    assert "Triệu Sơn, ngày 21 tháng 11 năm 2026" in [
        c.value for row in openpyxl.load_workbook(out).active.iter_rows() for c in row]
    assert main(args) == 1
    assert "--force" in capsys.readouterr().err
    assert main(args + ["--force"]) == 0
    assert main(["--db", str(demo), "report", "--template", "khong-co", "--period", "2024",
                 "--out", str(tmp_path / "x.xlsx")]) == 1
    assert main(["--db", str(demo), "report", "--template", "bao-cao-chi-tieu", "--period", "2024",
                 "--out", str(tmp_path / "x.csv")]) == 1


def test_export_raw(demo, tmp_path, capsys):
    out = tmp_path / "raw.xlsx"
    assert main(["--db", str(demo), "export", "raw", "--period", "2024", "--out", str(out)]) == 0
    assert openpyxl.load_workbook(out).sheetnames == ["Số liệu", "Bảng tổng hợp"]
