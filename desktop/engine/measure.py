"""An indicator's value over a set of units: sum first, then divide.

Ratios add up numerators and denominators over the units that reported
both, then divide — never an average of percentages. Totals add up.
Count-of-yes indicators count units whose yes/no element is 1 over the
units that reported it. Milestones are done when any unit reported them
done (by the year: the readings are the maximum up to it).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterable, Sequence
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
    return measure_owners(indicator, readings, {None: list(unit_ids)})[None]


def measure_owners(indicator: IndicatorDef, readings: Readings,
                   owners: dict[Hashable, Sequence[int]]) -> dict[Hashable, Measurement]:
    """`measure` over each owner's units (owner -> unit ids): what the indicator fixes
    is looked up once, for a breakdown measuring every sub-unit."""
    finisher = indicator.finisher
    if indicator.kind == "ratio":
        numerators = readings.get(indicator.numerator, {})
        denominators = readings.get(indicator.denominator, {})
        measured = {}
        for owner, unit_ids in owners.items():
            if len(unit_ids) == 1:  # a sub-unit on its own, the common case: no lists
                unit = unit_ids[0]  # (0 + x is what sum([x]) gives: -0.0 becomes 0.0)
                measured[owner] = (finisher(0 + numerators[unit], 0 + denominators[unit], 1)
                                   if unit in numerators and unit in denominators else NO_DATA)
                continue
            paired = [u for u in unit_ids if u in numerators and u in denominators]
            measured[owner] = finisher(sum([numerators[u] for u in paired]),
                                       sum([denominators[u] for u in paired]), len(paired))
        return measured
    values = readings.get(indicator.element, {})
    presents = {owner: [values[u] for u in unit_ids if u in values]
                for owner, unit_ids in owners.items()}
    if indicator.kind == "count_yes":
        return {owner: finisher(sum(1 for v in present if v >= 0.5), len(present), len(present))
                for owner, present in presents.items()}
    if indicator.kind == "milestone":
        return {owner: finisher(max(present, default=0.0), None, len(present))
                for owner, present in presents.items()}
    return {owner: finisher(sum(present), None, len(present)) for owner, present in presents.items()}


def finish(indicator: IndicatorDef, numerator: float | None, denominator: float | None,
           reporting: int) -> Measurement:
    """The indicator's value from its summed numerator and denominator."""
    return indicator.finisher(numerator, denominator, reporting)


Finisher = Callable[[float | None, float | None, int], Measurement]


def _finisher(kind: str, factor: float) -> Finisher:
    """`finish` for one kind of indicator (the rule, in one place). Each result is made
    with `tuple.__new__`, its four fields given in order (made once per unit and group)."""
    new = tuple.__new__
    if kind in ("ratio", "count_yes"):
        def divided(numerator: float | None, denominator: float | None,
                    reporting: int) -> Measurement:
            if reporting == 0 or numerator is None:
                return NO_DATA
            if not denominator:
                return new(Measurement, (None, numerator, denominator, reporting))
            # Multiply first: 57 × 100 / 100 is exactly 57, while 57 / 100 × 100 is
            # 56.99999999999999 and would miss a target of 57 % by a rounding error.
            return new(Measurement, (numerator * factor / denominator, numerator, denominator,
                                     reporting))
        return divided
    if kind == "milestone":
        def done_or_not(numerator: float | None, _denominator: float | None,
                        reporting: int) -> Measurement:
            if reporting == 0 or numerator is None:
                return NO_DATA
            done = 1.0 if numerator >= 0.5 else 0.0
            return new(Measurement, (done, done, None, reporting))
        return done_or_not

    def total(numerator: float | None, _denominator: float | None,
              reporting: int) -> Measurement:
        if reporting == 0 or numerator is None:
            return NO_DATA
        return new(Measurement, (numerator, numerator, None, reporting))
    return total
