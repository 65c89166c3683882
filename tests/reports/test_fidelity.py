"""Fidelity of the fill over the corpus in tests/reports/corpus (README.md there says what each holds).

For every workbook: `template check` finds nothing it would not keep or
could not move; the output has every part of the template (the calculation
chain aside, which Excel rebuilds); every part the fill had no reason to
touch is byte for byte the same; every part it did touch has the same XML
elements with the same attributes outside the cells (copies of the repeated
row's merged cells and the recalculation flag accounted for); and the row
references below the repeated block moved, in every kind of part.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

from desktop.reports.check import check_template
from desktop.reports.fill import fill_report

CORPUS = Path(__file__).parent / "corpus"
FILES = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".xlsx", ".xlsm"))
UNITS = 23  # units under Huyện Triệu Sơn in 2024: the block grows by 22 rows
GROWN = UNITS - 1
# Parts with row references (or the calculation chain's entries); every other part stays byte for byte.
MAY_CHANGE = ("xl/worksheets/sheet", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml",
              "xl/drawings/", "xl/charts/", "xl/comments", "xl/tables/", "xl/threadedComments/")
SHEET_DATA = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheetData"


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def signature(data: bytes) -> Counter:
    """(element, its attribute names) for every element outside the cells."""
    root = etree.fromstring(data)
    found = Counter()
    for element in root.iter():
        if not isinstance(element.tag, str) or any(a.tag == SHEET_DATA for a in element.iterancestors()):
            continue
        if element.tag == SHEET_DATA:
            continue
        name = etree.QName(element).localname
        if name in ("mergeCell", "calcPr") or "calcChain" in str(element.attrib):
            continue  # copies of the repeated row's merges; the recalculation flag; the dropped chain
        found[(element.tag, tuple(sorted(element.attrib)))] += 1
    return found


EXCEL = sorted(p.name for p in (CORPUS / "excel").iterdir() if p.suffix in (".xlsx", ".xlsm"))


def tag_like_a_user(source: Path, target: Path) -> Path:
    """An Excel file made a template as in the designer: row 1 of the first sheet repeated per unit."""
    from desktop.reports.designer import Draft, choices

    by_key = {choice.key: choice for choice in choices()}
    draft = Draft(source)
    sheet = draft.sheets[0]
    used = [column for (_row, column) in draft._sheet(sheet)._cells] or [0]
    draft.place(sheet, 1, max(used) + 1, by_key["unit.name"])
    draft.place(sheet, 1, 1, by_key["each:units"])
    return draft.save(target)


@pytest.fixture(scope="module")
def excel_filled(demo_template, tmp_path_factory):
    """Excel's own files, tagged as a user would, and filled: (template, report) by name."""
    from desktop.data.database import open_database

    folder = tmp_path_factory.mktemp("excel")
    database = open_database(demo_template)
    pairs = {}
    with database.session() as session:
        for name in EXCEL:
            template = tag_like_a_user(CORPUS / "excel" / name, folder / ("t-" + name))
            out = folder / ("o-" + name)
            fill_report(session, template, "H38TS", "2024", out)
            pairs[name] = (template, out)
    database.close()
    return pairs


@pytest.mark.parametrize("name", EXCEL)
def test_excel_files_kept_whole(excel_filled, name):
    template, out = excel_filled[name]
    check = check_template(template)
    assert check.errors == [] and check.warnings == []
    assert_accounted_for(template, out)
    before, after = parts(template), parts(out)
    assert out.suffix == template.suffix
    for part in before:  # pictures, VBA, printer settings, styles…: byte for byte
        if not part.startswith(MAY_CHANGE) and not part.endswith(".vml") and part != "xl/calcChain.xml":
            assert after[part] == before[part], part


def test_excel_references_moved(excel_filled):
    """A sample of Excel's own files: the chart, comment, picture and table below row 1 moved."""
    grown = GROWN
    out = parts(excel_filled["chart_errorbars01.xlsx"][1])
    assert f"Sheet1!$B$1:$B${5 + grown}" in out["xl/charts/chart1.xml"].decode()
    assert f"<xdr:row>{8 + grown}</xdr:row>" in out["xl/drawings/drawing1.xml"].decode()
    assert f'ref="B{2 + grown}"' in parts(excel_filled["comment01.xlsx"][1])["xl/comments1.xml"].decode()
    assert f'ref="B{3 + grown}:K{6 + grown}"' in parts(excel_filled["table10.xlsx"][1])["xl/tables/table1.xml"].decode()


@pytest.fixture(scope="module")
def filled(demo_template, tmp_path_factory):
    from desktop.data.database import open_database

    folder = tmp_path_factory.mktemp("fidelity")
    database = open_database(demo_template)
    outputs = {}
    with database.session() as session:
        for name in FILES:
            out = folder / ("out-" + name)
            fill_report(session, CORPUS / name, "H38TS", "2024", out, report_date=dt.date(2026, 11, 21))
            outputs[name] = out
    database.close()
    return outputs


