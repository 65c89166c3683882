"""`itplan score sets|show|run|enter|export` on the demo district."""

from __future__ import annotations

import json
import shutil
import subprocess

import openpyxl
import pytest

from desktop.cli import main
from desktop.data.database import open_database


def _run(capsys, db, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _json(capsys, db, *args: str):
    code, out, err = _run(capsys, db, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_sets_and_show(demo_path, capsys):
    sets = _json(capsys, demo_path, "score", "sets")
    assert {s["code"] for s in sets} == {"VD-UDCNTT", "VD-DTI-XA"}
    assert all(s["example"] for s in sets)
    shown = _json(capsys, demo_path, "score", "show", "VD-DTI-XA")
    assert shown["total"] == 1000
    assert set(shown["criteria"][0]) == {"code", "name", "group", "max_points", "rule"}
    assert shown["bands"][-1] == {"name": "Yếu", "min": 0}
    code, _out, err = _run(capsys, demo_path, "score", "show", "NOPE")
    assert code == 1 and err.count("\n") == 1 and "“NOPE”" in err


def test_run_ranks_every_commune_with_shared_ranks_for_ties(demo_path, capsys):
    rows = _json(capsys, demo_path, "score", "run", "--set", "VD-DTI-XA", "--period", "2024")
    assert len(rows) == 15  # the demo's communes; agencies are not under this set
    for row in rows:
        assert {"unit", "unit_name", "total", "max_total", "rank", "class", "criteria"} <= set(row)
        assert row["rank"] == 1 + sum(other["total"] > row["total"] for other in rows)
        assert {"code", "points", "max_points", "value", "note"} <= set(row["criteria"][0])
    assert [r["rank"] for r in rows] == sorted(r["rank"] for r in rows)


def test_enter_checks_the_maximum_and_changes_nothing_when_refused(demo_path, capsys, table_dump):
    before = _dump(demo_path, table_dump)
    code, _out, err = _run(capsys, demo_path, "score", "enter", "--set", "VD-UDCNTT",
                           "--criterion", "CD1", "--unit", "H38TS-P01", "--period", "2024",
                           "--points", "7")
    assert code == 1 and err.count("\n") == 1 and "“CD1”" in err
    code, _out, err = _run(capsys, demo_path, "score", "enter", "--set", "VD-UDCNTT",
                           "--criterion", "CD1", "--unit", "H38TS-P01", "--period", "2023",
                           "--points", "3")
    assert code == 1 and "đã duyệt" in err  # the demo's 2023 is approved
    assert _dump(demo_path, table_dump) == before
    code, _out, err = _run(capsys, demo_path, "score", "enter", "--set", "VD-UDCNTT",
                           "--criterion", "CD1", "--unit", "H38TS-P01", "--period", "2024",
                           "--points", "4,5", "--note", "Có kế hoạch", "--evidence", "KH số 3")
    assert code == 0, err
    rows = _json(capsys, demo_path, "score", "run", "--set", "VD-UDCNTT", "--period", "2024")
    office = next(r for r in rows if r["unit"] == "H38TS-P01")
    cd1 = next(c for c in office["criteria"] if c["code"] == "CD1")
    assert (cd1["points"], cd1["note"]) == (4.5, "Có kế hoạch")
    audit = _json(capsys, demo_path, "audit", "--entity", "score")
    assert audit[0]["key"] == "VD-UDCNTT/CD1/H38TS-P01/2024"


def _dump(path, table_dump):
    database = open_database(path)
    try:
        return table_dump(database)
    finally:
        database.close()


def test_export_writes_the_form(demo_path, capsys, tmp_path):
    out = tmp_path / "xep-hang.xlsx"
    code, _out, err = _run(capsys, demo_path, "score", "export", "--set", "VD-UDCNTT",
                           "--period", "2024", "--out", str(out))
    assert code == 0, err
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "HUYỆN TRIỆU SƠN"
    assert ws["C10"].value == "HT1" and ws["C11"].value == 8
    assert ws["A13"].value == 1 and ws.page_setup.orientation == "landscape"
    code, _out, err = _run(capsys, demo_path, "score", "export", "--set", "VD-UDCNTT",
                           "--period", "2024", "--out", str(out))
    assert code == 1 and "--force" in err


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_form_opens_in_libreoffice(demo_path, capsys, tmp_path):
    out = tmp_path / "dti.xlsx"
    assert _run(capsys, demo_path, "score", "export", "--set", "VD-DTI-XA", "--period", "2024",
                "--out", str(out))[0] == 0
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "dti.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP HẠNG" in text
        assert "THỦ TRƯỞNG ĐƠN VỊ" in text and "Xã Thọ Ngọc" in text


def test_clear_removes_a_score_and_is_audited(demo_path, capsys):
    base = ["score", "enter", "--set", "VD-UDCNTT", "--criterion", "AT1", "--unit", "H38TS-P02",
            "--period", "2024"]
    assert _run(capsys, demo_path, *base, "--points", "5")[0] == 0
    code, out, _err = _run(capsys, demo_path, *base, "--clear")
    assert code == 0 and out.strip() == "Đã xóa điểm."
    actions = [e["action"] for e in _json(capsys, demo_path, "audit", "--entity", "score")]
    assert actions == ["delete", "insert"]
    code, _out, err = _run(capsys, demo_path, *base, "--points", "năm")
    assert code == 1 and "“năm”" in err
