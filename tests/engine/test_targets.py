"""Targets: comparators and ranges at their edges, direction, % of target, interpolation."""

from __future__ import annotations

import pytest

from desktop.data.catalogue import load_plan
from desktop.engine.targets import TargetSpec, applicable, meets, percent_of


def spec(comparator=">=", value=None, year=2020, **fields) -> TargetSpec:
    return TargetSpec("X", year, "all", comparator, value, **fields)


@pytest.mark.parametrize(("comparator", "value", "actual", "met"), [
    (">=", 60, 60, True), (">=", 60, 59.99, False), (">=", 60, 75, True),
    (">", 60, 60, False), (">", 60, 60.01, True),
    ("<=", 10, 10, True), ("<=", 10, 10.01, False), ("<=", 10, 0, True),
    ("<", 10, 10, False), ("<", 10, 9.99, True),
    # about: within 5 % of the value (60 → from 57 up)
    ("about", 60, 57, True), ("about", 60, 56.99, False), ("about", 60, 66, True),
])
def test_comparators_at_their_edges(comparator, value, actual, met):
    assert meets(spec(comparator, value), actual) is met


def test_about_when_lower_is_better_allows_five_percent_above():
    assert meets(spec("about", 40), 42, "down")
    assert not meets(spec("about", 40), 42.01, "down")
    assert meets(spec("about", 40), 30, "down")


@pytest.mark.parametrize(("actual", "met"), [(60, True), (59.99, False), (65, True), (70, True),
                                              (80, True)])
def test_a_range_is_met_from_its_lower_bound(actual, met):
    assert meets(spec("between", min=60, max=70), actual) is met


@pytest.mark.parametrize(("actual", "met"), [(70, True), (70.01, False), (65, True), (50, True)])
def test_a_range_when_lower_is_better_is_met_up_to_its_upper_bound(actual, met):
    assert meets(spec("between", min=60, max=70), actual, "down") is met


def test_percent_of_target():
    assert percent_of(60, 45) == pytest.approx(75.0)
    assert percent_of(60, 90) == pytest.approx(150.0)
    assert percent_of(60, None) is None
    assert percent_of(0, 5) is None
    # lower is better: target 20, actual 25 → 80 % of the way; actual 10 → 200 %
    assert percent_of(20, 25, "down") == pytest.approx(80.0)
    assert percent_of(20, 10, "down") == pytest.approx(200.0)


def test_percent_of_target_is_exact_where_the_numbers_are():
    # 11 against 10 is 110 %, not 110.00000000000001
    assert percent_of(10, 11) == 110.0
    assert percent_of(20, 23) == 115.0  # not 114.99999999999999
    assert percent_of(20, 22, "down") == pytest.approx(1000 / 11)


def test_text_of_targets():
    assert spec(">=", 60).text("%") == "≥ 60 %"
    assert spec("between", min=60, max=70).text("%") == "60–70 %"
    assert spec("about", 50).text() == "≈ 50"
    assert spec("done").text() == "hoàn thành"


# ------------------------------------------------------------------ interpolation

def test_interpolation_between_a_baseline_and_the_target_year():
    targets = [spec(">=", 60, 2020, baseline_year=2016, baseline_value=20)]
    expected = {year: applicable(targets, year).expected for year in range(2016, 2021)}
    assert expected == {2016: 20, 2017: 30, 2018: 40, 2019: 50, 2020: 60}
    assert not applicable(targets, 2018).is_due
    assert applicable(targets, 2020).is_due


def test_interpolation_between_two_target_years():
    targets = [spec(">=", 70, 2020), spec(">=", 40, 2017)]
    assert applicable(targets, 2017).final.year == 2017
    assert applicable(targets, 2017).expected == 40
    assert applicable(targets, 2018).final.year == 2020
    assert applicable(targets, 2018).expected == pytest.approx(50)
    assert applicable(targets, 2019).expected == pytest.approx(60)


def test_after_the_last_target_year_the_target_stays():
    targets = [spec(">=", 70, 2020), spec(">=", 40, 2017)]
    applied = applicable(targets, 2023)
    assert (applied.final.year, applied.expected, applied.is_due) == (2020, 70, True)


def test_before_the_first_target_without_a_baseline_there_is_no_path():
    targets = [spec(">=", 50, 2018), spec(">=", 80, 2020)]
    applied = applicable(targets, 2017)
    assert (applied.final.year, applied.expected, applied.is_due) == (2018, None, False)
    # a baseline later than the year asked is no anchor either
    late = [spec(">=", 50, 2020, baseline_year=2018, baseline_value=30)]
    assert applicable(late, 2017).expected is None
    assert applicable(late, 2019).expected == pytest.approx(40)


def test_no_targets_no_applied_target():
    assert applicable([], 2020) is None


def test_kon_tum_email_use_from_its_2009_baseline(session):
    plan = load_plan(session, "KT-2009")
    email = [TargetSpec("EMAIL_USE_RATE", t.year, t.level, t.comparator, t.value,
                        baseline_year=t.baseline_year, baseline_value=t.baseline_value)
             for t in plan.targets if t.indicator.code == "EMAIL_USE_RATE" and t.level == "tinh"]
    assert applicable(email, 2009).expected == 40  # "năm 2009 là 40%"
    assert applicable(email, 2010).expected == 60  # "đạt 60%"
    assert applicable(email, 2010).is_due
