"""Yearly values from quarters and months, and missing data that is not zero."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.data.models import DataElement, OrgUnit, YearValue
from desktop.data.yearvalues import derive_year_value, rebuild_year_values


def test_stock_takes_the_last_quarter_with_a_value():
    recorded = {("quarter", 1): 10, ("quarter", 2): 12, ("quarter", 3): 15}
    assert derive_year_value("stock", recorded) == 15
    gap = {("quarter", 1): 10, ("quarter", 3): 14}
    assert derive_year_value("stock", gap) == 14


def test_flow_sums_the_quarters():
    recorded = {("quarter", 1): 10, ("quarter", 2): 12, ("quarter", 3): 15, ("quarter", 4): 3}
    assert derive_year_value("flow", recorded) == 40
    assert derive_year_value("flow", {("quarter", 2): 7}) == 7


def test_the_years_own_value_wins():
    recorded = {("year", 0): 99, ("quarter", 1): 10, ("quarter", 4): 12}
    assert derive_year_value("stock", recorded) == 99
    assert derive_year_value("flow", recorded) == 99


def test_a_quarter_without_its_own_value_is_built_from_its_months():
    # Q1 from January and February, Q2 from its own value (its months ignored)
    recorded = {("month", 1): 4, ("month", 2): 6, ("quarter", 2): 20, ("month", 5): 100}
    assert derive_year_value("flow", recorded) == 4 + 6 + 20
    assert derive_year_value("stock", recorded) == 20
    assert derive_year_value("stock", {("month", 1): 4, ("month", 2): 6}) == 6


def test_nothing_recorded_is_none_not_zero():
    assert derive_year_value("flow", {}) is None
    assert derive_year_value("stock", {}) is None


def _year_value(session, unit: str, element: str, year: int) -> float | None:
    return session.scalar(
        select(YearValue.value).join(OrgUnit, OrgUnit.id == YearValue.unit_id)
        .join(DataElement, DataElement.id == YearValue.element_id)
        .where(OrgUnit.code == unit, DataElement.code == element, YearValue.year == year))


def test_stored_year_values_follow_every_write(world, session):
    world.district("H1", ("A",))
    for quarter, (staff, docs) in enumerate([(10, 5), (11, 6), (12, 7), (13, 8)], 1):
        world.values("A", f"2020Q{quarter}", STAFF=staff, DOCS_SENT=docs)
    assert _year_value(session, "A", "STAFF", 2020) == 13
    assert _year_value(session, "A", "DOCS_SENT", 2020) == 26
    world.values("A", "2020", STAFF=20)
    assert _year_value(session, "A", "STAFF", 2020) == 20
    world.values("A", "2020", STAFF=None)  # deleting the year's value falls back to Q4
    assert _year_value(session, "A", "STAFF", 2020) == 13
    world.values("A", "2020Q4", STAFF=None, DOCS_SENT=None)
    assert _year_value(session, "A", "STAFF", 2020) == 12
    assert _year_value(session, "A", "DOCS_SENT", 2020) == 18
    assert _year_value(session, "A", "STAFF", 2021) is None


def test_rebuild_gives_the_same_year_values(world, session):
    world.district("H1", ("A", "B"))
    world.values("A", "2020Q1", STAFF=10, DOCS_SENT=5)
    world.values("A", "2020-05", STAFF=11, DOCS_SENT=6)
    world.values("B", "2020", STAFF=30)
    before = set(session.execute(select(YearValue.unit_id, YearValue.element_id,
                                        YearValue.year, YearValue.value)).all())
    assert rebuild_year_values(session) == 3
    after = set(session.execute(select(YearValue.unit_id, YearValue.element_id,
                                       YearValue.year, YearValue.value)).all())
    assert after == before
    assert _year_value(session, "A", "STAFF", 2020) == 11
    assert _year_value(session, "A", "DOCS_SENT", 2020) == 11


def _docs_plan(world) -> str:
    return world.plan("P", 2016, 2020, dict(indicator="DOCS_ELEC_RATE", year=2020, level="xa",
                                              value=80.0),
                      dict(indicator="EMAIL_USE_RATE", year=2020, level="xa", value=80.0))


def test_yearly_progress_from_quarters(world):
    world.district("H1", ("A",))
    plan = _docs_plan(world)
    for quarter, (sent, elec, staff, email) in enumerate(
            [(10, 5, 20, 4), (20, 10, 20, 8), (30, 15, 25, 10), (40, 20, 25, 20)], 1):
        world.values("A", f"2020Q{quarter}", DOCS_SENT=sent, DOCS_SENT_ELEC=elec,
                     STAFF=staff, STAFF_EMAIL_USE=email)
    docs = world.row(plan, "H1", "2020", "DOCS_ELEC_RATE")
    assert (docs.numerator, docs.denominator) == (50, 100)  # flows: sums
    email = world.row(plan, "H1", "2020", "EMAIL_USE_RATE")
    assert (email.numerator, email.denominator) == (20, 25)  # stocks: the fourth quarter
    assert email.actual == pytest.approx(80.0)
    assert email.status == "achieved"


def test_quarter_progress_from_months(world):
    world.district("H1", ("A",))
    plan = _docs_plan(world)
    for month, (sent, elec, staff, email) in enumerate([(10, 3, 8, 2), (10, 3, 9, 3),
                                                        (10, 3, 10, 5)], 1):
        world.values("A", f"2020-{month:02d}", DOCS_SENT=sent, DOCS_SENT_ELEC=elec,
                     STAFF=staff, STAFF_EMAIL_USE=email)
    docs = world.row(plan, "H1", "2020Q1", "DOCS_ELEC_RATE")
    assert (docs.numerator, docs.denominator) == (9, 30)
    email = world.row(plan, "H1", "2020Q1", "EMAIL_USE_RATE")
    assert (email.numerator, email.denominator) == (5, 10)
    month = world.row(plan, "H1", "2020-02", "EMAIL_USE_RATE")
    assert (month.numerator, month.denominator) == (3, 9)
    assert world.row(plan, "H1", "2020Q2", "EMAIL_USE_RATE").status == "no_data"


def test_no_data_is_not_zero(world):
    world.district("H1", ("A", "B"))
    plan = _docs_plan(world)
    row = world.row(plan, "H1", "2020", "EMAIL_USE_RATE")
    assert (row.status, row.actual, row.numerator, row.denominator) == ("no_data", None, None,
                                                                         None)
    assert row.percent_of_target is None
    assert row.reporting == 0


def test_a_unit_without_data_is_left_out_of_the_denominator(world):
    world.district("H1", ("A", "B", "C"))
    plan = _docs_plan(world)
    world.values("A", "2020", STAFF=10, STAFF_EMAIL_USE=5)
    world.values("B", "2020", STAFF=90)  # no numerator: B did not report the indicator
    row = world.row(plan, "H1", "2020", "EMAIL_USE_RATE")
    assert (row.numerator, row.denominator, row.reporting) == (5, 10, 1)
    assert row.actual == pytest.approx(50.0)


def test_a_zero_denominator_is_no_data(world):
    world.district("H1", ("A",))
    plan = _docs_plan(world)
    world.values("A", "2020", DOCS_SENT=0, DOCS_SENT_ELEC=0)
    row = world.row(plan, "H1", "2020", "DOCS_ELEC_RATE")
    assert (row.status, row.actual) == ("no_data", None)
    assert (row.numerator, row.denominator) == (0, 0)


def test_a_quarter_from_some_of_its_months_takes_the_last_stock_and_sums_the_flows(world):
    world.district("H1", ("A",))
    plan = _docs_plan(world)
    # Entered latest first, and no March: the rows' order must not choose the stock.
    world.values("A", "2020-02", DOCS_SENT=20, DOCS_SENT_ELEC=4, STAFF=12, STAFF_EMAIL_USE=6)
    world.values("A", "2020-01", DOCS_SENT=10, DOCS_SENT_ELEC=3, STAFF=8, STAFF_EMAIL_USE=2)
    docs = world.row(plan, "H1", "2020Q1", "DOCS_ELEC_RATE")
    assert (docs.numerator, docs.denominator) == (7, 30)
    email = world.row(plan, "H1", "2020Q1", "EMAIL_USE_RATE")
    assert (email.numerator, email.denominator) == (6, 12)
