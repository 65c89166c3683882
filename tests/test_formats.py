"""Numbers and dates the Vietnamese way: parse what people type, format as forms read."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.formats import (
    format_date,
    format_number,
    format_percent,
    format_plain,
    long_date,
    parse_number,
    parse_typed,
)
from desktop.i18n import set_language


@pytest.mark.parametrize("text, value", [
    ("1.234", 1234), ("15.945", 15945), ("1.234.567", 1234567), ("60,5", 60.5),
    ("1,234.5", 1234.5), ("1.234,5", 1234.5), ("1 234", 1234), ("1\u00a0234,75", 1234.75),
    ("60,5 %", 60.5), ("60%", 60), ("-3", -3), ("+7", 7), ("0", 0), ("0,25", 0.25),
    ("1.5", 1.5), ("12.34", 12.34), ("1,234,567", 1234567), (".5", 0.5), ("1e3", 1000),
    (42, 42), (2.5, 2.5), ("0.125", 0.125), ("-0.5", -0.5), ("0,125", 0.125),
])
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", [None, "", "   ", "%"])
def test_empty_is_none(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("text", [
    "abc", "1,2,3", "0,001,000", "1.2.3", "12a", "--1", "1e999", "nan", "inf", "1..2", ",", ".", "1-2",
    float("nan"), float("inf"), True,
])
def test_not_a_number_is_a_value_error(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_format_number_vietnamese():
    assert format_number(15945) == "15.945"
    assert format_number(60.5, 1) == "60,5"
    assert format_number(1234567.891, 2) == "1.234.567,89"
    assert format_number(-1234.5, 1) == "-1.234,5"
    assert format_number(None) == ""


def test_format_number_english():
    set_language("en")
    assert format_number(15945) == "15,945"
    assert format_number(60.5, 1) == "60.5"


def test_format_plain_and_percent_and_dates():
    assert format_plain(60) == "60"
    assert format_plain(60.5) == "60,5"
    assert format_plain(60.25) == "60,25"
    assert format_plain(15945.0) == "15.945"
    assert format_percent(60.5) == "60,5 %"
    assert format_percent(None) == ""
    assert format_date(dt.date(2026, 11, 21)) == "21/11/2026"
    assert format_date(None) == ""
    assert long_date(dt.date(2026, 11, 21), "Kon Tum") == "Kon Tum, ngày 21 tháng 11 năm 2026"
    assert long_date(dt.date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"


@given(st.integers(-10**12, 10**12), st.integers(0, 2))
def test_format_then_parse_gives_the_number_back(hundredths, decimals):
    value = round(hundredths / 100, decimals)
    text = format_number(value, decimals)
    assert parse_number(text) == pytest.approx(value, abs=1e-9), text


@given(st.integers(-10**12, 10**12))
def test_format_plain_then_parse_gives_the_number_back(hundredths):
    value = hundredths / 100
    assert parse_number(format_plain(value)) == pytest.approx(value, abs=1e-9)


@pytest.mark.parametrize("language", ["vi", "en"])
@given(hundredths=st.integers(-10**12, 10**12), decimals=st.integers(0, 2))
def test_a_number_shown_in_a_window_and_typed_back_stays_itself(language, hundredths,
                                                                 decimals):
    set_language(language)
    try:
        value = round(hundredths / 100, decimals)
        for shown in (format_number(value, decimals), format_plain(value)):
            assert parse_typed(shown) == pytest.approx(value, abs=1e-9), (language, shown)
    finally:
        set_language("vi")


@pytest.mark.parametrize("language, text, value", [
    ("vi", "1.234", 1234), ("vi", "60,5", 60.5), ("en", "1,234", 1234), ("en", "60.5", 60.5),
    ("en", "1.234", 1.234), ("en", "2,5", 2.5), ("en", "1,234.5", 1234.5)])
def test_typed_numbers_are_read_as_the_windows_show_them(language, text, value):
    set_language(language)
    try:
        assert parse_typed(text) == value
    finally:
        set_language("vi")


@given(st.one_of(st.text(), st.text(alphabet="0123456789.,%-+ eE\u00a0", max_size=20)))
def test_parse_never_raises_anything_but_value_error(text):
    try:
        value = parse_number(text)
    except ValueError:
        return
    assert value is None or math.isfinite(value)