@pytest.mark.parametrize("name", FILES)
def test_check_finds_nothing_to_lose(name):
    result = check_template(CORPUS / name)
    assert result.errors == [] and result.warnings == []


@pytest.mark.parametrize("name", FILES)
def test_every_part_accounted_for(filled, name):
    assert_accounted_for(CORPUS / name, filled[name])


def assert_accounted_for(template: Path, out: Path) -> None:
    before, after = parts(template), parts(out)
    assert set(after) == set(before) - {"xl/calcChain.xml"}
    for part, data in before.items():
        if part not in after or after[part] == data:
            continue
        if part.endswith(".vml"):  # only the anchors' and rows' numbers change
            assert re.sub(rb"\d+", b"0", after[part]) == re.sub(rb"\d+", b"0", data), part
            continue
        assert part.startswith(MAY_CHANGE), f"{part} changed"
        assert signature(after[part]) == signature(data), part


@pytest.mark.parametrize("name", [n for n in FILES if n.startswith("xlsxwriter")])
def test_references_move_everywhere(filled, name):
    out = parts(filled[name])
    total = 5 + GROWN
    sheet = out["xl/worksheets/sheet1.xml"].decode()
    # hyperlinks below the block moved with their text, and a link to the total row follows it
    links = re.findall(r'<hyperlink ref="([A-Z]+\d+)"[^>]*?(?:location="([^"]*)")?', sheet)
    assert [ref for ref, _ in links] == [f"B{7 + GROWN}", f"B{8 + GROWN}", f"B{9 + GROWN}"]
    assert f"'Báo cáo'!C{total}" in sheet
    # extension lists: sparklines' ranges and places, data bar's range
    assert f"<xm:f>'Báo cáo'!C{total}:D{total}</xm:f>" in sheet
    assert f"<xm:sqref>G{11 + GROWN}</xm:sqref>" in sheet
    assert f"<xm:sqref>E4:E{3 + UNITS}</xm:sqref>" in sheet
    chart = out["xl/charts/chart1.xml"].decode()
    assert f"'Báo cáo'!$C$4:$C${3 + UNITS}" in chart  # the block's series grows
    assert f"'Báo cáo'!$C${total}:$D${total}" in chart and "trendline" in chart
    assert f"'Báo cáo'!$C${total}:$D${total}" in out["xl/charts/chart2.xml"].decode()  # other sheet
    anchors = [int(r) for r in re.findall(r"<xdr:from><xdr:col>\d+</xdr:col><xdr:colOff>\d+</xdr:colOff>"
                                           r"<xdr:row>(\d+)</xdr:row>", out["xl/drawings/drawing1.xml"].decode())]
    assert sorted(anchors) == sorted(r + GROWN for r in (12, 12, 19))
    assert f'ref="C{total}"' in out["xl/comments1.xml"].decode()
    assert f"<x:Row>{total - 1}</x:Row>" in out["xl/drawings/vmlDrawing1.vml"].decode()
    assert f'ref="A{16 + GROWN}:C{18 + GROWN}"' in out["xl/tables/table1.xml"].decode()
    assert f"'Báo cáo'!$C${total}" in out["xl/workbook.xml"].decode()


def test_macros_and_custom_xml_kept(filled):
    macros = parts(filled["xlsxwriter-macros.xlsm"])
    assert filled["xlsxwriter-macros.xlsm"].suffix == ".xlsm"
    assert macros["xl/vbaProject.bin"] == parts(CORPUS / "xlsxwriter-macros.xlsm")["xl/vbaProject.bin"]
    features = parts(filled["xlsxwriter-features.xlsx"])
    assert features["customXml/item1.xml"] == parts(CORPUS / "xlsxwriter-features.xlsx")["customXml/item1.xml"]


def test_values_filled(filled):
    ws = openpyxl.load_workbook(filled["openpyxl-form.xlsx"])["Báo cáo"]
    assert ws["B4"].value == "Văn phòng HĐND và UBND huyện" and ws[f"B{3 + UNITS}"].value == "Xã Thọ Bình"
    assert ws[f"C{4 + UNITS}"].value == f"=SUM(C4:C{3 + UNITS})"


def test_libreoffice_opens_and_recalculates(filled, tmp_path):
    """LibreOffice as the client: the filled workbook opens and the totals are computed."""
    out = tmp_path / "csv"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(out), str(filled["xlsxwriter-features.xlsx"])],
                   check=True, capture_output=True, timeout=180)
    rows = (out / "out-xlsxwriter-features.csv").read_text(encoding="utf-8").splitlines()
    assert rows[3].split(",")[1] == "Văn phòng HĐND và UBND huyện"
    total = rows[4 + GROWN].split(",")
    assert total[0] == "Tổng cộng"
    assert float(total[2]) == sum(float(row.split(",")[2]) for row in rows[3:3 + UNITS])
