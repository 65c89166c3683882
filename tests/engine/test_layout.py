"""A progress call's fixed part: kept while values change, dropped when the structure does."""

from __future__ import annotations

from sqlalchemy import select

from desktop.data.models import Target
from desktop.engine import layout as layout_module
from desktop.periods import parse_period

TARGET = dict(indicator="EMAIL_USE_RATE", year=2020, level="xa", value=60.0)


def _layout(world, plan: str, unit: str, period: str, by_unit: bool = True):
    return layout_module.layout(world.session, plan, unit, parse_period(period), by_unit)


def _statuses(world, plan: str, period: str) -> list[tuple[str, str, float | None]]:
    return [(r.unit, r.status, r.actual)
            for r in world.progress(plan, "H1", period, by_unit=True)]


def test_values_entered_keep_the_layout_and_show_at_once(world):
    world.district("H1", ("A", "B"))
    plan = world.plan("P", 2016, 2020, TARGET)
    world.values("A", "2020", STAFF=10, STAFF_EMAIL_USE=7)
    kept = _layout(world, plan, "H1", "2020")
    assert _statuses(world, plan, "2020") == [
        ("H1", "achieved", 70.0), ("B", "no_data", None), ("A", "achieved", 70.0)]
    world.values("B", "2020", STAFF=10, STAFF_EMAIL_USE=1)
    assert _layout(world, plan, "H1", "2020") is kept
    assert _statuses(world, plan, "2020") == [
        ("H1", "behind", 40.0), ("B", "behind", 10.0), ("A", "achieved", 70.0)]


def test_a_changed_target_is_judged_at_once(world):
    world.district("H1", ("A",))
    plan = world.plan("P", 2016, 2020, TARGET)
    world.values("A", "2020", STAFF=10, STAFF_EMAIL_USE=7)
    kept = _layout(world, plan, "H1", "2020")
    assert _statuses(world, plan, "2020")[0][1] == "achieved"
    world.session.scalar(select(Target)).value = 80.0
    world.session.flush()
    assert _layout(world, plan, "H1", "2020") is not kept
    assert _statuses(world, plan, "2020") == [("H1", "behind", 70.0), ("A", "behind", 70.0)]


def test_a_new_commune_is_listed_at_once(world):
    world.district("H1", ("A",))
    plan = world.plan("P", 2016, 2020, TARGET)
    world.values("A", "2020", STAFF=10, STAFF_EMAIL_USE=7)
    assert [unit for unit, *_ in _statuses(world, plan, "2020")] == ["H1", "A"]
    world.unit("B", "xa", "H1")
    world.values("B", "2020", STAFF=10, STAFF_EMAIL_USE=5)
    assert _statuses(world, plan, "2020") == [
        ("H1", "achieved", 60.0), ("B", "behind", 50.0), ("A", "achieved", 70.0)]


def test_the_layouts_kept_are_bounded_oldest_first(world, monkeypatch):
    monkeypatch.setattr(layout_module, "LAYOUTS_KEPT", 3)
    world.district("H1", ("A",))
    plan = world.plan("P", 2016, 2020, TARGET)
    first = _layout(world, plan, "H1", "2016")
    for year in ("2017", "2018", "2019"):
        _layout(world, plan, "H1", year)
    assert _layout(world, plan, "H1", "2019") is _layout(world, plan, "H1", "2019")
    assert _layout(world, plan, "H1", "2016") is not first  # the oldest went first
    kept = layout_module.cached(world.session, "progress_layouts", dict)
    assert len(kept) == 3
