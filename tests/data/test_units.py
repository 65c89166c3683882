"""Organisation units: tree order, CSV import, rename, close, merge, audit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desktop.data import audit
from desktop.data.models import OrgUnit
from desktop.data.units import (
    add_unit,
    children,
    close_unit,
    import_units_csv,
    list_units,
    merge_units,
    predecessors,
    rename_unit,
    unit_by_code,
)
from desktop.errors import UserError


def _codes(rows) -> list[str]:
    return [row.code for row in rows]


def test_add_and_list_in_tree_order_with_vietnamese_sort(db):
    with db.session() as session:
        add_unit(session, "T01", "Tỉnh Thử", "tinh")
        add_unit(session, "H02", "Huyện Đông", "huyen", parent_code="T01")
        add_unit(session, "H01", "Huyện Dân", "huyen", parent_code="T01")
        for code, name in [("X4", "Xã Đông Sơn"), ("X3", "Xã Ân Thi"), ("X2", "Xã Anh Sơn"),
                           ("X1", "Xã An Nông"), ("X5", "Xã Ăn Quả")]:
            add_unit(session, code, name, "xa", parent_code="H01")
        add_unit(session, "X9", "Xã Bắc", "xa", parent_code="H02")
        add_unit(session, "P01", "Phòng Nội vụ", "huyen", "agency", "H01", order=-1)
    with db.session() as session:
        rows = list_units(session)
        assert _codes(rows) == ["T01", "H01", "P01", "X1", "X2", "X5", "X3", "X4", "H02", "X9"]
        row = rows[_codes(rows).index("P01")]
        assert (row.name, row.level, row.kind, row.parent) == (
            "Phòng Nội vụ", "huyen", "agency", "H01")
        assert _codes(list_units(session, under="H02")) == ["H02", "X9"]
        assert _codes(children(session, "T01")) == ["H01", "H02"]
        unit = unit_by_code(session, "X9")
        assert unit.path == f"{unit_by_code(session, 'T01').path}" \
            f"{unit_by_code(session, 'H02').id}/{unit.id}/"


def test_names_are_stored_nfc_and_searchable(db):
    import unicodedata

    with db.session() as session:
        add_unit(session, " X1 ", unicodedata.normalize("NFD", "Xã  Thọ Bình"), "xa")
    with db.session() as session:
        unit = unit_by_code(session, "X1")
        assert unit.name == "Xã  Thọ Bình" and unit.search_key == "xã thọ bình"


@pytest.mark.parametrize("args, words", [
    (("X1", "Xã", "commune"), ["commune", "tinh, huyen, xa"]),
    (("X1", "Xã", "xa", "office"), ["office"]),
    (("", "Xã", "xa"), ["mã và tên"]),
    (("X1", "  ", "xa"), ["mã và tên"]),
    (("X1", "Xã", "xa", "area", "NOPE"), ["NOPE"]),
])
def test_bad_units_are_refused(db, args, words):
    with pytest.raises(UserError) as caught, db.session() as session:
        add_unit(session, *args)
    for word in words:
        assert word in caught.value.message


def test_a_duplicate_code_is_refused(office_db):
    with pytest.raises(UserError) as caught, office_db.session() as session:
        add_unit(session, "X01", "Xã Khác", "xa", parent_code="H01")
    assert "X01" in caught.value.message


def _csv(tmp_path: Path, text: str, name: str = "units.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8-sig")
    return path


def test_import_units_csv(office_db, tmp_path):
    path = _csv(tmp_path, "Code,Name,Level,Kind,Parent,valid_from,valid_to\n"
                "X03,Xã Ba,xa,area,H01,,\n"
                "X04,Xã Bốn,xa,,H01,01/07/2020,\n"
                "X04-T1,Thôn Một,xa,area,X04,2021-01-01,31/12/2024\n"
                "\n"
                "P02,Phòng Tư pháp,huyen,agency,H01\n")
    with office_db.session() as session:
        assert import_units_csv(session, path) == 4
    with office_db.session() as session:
        rows = {row.code: row for row in list_units(session)}
        assert rows["X04"].kind == "area" and rows["X04"].valid_from == dt.date(2020, 7, 1)
        assert rows["X04-T1"].parent == "X04"
        assert rows["X04-T1"].valid_to == dt.date(2024, 12, 31)
        assert rows["P02"].kind == "agency"
        assert _codes(list_units(session, "X04")) == ["X04", "X04-T1"]


BAD_UNIT_FILES = {
    "unknown parent": ("X03,Xã Ba,xa,area,H01\nX04,Xã Bốn,xa,area,H99\n", 3, "H99"),
    "bad level": ("X03,Xã Ba,xa,area,H01\nX04,Xã Bốn,commune,area,H01\n", 3, "commune"),
    "bad kind": ("X03,Xã Ba,xa,area,H01\nX04,Xã Bốn,xa,village,H01\n", 3, "village"),
    "duplicate in the file": ("X03,Xã Ba,xa,area,H01\nX03,Xã Ba lần nữa,xa,area,H01\n", 3, "X03"),
    "duplicate of the database": ("X03,Xã Ba,xa,area,H01\nX01,Xã Một,xa,area,H01\n", 3, "X01"),
    "bad date": ("X03,Xã Ba,xa,area,H01,32/13/2020\n", 2, "32/13/2020"),
    "missing columns": ("X03,Xã Ba,xa,area,H01\nX04,Xã Bốn\n", 3, ""),
    "ends before it starts": ("X03,Xã Ba,xa,area,H01\nX04,Xã Bốn,xa,area,H01,2020-01-01,"
                              "31/12/2019\n", 3, "trước ngày bắt đầu"),
}


@pytest.mark.parametrize("body, line, detail", BAD_UNIT_FILES.values(), ids=BAD_UNIT_FILES.keys())
def test_a_bad_units_file_is_refused_whole(office_db, tmp_path, table_dump, body, line, detail):
    path = _csv(tmp_path, "code,name,level,kind,parent,valid_from,valid_to\n" + body, "bad.csv")
    before = table_dump(office_db)
    with pytest.raises(UserError) as caught, office_db.session() as session:
        import_units_csv(session, path)
    assert f"bad.csv, dòng {line}" in caught.value.message
    assert detail in caught.value.message
    assert table_dump(office_db) == before


def test_a_units_file_without_the_needed_columns_is_refused(office_db, tmp_path):
    path = _csv(tmp_path, "ma,ten\nX03,Xã Ba\n", "bad.csv")
    with pytest.raises(UserError) as caught, office_db.session() as session:
        import_units_csv(session, path)
    assert "bad.csv" in caught.value.message and "code, name, level" in caught.value.message


def _audit(session, code: str) -> list[tuple]:
    return [(row["action"], row["old"], row["new"]) for row in audit.history(session, "unit", code)]


def test_rename_and_close_are_audited(office_db):
    with office_db.session() as session:
        rename_unit(session, "X01", "Xã Một Mới")
        close_unit(session, "X01", dt.date(2025, 6, 30))
    with office_db.session() as session:
        unit = unit_by_code(session, "X01")
        assert (unit.name, unit.search_key, unit.valid_to) == (
            "Xã Một Mới", "xã một mới", dt.date(2025, 6, 30))
        assert _audit(session, "X01") == [("add", None, "Xã Một"),
                                          ("rename", "Xã Một", "Xã Một Mới"),
                                          ("close", None, "2025-06-30")]


def test_rename_to_nothing_and_close_before_start_are_refused(office_db):
    with office_db.session() as session:
        add_unit(session, "X03", "Xã Ba", "xa", parent_code="H01", valid_from=dt.date(2020, 1, 1))
    with pytest.raises(UserError), office_db.session() as session:
        rename_unit(session, "X03", "   ")
    with pytest.raises(UserError) as caught, office_db.session() as session:
        close_unit(session, "X03", dt.date(2019, 12, 31))
    assert "X03" in caught.value.message
    with pytest.raises(UserError) as caught, office_db.session() as session:
        rename_unit(session, "X77", "Xã")
    assert "X77" in caught.value.message


def test_merge_closes_the_day_before_and_sets_the_successor(office_db):
    with office_db.session() as session:
        add_unit(session, "X03", "Xã Ba", "xa", parent_code="H01")
        merge_units(session, ["X02", "X03"], "X01", dt.date(2020, 1, 1))
    with office_db.session() as session:
        rows = {row.code: row for row in list_units(session)}
        for code in ("X02", "X03"):
            assert rows[code].valid_to == dt.date(2019, 12, 31)
            assert rows[code].successor == "X01"
        assert rows["X01"].valid_to is None and rows["X01"].successor is None
        x01 = unit_by_code(session, "X01")
        assert {session.get(OrgUnit, i).code for i in predecessors(session, x01.id)} == {
            "X02", "X03"}
        assert _audit(session, "X02")[-2:] == [("close", None, "2019-12-31"),
                                               ("merge", None, "X01")]
        assert _codes(children(session, "H01", on=dt.date(2020, 1, 1))) == ["P01", "X01"]
        assert _codes(children(session, "H01", on=dt.date(2019, 12, 31))) == [
            "P01", "X03", "X02", "X01"]  # Phòng…, Xã Ba, Xã Hai, Xã Một


def test_predecessors_follow_chains_of_merges(office_db):
    with office_db.session() as session:
        add_unit(session, "X03", "Xã Ba", "xa", parent_code="H01")
        merge_units(session, ["X03"], "X02", dt.date(2015, 1, 1))
        merge_units(session, ["X02"], "X01", dt.date(2020, 1, 1))
        found = predecessors(session, unit_by_code(session, "X01").id)
        assert {session.get(OrgUnit, i).code for i in found} == {"X02", "X03"}


@pytest.mark.parametrize("old, into, word", [
    (["X01"], "X01", "chính nó"), (["H01"], "X01", "nằm dưới"), (["X01"], "X99", "X99"),
    (["X98"], "X01", "X98"),
])
def test_bad_merges_are_refused(office_db, table_dump, old, into, word):
    before = table_dump(office_db)
    with pytest.raises(UserError) as caught, office_db.session() as session:
        merge_units(session, old, into, dt.date(2020, 1, 1))
    assert word in caught.value.message
    assert table_dump(office_db) == before


def test_a_refused_merge_of_several_changes_none(office_db, table_dump):
    before = table_dump(office_db)
    with pytest.raises(UserError), office_db.session() as session:
        merge_units(session, ["X02", "X01"], "X01", dt.date(2020, 1, 1))
    assert table_dump(office_db) == before
    with office_db.session() as session:
        assert session.scalar(select(OrgUnit.valid_to).where(OrgUnit.code == "X02")) is None


UNIT_CELLS = st.one_of(
    st.sampled_from(["X03", "X01", "H01", "H99", "Xã Ba", "xa", "huyen", "tinh", "commune",
                     "area", "agency", "", "2020-01-01", "31/12/2019", "32/13/2020", "\""]),
    st.text(max_size=5),
)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(UNIT_CELLS, max_size=8), max_size=5))
def test_any_units_file_is_either_imported_or_refused_unchanged(office_db, tmp_path, table_dump,
                                                                lines):
    path = _csv(tmp_path, "code,name,level,kind,parent,valid_from,valid_to\n" +
                "\n".join(",".join(cells) for cells in lines), "fuzz.csv")
    before = table_dump(office_db)
    try:
        with office_db.session() as session:
            count = import_units_csv(session, path)
    except UserError as exc:
        assert "fuzz.csv" in exc.message
        assert table_dump(office_db) == before
        return
    with office_db.session() as session:
        assert len(list_units(session)) == len(before["org_unit"]) + count
