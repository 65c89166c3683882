"""The status rule (desktop/engine/status.py) at its edges, worked out by hand.

Plan used throughout: baseline 2016: 20 %, target 2020: ≥ 60 %, plan years
2016–2020. The path expects 30, 40, 50 % in 2017–2019, so e (the expected
share of the target) is 50, 66.7, 83.3 and, from 2020, 100.
"""

from __future__ import annotations

import pytest

from desktop.engine.status import expected_percent, status_of
from desktop.engine.targets import TargetSpec, applicable

FIRST_YEAR = 2016
PATH = [TargetSpec("X", 2020, "all", ">=", 60.0, baseline_year=2016, baseline_value=20.0)]


def status(year: int, actual: float | None, targets=PATH, direction="up") -> str:
    return status_of(applicable(targets, year), actual, FIRST_YEAR, direction)[0]


def test_expected_percent_along_the_path():
    e = {year: expected_percent(applicable(PATH, year), FIRST_YEAR) for year in range(2017, 2022)}
    assert e == pytest.approx({2017: 50.0, 2018: 200 / 3, 2019: 250 / 3, 2020: 100.0,
                               2021: 100.0})


@pytest.mark.parametrize(("year", "at_e", "at_e_minus_10", "just_below"), [
    (2017, 30, 24, 23.99),   # e = 50 %: 30 = 50 % of 60; 24 = 40 % of 60
    (2018, 40, 34, 33.99),   # e = 66.7 %
    (2019, 50, 44, 43.99),   # e = 83.3 %
])
def test_before_the_target_year(year, at_e, at_e_minus_10, just_below):
    assert status(year, at_e) == "on_track"
    assert status(year, at_e - 0.01) == "at_risk"
    assert status(year, at_e_minus_10) == "at_risk"
    assert status(year, just_below) == "behind"


def test_in_the_target_year_nothing_short_of_the_target_is_on_track():
    assert status(2020, 60) == "achieved"
    assert status(2020, 59.99) == "at_risk"
    assert status(2020, 54) == "at_risk"  # 90 % of the target: e − 10
    assert status(2020, 53.99) == "behind"
    assert status(2023, 54) == "at_risk"  # the target stays after its year


def test_achieved_exactly_at_the_target_even_early():
    assert status(2017, 60) == "achieved"
    assert status_of(applicable(PATH, 2017), 60, FIRST_YEAR) == ("achieved", 100.0)


def test_no_data():
    assert status_of(applicable(PATH, 2018), None, FIRST_YEAR) == ("no_data", None)
    assert status_of(None, 50, FIRST_YEAR) == ("no_target", None)


def test_no_target_is_its_own_status():
    """A value the plan sets no target for is not "no data": it has data, nothing to judge."""
    assert status_of(None, 50, FIRST_YEAR)[0] == "no_target"
    assert status_of(None, None, FIRST_YEAR)[0] == "no_target"


def test_percent_of_target_is_returned_with_the_status():
    assert status_of(applicable(PATH, 2018), 45, FIRST_YEAR) == ("on_track", 75.0)
    assert status_of(applicable(PATH, 2020), 30, FIRST_YEAR) == ("behind", 50.0)


def test_strictly_more_than_is_not_achieved_at_the_value():
    above = [TargetSpec("X", 2020, "all", ">", 60.0)]
    assert status(2020, 60, above) == "at_risk"
    assert status(2020, 60.5, above) == "achieved"


def test_without_a_path_e_is_the_share_of_the_plan_years():
    # plan 2016–…, target 2019 ≥ 40 %, no baseline: in 2017, 2 of 4 years → e = 50 %
    targets = [TargetSpec("X", 2019, "all", ">=", 40.0)]
    assert expected_percent(applicable(targets, 2017), FIRST_YEAR) == 50.0
    assert status(2017, 20, targets) == "on_track"
    assert status(2017, 16, targets) == "at_risk"
    assert status(2017, 15.99, targets) == "behind"
    assert status(2016, 10, targets) == "on_track"  # 1 of 4 years: e = 25 %


def test_lower_is_better():
    # baseline 2016: 60, target 2020: ≤ 20; path 2018: 40 → e = 20 / 40 = 50 %
    targets = [TargetSpec("X", 2020, "all", "<=", 20.0, baseline_year=2016,
                          baseline_value=60.0)]
    assert expected_percent(applicable(targets, 2018), FIRST_YEAR, "down") == 50.0
    assert status(2018, 40, targets, "down") == "on_track"
    assert status(2018, 50, targets, "down") == "at_risk"  # p = 20 / 50 = 40 %
    assert status(2018, 50.5, targets, "down") == "behind"
    assert status(2020, 20, targets, "down") == "achieved"
    assert status(2020, 22, targets, "down") == "at_risk"  # p = 90.9 %
    assert status(2020, 25, targets, "down") == "behind"  # p = 80 %
    assert status(2020, 0, targets, "down") == "achieved"


