"""Making intake forms: layout, protection, validation, _meta, printing."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from desktop.errors import UserError
from desktop.intake import make_forms
from desktop.intake.layout import FORM_SHEET, FORM_VERSION, META_SHEET

COMMUNE, AGENCY = "H38TS-X02", "H38TS-P01"


def _texts(sheet) -> list[str]:
    return [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]


def test_form_heading_unit_period_and_file_name(make_form):
    path = make_form(COMMUNE, "2025Q3")
    assert path.name == "H38TS-X02_2025Q3.xlsx"
    sheet = load_workbook(path)[FORM_SHEET]
    texts = _texts(sheet)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts
    assert "Độc lập - Tự do - Hạnh phúc" in texts
    assert any(text.startswith("Biểu số") for text in texts)
    assert "Kỳ báo cáo: Quý III/2025" in texts
    assert any("Xã Dân Lực" in text and COMMUNE in text for text in texts)
    assert "Người lập biểu" in texts and "Thủ trưởng đơn vị" in texts
    assert "(Ký, đóng dấu, họ tên)" in texts
    assert sheet["A1"].font.name == "Times New Roman"
    assert sheet["B12"].font.name == "Times New Roman"


def test_meta_sheet_names_unit_period_office_and_elements(make_form, rows_of):
    path = make_form(COMMUNE, "2025Q3")
    workbook = load_workbook(path)
    meta = workbook[META_SHEET]
    assert meta.sheet_state == "hidden"
    assert meta.protection.sheet
    values = {meta.cell(r, 1).value: meta.cell(r, 2).value for r in range(1, 7)}
    assert values == {"form": "itplan-intake", "version": FORM_VERSION, "unit": COMMUNE,
                      "period": "2025Q3", "office": "H38TS", "count": str(len(rows_of(path)))}
    rows = rows_of(path)
    sheet = workbook[FORM_SHEET]
    assert sheet.cell(rows["STAFF"], 2).value == "Tổng số cán bộ, công chức"
    assert list(rows.values()) == sorted(rows.values())


def test_elements_follow_the_unit_level(make_form, rows_of):
    commune, agency = rows_of(make_form(COMMUNE)), rows_of(make_form(AGENCY))
    assert "DOCS_TO_PPC" not in commune and "DOCS_TO_PPC" in agency  # tinh,huyen only
    assert "GDP_GROWTH" not in agency  # province level only
    assert "STAFF" in commune and "HAS_LAN" in commune


def test_only_value_and_note_cells_are_unlocked_each_with_validation(make_form, rows_of):
    path = make_form(COMMUNE)
    rows = rows_of(path)
    sheet = load_workbook(path)[FORM_SHEET]
    assert sheet.protection.sheet and sheet.protection.password
    unlocked = {c.coordinate for row in sheet.iter_rows() for c in row if not c.protection.locked}
    expected = {f"{col}{r}" for r in rows.values() for col in "EF"}
    assert unlocked == expected
    by_cell = {}  # validation rule of each cell
    for rule in sheet.data_validations.dataValidation:
        for ref in str(rule.sqref).split():
            by_cell[ref] = rule
    assert expected <= set(by_cell)
    assert by_cell[f"E{rows['STAFF']}"].type == "whole"
    assert by_cell[f"E{rows['STAFF']}"].formula1 == "0"
    assert by_cell[f"E{rows['BUDGET_SPENT']}"].type == "decimal"
    assert by_cell[f"E{rows['HAS_LAN']}"].type == "list"
    assert by_cell[f"E{rows['HAS_LAN']}"].formula1 == '"Có,Không"'


def test_reference_column_shows_last_period(make_form, rows_of, db):
    from desktop.data.values import ValueInput, write_values

    with db.session() as session:
        write_values(session, [ValueInput(COMMUNE, "STAFF", "2024Q2", 31)])
    path = make_form(COMMUNE, "2024Q3")  # the commune closed on 30/6/2025 (the reform)
    rows = rows_of(path)
    sheet = load_workbook(path)[FORM_SHEET]
    assert sheet.cell(rows["STAFF"], 4).value == 31
    assert sheet.cell(rows["HAS_LAN"], 4).value in ("Có", "Không")  # yearly value of 2024
    assert "Quý II/2024" in sheet["D8"].value


def test_page_setup_is_one_a4_page(make_form):
    sheet = load_workbook(make_form())[FORM_SHEET]
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage


def test_make_forms_reports_progress_and_refuses_bad_input(db, tmp_path):
    seen = []
    with db.session() as session:
        paths = make_forms(session, [COMMUNE, AGENCY], "2025", tmp_path / "out",
                           progress=lambda done, total: seen.append((done, total)))
        assert [p.name for p in paths] == ["H38TS-X02_2025.xlsx", "H38TS-P01_2025.xlsx"]
        assert seen == [(1, 2), (2, 2)]
        with pytest.raises(UserError, match="NOPE"):
            make_forms(session, ["NOPE"], "2025", tmp_path / "out")
        with pytest.raises(UserError, match="2025Q9"):
            make_forms(session, [COMMUNE], "2025Q9", tmp_path / "out")


def test_file_names_are_safe():
    from desktop.intake.make import form_file_name

    assert form_file_name("H38TS-X01", "2025-07") == "H38TS-X01_2025-07.xlsx"
    assert form_file_name("../X/01", "2025") == ".._X_01_2025.xlsx"
