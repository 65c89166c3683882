"""An indicator's value over a set of units: sum first, then divide.

Ratios add up numerators and denominators over the units that reported
both, then divide — never an average of percentages. Totals add up.
Count-of-yes indicators count units whose yes/no element is 1 over the
units that reported it. Milestones are done when any unit reported them
done (by the year: the readings are the maximum up to it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

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

    def element_ids(self) -> set[int]:
        return {e for e in (self.numerator, self.denominator, self.element) if e is not None}


@dataclass(frozen=True)
class Measurement:
    actual: float | None
    numerator: float | None
    denominator: float | None
    reporting: int  # units that contributed


NO_DATA = Measurement(None, None, None, 0)


def measure(indicator: IndicatorDef, readings: Readings, unit_ids: Iterable[int]) -> Measurement:
    """The indicator over `unit_ids` from per-unit readings."""
    if indicator.kind == "ratio":
        return _ratio(indicator, readings, unit_ids)
    values = readings.get(indicator.element, {})
    present = [values[u] for u in unit_ids if u in values]
    if not present:
        return NO_DATA
    if indicator.kind == "total":
        total = sum(present)
        return Measurement(total, total, None, len(present))
    if indicator.kind == "count_yes":
        yes = sum(1 for v in present if v >= 0.5)
        return Measurement(yes * indicator.factor / len(present), yes, len(present), len(present))
    done = 1.0 if max(present) >= 0.5 else 0.0
    return Measurement(done, done, None, len(present))


def _ratio(indicator: IndicatorDef, readings: Readings, unit_ids: Iterable[int]) -> Measurement:
    numerators = readings.get(indicator.numerator, {})
    denominators = readings.get(indicator.denominator, {})
    num = den = 0.0
    count = 0
    for unit in unit_ids:
        if unit in numerators and unit in denominators:
            num += numerators[unit]
            den += denominators[unit]
            count += 1
    if count == 0 or den == 0:
        return Measurement(None, num if count else None, den if count else None, count)
    # Multiply first: 57 × 100 / 100 is exactly 57, while 57 / 100 × 100 is 56.99999999999999
    # and would miss a target of 57 % by a rounding error.
    return Measurement(num * indicator.factor / den, num, den, count)
