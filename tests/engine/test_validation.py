"""Validation rules: errors block a write, a jump is only a warning."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from desktop.data.models import DataElement, DataValue, OrgUnit, Period
from desktop.data.periods_db import ensure_periods
from desktop.engine.checks import validate_period
from desktop.engine.validation import ElementInfo, check_jump, check_ratio, check_value
from desktop.errors import UserError
from desktop.periods import parse_period

DOCS = ElementInfo("DOCS_SENT", "Số văn bản đi", "number")
LAN = ElementInfo("HAS_LAN", "Có mạng LAN", "yesno")


def test_negative_is_an_error():
    assert [p.rule for p in check_value(DOCS, -1)] == ["negative"]
    assert check_value(DOCS, 0) == []


@pytest.mark.parametrize(("value", "ok"), [(0, True), (1, True), (2, False), (0.5, False),
                                           (-1, False)])
def test_yes_no_is_zero_or_one(value, ok):
    problems = check_value(LAN, value)
    assert (problems == []) is ok
    assert all(p.is_error for p in problems)


def test_numerator_above_denominator_is_an_error():
    staff = ElementInfo("STAFF", "Cán bộ", "number")
    email = ElementInfo("STAFF_EMAIL_USE", "Dùng thư", "number")
    assert check_ratio(email, 10, staff, 10) == []
    [problem] = check_ratio(email, 11, staff, 10)
    assert (problem.severity, problem.rule) == ("error", "ratio")
    assert check_ratio(email, 11, staff, None) == []  # nothing to compare with yet


@pytest.mark.parametrize(("previous", "value", "factor", "warned"), [
    (10, 30, 3, False), (10, 30.01, 3, True),       # up: exactly 3× is fine
    (30, 10, 3, False), (30, 9.99, 3, True),        # down alike
    (10, 20, 2, False), (10, 20.5, 2, True),        # another factor
    (10, 39, 4, False), (10, 41, 4, True),
    (0, 2, 3, False), (0, 3, 3, True),              # from zero: small counts are noise
    (0, 0, 3, False), (None, 100, 3, False),
    (10, 1000, 1, False),                           # a factor of 1 or less turns it off
])
def test_jump_warning_at_its_edge(previous, value, factor, warned):
    problems = check_jump(DOCS, value, previous, factor)
    assert bool(problems) is warned
    assert all(p.severity == "warning" and p.rule == "jump" for p in problems)


def test_yes_no_never_jumps():
    assert check_jump(LAN, 1, 0, 3) == []


# ------------------------------------------------------------------ on write

def _count(session) -> int:
    return session.scalar(select(func.count()).select_from(DataValue))


@pytest.mark.parametrize(("elements", "rule_word"), [
    (dict(DOCS_SENT=-5), "âm"),
    (dict(HAS_LAN=2), "chỉ nhận 1"),
    (dict(STAFF=10, STAFF_EMAIL_USE=11), "lớn hơn"),
])
def test_errors_block_the_whole_batch(world, session, elements, rule_word):
    world.district("H1", ("A",))
    with pytest.raises(UserError, match=rule_word):
        world.values("A", "2020", INVITES=3, **elements)
    assert _count(session) == 0


def test_ratio_rule_uses_what_is_already_stored(world, session):
    world.district("H1", ("A",))
    world.values("A", "2020Q1", STAFF=10, STAFF_EMAIL_USE=8)
    with pytest.raises(UserError):
        world.values("A", "2020Q1", STAFF_EMAIL_USE=12)
    with pytest.raises(UserError):
        world.values("A", "2020Q1", STAFF=7)
    world.values("A", "2020Q1", STAFF=8)  # equal is fine
    world.values("A", "2020Q1", PCS=20)  # computers per staff may exceed 100 %
    stored = dict(session.execute(
        select(DataElement.code, DataValue.value)
        .join(DataElement, DataElement.id == DataValue.element_id)).all())
    assert stored == {"STAFF": 8, "STAFF_EMAIL_USE": 8, "PCS": 20}


# ------------------------------------------------------------------ over stored values

def _store_raw(session, unit: str, element: str, period: str, value: float) -> None:
    """A value that bypasses the write path (e.g. recorded before a rule existed)."""
    spec = parse_period(period)
    period_id = ensure_periods(session, {spec})[spec.code]
    session.add(DataValue(
        unit_id=session.scalar(select(OrgUnit.id).where(OrgUnit.code == unit)),
        element_id=session.scalar(select(DataElement.id).where(DataElement.code == element)),
        period_id=period_id, value=value, changed_at=dt.datetime(2020, 1, 1)))
    session.flush()


def test_validate_period_finds_jumps_with_a_configurable_factor(world, session):
    world.district("H1", ("A", "B"))
    world.values("A", "2020Q1", DOCS_SENT=10)
    world.values("A", "2020Q2", DOCS_SENT=40)
    world.values("B", "2020Q1", DOCS_SENT=10)
    world.values("B", "2020Q2", DOCS_SENT=30)
    findings = validate_period(session, "H1", "2020Q2")
    assert [(f.unit, f.element, f.severity, f.rule) for f in findings] == [
        ("A", "DOCS_SENT", "warning", "jump")]
    assert validate_period(session, "H1", "2020Q2", jump_factor=4) == []
    assert len(validate_period(session, "H1", "2020Q2", jump_factor=2.9)) == 2
    assert validate_period(session, "H1", "2020Q1") == []  # nothing before Q1 to compare


def test_validate_period_reports_errors_first(world, session):
    world.district("H1", ("A", "B"))
    world.values("B", "2019", DOCS_SENT=10)
    world.values("B", "2020", DOCS_SENT=100)
    _store_raw(session, "A", "STAFF", "2020", 10)
    _store_raw(session, "A", "STAFF_EMAIL_USE", "2020", 12)
    _store_raw(session, "A", "HAS_LAN", "2020", 3)
    findings = [(f.unit, f.element, f.severity, f.rule)
                for f in validate_period(session, "H1", "2020")]
    assert findings[:2] == [("A", "HAS_LAN", "error", "yesno"),
                            ("A", "STAFF_EMAIL_USE", "error", "ratio")]
    assert findings[2:] == [("B", "DOCS_SENT", "warning", "jump")]
    assert validate_period(session, "B", "2020")[0].unit == "B"
    assert validate_period(session, "H1", "2020")[0].as_json()["unit_name"] == "Đơn vị A"


def test_validate_follows_a_commune_into_its_new_district_only_after_the_merge(world, session):
    world.district("H1", ("A",))
    world.unit("H2", "huyen", "T1")
    world.unit("E", "xa", "H2")
    world.values("A", "2023", DOCS_SENT=10)
    world.values("A", "2024", DOCS_SENT=100)
    world.values("A", "2025Q1", DOCS_SENT=10)
    world.values("A", "2025Q2", DOCS_SENT=100)
    world.merge(["A"], "E", dt.date(2025, 7, 1))
    assert [f.unit for f in validate_period(session, "H1", "2024")] == ["A"]
    assert validate_period(session, "H2", "2024") == []
    # In 2025Q2 A still exists (it closes on 30/6): it is H1's, not yet E's
    assert [f.unit for f in validate_period(session, "H1", "2025Q2")] == ["A"]
    assert validate_period(session, "H2", "2025Q2") == []
