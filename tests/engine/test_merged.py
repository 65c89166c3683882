"""Merged units: old communes' data re-totals onto their successor, never twice."""

from __future__ import annotations

import datetime as dt

import pytest

EMAIL = dict(indicator="EMAIL_USE_RATE", year=2025, level="xa", value=80.0)
DOCS = dict(indicator="DOCS_ELEC_RATE", year=2025, level="xa", value=80.0)


@pytest.fixture
def district(world):
    """H1 with communes A, B (to be merged into C) and D."""
    world.district("H1", ("A", "B", "C", "D"))
    world.plan("P", 2016, 2025, EMAIL, DOCS)
    return world


def _pair(row) -> tuple[float, float]:
    return row.numerator, row.denominator


def _by_unit(world, period: str, indicator: str) -> dict[str, tuple[float, float]]:
    rows = world.progress("P", "H1", period, by_unit=True)
    return {r.unit: _pair(r) for r in rows if r.indicator == indicator and r.parent == "H1"}


def test_merge_at_new_year_counts_nothing_twice(district):
    world = district
    for unit, staff, email in (("A", 10, 5), ("B", 20, 10), ("C", 30, 15), ("D", 40, 20)):
        world.values(unit, "2019", STAFF=staff, STAFF_EMAIL_USE=email)
    before = _pair(world.row("P", "H1", "2019", "EMAIL_USE_RATE"))
    world.merge(["A", "B"], "C", dt.date(2020, 1, 1))
    world.values("C", "2021", STAFF=60, STAFF_EMAIL_USE=45)
    world.values("D", "2021", STAFF=40, STAFF_EMAIL_USE=30)
    # 2021: only the merged C and D; A's and B's 2019 figures are not added again
    assert _pair(world.row("P", "H1", "2021", "EMAIL_USE_RATE")) == (75, 100)
    assert _pair(world.row("P", "C", "2021", "EMAIL_USE_RATE")) == (45, 60)
    assert _by_unit(world, "2021", "EMAIL_USE_RATE") == {"C": (45, 60), "D": (30, 40)}
    # 2019: the district total is the same as before the merge, and each old
    # commune still stands alone, C with its own figures only
    assert _pair(world.row("P", "H1", "2019", "EMAIL_USE_RATE")) == before == (50, 100)
    assert _by_unit(world, "2019", "EMAIL_USE_RATE") == {
        "A": (5, 10), "B": (10, 20), "C": (15, 30), "D": (20, 40)}


def test_merge_into_a_new_unit(district):
    world = district
    world.unit("N", "xa", "H1", valid_from=dt.date(2020, 1, 1))
    world.values("A", "2019", STAFF=10, STAFF_EMAIL_USE=5)
    world.values("B", "2019", STAFF=20, STAFF_EMAIL_USE=10)
    world.merge(["A", "B"], "N", dt.date(2020, 1, 1))
    world.values("N", "2020", STAFF=30, STAFF_EMAIL_USE=24)
    # 2019: N did not exist yet; C and D (no data) are listed as such
    assert _by_unit(world, "2019", "EMAIL_USE_RATE") == {
        "A": (5, 10), "B": (10, 20), "C": (None, None), "D": (None, None)}
    assert _by_unit(world, "2020", "EMAIL_USE_RATE") == {
        "C": (None, None), "D": (None, None), "N": (24, 30)}
    assert _pair(world.row("P", "H1", "2020", "EMAIL_USE_RATE")) == (24, 30)


def _mid_year(world) -> None:
    """A and B report Q1–Q2 2025, then merge into C on 1/7/2025."""
    for unit, size in (("A", 10), ("B", 20)):
        for quarter in (1, 2):
            world.values(unit, f"2025Q{quarter}", STAFF=size, STAFF_EMAIL_USE=size // 2,
                         DOCS_SENT=size, DOCS_SENT_ELEC=size // 2)
    for quarter in (1, 2, 3, 4):
        staff = 30 if quarter <= 2 else 60
        world.values("C", f"2025Q{quarter}", STAFF=staff, STAFF_EMAIL_USE=staff // 2 + 15 * (
            quarter == 4), DOCS_SENT=30, DOCS_SENT_ELEC=15)
        world.values("D", f"2025Q{quarter}", STAFF=40, STAFF_EMAIL_USE=20, DOCS_SENT=40,
                     DOCS_SENT_ELEC=40)
    world.merge(["A", "B"], "C", dt.date(2025, 7, 1))


def test_mid_year_merge_flows_count_in_the_successor_and_stocks_do_not_double(district):
    world = district
    _mid_year(world)
    # Flows: C's four quarters (120 sent, 60 electronic) plus A's and B's
    # first half-year (20 + 40 sent, 10 + 20 electronic)
    assert _pair(world.row("P", "C", "2025", "DOCS_ELEC_RATE")) == (90, 180)
    # Stocks: C's last quarter only (60 staff, 45 using email); A's and B's
    # staff moved into C and are not added again
    assert _pair(world.row("P", "C", "2025", "EMAIL_USE_RATE")) == (45, 60)
    assert _by_unit(world, "2025", "EMAIL_USE_RATE") == {"C": (45, 60), "D": (20, 40)}
    assert _by_unit(world, "2025", "DOCS_ELEC_RATE") == {"C": (90, 180), "D": (160, 160)}
    assert _pair(world.row("P", "H1", "2025", "EMAIL_USE_RATE")) == (65, 100)
    assert _pair(world.row("P", "H1", "2025", "DOCS_ELEC_RATE")) == (250, 340)


