"""Period codes: parsing (strict and loose spellings), labels, dates, neighbours."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.errors import UserError
from desktop.i18n import set_language
from desktop.periods import PeriodSpec, parse_period


@pytest.mark.parametrize("text, code, kind, year, number", [
    ("2024", "2024", "year", 2024, 0),
    ("2024Q3", "2024Q3", "quarter", 2024, 3),
    ("2024-07", "2024-07", "month", 2024, 7),
    ("2024-12", "2024-12", "month", 2024, 12),
])
def test_canonical_codes(text, code, kind, year, number):
    spec = parse_period(text)
    assert (spec.code, spec.kind, spec.year, spec.number) == (code, kind, year, number)


@pytest.mark.parametrize("text, code", [
    ("2024-Q3", "2024Q3"), ("2024q3", "2024Q3"), ("Q3/2024", "2024Q3"), ("q1-2025", "2025Q1"),
    ("2024 Q4", "2024Q4"), ("  2024  ", "2024"), ("2024-7", "2024-07"), ("7/2024", "2024-07"),
    ("07/2024", "2024-07"),
])
def test_loose_spellings_give_the_canonical_code(text, code):
    assert parse_period(text).code == code


@pytest.mark.parametrize("text", [
    "", "   ", "24", "2024Q5", "2024Q0", "2024-13", "2024-00", "13/2024", "Q3", "1989", "2101",
    "năm 2024", "2024/Q3/1", "2024.5", "20245", "abc",
])
def test_bad_codes_are_refused_naming_the_code(text):
    with pytest.raises(UserError) as caught:
        parse_period(text)
    assert f"“{text.strip()}”" in caught.value.message
    assert "2024Q3" in caught.value.message  # says how to write one


def test_none_is_refused_as_a_user_error():
    with pytest.raises(UserError):
        parse_period(None)


@pytest.mark.parametrize("code, label", [
    ("2024", "Năm 2024"), ("2024Q1", "Quý I/2024"), ("2024Q2", "Quý II/2024"),
    ("2024Q3", "Quý III/2024"), ("2024Q4", "Quý IV/2024"), ("2024-07", "Tháng 7/2024"),
])
def test_vietnamese_labels(code, label):
    assert parse_period(code).label() == label


def test_english_labels():
    set_language("en")
    assert parse_period("2024Q3").label() == "Q3 2024"
    assert parse_period("2024").label() == "Year 2024"
    assert parse_period("2024-07").label() == "July 2024"


@pytest.mark.parametrize("code, previous", [
    ("2024", "2023"), ("2024Q3", "2024Q2"), ("2024Q1", "2023Q4"), ("2024-07", "2024-06"),
    ("2024-01", "2023-12"),
])
def test_previous(code, previous):
    assert parse_period(code).previous().code == previous


@pytest.mark.parametrize("code, start, end", [
    ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    ("2024Q1", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
    ("2024Q3", dt.date(2024, 7, 1), dt.date(2024, 9, 30)),
    ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),  # leap year
    ("2023-02", dt.date(2023, 2, 1), dt.date(2023, 2, 28)),
])
def test_start_and_end(code, start, end):
    spec = parse_period(code)
    assert (spec.start, spec.end) == (start, end)


def test_sub_periods():
    assert [p.code for p in parse_period("2024Q2").sub_periods()] == [
        "2024-04", "2024-05", "2024-06"]
    year = [p.code for p in parse_period("2024").sub_periods()]
    assert year[:4] == ["2024Q1", "2024Q2", "2024Q3", "2024Q4"]
    assert year[4:] == [f"2024-{m:02d}" for m in range(1, 13)]
    assert parse_period("2024-05").sub_periods() == []


@given(st.integers(1991, 2100), st.sampled_from(["year", "quarter", "month"]),
       st.integers(1, 12))
def test_code_round_trip_and_previous_is_just_before(year, kind, number):
    code = {"year": f"{year}", "quarter": f"{year}Q{(number - 1) % 4 + 1}",
            "month": f"{year}-{number:02d}"}[kind]
    spec = parse_period(code)
    assert parse_period(spec.code) == spec
    before = spec.previous()
    assert before.kind == spec.kind
    assert before.end == spec.start - dt.timedelta(days=1)


@given(st.text(max_size=12))
def test_parse_never_fails_with_anything_but_a_user_error(text):
    try:
        spec = parse_period(text)
    except UserError:
        return
    assert parse_period(spec.code) == spec


def test_dates_are_worked_out_once_and_stay_out_of_equality():
    spec = parse_period("2024Q3")
    assert spec.end is spec.end and spec.start is spec.start  # kept, not rebuilt
    assert (spec.start, spec.end) == (dt.date(2024, 7, 1), dt.date(2024, 9, 30))
    fresh = PeriodSpec("2024Q3", "quarter", 2024, 3)
    assert fresh == spec and hash(fresh) == hash(spec)  # the kept dates are not fields
