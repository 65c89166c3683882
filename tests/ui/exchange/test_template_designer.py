"""The template designer: a province form becomes a working template by clicking, with a live preview."""

from __future__ import annotations

import os
import shutil

import openpyxl
import pytest
from openpyxl.styles import Font

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.data.database import open_database  # noqa: E402
from desktop.reports.check import check_template  # noqa: E402
from desktop.reports.fill import fill_report  # noqa: E402
from desktop.ui import dialogs  # noqa: E402
from desktop.ui.exchange.template_designer import TemplateDesigner  # noqa: E402


@pytest.fixture
def database(demo_template, tmp_path):
    shutil.copy(demo_template, tmp_path / "demo.sqlite")
    database = open_database(tmp_path / "demo.sqlite")
    yield database
    database.close()


def province_form(path):
    """A form as the province sends it: titles, a merged heading, a header row, a sample row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Biểu 02"
    ws["A1"] = "BÁO CÁO ỨNG DỤNG CNTT"
    ws["A1"].font = Font(bold=True)
    ws.merge_cells("A1:E1")
    ws["A2"] = "Kỳ: ……"
    ws.append(["STT", "Đơn vị", "Tỷ lệ (%)", "Mục tiêu", "Đánh giá"])
    ws.append([1, "Đơn vị A"])
    ws["A6"], ws["C6"] = "Tổng", "=COUNT(C4:C4)"
    wb.save(path)


def put(designer, row, column, key, indicator=None):
    designer.grid.setCurrentCell(row - 1, column - 1)
    designer.choose(key, indicator)
    designer.place_choice()


def test_a_form_becomes_a_template_by_clicking(qtbot, database, tmp_path, monkeypatch):
    monkeypatch.setattr(dialogs, "show_error", lambda *a, **k: pytest.fail(str(a)))
    province_form(tmp_path / "bieu.xlsx")
    designer = TemplateDesigner(database, "H38TS", "2024", path=tmp_path / "bieu.xlsx")
    qtbot.addWidget(designer)
    assert designer.grid.columnSpan(0, 0) == 5 and designer.grid.item(0, 0).font().bold()
    put(designer, 2, 1, "period.label")
    put(designer, 4, 1, "row.no")
    put(designer, 4, 2, "unit.name")
    put(designer, 4, 3, "value", "STAFF_PC_RATE")
    assert designer.tag_text.text() == "{{ value:STAFF_PC_RATE }}"
    assert "Biểu 02!B4" in designer.problems.text()  # a unit's name needs a repeated row
    put(designer, 4, 3, "each:units")  # the loop tag goes to the row's first cell
    assert designer.draft.text("Biểu 02", 4, 1) == "{{ each:units }}{{ row.no }}"
    assert designer.problems.text() == ""
    put(designer, 4, 5, "status", "STAFF_PC_RATE")
    designer.views.setCurrentIndex(1)  # the preview, filled from the database
    names = [designer.preview.item(row, 1).text() for row in range(3, 26) if designer.preview.item(row, 1)]
    assert "Văn phòng HĐND và UBND huyện" in names and "Xã Thọ Bình" in names
    assert designer.preview.item(1, 0).text() == "Năm 2024"
    saved = designer.save_to(tmp_path / "mau.xlsx")
    assert check_template(saved).errors == []
    out = tmp_path / "bao-cao.xlsx"
    with database.session() as session:
        fill_report(session, saved, "H38TS", "2024", out)
    ws = openpyxl.load_workbook(out).active
    assert ws["B4"].value == "Văn phòng HĐND và UBND huyện" and ws["A2"].value == "Năm 2024"
    assert ws["C28"].value == "=COUNT(C4:C26)"  # 23 units: the total moved from row 6 and grew
    assert ws["A1"].font.bold and "A1:E1" in {m.coord for m in ws.merged_cells.ranges}


def test_not_a_workbook_is_refused_in_one_sentence(qtbot, database, tmp_path, monkeypatch):
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, message, problems=None: errors.append(message))
    bad = tmp_path / "bieu.xlsx"
    bad.write_text("không phải bảng tính", encoding="utf-8")
    designer = TemplateDesigner(database, "H38TS", "2024", path=bad)
    qtbot.addWidget(designer)
    assert len(errors) == 1 and "bieu.xlsx" in errors[0] and designer.draft is None