def test_mid_year_merge_quarters_before_and_after(district):
    world = district
    _mid_year(world)
    # Q2: A and B still exist and stand alone; C is only itself
    assert _by_unit(world, "2025Q2", "EMAIL_USE_RATE") == {
        "A": (5, 10), "B": (10, 20), "C": (15, 30), "D": (20, 40)}
    assert _pair(world.row("P", "H1", "2025Q2", "EMAIL_USE_RATE")) == (50, 100)
    # Q3: they are gone; the district is C and D
    assert _by_unit(world, "2025Q3", "EMAIL_USE_RATE") == {"C": (30, 60), "D": (20, 40)}
    assert _pair(world.row("P", "H1", "2025Q3", "EMAIL_USE_RATE")) == (50, 100)


def test_district_totals_unchanged_by_the_merge(district):
    world = district
    for quarter in (1, 2):
        for unit, size in (("A", 10), ("B", 20), ("C", 30), ("D", 40)):
            world.values(unit, f"2025Q{quarter}", DOCS_SENT=size, DOCS_SENT_ELEC=size // 2)
    periods = ("2025", "2025Q1", "2025Q2")
    before = {p: _pair(world.row("P", "H1", p, "DOCS_ELEC_RATE")) for p in periods}
    world.merge(["A", "B"], "C", dt.date(2025, 7, 1))
    after = {p: _pair(world.row("P", "H1", p, "DOCS_ELEC_RATE")) for p in periods}
    assert after == before
    assert before["2025"] == (100, 200)


def test_a_commune_merged_into_another_district_counts_there_only(world):
    """A (district H1) joins E (district H2) on 1/7/2025: from 2025 on, A's
    figures follow E; the province counts them once and the districts add up."""
    world.district("H1", ("A", "B"))
    world.unit("H2", "huyen", "T1")
    world.unit("E", "xa", "H2")
    world.plan("P", 2016, 2025, EMAIL, DOCS)
    for quarter in (1, 2, 3, 4):
        if quarter <= 2:
            world.values("A", f"2025Q{quarter}", DOCS_SENT=10, DOCS_SENT_ELEC=10)
        world.values("B", f"2025Q{quarter}", DOCS_SENT=20, DOCS_SENT_ELEC=0)
        world.values("E", f"2025Q{quarter}", DOCS_SENT=30, DOCS_SENT_ELEC=15)
    world.values("A", "2024", DOCS_SENT=40, DOCS_SENT_ELEC=40)
    world.merge(["A"], "E", dt.date(2025, 7, 1))

    def docs(unit, period):
        return _pair(world.row("P", unit, period, "DOCS_ELEC_RATE"))

    assert docs("E", "2025") == (60 + 20, 120 + 20)
    assert docs("H2", "2025") == (80, 140)
    assert docs("H1", "2025") == (0, 80)  # B alone
    assert docs("T1", "2025") == (80, 220) == tuple(map(sum, zip(docs("H1", "2025"),
                                                                docs("H2", "2025"))))
    # before the merge's period A is H1's
    assert docs("H1", "2024") == (40, 40)
    assert docs("H2", "2024") == (None, None)
    assert docs("H1", "2025Q2") == (10, 30)  # A (10 of 10) and B (0 of 20)
    assert docs("H2", "2025Q2") == (15, 30)


def test_a_chain_of_merges_leaving_the_district(world):
    """A joins B (same district) on 1/4/2025, then B joins E (district H2) on
    1/7/2025: A's first quarter follows B to E."""
    world.district("H1", ("A", "B", "C"))
    world.unit("H2", "huyen", "T1")
    world.unit("E", "xa", "H2")
    world.plan("P", 2016, 2025, EMAIL, DOCS)
    world.values("A", "2025Q1", DOCS_SENT=10, DOCS_SENT_ELEC=10)
    world.values("B", "2025Q2", DOCS_SENT=20, DOCS_SENT_ELEC=10)
    world.values("C", "2025Q3", DOCS_SENT=40, DOCS_SENT_ELEC=0)
    world.values("E", "2025Q3", DOCS_SENT=30, DOCS_SENT_ELEC=30)
    world.merge(["A"], "B", dt.date(2025, 4, 1))
    world.merge(["B"], "E", dt.date(2025, 7, 1))
    assert _pair(world.row("P", "H2", "2025", "DOCS_ELEC_RATE")) == (50, 60)
    assert _pair(world.row("P", "H1", "2025", "DOCS_ELEC_RATE")) == (0, 40)
    assert _pair(world.row("P", "T1", "2025", "DOCS_ELEC_RATE")) == (50, 100)
    assert _pair(world.row("P", "H1", "2025Q2", "DOCS_ELEC_RATE")) == (10, 20)


def test_scopes_are_kept_per_period_end_and_handed_out_as_copies(district):
    """The tree keeps each (unit, period end) scope: before the merge C stands alone,
    after it A and B count within C; changing a returned list changes nothing kept."""
    from desktop.engine.scope import UnitTree

    world = district
    world.merge(["A", "B"], "C", dt.date(2020, 1, 1))
    tree = UnitTree.of(world.session)
    codes = {unit.id: unit.code for unit in tree.units.values()}
    c_id = tree.get("C").id
    before, after = dt.date(2019, 12, 31), dt.date(2020, 12, 31)
    assert {codes[u] for u in tree.scope(c_id, before)} == {"C"}
    assert {codes[u] for u in tree.scope(c_id, after)} == {"A", "B", "C"}
    tree.scope(c_id, after).clear()
    assert {codes[u] for u in tree.scope(c_id, after)} == {"A", "B", "C"}
    assert {codes[u] for u in tree.scope(c_id, before)} == {"C"}
