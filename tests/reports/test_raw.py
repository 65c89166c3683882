"""The raw export: a flat table and a pivot; text never becomes a formula."""

from __future__ import annotations

import openpyxl
import pytest

from desktop.data.values import ValueInput, write_values
from desktop.errors import UserError
from desktop.reports.raw import export_raw, raw_rows


def test_flat_and_pivot(demo_database, tmp_path):
    out = tmp_path / "raw.xlsx"
    with demo_database.session() as session:
        count = export_raw(session, "H38TS", "2024Q3", out)
        rows = raw_rows(session, "H38TS", "2024Q3")
    wb = openpyxl.load_workbook(out)
    flat, pivot = wb["Số liệu"], wb["Bảng tổng hợp"]
    assert count == len(rows) == flat.max_row - 1 > 100
    assert [c.value for c in flat[1]] == ["Mã đơn vị", "Tên đơn vị", "Mã số liệu", "Tên số liệu",
                                          "Kỳ", "Giá trị", "Ghi chú"]
    assert {r[4] for r in rows} <= {"2024Q3", "2024-07", "2024-08", "2024-09"}
    assert all(isinstance(flat.cell(i, 6).value, int | float) for i in range(2, flat.max_row + 1))
    codes = [pivot.cell(1, c).value for c in range(3, pivot.max_column + 1)]
    assert "STAFF" in codes
    staff = codes.index("STAFF") + 3
    first = next(r for r in rows if r[0] == pivot["A3"].value and r[2] == "STAFF")
    assert pivot.cell(3, staff).value == first[5]


def test_formula_like_text_stays_text(demo_database, tmp_path):
    with demo_database.session() as session:
        write_values(session, [ValueInput("H38TS-X05", "IT_STAFF", "2025Q1", 2,
                                          comment='=HYPERLINK("http://x","y")'),
                               ValueInput("H38TS-X05", "DOCS_SENT", "2025Q1", 280, comment="-5 văn bản"),
                               ValueInput("H38TS-X05", "INVITES", "2025Q1", 20, comment="@chú ý")])
        export_raw(session, "H38TS-X05", "2025Q1", tmp_path / "raw.xlsx")
    flat = openpyxl.load_workbook(tmp_path / "raw.xlsx")["Số liệu"]
    comments = {flat.cell(r, 7).value: flat.cell(r, 7) for r in range(2, flat.max_row + 1)
                if flat.cell(r, 7).value}
    for text in ('=HYPERLINK("http://x","y")', "-5 văn bản", "@chú ý"):
        assert comments[text].data_type == "s" and comments[text].quotePrefix


def test_refuses_to_overwrite(demo_database, tmp_path):
    out = tmp_path / "raw.xlsx"
    out.write_bytes(b"x")
    with demo_database.session() as session, pytest.raises(UserError, match="--force"):
        export_raw(session, "H38TS", "2024", out)
