"""Which target applies to a year, the path towards it, and % of target.

A plan states targets for some years (and sometimes a baseline: "60 %
(năm 2009: 40 %)"). For a given year and level:

- the *final* target is the plan's target for that year, else the next
  later one, else the last earlier one (a target stays in force after its
  year);
- the *expected* value on the way is interpolated linearly between the
  nearest earlier anchor (an earlier target of the same indicator and
  level, or the baseline) and the final target. Without an earlier anchor
  there is no path, only the final target.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass

from desktop.formats import format_plain
from desktop.i18n import t

COMPARATOR_SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "about": "≈", "between": "",
                    "done": ""}
COMPARATOR_WORDS = {"between": ("trong khoảng", "between"), "done": ("hoàn thành", "done")}


def comparator_name(comparator: str) -> str:
    """A comparator as shown to users: its sign (≥, ≈), or a word for a range or a
    milestone, in the current language (asked at each showing, so a language switch
    takes effect)."""
    if comparator in COMPARATOR_WORDS:
        return t(*COMPARATOR_WORDS[comparator])
    return COMPARATOR_SIGNS.get(comparator) or comparator


@dataclass(frozen=True)
class TargetSpec:
    """One target of a plan, as plain data."""

    indicator: str
    year: int
    level: str
    comparator: str
    value: float | None = None
    min: float | None = None
    max: float | None = None
    baseline_year: int | None = None
    baseline_value: float | None = None
    period_from: int | None = None
    source: str = ""

    @property
    def reference(self) -> float | None:
        """The number the target is measured against (a range: its lower bound)."""
        return self.min if self.comparator == "between" else self.value

    def reference_for(self, direction: str) -> float | None:
        """The reference for a direction: a range when lower is better is met at its
        upper bound, so that is what the actual is measured against."""
        if self.comparator == "between" and direction == "down":
            return self.max
        return self.reference

    def text(self, measure: str = "") -> str:
        """'≥ 60 %', '60–70 %', 'hoàn thành' — how the target reads in a table."""
        unit = f" {measure}" if measure else ""
        if self.comparator == "done":
            return t("hoàn thành", "done")
        if self.comparator == "between":
            return f"{format_plain(self.min)}–{format_plain(self.max)}{unit}"
        return f"{COMPARATOR_SIGNS[self.comparator]} {format_plain(self.value)}{unit}".strip()

    def as_json(self) -> dict:
        return {"year": self.year, "comparator": self.comparator, "value": self.value,
                "min": self.min, "max": self.max, "baseline_year": self.baseline_year,
                "baseline_value": self.baseline_value, "period_from": self.period_from,
                "source": self.source}


@dataclass(frozen=True)
class AppliedTarget:
    """The target in force for one year, and where the path expects us to be."""

    final: TargetSpec
    year: int
    expected: float | None  # the path value for `year`; None without an earlier anchor

    @property
    def is_due(self) -> bool:
        return self.year >= self.final.year


def applicable(targets: list[TargetSpec], year: int,
               direction: str = "up") -> AppliedTarget | None:
    """The target in force in `year` among one indicator's targets at one level."""
    if not targets:
        return None
    ordered = sorted(targets, key=lambda spec: spec.year)
    later = [spec for spec in ordered if spec.year >= year]
    final = later[0] if later else ordered[-1]
    reference = final.reference_for(direction)
    if final.year <= year or final.comparator == "done":
        return AppliedTarget(final, year, reference)
    anchor = _earlier_anchor(ordered, final, year, direction)
    if anchor is None or reference is None:
        return AppliedTarget(final, year, None)
    anchor_year, anchor_value = anchor
    share = (year - anchor_year) / (final.year - anchor_year)
    return AppliedTarget(final, year, anchor_value + share * (reference - anchor_value))


def _earlier_anchor(ordered: list[TargetSpec], final: TargetSpec, year: int,
                    direction: str) -> tuple[int, float] | None:
    earlier = [spec for spec in ordered
               if spec.year <= year and spec.reference_for(direction) is not None]
    if earlier:
        return earlier[-1].year, earlier[-1].reference_for(direction)
    if final.baseline_year is not None and final.baseline_value is not None \
            and final.baseline_year <= year:
        return final.baseline_year, final.baseline_value
    return None


def meets(spec: TargetSpec, actual: float, direction: str = "up") -> bool:
    """Whether `actual` satisfies the target's comparator."""
    return meeter(spec, direction)(actual)


def meeter(spec: TargetSpec, direction: str = "up") -> Callable[[float], bool]:
    """`meets` for one target as a function of the actual value (a target judged in
    every unit is looked at once)."""
    comparator = spec.comparator
    if comparator == "done":
        return lambda actual: actual >= 1
    if comparator == "between":
        bound = spec.max if direction == "down" else spec.min
        compare = operator.le if direction == "down" else operator.ge
    elif comparator == "about":
        bound = spec.value * 0.95 if direction == "up" else spec.value * 1.05
        compare = operator.ge if direction == "up" else operator.le
    else:
        bound, compare = spec.value, _COMPARE[comparator]
    return lambda actual: compare(actual, bound)


_COMPARE = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt}


def percent_of(reference: float | None, actual: float | None, direction: str = "up") -> float | None:
    """How far `actual` has come towards `reference`, in percent (100 = reached)."""
    return percenter(reference, direction)(actual)


def percenter(reference: float | None,
              direction: str = "up") -> Callable[[float | None], float | None]:
    """`percent_of` for one reference as a function of the actual value."""
    if reference is None:
        return lambda _actual: None
    if direction == "down":
        hundredfold = reference * 100
        return lambda actual: None if actual is None or actual == 0 else hundredfold / actual
    if reference == 0:
        return lambda _actual: None
    return lambda actual: None if actual is None else actual * 100 / reference
