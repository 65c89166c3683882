"""An indicator's value over a set of units: sum first, then divide.

Ratios add up numerators and denominators over the units that reported
both, then divide — never an average of percentages. Totals add up.
Count-of-yes indicators count units whose yes/no element is 1 over the
units that reported it. Milestones are done when any unit reported them
done (by the year: the readings are the maximum up to it).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from desktop.engine.readings import Readings


@dataclass(frozen=True)
class IndicatorDef:
    """What the engine needs of an indicator."""

    code: str
    name: str
    kind: str
    numerator: int | None
    denominator: int | None
    element: int | None
    factor: float
    measure: str
    decimals: int
    direction: str

    @functools.cached_property
    def finisher(self) -> Finisher:
        """`finish` for this indicator, its kind looked at once (kept with it)."""
        return _finisher(self.kind, self.factor)

    def element_ids(self) -> set[int]:
        return {e for e in (self.numerator, self.denominator, self.element) if e is not None}


class Measurement(NamedTuple):
    """An indicator's value over some units (made once per unit and indicator)."""

    actual: float | None
    numerator: float | None
    denominator: float | None
    reporting: int  # units that contributed


NO_DATA = Measurement(None, None, None, 0)


def measure(indicator: IndicatorDef, readings: Readings, unit_ids: Iterable[int]) -> Measurement:
    """The indicator over `unit_ids` from per-unit readings."""
    if indicator.kind == "ratio":
        numerators = readings.get(indicator.numerator, {})
        denominators = readings.get(indicator.denominator, {})
        pairs = [(numerators[u], denominators[u]) for u in unit_ids
                 if u in numerators and u in denominators]
        return finish(indicator, sum(p[0] for p in pairs), sum(p[1] for p in pairs), len(pairs))
    values = readings.get(indicator.element, {})
    present = [values[u] for u in unit_ids if u in values]
    if indicator.kind == "count_yes":
        return finish(indicator, sum(1 for v in present if v >= 0.5), len(present), len(present))
    if indicator.kind == "milestone":
        return finish(indicator, max(present, default=0.0), None, len(present))
    return finish(indicator, sum(present), None, len(present))


def finish(indicator: IndicatorDef, numerator: float | None, denominator: float | None,
           reporting: int) -> Measurement:
    """The indicator's value from its summed numerator and denominator."""
    return indicator.finisher(numerator, denominator, reporting)


Finisher = Callable[[float | None, float | None, int], Measurement]


def _finisher(kind: str, factor: float) -> Finisher:
    """`finish` for one kind of indicator (the rule, in one place)."""
    if kind in ("ratio", "count_yes"):
        def divided(numerator: float | None, denominator: float | None,
                    reporting: int) -> Measurement:
            if reporting == 0 or numerator is None:
                return NO_DATA
            if not denominator:
                return Measurement(None, numerator, denominator, reporting)
            # Multiply first: 57 × 100 / 100 is exactly 57, while 57 / 100 × 100 is
            # 56.99999999999999 and would miss a target of 57 % by a rounding error.
            return Measurement(numerator * factor / denominator, numerator, denominator,
                               reporting)
        return divided
    if kind == "milestone":
        def done_or_not(numerator: float | None, _denominator: float | None,
                        reporting: int) -> Measurement:
            if reporting == 0 or numerator is None:
                return NO_DATA
            done = 1.0 if numerator >= 0.5 else 0.0
            return Measurement(done, done, None, reporting)
        return done_or_not

    def total(numerator: float | None, _denominator: float | None,
              reporting: int) -> Measurement:
        if reporting == 0 or numerator is None:
            return NO_DATA
        return Measurement(numerator, numerator, None, reporting)
    return total