def test_a_range_when_lower_is_better_is_measured_against_its_upper_bound():
    targets = [TargetSpec("X", 2020, "all", "between", min=60.0, max=70.0)]
    assert status_of(applicable(targets, 2020), 70, FIRST_YEAR, "down") == ("achieved", 100.0)
    assert status_of(applicable(targets, 2020), 77, FIRST_YEAR, "down")[0] == "at_risk"
    assert status_of(applicable(targets, 2020), 80, FIRST_YEAR, "down") == ("behind", 87.5)


def test_a_range_is_measured_against_its_lower_bound():
    targets = [TargetSpec("X", 2020, "all", "between", min=60.0, max=70.0)]
    assert status_of(applicable(targets, 2020), 60, FIRST_YEAR) == ("achieved", 100.0)
    assert status_of(applicable(targets, 2020), 54, FIRST_YEAR) == ("at_risk", 90.0)
    assert status_of(applicable(targets, 2020), 30, FIRST_YEAR) == ("behind", 50.0)


def test_about_is_achieved_within_five_percent():
    targets = [TargetSpec("X", 2020, "all", "about", 60.0)]
    assert status(2020, 57, targets) == "achieved"
    assert status(2020, 56.9, targets) == "at_risk"


# ------------------------------------------------------------------ through the database

def test_status_through_progress(world):
    world.district("H1", ("A", "B"))
    plan = world.plan("P", 2016, 2020, dict(indicator="EMAIL_USE_RATE", year=2020, level="xa",
                                              value=60.0, baseline_year=2016,
                                              baseline_value=20.0))
    world.values("A", "2019", STAFF=60, STAFF_EMAIL_USE=24)
    world.values("B", "2019", STAFF=40, STAFF_EMAIL_USE=20)
    row = world.row(plan, "H1", "2019", "EMAIL_USE_RATE")
    assert row.actual == 44.0  # (24 + 20) / (60 + 40): exactly e − 10 in 2019
    assert row.applied.expected == pytest.approx(50.0)
    assert row.status == "at_risk"
    assert row.as_json()["target"]["expected"] == pytest.approx(50.0)
    world.values("B", "2019", STAFF_EMAIL_USE=26)
    assert world.row(plan, "H1", "2019", "EMAIL_USE_RATE").status == "on_track"
    world.values("B", "2019", STAFF_EMAIL_USE=19)
    assert world.row(plan, "H1", "2019", "EMAIL_USE_RATE").status == "behind"


def test_kon_tum_2010_target_with_its_2009_baseline(world, session):
    from desktop.data.catalogue import load_plan

    load_plan(session, "KT-2009")
    world.unit("T1", "tinh")
    world.values("T1", "2009", STAFF=100, STAFF_EMAIL_USE=40)
    world.values("T1", "2010", STAFF=100, STAFF_EMAIL_USE=54)
    in_2009 = world.row("KT-2009", "T1", "2009", "EMAIL_USE_RATE", "tinh")
    assert in_2009.applied.expected == 40 and in_2009.status == "on_track"
    in_2010 = world.row("KT-2009", "T1", "2010", "EMAIL_USE_RATE", "tinh")
    assert in_2010.applied.expected == 60
    assert (in_2010.percent_of_target, in_2010.status) == (90.0, "at_risk")


def test_an_at_most_target_means_lower_is_better_whatever_the_indicator_says():
    # "≤ 10" on an indicator marked "higher is better": 20 is twice too much, not 200 %
    at_most = [TargetSpec("X", 2020, "all", "<=", 10.0)]
    assert status_of(applicable(at_most, 2020), 20, FIRST_YEAR, "up") == ("behind", 50.0)
    assert status(2020, 11, at_most) == "at_risk"
    assert status(2020, 10, at_most) == "achieved"
    below = [TargetSpec("X", 2020, "all", "<", 10.0)]
    assert status(2020, 10, below) == "at_risk"
    assert status(2020, 9, below) == "achieved"
    # and "≥" on an indicator marked "lower is better" is still "at least"
    at_least = [TargetSpec("X", 2020, "all", ">=", 60.0)]
    assert status_of(applicable(at_least, 2020), 30, FIRST_YEAR, "down") == ("behind", 50.0)
