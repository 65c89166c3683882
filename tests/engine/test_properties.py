"""Properties of aggregation that hold for any units: sum first, then divide."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from desktop.data.yearvalues import derive_year_value
from desktop.engine.measure import IndicatorDef, measure

NUM, DEN, FLAG = 1, 2, 3
RATIO = IndicatorDef("R", "Tỷ lệ", "ratio", NUM, DEN, None, 100.0, "%", 1, "up")
COUNT = IndicatorDef("C", "Tỷ lệ có", "count_yes", None, None, FLAG, 100.0, "%", 1, "up")


@st.composite
def unit_pairs(draw) -> list[tuple[int, int]]:
    """(numerator, denominator) per unit: positive whole numbers, part ≤ whole."""
    dens = draw(st.lists(st.integers(1, 1_000_000), min_size=1, max_size=40))
    return [(draw(st.integers(1, den)), den) for den in dens]


@given(unit_pairs())
def test_aggregated_ratio_is_the_sum_of_numerators_over_the_sum_of_denominators(pairs):
    readings = {NUM: {i: float(n) for i, (n, _) in enumerate(pairs)},
                DEN: {i: float(d) for i, (_, d) in enumerate(pairs)}}
    result = measure(RATIO, readings, range(len(pairs)))
    total_num, total_den = sum(n for n, _ in pairs), sum(d for _, d in pairs)
    assert (result.numerator, result.denominator, result.reporting) == (
        total_num, total_den, len(pairs))
    assert result.actual == float(Fraction(100 * total_num, total_den))
    unit_ratios = [measure(RATIO, readings, [i]).actual for i in range(len(pairs))]
    assert min(unit_ratios) <= result.actual <= max(unit_ratios)
    assert 0 < result.actual <= 100


@given(unit_pairs(), st.sets(st.integers(0, 39)))
def test_units_without_data_change_nothing(pairs, silent):
    """Units that did not report are left out, not counted as zero."""
    readings = {NUM: {}, DEN: {}}
    for i, (n, d) in enumerate(pairs):
        readings[DEN][i] = float(d)
        if i not in silent:
            readings[NUM][i] = float(n)
    reported = [p for i, p in enumerate(pairs) if i not in silent]
    result = measure(RATIO, readings, range(len(pairs)))
    if not reported:
        assert (result.actual, result.reporting) == (None, 0)
        return
    assert result.reporting == len(reported)
    assert result.actual == float(Fraction(100 * sum(n for n, _ in reported),
                                           sum(d for _, d in reported)))


@given(st.lists(st.one_of(st.none(), st.sampled_from([0.0, 1.0])), min_size=1, max_size=60))
def test_count_yes_counts_yes_over_units_that_reported(answers):
    readings = {FLAG: {i: a for i, a in enumerate(answers) if a is not None}}
    result = measure(COUNT, readings, range(len(answers)))
    reported = [a for a in answers if a is not None]
    if not reported:
        assert result.actual is None
        return
    yes = sum(1 for a in reported if a == 1.0)
    assert (result.numerator, result.denominator) == (yes, len(reported))
    assert result.actual == float(Fraction(100 * yes, len(reported)))


quarters = st.dictionaries(st.integers(1, 4), st.integers(0, 10_000), min_size=1)


@given(quarters)
def test_year_from_quarters(recorded):
    by_kind = {("quarter", q): float(v) for q, v in recorded.items()}
    assert derive_year_value("flow", by_kind) == sum(recorded.values())
    assert derive_year_value("stock", by_kind) == recorded[max(recorded)]


@given(quarters, st.integers(0, 10_000))
def test_the_years_own_value_always_wins(recorded, own):
    by_kind = {("quarter", q): float(v) for q, v in recorded.items()} | {("year", 0): float(own)}
    assert derive_year_value("flow", by_kind) == own
    assert derive_year_value("stock", by_kind) == own
