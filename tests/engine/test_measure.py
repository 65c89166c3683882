"""Indicator values over many units: sum first, then divide; totals; counts; milestones."""

from __future__ import annotations

import pytest


def test_ratio_sums_numerators_and_denominators_before_dividing(world):
    world.district("H1", ("A", "B"))
    world.values("A", "2020", STAFF=10, STAFF_EMAIL_USE=10)  # 100 % of a small commune
    world.values("B", "2020", STAFF=90, STAFF_EMAIL_USE=0)  # 0 % of a big one
    plan = world.plan("P", 2016, 2020, dict(indicator="EMAIL_USE_RATE", year=2020, level="xa",
                                              value=50.0))
    row = world.row(plan, "H1", "2020", "EMAIL_USE_RATE")
    # (10 + 0) / (10 + 90) = 10 %, not the average of 100 % and 0 % (50 %)
    assert row.numerator == 10
    assert row.denominator == 100
    assert row.actual == pytest.approx(10.0)
    assert row.percent_of_target == pytest.approx(20.0)
    assert row.reporting == 2
    assert row.status == "behind"


def test_ratio_of_one_unit_is_its_own_ratio(world):
    world.district("H1", ("A", "B"))
    world.values("A", "2020", STAFF=10, STAFF_EMAIL_USE=10)
    world.values("B", "2020", STAFF=90, STAFF_EMAIL_USE=0)
    plan = world.plan("P", 2016, 2020, dict(indicator="EMAIL_USE_RATE", year=2020, level="xa",
                                              value=50.0))
    assert world.row(plan, "A", "2020", "EMAIL_USE_RATE").actual == pytest.approx(100.0)
    assert world.row(plan, "B", "2020", "EMAIL_USE_RATE").actual == pytest.approx(0.0)


def test_level_all_adds_agencies_and_communes_together(world):
    world.district("H1", ("A",))
    world.unit("P1", "huyen", "H1", kind="agency")
    world.values("P1", "2020", STAFF=30, STAFF_MAILBOX=27)
    world.values("A", "2020", STAFF=20, STAFF_MAILBOX=8)
    plan = world.plan("P", 2016, 2020,
                      dict(indicator="MAILBOX_RATE", year=2020, level="all", value=80.0),
                      dict(indicator="MAILBOX_RATE", year=2020, level="huyen", value=80.0),
                      dict(indicator="MAILBOX_RATE", year=2020, level="xa", value=80.0))
    rows = {r.level: r for r in world.progress(plan, "H1", "2020")}
    assert (rows["all"].numerator, rows["all"].denominator) == (35, 50)
    assert rows["all"].actual == pytest.approx(70.0)
    assert rows["huyen"].actual == pytest.approx(90.0)
    assert rows["huyen"].status == "achieved"
    assert rows["xa"].actual == pytest.approx(40.0)


def test_totals_add_up(world):
    world.district("H1", ("A", "B", "C"))
    world.values("A", "2020", PS_L3=5)
    world.values("B", "2020", PS_L3=7)
    # C reports nothing: it adds nothing, and is not counted as reporting
    plan = world.plan("P", 2016, 2020, dict(indicator="PS_L3_COUNT", year=2020, level="xa",
                                              value=20.0))
    row = world.row(plan, "H1", "2020", "PS_L3_COUNT")
    assert row.actual == 12
    assert row.reporting == 2
    assert row.percent_of_target == pytest.approx(60.0)


def test_count_yes_counts_units_with_yes_over_units_that_reported(world):
    world.district("H1", ("A", "B", "C", "D"))
    world.values("A", "2020", HAS_DMS=1)
    world.values("B", "2020", HAS_DMS=0)
    world.values("C", "2020", HAS_DMS=1)
    # D did not report: not in the denominator (no data is not "no")
    plan = world.plan("P", 2016, 2020, dict(indicator="DMS_RATE", year=2020, level="xa",
                                              value=100.0))
    row = world.row(plan, "H1", "2020", "DMS_RATE")
    assert (row.numerator, row.denominator) == (2, 3)
    assert row.actual == pytest.approx(200 / 3)
    assert row.reporting == 3


def _milestone_plan(world) -> str:
    world.unit("T1", "tinh")
    return world.plan("P", 2012, 2016, dict(indicator="EGOV_ARCH_DONE", year=2016, level="tinh",
                                              comparator="done"))


