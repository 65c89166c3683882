"""Hostile values: one number rule and one text rule for every path, strict CSV, unit lifetimes.

Every refusal names its file and line (or unit) and leaves every table as it was.
"""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.data.csvfiles import decode_csv, parse_csv_text
from desktop.data.units import add_unit, close_unit, rename_unit
from desktop.data.values import ValueInput, write_values
from desktop.data.values_csv import import_values_csv
from desktop.errors import UserError
from desktop.packages.merge import _number

HEADER = "unit_code,element_code,period,value,comment\n"


def _import(database, path: Path):
    with database.session() as session:
        return import_values_csv(session, path)


def _refused(database, table_dump, path: Path, *expected: str) -> None:
    before = table_dump(database)
    with pytest.raises(UserError) as caught:
        _import(database, path)
    for text in (path.name, *expected):
        assert text in caught.value.message
    assert table_dump(database) == before


@pytest.mark.parametrize("line, expected", [
    ("X01,STAFF,2024,\"36,5\",", "phải là số nguyên"),
    ("X01,INVITES,2024,\"1,234\",", "phải là số nguyên"),
    ("X01,STAFF,2024,1e300,", "quá lớn"),
    ("X01,BUDGET_SPENT,2024,1e300,", "quá lớn"),
    ("X01,STAFF,2024,NaN,", "không phải là số"),
    ("X01,STAFF,2024,Infinity,", "không phải là số"),
    ("X01,STAFF,2024,-inf,", "không phải là số"),
])
def test_csv_counts_are_whole_and_magnitudes_sane(office_db, tmp_path, table_dump, line, expected):
    path = tmp_path / "values.csv"
    path.write_text(HEADER + "X02,STAFF,2024,40,\n" + line + "\n", encoding="utf-8")
    _refused(office_db, table_dump, path, "dòng 3", expected)


def test_unclosed_quote_is_an_error_naming_its_line(office_db, tmp_path, table_dump):
    path = tmp_path / "quote.csv"
    path.write_text(HEADER + "X01,STAFF,2024,40,\"ghi chú không đóng\n"
                    "X02,STAFF,2024,41,\nX01,PCS,2024,3,\n", encoding="utf-8")
    _refused(office_db, table_dump, path, "dòng 2", "không đóng")


def test_stray_quote_inside_a_field_is_an_error(office_db, tmp_path, table_dump):
    path = tmp_path / "stray.csv"
    path.write_text(HEADER + "X01,STAFF,2024,\"40\"x,\n", encoding="utf-8")
    _refused(office_db, table_dump, path, "dòng 2", "ngoặc kép")


@pytest.mark.parametrize("cell", ["Xã\x00Một", "a\x1b[31m", "hai\ndòng"])
def test_control_characters_are_refused_in_every_field(office_db, tmp_path, table_dump, cell):
    path = tmp_path / "ctl.csv"
    path.write_text(HEADER + f"X01,STAFF,2024,40,\"{cell}\"\n", encoding="utf-8")
    _refused(office_db, table_dump, path, "dòng 2", "cột 5", "ký tự điều khiển")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-8"])
def test_encodings_are_detected(office_db, tmp_path, encoding):
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    path = tmp_path / "enc.csv"
    path.write_bytes(bom + (HEADER + "X01,STAFF,2024,40,đủ người\n").encode(encoding))
    result = _import(office_db, path)
    assert result.inserted == 1 and result.warnings == []


def test_windows_1258_is_read_with_a_warning(office_db, tmp_path):
    path = tmp_path / "old.csv"
    path.write_bytes((HEADER + "X01,STAFF,2024,40,Đà\n").encode("cp1258"))
    result = _import(office_db, path)
    assert result.inserted == 1
    assert any("Windows-1258" in warning and "old.csv" in warning for warning in result.warnings)


def test_a_fifo_is_refused_without_waiting(office_db, tmp_path, table_dump):
    import os

    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)
    _refused(office_db, table_dump, path, "không phải là một tệp thông thường")


def test_grid_writes_follow_the_same_rules(office_db, table_dump):
    before = table_dump(office_db)
    for value, expected in ((36.5, "phải là số nguyên"), (float("nan"), "phải là một số"),
                            (float("inf"), "phải là một số"), (1e300, "quá lớn")):
        with pytest.raises(UserError) as caught, office_db.session() as session:
            write_values(session, [ValueInput("X01", "STAFF", "2024", value, where="ô B3")])
        assert "ô B3" in caught.value.message and expected in caught.value.message
    assert table_dump(office_db) == before
    with office_db.session() as session:  # money and percentages may have decimals
        write_values(session, [ValueInput("X01", "BUDGET_SPENT", "2024", 60.5)])


