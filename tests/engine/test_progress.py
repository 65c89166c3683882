"""progress(): rows per indicator and level, and the per-unit breakdown."""

from __future__ import annotations

import pytest

from desktop.errors import UserError

TARGET = dict(indicator="EMAIL_USE_RATE", year=2020, level="xa", value=60.0)


def test_by_unit_lists_the_units_directly_below_lagging_first(world):
    world.district("H1", ("A", "B", "C", "D", "E"))
    plan = world.plan("P", 2016, 2020, TARGET)
    world.values("A", "2020", STAFF=10, STAFF_EMAIL_USE=7)   # 70 %: achieved
    world.values("B", "2020", STAFF=10, STAFF_EMAIL_USE=5)   # 50 % = 83 % of target: behind
    world.values("C", "2020", STAFF=10, STAFF_EMAIL_USE=2)   # 20 % = 33 %: behind, worse
    world.values("D", "2020", STAFF=20, STAFF_EMAIL_USE=11)  # 55 % = 91.7 %: at risk
    rows = world.progress(plan, "H1", "2020", by_unit=True)
    main, *units = rows
    assert main.parent is None and main.unit == "H1"
    assert main.numerator == 25 and main.denominator == 50
    assert [(r.unit, r.status) for r in units] == [
        ("C", "behind"), ("B", "behind"), ("D", "at_risk"), ("E", "no_data"), ("A", "achieved")]
    assert all(r.parent == "H1" for r in units)
    assert [r.unit for r in world.progress(plan, "H1", "2020")] == ["H1"]


def test_by_unit_goes_one_level_down_and_totals_each_subtree(world):
    world.district("H1", ("A", "B"))
    world.unit("H2", "huyen", "T1")
    world.unit("C", "xa", "H2")
    plan = world.plan("P", 2016, 2020, TARGET)
    world.values("A", "2020", STAFF=10, STAFF_EMAIL_USE=6)
    world.values("B", "2020", STAFF=30, STAFF_EMAIL_USE=6)
    world.values("C", "2020", STAFF=50, STAFF_EMAIL_USE=40)
    rows = world.progress(plan, "T1", "2020", by_unit=True)
    assert [(r.unit, r.parent, r.numerator, r.denominator) for r in rows] == [
        ("T1", None, 52, 90), ("H1", "T1", 12, 40), ("H2", "T1", 40, 50)]


def test_each_level_of_a_plan_gets_its_own_row(world):
    world.district("H1", ("A",))
    world.unit("P1", "huyen", "H1", kind="agency")
    plan = world.plan("P", 2016, 2020, TARGET,
                      dict(indicator="EMAIL_USE_RATE", year=2020, level="huyen", value=80.0))
    world.values("A", "2020", STAFF=10, STAFF_EMAIL_USE=6)
    world.values("P1", "2020", STAFF=10, STAFF_EMAIL_USE=6)
    rows = world.progress(plan, "H1", "2020")
    assert [(r.level, r.status) for r in rows] == [("huyen", "behind"), ("xa", "achieved")]
    # a commune has no agency of district level below it: only its own level's row
    assert [r.level for r in world.progress(plan, "A", "2020")] == ["xa"]


def test_json_row_fields(world):
    world.district("H1", ("A",))
    plan = world.plan("P", 2016, 2020, TARGET,
                      dict(indicator="PC_PER_STAFF", year=2020, level="xa", comparator="between",
                           min=60.0, max=70.0))
    world.values("A", "2020", STAFF=10, STAFF_EMAIL_USE=3, PCS=5)
    pcs, email = [r.as_json() for r in world.progress(plan, "H1", "2020")]
    for key in ("indicator", "unit", "level", "target", "actual", "numerator", "denominator",
                "percent_of_target", "status"):
        assert key in email
    assert (email["indicator"], email["unit"], email["level"]) == ("EMAIL_USE_RATE", "H1", "xa")
    assert email["target"]["value"] == 60.0 and email["target"]["comparator"] == ">="
    assert (email["actual"], email["percent_of_target"], email["status"]) == (30.0, 50.0,
                                                                              "behind")
    assert (pcs["target"]["min"], pcs["target"]["max"], pcs["target"]["value"]) == (60, 70, None)
    assert pcs["actual"] == 50.0


def test_unknown_unit_or_plan_is_a_user_error(world):
    world.district("H1")
    plan = world.plan("P", 2016, 2020, TARGET)
    with pytest.raises(UserError, match="XX"):
        world.progress(plan, "XX", "2020")
    with pytest.raises(UserError):
        world.progress("NOPE", "H1", "2020")
    with pytest.raises(UserError):
        world.progress(plan, "H1", "2020Q5")


def test_by_unit_skips_units_of_other_levels(world):
    world.district("H1", ("A",))
    world.unit("P1", "huyen", "H1", kind="agency")
    plan = world.plan("P", 2016, 2020, TARGET)  # a commune-level target
    world.values("A", "2020", STAFF=10, STAFF_EMAIL_USE=6)
    world.values("P1", "2020", STAFF=10, STAFF_EMAIL_USE=1)
    rows = world.progress(plan, "H1", "2020", by_unit=True)
    assert [(r.unit, r.numerator, r.denominator) for r in rows] == [("H1", 6, 10), ("A", 6, 10)]


def test_units_alike_in_status_share_and_name_keep_their_listed_order():
    from types import SimpleNamespace

    from desktop.engine.measure import Measurement
    from desktop.engine.progress import _row_maker
    from desktop.periods import parse_period

    indicator = SimpleNamespace(code="I", name="Chỉ số", measure="%", decimals=1,
                                direction="up")
    make = _row_maker(SimpleNamespace(indicator=indicator, level="xa"), None,
                      lambda actual: ("behind", 50.0), parse_period("2020"))
    units = [SimpleNamespace(id=i, code=code, name="Xã Mới") for i, code in
             enumerate(("X3", "X1", "X2"))]
    found = {unit.id: Measurement(30.0, 3.0, 10.0, 1) for unit in units}
    rows = make([(unit, ("xa moi",)) for unit in units], found, "H1")
    assert [row.unit for row in rows] == ["X3", "X1", "X2"]
