"""Score tags in report templates: a ranked unit loop and single scores."""

from __future__ import annotations

import openpyxl
import pytest

from desktop.assess.scoring import score_units
from desktop.assess.store import get_set
from desktop.errors import UserError
from desktop.formats import format_plain
from desktop.reports.fill import fill_report


def _template(path, cells: dict[str, str]):
    wb = openpyxl.Workbook()
    for ref, text in cells.items():
        wb.active[ref] = text
    wb.save(path)
    return path


def test_a_ranked_loop_fills_rank_order_with_scores(demo_database, tmp_path):
    template = _template(tmp_path / "t.xlsx", {
        "A1": "{{ office.name }}",
        "A3": "{{ each:units rank=VD-UDCNTT }}{{ row.no }}", "B3": "{{ unit.name }}",
        "C3": "{{ score:total }}", "D3": "{{ score:rank }}", "E3": "{{ score:class }}",
        "F3": "{{ score:HT }}", "G3": "{{ score:HT1 }}", "H3": "{{ value:STAFF_PC_RATE }}",
        "A5": "Tổng điểm Văn phòng: {{ score:total set=VD-UDCNTT unit=H38TS-P01 }}",
    })
    with demo_database.session() as session:
        expected = score_units(session, get_set(session, "VD-UDCNTT"), "2024", "H38TS")
        out = fill_report(session, template, "H38TS", "2024", tmp_path / "out.xlsx")
    ws = openpyxl.load_workbook(out).active
    assert len(expected) == 8
    for offset, row in enumerate(expected):
        line = 3 + offset
        hd = next(c for c in row.criteria if c.code == "HT1")
        assert [ws.cell(line, col).value for col in range(1, 8)] == [
            offset + 1, row.unit_name, row.total, row.rank, row.band, row.groups["HT"], hd.points]
        assert isinstance(ws.cell(line, 8).value, int | float)  # the row unit's figure
    office = next(r for r in expected if r.unit == "H38TS-P01")
    assert ws.cell(3 + len(expected) + 1, 1).value == (
        f"Tổng điểm Văn phòng: {format_plain(office.total)}")


def test_a_score_tag_outside_a_unit_row_needs_a_unit(demo_database, tmp_path):
    template = _template(tmp_path / "t.xlsx", {"B2": "{{ score:total set=VD-UDCNTT }}"})
    with demo_database.session() as session, pytest.raises(UserError, match="B2.*unit="):
        fill_report(session, template, "H38TS", "2024", tmp_path / "out.xlsx")
    assert not (tmp_path / "out.xlsx").exists()


def test_an_unknown_criterion_is_named(demo_database, tmp_path):
    template = _template(tmp_path / "t.xlsx", {
        "A2": "{{ each:units rank=VD-UDCNTT }}{{ score:ZZ9 }}"})
    with demo_database.session() as session, pytest.raises(UserError, match="“ZZ9”"):
        fill_report(session, template, "H38TS", "2024", tmp_path / "out.xlsx")


@pytest.mark.parametrize("period", ["²", "2024Q3", "24"])
def test_a_score_tags_period_that_is_not_a_year_is_named(demo_database, tmp_path, period):
    """`period=` takes a year: a superscript digit (which `str.isdigit` takes but `int`
    refuses) or a quarter is refused by the check, naming the cell, before any filling."""
    template = _template(tmp_path / "t.xlsx", {
        "A1": f"{{{{ score:total set=VD-UDCNTT unit=H38TS-P01 period={period} }}}}"})
    with demo_database.session() as session, pytest.raises(UserError, match="A1.*một năm"):
        fill_report(session, template, "H38TS", "2024", tmp_path / "out.xlsx")
    assert not (tmp_path / "out.xlsx").exists()