@pytest.mark.parametrize("value", ["NaN", "1e3", float("nan"), float("inf"), True, None, "12"])
def test_package_values_must_be_finite_json_numbers(value):
    with pytest.raises(ValueError):
        _number(value)
    assert _number(12) == 12 and _number(60.5) == 60.5


def test_values_outside_a_units_lifetime_are_refused(office_db, table_dump):
    with office_db.session() as session:
        add_unit(session, "X09", "Xã Cũ", "xa", "area", "H01", valid_from=dt.date(2005, 1, 1))
        close_unit(session, "X09", dt.date(2019, 6, 30))
    before = table_dump(office_db)
    for period in ("2020", "2004Q4", "2019-07"):
        with pytest.raises(UserError) as caught, office_db.session() as session:
            write_values(session, [ValueInput("X09", "STAFF", period, 5, where="dòng 7")])
        assert "dòng 7" in caught.value.message and "không tồn tại trong kỳ" in caught.value.message
    assert table_dump(office_db) == before
    with office_db.session() as session:  # inside its life: 2019 (until 30/06) and 2019-06
        write_values(session, [ValueInput("X09", "STAFF", period, 5)
                               for period in ("2019", "2019-06", "2005Q1")])


@pytest.mark.parametrize("name", ["Xã\x00Ba", "Xã\tBa", "Xã\u0085Ba"])
def test_unit_names_refuse_control_characters(office_db, table_dump, name):
    before = table_dump(office_db)
    with pytest.raises(UserError) as caught, office_db.session() as session:
        add_unit(session, "X03", name, "xa", "area", "H01")
    assert "ký tự điều khiển" in caught.value.message
    with pytest.raises(UserError), office_db.session() as session:
        rename_unit(session, "X01", name)
    assert table_dump(office_db) == before


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_fuzz_csv_bytes_decode_and_parse_or_refuse(data):
    """Any bytes: rows come back, or one sentence naming the file — nothing else."""
    try:
        rows = parse_csv_text(decode_csv(data, "fuzz.csv", []), "fuzz.csv")
    except UserError as exc:
        assert "fuzz.csv" in exc.message and "\n" not in exc.message
        return
    for line, cells in rows:
        assert line >= 1
        assert all(ch >= " " for cell in cells for ch in cell if ord(ch) < 0x20)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.text(alphabet=st.characters(
    whitelist_categories=("L", "N", "Zs"), whitelist_characters=',"-=+@.\u0303'),
    max_size=12), min_size=1, max_size=5), min_size=1, max_size=8))
def test_fuzz_csv_round_trip_of_written_rows(rows):
    """What the csv module writes (quoted as Excel does) reads back the same, stripped.

    (No ';' in cells: a first line with more ';' than ',' is read as ';'-separated, as Excel
    writes on machines whose list separator is ';'.)"""
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    try:
        parsed = parse_csv_text(out.getvalue(), "rt.csv")
    except UserError as exc:
        assert "trống" in exc.message
        assert all(not cell.strip() for row in rows for cell in row)
        return
    expected = [[cell.strip() for cell in row] for row in rows if any(c.strip() for c in row)]
    assert [cells for _, cells in parsed] == expected


def test_units_csv_in_windows_1258_is_read_with_a_warning(tmp_path, capsys):
    from desktop.cli import main

    db = tmp_path / "office.sqlite"
    assert main(["--db", str(db), "init", "--province", "Kon Tum", "--unit-code", "KT01",
                 "--unit-name", "Huyện Đăk Hà"]) == 0
    path = tmp_path / "units.csv"
    path.write_bytes("code,name,level,parent\nX01,Xa Đà,xa,KT01\n".encode("cp1258"))
    capsys.readouterr()
    assert main(["--db", str(db), "units", "import", str(path)]) == 0
    _, err = capsys.readouterr()
    assert "units.csv" in err and "Windows-1258" in err
    nul = tmp_path / "nul.csv"
    nul.write_bytes(b"code,name,level,parent\nX02,X\x00a,xa,KT01\n")
    assert main(["--db", str(db), "units", "import", str(nul)]) == 1
    _, err = capsys.readouterr()
    assert "nul.csv, dòng 2" in err and "ký tự điều khiển" in err
