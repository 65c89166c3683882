"""`values import` / `values export`: good files, every bad case, the round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desktop.data.models import AuditEntry, DataElement, DataValue, OrgUnit, Period, YearValue
from desktop.data.submission import set_state
from desktop.data.values_csv import export_values_csv, import_values_csv
from desktop.errors import UserError

HEADER = "unit_code,element_code,period,value,comment\n"


def _write(tmp_path: Path, text: str, name: str = "values.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _import(database, path: Path):
    with database.session() as session:
        return import_values_csv(session, path)


def _values(database) -> dict[tuple[str, str, str], tuple[float, str]]:
    with database.session() as session:
        rows = session.execute(
            select(OrgUnit.code, DataElement.code, Period.code, DataValue.value, DataValue.comment)
            .join(OrgUnit, OrgUnit.id == DataValue.unit_id)
            .join(DataElement, DataElement.id == DataValue.element_id)
            .join(Period, Period.id == DataValue.period_id))
        return {(u, e, p): (v, c) for u, e, p, v, c in rows}


# ------------------------------------------------------------------ good files

def test_import_with_header(office_db, tmp_path):
    path = _write(tmp_path, HEADER + "X01,STAFF,2024Q1,30,đủ\nX01,STAFF_MAILBOX,2024Q1,25,\n"
                  "X02,HAS_LAN,2024,1\n")
    result = _import(office_db, path)
    assert (result.inserted, result.updated, result.unchanged) == (3, 0, 0)
    assert _values(office_db) == {("X01", "STAFF", "2024Q1"): (30, "đủ"),
                                  ("X01", "STAFF_MAILBOX", "2024Q1"): (25, ""),
                                  ("X02", "HAS_LAN", "2024"): (1, "")}


def test_import_without_header_keeps_codes_as_typed(office_db, tmp_path):
    path = _write(tmp_path, "X01,STAFF,2024Q1,30\nX02,STAFF,2024Q1,28\n")
    assert _import(office_db, path).inserted == 2
    assert _values(office_db)[("X01", "STAFF", "2024Q1")] == (30, "")


def test_import_semicolons_bom_and_vietnamese_numbers(office_db, tmp_path):
    text = ("unit_code;element_code;period;value;comment\n"
            "X01;BUDGET_PLANNED;2024;1.234;nghìn hai trăm\n"
            "X01;BUDGET_SPENT;2024;60,5;sáu mươi rưỡi\n"
            "X02;BUDGET_PLANNED;2024;1.234,5\n"
            "X02;STAFF;2024-Q3;1.200\n")
    path = _write(tmp_path, text, encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    _import(office_db, path)
    assert _values(office_db) == {
        ("X01", "BUDGET_PLANNED", "2024"): (1234, "nghìn hai trăm"),
        ("X01", "BUDGET_SPENT", "2024"): (60.5, "sáu mươi rưỡi"),
        ("X02", "BUDGET_PLANNED", "2024"): (1234.5, ""),
        ("X02", "STAFF", "2024Q3"): (1200, ""),  # loose period code made canonical
    }


def test_quoted_decimal_comma_with_comma_separator(office_db, tmp_path):
    path = _write(tmp_path, HEADER + 'X01,BUDGET_SPENT,2024,"60,5","a, b"\n')
    _import(office_db, path)
    assert _values(office_db)[("X01", "BUDGET_SPENT", "2024")] == (60.5, "a, b")


def test_a_windows_1258_file_is_read(office_db, tmp_path):
    path = _write(tmp_path, HEADER + "X01,STAFF,2024,30,Ghi chú\n", encoding="cp1258")
    _import(office_db, path)
    assert _values(office_db)[("X01", "STAFF", "2024")][0] == 30


def test_import_writes_audit_rows_and_yearly_values(office_db, tmp_path):
    _import(office_db, _write(tmp_path, HEADER + "X01,STAFF,2024Q1,30\nX01,STAFF,2024Q2,32\n"))
    with office_db.session() as session:
        keys = session.scalars(select(AuditEntry.entity_key).where(
            AuditEntry.entity == "value").order_by(AuditEntry.id)).all()
        assert keys == ["X01/STAFF/2024Q1", "X01/STAFF/2024Q2"]
        year = session.scalar(select(YearValue.value).join(OrgUnit).where(OrgUnit.code == "X01"))
        assert year == 32  # a stock: the last quarter counts for the year


def test_changing_a_value_is_an_update_with_the_old_value_audited(office_db, tmp_path):
    _import(office_db, _write(tmp_path, HEADER + "X01,STAFF,2024,30\n", "a.csv"))
    result = _import(office_db, _write(tmp_path, HEADER + "X01,STAFF,2024,31\n", "b.csv"))
    assert (result.inserted, result.updated) == (0, 1)
    with office_db.session() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert (last.action, last.old, last.new) == ("update", "30", "31")


# ------------------------------------------------------------------ bad files

BAD_CASES = {
    "unknown unit": ("X01,STAFF,2024,30\nX99,STAFF,2024,31\n", 3, "X99"),
    "unknown element": ("X01,STAFF,2024,30\nX01,NO_SUCH,2024,1\n", 3, "NO_SUCH"),
    "not a number": ("X01,STAFF,2024,30\nX02,STAFF,2024,ba mươi\n", 3, "ba mươi"),
    "bad period": ("X01,STAFF,2024,30\nX02,STAFF,2024Q5,30\n", 3, "2024Q5"),
    "duplicate row": ("X01,STAFF,2024Q1,30\nX02,STAFF,2024Q1,30\nX01,STAFF,2024-Q1,31\n",
                      4, "dòng 2"),
    "numerator above denominator": ("X01,STAFF,2024,30\nX01,STAFF_MAILBOX,2024,31\n",
                                    3, "Số cán bộ, công chức được cấp hộp thư"),
    "negative": ("X01,STAFF,2024,30\nX02,PCS,2024,-1\n", 3, "không được âm"),
    "yes/no of 2": ("X01,STAFF,2024,30\nX02,HAS_LAN,2024,2\n", 3, "chỉ nhận 1 (có) hoặc 0"),
    "missing value": ("X01,STAFF,2024,30\nX02,STAFF,2024,\n", 3, "thiếu giá trị"),
    "too few columns": ("X01,STAFF,2024,30\nX02,STAFF\n", 3, "cần 4 cột"),
}


@pytest.mark.parametrize("body, line, detail", BAD_CASES.values(), ids=BAD_CASES.keys())
def test_a_bad_line_refuses_the_whole_file(office_db, tmp_path, table_dump, body, line, detail):
    _import(office_db, _write(tmp_path, HEADER + "P01,STAFF,2023,12\n", "before.csv"))
    before = table_dump(office_db)
    path = _write(tmp_path, HEADER + body, "bad.csv")
    with pytest.raises(UserError) as caught:
        _import(office_db, path)
    message = caught.value.message
    assert f"bad.csv, dòng {line}" in message
    assert detail in message
    assert "\n" not in message
    assert table_dump(office_db) == before


def test_a_locked_period_refuses_the_whole_file(office_db, tmp_path, table_dump):
    with office_db.session() as session:
        set_state(session, "X02", "2024", "approved")
    before = table_dump(office_db)
    path = _write(tmp_path, HEADER + "X01,STAFF,2024Q3,30\nX02,STAFF,2024Q3,28\n", "bad.csv")
    with pytest.raises(UserError) as caught:
        _import(office_db, path)
    assert "bad.csv, dòng 3" in caught.value.message
    assert "Quý III/2024" in caught.value.message and "khóa" in caught.value.message
    assert table_dump(office_db) == before


def test_an_unlocked_period_takes_values_again(office_db, tmp_path):
    with office_db.session() as session:
        set_state(session, "X02", "2024", "approved")
        set_state(session, "X02", "2024", "draft", reason="sửa số liệu")
    _import(office_db, _write(tmp_path, HEADER + "X02,STAFF,2024Q3,28\n"))
    assert _values(office_db)[("X02", "STAFF", "2024Q3")] == (28, "")


def test_every_bad_line_is_listed(office_db, tmp_path):
    path = _write(tmp_path, HEADER + "X98,STAFF,2024,1\nX01,STAFF,2024,1\nX99,STAFF,2024,1\n",
                  "bad.csv")
    with pytest.raises(UserError) as caught:
        _import(office_db, path)
    assert caught.value.message.startswith("2 lỗi, không ghi gì")
    assert [p.split(":")[0] for p in caught.value.problems] == [
        "bad.csv, dòng 2", "bad.csv, dòng 4"]


def test_a_ratio_broken_against_a_stored_value_is_refused(office_db, tmp_path, table_dump):
    _import(office_db, _write(tmp_path, HEADER + "X01,STAFF,2024,30\n", "staff.csv"))
    before = table_dump(office_db)
    with pytest.raises(UserError) as caught:
        _import(office_db, _write(tmp_path, HEADER + "X01,STAFF_MAILBOX,2024,40\n", "bad.csv"))
    assert "bad.csv, dòng 2" in caught.value.message
    assert table_dump(office_db) == before


@pytest.mark.parametrize("content, expected", [
    (b"", "trống"), (b"\n\n  \n", "trống"), (b"\xff\xfe\x00\x00garbage\x81\x8d", "BOM UTF-16"),
    (b"\x00\x01garbage\x81\x8d\n", "ký tự điều khiển"),
    (HEADER.encode(), "chỉ có dòng tiêu đề"),
])
def test_empty_or_binary_files_are_refused(office_db, tmp_path, content, expected):
    path = tmp_path / "odd.csv"
    path.write_bytes(content)
    with pytest.raises(UserError) as caught:
        _import(office_db, path)
    assert "odd.csv" in caught.value.message and expected in caught.value.message


# ------------------------------------------------------------------ round trip

def test_export_then_import_is_identical_and_idempotent(demo_db, tmp_path, table_dump):
    with demo_db.session() as session:
        text = export_values_csv(session, unit="H38TS-X01", period="2024")
    assert text.startswith("unit_code,element_code,period,value,comment\n")
    original = _values(demo_db)
    path = _write(tmp_path, text, "export.csv")
    before = table_dump(demo_db)
    result = _import(demo_db, path)
    assert result.changed == 0 and result.unchanged == text.count("\n") - 1
    assert table_dump(demo_db) == before
    assert _values(demo_db) == original


def test_export_into_a_new_database_round_trips(office_db, db_factory, tmp_path):
    rows = (HEADER + "X01,BUDGET_PLANNED,2024,2.125\nX01,BUDGET_SPENT,2024,\"1,5\",rưỡi\n"
            "X02,BUDGET_PLANNED,2024,15.945\nX02,BUDGET_SPENT,2024,0,05\n")
    _import(office_db, _write(tmp_path, rows.replace("0,05", "\"0,05\""), "in.csv"))
    with office_db.session() as session:
        exported = export_values_csv(session)
    target = db_factory(office=True)
    _import(target, _write(tmp_path, exported, "out.csv"))
    assert _values(target) == _values(office_db)
    assert _values(target)[("X01", "BUDGET_PLANNED", "2024")] == (2125, "")
    assert _values(target)[("X02", "BUDGET_SPENT", "2024")] == (0.05, "")
    second = _import(target, _write(tmp_path, exported, "out.csv"))
    assert second.changed == 0


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(0, 10**9).map(lambda n: n / 1000), min_size=1, max_size=4))
def test_any_money_value_survives_export_and_import(office_db, tmp_path, amounts):
    lines = "".join(f"X01,BUDGET_PLANNED,{2016 + i},\"{str(a).replace('.', ',')}\"\n"
                    for i, a in enumerate(amounts))
    _import(office_db, _write(tmp_path, HEADER + lines, "money.csv"))
    with office_db.session() as session:
        exported = export_values_csv(session, unit="X01")
        before = session.scalar(select(func.count()).select_from(AuditEntry))
    result = _import(office_db, _write(tmp_path, exported, "again.csv"))
    assert result.changed == 0
    with office_db.session() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == before
    stored = _values(office_db)
    for i, amount in enumerate(amounts):
        assert stored[("X01", "BUDGET_PLANNED", str(2016 + i))][0] == pytest.approx(amount)


CELLS = st.one_of(
    st.sampled_from(["X01", "X02", "P01", "X99", "STAFF", "STAFF_MAILBOX", "HAS_LAN", "PCS",
                     "NOPE", "2024", "2024Q1", "2024-Q2", "2024Q5", "Q3/2024", "2024-13",
                     "1", "0", "2", "-1", "1.234", "60,5", "1e999", "abc", "", " ", "\"",
                     "unit_code"]),
    st.text(max_size=6),
)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(CELLS, min_size=0, max_size=6), min_size=0, max_size=6),
       st.sampled_from([",", ";"]))
def test_any_file_is_either_imported_or_refused_unchanged(office_db, tmp_path, table_dump,
                                                          lines, separator):
    text = "\n".join(separator.join(cells) for cells in lines)
    path = _write(tmp_path, text, "fuzz.csv")
    before = table_dump(office_db)
    try:
        result = _import(office_db, path)
    except UserError as exc:
        assert exc.message and "fuzz.csv" in exc.message
        assert table_dump(office_db) == before
        return
    assert result.changed + result.unchanged >= 1


def _year_value(database, unit: str, element: str, year: int) -> float | None:
    with database.session() as session:
        return session.scalar(select(YearValue.value)
                              .join(OrgUnit, OrgUnit.id == YearValue.unit_id)
                              .join(DataElement, DataElement.id == YearValue.element_id)
                              .where(OrgUnit.code == unit, DataElement.code == element,
                                     YearValue.year == year))


def test_yearly_values_sum_flows_keep_the_last_stock_and_prefer_the_years_own(office_db,
                                                                              tmp_path):
    _import(office_db, _write(tmp_path, HEADER + "X01,DOCS_SENT,2024Q1,10\n"
                              "X01,DOCS_SENT,2024Q2,20\nX01,DOCS_SENT,2024-07,5\n"
                              "X01,DOCS_SENT,2024-08,6\nX01,STAFF,2024Q1,30\n"
                              "X01,STAFF,2024-11,33\nX01,STAFF,2024Q2,31\n", "a.csv"))
    assert _year_value(office_db, "X01", "DOCS_SENT", 2024) == 41  # 10 + 20 + (5 + 6)
    assert _year_value(office_db, "X01", "STAFF", 2024) == 33  # the last one recorded
    _import(office_db, _write(tmp_path, HEADER + "X01,DOCS_SENT,2024,50\n", "b.csv"))
    assert _year_value(office_db, "X01", "DOCS_SENT", 2024) == 50
    assert _year_value(office_db, "X02", "DOCS_SENT", 2024) is None
