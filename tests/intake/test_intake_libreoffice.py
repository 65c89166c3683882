"""Forms saved again by LibreOffice still load; a form renders on one A4 page."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from desktop.intake import load_files

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None,
                                reason="LibreOffice (soffice) not installed")


def _convert(source, target: str, tmp_path):
    out = tmp_path / f"lo_{target}"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", target, "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=120)
    return out / f"{source.stem}.{target.split(':')[0]}"


def test_a_form_saved_by_libreoffice_loads(db, make_form, filler, rows_of, tmp_path):
    path = make_form()
    rows = rows_of(path)
    filler(path, {f"E{rows['STAFF']}": 40, f"E{rows['PCS']}": "1.234",
                  f"E{rows['BUDGET_SPENT']}": "60,5", f"E{rows['HAS_LAN']}": "Có",
                  f"F{rows['STAFF']}": "ghi chú"})
    saved = _convert(path, "xlsx", tmp_path)
    assert saved.read_bytes() != path.read_bytes()
    [report] = load_files(db, [saved])
    assert report.ok, report.problems
    assert (report.values, report.inserted) == (4, 4)


def test_form_prints_on_one_a4_page(make_form, tmp_path):
    pdf = _convert(make_form("H38TS-P01"), "pdf", tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE), info
    assert "595" in info and "841" in info  # A4 in points