def test_milestone_done_earlier_counts_for_later_years(world):
    plan = _milestone_plan(world)
    world.values("T1", "2014", EGOV_ARCH_ISSUED=1)
    for year in ("2014", "2015", "2016", "2019"):
        row = world.row(plan, "T1", year, "EGOV_ARCH_DONE")
        assert (row.actual, row.status, row.percent_of_target) == (1.0, "achieved", 100.0), year
    # not yet done in 2013
    row = world.row(plan, "T1", "2013", "EGOV_ARCH_DONE")
    assert row.status == "no_data"


def test_milestone_not_done_is_on_track_before_its_year_and_behind_from_it(world):
    plan = _milestone_plan(world)
    world.values("T1", "2014", EGOV_ARCH_ISSUED=0)
    assert world.row(plan, "T1", "2015", "EGOV_ARCH_DONE").status == "on_track"
    assert world.row(plan, "T1", "2016", "EGOV_ARCH_DONE").status == "behind"
    assert world.row(plan, "T1", "2017", "EGOV_ARCH_DONE").status == "behind"
    assert world.row(plan, "T1", "2016", "EGOV_ARCH_DONE").actual == 0.0


def test_milestone_done_late_is_achieved_only_from_then(world):
    plan = _milestone_plan(world)
    world.values("T1", "2014", EGOV_ARCH_ISSUED=0)
    world.values("T1", "2017", EGOV_ARCH_ISSUED=1)
    assert world.row(plan, "T1", "2016", "EGOV_ARCH_DONE").status == "behind"
    assert world.row(plan, "T1", "2017", "EGOV_ARCH_DONE").status == "achieved"


@pytest.mark.parametrize(("comparator", "value"), [(">=", 57.0), ("about", 60.0), ("<=", 57.0)])
def test_a_ratio_exactly_on_its_target_is_achieved(world, comparator, value):
    # 57 of 100 staff is 57 %, exactly (not 56.99999999999999): the target is met
    world.district("H1", ("A", "B"))
    world.values("A", "2020", STAFF=50, STAFF_EMAIL_USE=29)
    world.values("B", "2020", STAFF=50, STAFF_EMAIL_USE=28)
    plan = world.plan("P", 2016, 2020, dict(indicator="EMAIL_USE_RATE", year=2020, level="xa",
                                              comparator=comparator, value=value))
    row = world.row(plan, "H1", "2020", "EMAIL_USE_RATE")
    assert row.actual == 57.0
    assert row.status == "achieved"
    assert world.row(plan, "A", "2020", "EMAIL_USE_RATE").actual == 58.0  # 29 of 50


def test_count_yes_is_exact(world):
    world.district("H1", ("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K"))
    for code in "ABCDEFGHIJK":
        world.values(code, "2020", HAS_DMS=0 if code == "K" else 1)
    plan = world.plan("P", 2016, 2020, dict(indicator="DMS_RATE", year=2020, level="xa",
                                              value=100 * 10 / 11))
    row = world.row(plan, "H1", "2020", "DMS_RATE")
    assert (row.numerator, row.denominator) == (10, 11)
    assert row.status == "achieved"


def test_a_cumulative_budget_adds_up_the_years_from_its_start(world, session):
    from desktop.data.catalogue import load_plan

    load_plan(session, "KT-2009")  # 15.945 million VND spent over 2009–2010 together
    world.unit("T1", "tinh")
    world.values("T1", "2008", BUDGET_SPENT=500)  # before the plan: not counted
    world.values("T1", "2009", BUDGET_SPENT=8000)
    for quarter, amount in enumerate((1000, 2000, 3000, 1945), 1):
        world.values("T1", f"2010Q{quarter}", BUDGET_SPENT=amount)
    in_2010 = world.row("KT-2009", "T1", "2010", "BUDGET_SPENT_TOTAL")
    assert (in_2010.actual, in_2010.status) == (15945, "achieved")
    # 2009: half the plan's years gone (e = 50 %), 8000 of 15945 spent (50,2 %)
    in_2009 = world.row("KT-2009", "T1", "2009", "BUDGET_SPENT_TOTAL")
    assert in_2009.actual == 8000
    assert in_2009.percent_of_target == pytest.approx(100 * 8000 / 15945)
    assert in_2009.status == "on_track"
    world.values("T1", "2009", BUDGET_SPENT=7000)  # 43,9 %: within 10 points of 50 %
    assert world.row("KT-2009", "T1", "2009", "BUDGET_SPENT_TOTAL").status == "at_risk"
    world.values("T1", "2009", BUDGET_SPENT=6000)  # 37,6 %
    assert world.row("KT-2009", "T1", "2009", "BUDGET_SPENT_TOTAL").status == "behind"
    # a quarter is that quarter's spending alone
    assert world.row("KT-2009", "T1", "2010Q2", "BUDGET_SPENT_TOTAL").actual == 2000
