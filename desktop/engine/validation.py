"""Validation rules run on entry and on import.

Errors block a value: a number that is not finite or is absurdly large
(beyond MAX_MAGNITUDE), a fraction where a count (a "number" element with
no decimals: documents, staff, invitations) must be whole, a negative
number, a yes/no element that is not 0 or 1, a numerator above its
denominator. `check_value` is the one rule set for every path (grid, CSV,
intake forms, data packages): desktop.data.values.write_values applies it.
A jump against the previous period beyond a factor (default 3×, either way) is a warning only; exactly the
factor is not a jump. From or to zero, a value below the factor itself is
not a jump either (0 → 2 documents is noise; 0 → 3 with a factor of 3 warns).

Consistency across periods (warnings: each value may be right alone, the
pair cannot be): a stock element's (staff, computers) yearly value against
its last quarter, and a part above its whole once the year is put together
from different forms (a yearly staff count under a mailbox count carried
from the quarters would print a ratio above 100 % that cannot exceed it).
desktop.engine.checks applies them to stored values (`validate`, a form's
load, the entry grid, the warning before a report or meeting pack).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from desktop.formats import format_plain
from desktop.i18n import t

DEFAULT_JUMP_FACTOR = 3.0
# A million billion: far above any count, and above any budget in million đồng.
MAX_MAGNITUDE = 1e15
NUMBER_RULES = ("finite", "magnitude", "whole")


@dataclass(frozen=True)
class Problem:
    severity: str  # error | warning
    rule: str  # finite | magnitude | whole | negative | yesno | ratio | jump | year_stock | part_whole
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@dataclass(frozen=True)
class ElementInfo:
    """What the rules need to know of an element."""

    code: str
    name: str
    kind: str
    decimals: int = 0
    temporal: str = "flow"  # stock: the year is its last quarter; flow: the sum


def check_number(element: ElementInfo, value: float) -> list[Problem]:
    """What any number must be: finite, not absurd, whole for a count."""
    if not math.isfinite(value):
        return [Problem("error", "finite", t(
            f"“{element.name}” phải là một số, không phải {value}.",
            f"“{element.name}” must be a number, not {value}."))]
    if abs(value) > MAX_MAGNITUDE:
        return [Problem("error", "magnitude", t(
            f"“{element.name}” quá lớn ({_show(value)}).",
            f"“{element.name}” is too large ({_show(value)})."))]
    if element.kind == "number" and element.decimals == 0 and not float(value).is_integer():
        return [Problem("error", "whole", t(
            f"“{element.name}” phải là số nguyên, không phải {_show(value)}.",
            f"“{element.name}” must be a whole number, not {_show(value)}."))]
    return []


def check_value(element: ElementInfo, value: float) -> list[Problem]:
    """Rules on one value alone: a sound number, non-negative, yes/no is 0 or 1."""
    problems = check_number(element, value)
    if problems:
        return problems
    if value < 0:
        problems.append(Problem("error", "negative", t(
            f"“{element.name}” không được âm ({_show(value)}).",
            f"“{element.name}” cannot be negative ({_show(value)}).")))
    if element.kind == "yesno" and value not in (0, 1):
        problems.append(Problem("error", "yesno", t(
            f"“{element.name}” chỉ nhận 1 (có) hoặc 0 (không), không phải {_show(value)}.",
            f"“{element.name}” takes 1 (yes) or 0 (no), not {_show(value)}.")))
    return problems


def check_ratio(numerator: ElementInfo, num_value: float | None,
                denominator: ElementInfo, den_value: float | None) -> list[Problem]:
    """A part cannot exceed its whole: numerator ≤ denominator."""
    if num_value is None or den_value is None or num_value <= den_value:
        return []
    return [Problem("error", "ratio", t(
        f"“{numerator.name}” ({_show(num_value)}) lớn hơn “{denominator.name}” ({_show(den_value)}).",
        f"“{numerator.name}” ({_show(num_value)}) exceeds “{denominator.name}” ({_show(den_value)})."))]


def check_jump(element: ElementInfo, value: float, previous: float | None,
               factor: float = DEFAULT_JUMP_FACTOR) -> list[Problem]:
    """A warning when a value moves more than `factor` times from the last period."""
    if previous is None or element.kind == "yesno" or factor <= 1:
        return []
    low, high = min(value, previous), max(value, previous)
    if high == 0 or (low > 0 and high / low <= factor) or (low == 0 and high < factor):
        return []
    return [Problem("warning", "jump", t(
        f"“{element.name}” thay đổi nhiều so với kỳ trước ({_show(previous)} → {_show(value)}).",
        f"“{element.name}” changed a lot since the last period ({_show(previous)} → {_show(value)})."))]


def check_year_stock(element: ElementInfo, year_value: float | None,
                     quarter_value: float | None, quarter_label: str) -> list[Problem]:
    """A stock element's yearly value must equal its last reported quarter."""
    if (element.temporal != "stock" or year_value is None or quarter_value is None
            or abs(year_value - quarter_value) < 1e-9):
        return []
    return [Problem("warning", "year_stock", t(
        f"“{element.name}” cả năm ({_show(year_value)}) khác {quarter_label} "
        f"({_show(quarter_value)}): số cả năm phải bằng số của quý cuối.",
        f"“{element.name}” for the year ({_show(year_value)}) differs from {quarter_label} "
        f"({_show(quarter_value)}): the year's figure must equal its last quarter."))]


def check_part_whole(numerator: ElementInfo, num_value: float | None,
                     denominator: ElementInfo, den_value: float | None,
                     year_label: str) -> list[Problem]:
    """A part above its whole in the values that count for the year (taken from
    different forms): the ratio would pass 100 %, which it cannot."""
    if num_value is None or den_value is None or num_value <= den_value or not den_value:
        return []
    share = format_plain(round(100 * num_value / den_value, 1))
    return [Problem("warning", "part_whole", t(
        f"{year_label}: “{numerator.name}” ({_show(num_value)}) lớn hơn “{denominator.name}” "
        f"({_show(den_value)}) — tỉ lệ {share} % vượt 100 %; kiểm tra số cả năm và số các quý.",
        f"{year_label}: “{numerator.name}” ({_show(num_value)}) exceeds “{denominator.name}” "
        f"({_show(den_value)}) — a ratio of {share} % above 100 %; check the yearly and "
        "quarterly figures."))]


def _show(value: float) -> str:
    return format_plain(value)
