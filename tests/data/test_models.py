"""The domain model: relationships, cascades and unique constraints."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from desktop.data.models import (
    DataElement,
    DataValue,
    Indicator,
    OrgUnit,
    Period,
    Plan,
    Submission,
    Target,
)

NOW = dt.datetime(2026, 11, 21, 10, 0)


def _unit(code: str, parent: OrgUnit | None = None, **extra) -> OrgUnit:
    return OrgUnit(code=code, name=f"Đơn vị {code}", search_key=code.lower(), level="xa",
                   kind="area", parent=parent, path="", **extra)


def _element(code: str, kind: str = "number") -> DataElement:
    return DataElement(code=code, name=code, kind=kind, temporal="stock")


def _period(code: str = "2024") -> Period:
    return Period(code=code, kind="year", year=2024, number=0, start=dt.date(2024, 1, 1),
                  end=dt.date(2024, 12, 31))


def test_unit_parent_and_successor(db):
    with db.session() as session:
        district = _unit("H01")
        district.level = "huyen"
        old = _unit("X16", district, valid_to=dt.date(2019, 12, 31))
        new = _unit("X12", district)
        old.successor = new
        session.add_all([district, old, new])
    with db.session() as session:
        old = session.scalar(select(OrgUnit).where(OrgUnit.code == "X16"))
        assert old.parent.code == "H01"
        assert old.successor.code == "X12"
        assert old.valid_to == dt.date(2019, 12, 31)
        assert old.parent_id == old.parent.id and old.successor_id == old.successor.id
        new = session.scalar(select(OrgUnit).where(OrgUnit.code == "X12"))
        assert new.successor is None and new.parent.code == "H01"


def test_indicator_points_at_its_elements(db):
    with db.session() as session:
        staff, mail = _element("STAFF"), _element("STAFF_MAILBOX")
        session.add(Indicator(code="MAILBOX_RATE", name="Tỷ lệ", kind="ratio",
                              numerator=mail, denominator=staff, factor=100.0))
    with db.session() as session:
        indicator = session.scalar(select(Indicator))
        assert (indicator.numerator.code, indicator.denominator.code) == ("STAFF_MAILBOX", "STAFF")
        assert indicator.element is None
        assert indicator.factor == 100.0
        assert indicator.capped is True and indicator.direction == "up"


def _plan_with_targets(session) -> Plan:
    indicator = Indicator(code="EMAIL", name="Thư", kind="ratio")
    plan = Plan(code="KT-TEST", title="Kế hoạch thử", year_from=2009, year_to=2010)
    plan.targets = [
        Target(indicator=indicator, year=2010, level="tinh", comparator=">=", value=60.0,
               baseline_year=2009, baseline_value=40.0, source="60% (năm 2009: 40%)"),
        Target(indicator=indicator, year=2010, level="huyen", comparator="between",
               min_value=60.0, max_value=70.0, source="60-70%"),
    ]
    session.add(plan)
    return plan


def test_plan_targets_and_their_cascade(db):
    with db.session() as session:
        _plan_with_targets(session)
    with db.session() as session:
        plan = session.scalar(select(Plan))
        assert [(t.level, t.value, t.min_value, t.max_value) for t in plan.targets] == [
            ("tinh", 60.0, None, None), ("huyen", None, 60.0, 70.0)]
        assert plan.targets[0].baseline_year == 2009
        assert plan.targets[0].plan is plan
        plan.targets.pop()  # an orphaned target goes away
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Target)) == 1
        session.delete(session.scalar(select(Plan)))
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Target)) == 0
        assert session.scalar(select(func.count()).select_from(Indicator)) == 1


def test_deleting_a_plan_in_sql_cascades_to_its_targets(db):
    with db.session() as session:
        _plan_with_targets(session)
    with db.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM plan")
        assert connection.exec_driver_sql("SELECT count(*) FROM target").scalar() == 0


@pytest.mark.parametrize("make", [
    lambda: [_unit("X01"), _unit("X01")],
    lambda: [_element("STAFF"), _element("STAFF")],
    lambda: [Indicator(code="A", name="a", kind="total"), Indicator(code="A", name="b",
                                                                     kind="total")],
    lambda: [Plan(code="P", title="a", year_from=1, year_to=2),
             Plan(code="P", title="b", year_from=1, year_to=2)],
    lambda: [_period("2024"), _period("2024")],
], ids=["unit", "element", "indicator", "plan", "period"])
def test_codes_are_unique(db, make):
    with pytest.raises(IntegrityError):
        with db.session() as session:
            session.add_all(make())


def test_one_value_per_unit_element_period(db):
    with db.session() as session:
        unit, element, period = _unit("X01"), _element("STAFF"), _period()
        session.add_all([unit, element, period])
        session.flush()
        ids = {"unit_id": unit.id, "element_id": element.id, "period_id": period.id}
    with db.session() as session:
        session.add(DataValue(**ids, value=1, changed_at=NOW))
    with pytest.raises(IntegrityError), db.session() as session:
        session.add(DataValue(**ids, value=2, changed_at=NOW))
    with db.session() as session:
        assert session.scalars(select(DataValue.value)).all() == [1]


def test_one_submission_per_unit_and_period(db):
    with db.session() as session:
        unit, period = _unit("X01"), _period()
        session.add_all([unit, period])
        session.flush()
        ids = {"unit_id": unit.id, "period_id": period.id}
        session.add(Submission(**ids, state="submitted", changed_at=NOW))
    with pytest.raises(IntegrityError), db.session() as session:
        session.add(Submission(**ids, state="approved", changed_at=NOW))


def test_a_value_needs_an_existing_unit(db):
    with db.session() as session:
        element, period = _element("STAFF"), _period()
        session.add_all([element, period])
        session.flush()
        ids = {"element_id": element.id, "period_id": period.id}
    with pytest.raises(IntegrityError), db.session() as session:
        session.add(DataValue(unit_id=999, **ids, value=1, changed_at=NOW))


def test_value_rows_are_versioned(db):
    with db.session() as session:
        unit, element, period = _unit("X01"), _element("STAFF"), _period()
        session.add_all([unit, element, period])
        session.flush()
        session.add(DataValue(unit_id=unit.id, element_id=element.id, period_id=period.id,
                              value=1, changed_at=NOW))
    with db.session() as session:
        row = session.scalar(select(DataValue))
        assert row.version == 1
        row.value = 5
    with db.session() as session:
        assert session.scalar(select(DataValue)).version == 2
