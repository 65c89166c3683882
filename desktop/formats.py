"""Numbers and dates as Vietnamese officials write them, and back.

Output: 15.945 (thousands with '.'), 60,5 % (decimal comma), 21/11/2026.
Input (`parse_number`) accepts what people type or paste from Excel:
"1.234" and "1 234" (thousands), "60,5" (decimal comma), "1,234.5" and
"1.234,5" (the last separator is the decimal one), "60,5 %", "-3".
"""

from __future__ import annotations

import datetime as dt
import math
import re

from desktop.i18n import language

_SPACES = re.compile(r"[\s\u00a0\u202f]")
# Thousands groups never follow a leading 0: "0.125" is a fraction, not 125.
_VN_THOUSANDS = re.compile(r"^[+-]?[1-9]\d{0,2}(\.\d{3})+$")
_EN_THOUSANDS = re.compile(r"^[+-]?[1-9]\d{0,2}(,\d{3})+$")
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def parse_number(text: str | float | int | None, *, english: bool = False) -> float | None:
    """The number in `text`, or None when it is empty; ValueError if it is not one.

    Files and the command line are read the Vietnamese way whatever the language
    (1.234 is a thousand and more, 2,5 two and a half: what the exports write). `english`
    reads what a user types while the program shows English numbers: 1,234 is a
    thousand and more, 1.234 one and a bit (a lone decimal comma, 2,5, still reads)."""
    if text is None:
        return None
    if isinstance(text, bool):
        raise ValueError(text)
    if isinstance(text, (int, float)):
        if math.isnan(text) or math.isinf(text):
            raise ValueError(text)
        return float(text)
    raw = _SPACES.sub("", str(text)).removesuffix("%")
    if not raw:
        return None
    normalised = _normalise_separators(raw, english)
    if not _PLAIN.match(normalised):
        raise ValueError(text)
    value = float(normalised)
    if math.isinf(value):
        raise ValueError(text)
    return value


def parse_typed(text: str | None) -> float | None:
    """A number a user typed (or pasted) in one of the program's windows, read as the
    windows show numbers in the current language: 1.234 and 60,5 in Vietnamese, 1,234
    and 60.5 in English. Every field of the GUI that takes a number reads it here, so
    a number shown and saved again stays itself. ValueError if it is not one."""
    return parse_number(text, english=language() == "en")


def _normalise_separators(raw: str, english: bool = False) -> str:
    has_dot, has_comma = "." in raw, "," in raw
    if has_dot and has_comma:
        if raw.rfind(",") > raw.rfind("."):
            return raw.replace(".", "").replace(",", ".")
        return raw.replace(",", "")
    if has_comma:
        if raw.count(",") > 1:
            return raw.replace(",", "") if _EN_THOUSANDS.match(raw) else raw
        if english and _EN_THOUSANDS.match(raw):
            return raw.replace(",", "")
        return raw.replace(",", ".")
    if has_dot and not english and _VN_THOUSANDS.match(raw):
        return raw.replace(".", "")
    return raw


def format_number(value: float | None, decimals: int = 0) -> str:
    """15945 -> '15.945'; 60.5 (1 decimal) -> '60,5'; None -> ''."""
    if value is None:
        return ""
    text = f"{value:,.{decimals}f}"
    if language() == "en":
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_plain(value: float | None) -> str:
    """A number with as many decimals as it needs (at most 2): 60 -> '60', 60.5 -> '60,5'."""
    if value is None:
        return ""
    rounded = round(float(value), 2)
    if rounded.is_integer():
        return format_number(rounded, 0)
    return format_number(rounded, 1 if round(rounded, 1) == rounded else 2)


def format_percent(value: float | None, decimals: int = 1) -> str:
    """60.5 -> '60,5 %'."""
    if value is None:
        return ""
    return f"{format_number(value, decimals)} %"


def format_date(value: dt.date | None) -> str:
    """21/11/2026 (dd/mm/yyyy, in both languages: it is how the forms read)."""
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y")


def long_date(value: dt.date, place: str = "") -> str:
    """'Kon Tum, ngày 21 tháng 11 năm 2026' as on an official document."""
    prefix = f"{place}, " if place else ""
    if language() == "en":
        return f"{prefix}{value.strftime('%d %B %Y')}"
    # Decree 30/2020: a day below 10 and the months 1 and 2 take a leading 0.
    day = f"{value.day:02d}"
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"{prefix}ngày {day} tháng {month} năm {value.year}"
