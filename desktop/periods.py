"""Reporting periods: codes, kinds, dates and Vietnamese labels.

Codes are ISO-like: ``2024`` (a year), ``2024Q3`` (a quarter), ``2024-07``
(a month). `parse_period` accepts a few loose spellings (``2024-Q3``,
``Q3/2024``, ``2024q3``) and always returns the canonical code.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from desktop.errors import UserError
from desktop.i18n import t

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
MIN_YEAR, MAX_YEAR = 1990, 2100

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})\s*-?\s*[Qq]([1-4])$|^[Qq]([1-4])\s*[/-]\s*(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$|^(\d{1,2})/(\d{4})$")


@dataclass(frozen=True)
class PeriodSpec:
    code: str
    kind: str  # year | quarter | month
    year: int
    number: int  # quarter 1-4, month 1-12, 0 for a year

    # Dates worked out once per period (engine loops ask for them per unit): kept in the
    # instance's __dict__, outside the fields that equality and hashing compare.
    @functools.cached_property
    def start(self) -> dt.date:
        if self.kind == "year":
            return dt.date(self.year, 1, 1)
        if self.kind == "quarter":
            return dt.date(self.year, 3 * self.number - 2, 1)
        return dt.date(self.year, self.number, 1)

    @functools.cached_property
    def end(self) -> dt.date:
        if self.kind == "year":
            return dt.date(self.year, 12, 31)
        last_month = 3 * self.number if self.kind == "quarter" else self.number
        day = calendar.monthrange(self.year, last_month)[1]
        return dt.date(self.year, last_month, day)

    def label(self) -> str:
        """'Năm 2024', 'Quý III/2024', 'Tháng 7/2024' (or in English)."""
        if self.kind == "year":
            return t(self.vi_label(), f"Year {self.year}")
        if self.kind == "quarter":
            return t(self.vi_label(), f"Q{self.number} {self.year}")
        return t(self.vi_label(), f"{calendar.month_name[self.number]} {self.year}")

    def vi_label(self) -> str:
        """The Vietnamese label whatever the language (documents such as intake forms)."""
        if self.kind == "year":
            return f"Năm {self.year}"
        if self.kind == "quarter":
            return f"Quý {ROMAN[self.number]}/{self.year}"
        return f"Tháng {self.number}/{self.year}"

    def previous(self) -> PeriodSpec:
        """The period of the same kind just before this one."""
        if self.kind == "year":
            return year_period(self.year - 1)
        if self.kind == "quarter":
            if self.number == 1:
                return quarter_period(self.year - 1, 4)
            return quarter_period(self.year, self.number - 1)
        if self.number == 1:
            return month_period(self.year - 1, 12)
        return month_period(self.year, self.number - 1)

    def sub_periods(self) -> list[PeriodSpec]:
        """Quarters and months of a year, months of a quarter."""
        if self.kind == "year":
            return [quarter_period(self.year, q) for q in range(1, 5)] + [
                month_period(self.year, m) for m in range(1, 13)]
        if self.kind == "quarter":
            return [month_period(self.year, m)
                    for m in range(3 * self.number - 2, 3 * self.number + 1)]
        return []


def year_period(year: int) -> PeriodSpec:
    return PeriodSpec(f"{year}", "year", year, 0)


def quarter_period(year: int, quarter: int) -> PeriodSpec:
    return PeriodSpec(f"{year}Q{quarter}", "quarter", year, quarter)


def month_period(year: int, month: int) -> PeriodSpec:
    return PeriodSpec(f"{year}-{month:02d}", "month", year, month)


def parse_period(text: str) -> PeriodSpec:
    """Parse a period code; raise UserError naming the bad code."""
    raw = (text or "").strip()
    spec = _match(raw)
    if spec is None or not MIN_YEAR <= spec.year <= MAX_YEAR:
        raise UserError(
            t(f"Mã kỳ báo cáo không hợp lệ: “{raw}” (dùng 2024, 2024Q3 hoặc 2024-07).",
              f"Invalid period code: “{raw}” (use 2024, 2024Q3 or 2024-07).")
        )
    return spec


@functools.lru_cache(maxsize=4096)  # a batch names the same few periods thousands of times
def _match(raw: str) -> PeriodSpec | None:
    if m := _YEAR.match(raw):
        return year_period(int(m.group(1)))
    if m := _QUARTER.match(raw):
        if m.group(1):
            return quarter_period(int(m.group(1)), int(m.group(2)))
        return quarter_period(int(m.group(4)), int(m.group(3)))
    if m := _MONTH.match(raw):
        year, month = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if 1 <= int(month) <= 12:
            return month_period(int(year), int(month))
    return None
