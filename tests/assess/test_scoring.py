"""Scoring a small district by hand: every rule kind, missing data, ties,
assessor scores (audited, locked with an approved year)."""

from __future__ import annotations

import pytest
from assess_fixtures import SET_TOML, values

from desktop.assess import store
from desktop.assess.model import parse_set
from desktop.assess.scoring import score_units
from desktop.data import audit
from desktop.data.database import open_database
from desktop.data.submission import set_state
from desktop.errors import UserError


@pytest.fixture
def assessment(district):
    district.flush()
    return parse_set(SET_TOML, store.known_codes(district))


def _figures(session):
    common = {"DOCS_SENT": 100}
    values(session, "X1", "2024", STAFF=20, STAFF_MAILBOX=20, STAFF_EMAIL_USE=12,
           DOCS_SENT_ELEC=90, DOCS_SIGNED=45, HAS_LAN=1, **common)
    values(session, "X2", "2024", STAFF=20, STAFF_MAILBOX=20, STAFF_EMAIL_USE=20,
           DOCS_SENT_ELEC=70, DOCS_SIGNED=35, HAS_LAN=0, **common)
    values(session, "X3", "2024", STAFF=10, STAFF_MAILBOX=10, STAFF_EMAIL_USE=4,
           DOCS_SENT_ELEC=69, DOCS_SIGNED=0, **common)


def test_hand_computed_scores_ranks_and_classes(district, assessment):
    _figures(district)
    store.enter_score(district, assessment, "AS", "X1", 2024, 4, "Có kế hoạch", "QĐ 12/QĐ-UBND")
    rows = {r.unit: r for r in score_units(district, assessment, "2024")}
    points = {u: {c.code: c.points for c in r.criteria} for u, r in rows.items()}
    # X1: P 10×60/80 = 7.5; TH 90 % → 10; R 50 % shares rank 1 → 5; Y yes → 5; AS 4 × weight 2
    assert points["X1"] == {"P": 7.5, "TH": 10, "R": 5, "Y": 5, "AS": 4}
    assert rows["X1"].groups == {"A": 27.5, "B": 8} and rows["X1"].total == 35.5
    # X2: P 100 % capped → 10; TH 70 % → 6; R 50 % (tie) → 5; Y no → 0; AS not entered → 0
    assert points["X2"] == {"P": 10, "TH": 6, "R": 5, "Y": 0, "AS": 0}
    assert rows["X2"].total == 21
    # X3: P 40 % → 5; TH 69 % → 3; R 0 % rank 3 → 0; Y no figure → 0, flagged
    assert points["X3"] == {"P": 5, "TH": 3, "R": 0, "Y": 0, "AS": 0}
    assert rows["X3"].total == 8
    assert [(r.unit, r.rank, r.band) for r in score_units(district, assessment, "2024")] == [
        ("X1", 1, "Tốt"), ("X2", 2, "Khá"), ("X3", 3, "Yếu")]
    assert rows["X3"].missing == ["Y", "AS"] and rows["X2"].missing == ["AS"]
    flagged = next(c for c in rows["X3"].criteria if c.code == "Y")
    assert flagged.missing and flagged.value is None and flagged.note == "Thiếu số liệu"
    entered = next(c for c in rows["X1"].criteria if c.code == "AS")
    assert (entered.note, entered.evidence) == ("Có kế hoạch", "QĐ 12/QĐ-UBND")


def test_a_units_card_is_made_when_asked_for_from_what_the_ranking_read(district, assessment):
    """The card (criteria, notes, hints) is made from the ranking's own figures: asked
    for after new figures were saved, it still shows the ranking's; it agrees with the
    row's missing list and is made once."""
    _figures(district)
    rows = {r.unit: r for r in score_units(district, assessment, "2024")}
    values(district, "X3", "2024", HAS_LAN=1)  # after the ranking: not in its cards
    district.flush()
    card = rows["X3"].criteria
    assert [(c.code, c.points, c.missing) for c in card] == [
        ("P", 5, False), ("TH", 3, False), ("R", 0, False), ("Y", 0, True), ("AS", 0, True)]
    assert rows["X3"].missing == [c.code for c in card if c.missing]
    assert rows["X3"].criteria is card
    hints = {c.code: c.next_points for c in card}
    assert hints["TH"] == "Đạt ≥ 70 % để được 6 điểm." and hints["AS"]
    assert next(c for c in rows["X2"].criteria if c.code == "P").next_points == ""


def test_no_data_at_all_scores_zero_flagged_and_everyone_shares_rank_one(district, assessment):
    rows = score_units(district, assessment, "2024")
    assert [(r.total, r.rank, len(r.missing)) for r in rows] == [(0, 1, 5)] * 3


def test_equal_totals_share_a_rank(district, assessment):
    for unit in ("X1", "X2"):
        values(district, unit, "2024", STAFF=10, STAFF_MAILBOX=10, STAFF_EMAIL_USE=8)
    values(district, "X3", "2024", STAFF=10, STAFF_MAILBOX=10, STAFF_EMAIL_USE=2)
    assert [(r.unit, r.rank) for r in score_units(district, assessment, "2024")] == [
        ("X2", 1), ("X1", 1), ("X3", 3)]  # equal: in name order (Xã Hai, Xã Một)


def test_previous_years_rank_comes_along(district, assessment):
    _figures(district)
    values(district, "X3", "2023", STAFF=10, STAFF_MAILBOX=10, STAFF_EMAIL_USE=10)
    rows = {r.unit: r for r in score_units(district, assessment, "2024", with_previous=True)}
    assert (rows["X3"].rank, rows["X3"].previous_rank) == (3, 1)


def test_assessor_scores_are_checked_audited_and_locked_with_the_year(district, assessment):
    with pytest.raises(UserError, match="“AS”.*0–5"):
        store.enter_score(district, assessment, "AS", "X1", 2024, 6)
    with pytest.raises(UserError, match="“P”"):
        store.enter_score(district, assessment, "P", "X1", 2024, 3)
    store.enter_score(district, assessment, "AS", "X1", 2024, 3, "Đạt")
    store.enter_score(district, assessment, "AS", "X1", 2024, 4.5, "Đạt tốt", "Báo cáo số 7")
    trail = audit.entries(district, "score")
    assert [(e["action"], e["old"], e["new"]) for e in reversed(trail)] == [
        ("insert", None, "3 | Đạt"),
        ("update", "3 | Đạt", "4,5 | Đạt tốt | minh chứng: Báo cáo số 7")]
    assert trail[0]["key"] == "T-SET/AS/X1/2024"
    set_state(district, "X1", "2024", "approved")
    with pytest.raises(UserError, match="đã duyệt"):
        store.enter_score(district, assessment, "AS", "X1", 2024, 1)
    rows = {r.unit: r for r in score_units(district, assessment, "2024")}
    assert next(c for c in rows["X1"].criteria if c.code == "AS").points == 4.5


def _entered(rows, unit: str) -> tuple:
    found = next(c for c in next(r for r in rows if r.unit == unit).criteria if c.code == "AS")
    return found.points, found.note, found.missing


def test_a_score_entered_changed_or_removed_shows_in_the_next_ranking(district, assessment,
                                                                      tmp_path):
    """The entered scores are kept between rankings: every change must drop them, in this
    session and for another connection to the file."""
    assert _entered(score_units(district, assessment, "2024"), "X2") == (0, "", True)
    store.enter_score(district, assessment, "AS", "X2", 2024, 2, "Một phần")
    assert _entered(score_units(district, assessment, "2024"), "X2") == (2, "Một phần", False)
    district.commit()
    other = open_database(tmp_path / "assess.sqlite")
    try:
        with other.session() as second:
            assert _entered(score_units(second, assessment, "2024"), "X2")[0] == 2
            store.enter_score(second, assessment, "AS", "X2", 2024, 5, "Đủ")
        assert _entered(score_units(district, assessment, "2024"), "X2") == (5, "Đủ", False)
        store.enter_score(district, assessment, "AS", "X2", 2024, None)
        assert _entered(score_units(district, assessment, "2024"), "X2") == (0, "", True)
        district.rollback()  # the removal undone: the score is back
        assert _entered(score_units(district, assessment, "2024"), "X2") == (5, "Đủ", False)
    finally:
        other.close()


def test_a_quarter_a_year_outside_the_set_and_a_unit_it_does_not_assess_are_refused(
        district, assessment):
    with pytest.raises(UserError, match="không phải một năm"):
        score_units(district, assessment, "2024Q1")
    narrow = parse_set(SET_TOML.replace('levels = ["xa"]', 'levels = ["xa"]\nyears = [2022, 2025]'),
                       store.known_codes(district))
    with pytest.raises(UserError, match="2022–2025, không có năm 2026"):
        score_units(district, narrow, "2026")
    assert [r.previous_rank for r in score_units(district, narrow, "2022", with_previous=True)] \
        == [None] * 3
    with pytest.raises(UserError, match="không đánh giá Huyện Thử"):
        store.enter_score(district, assessment, "AS", "H1", 2024, 3)


MILESTONE_SET = """
code = "M"
name = "Mốc"
levels = ["tinh"]
kinds = ["agency"]
total = 10

[[band]]
name = "Đạt"
min = 10

[[band]]
name = "Chưa đạt"
min = 0

[[group]]
code = "G"
name = "Nhóm"

[[criterion]]
code = "KT"
group = "G"
name = "Kiến trúc chính quyền điện tử"
max_points = 10
rule = "yesno"
indicator = "EGOV_ARCH_DONE"
"""


def test_a_milestone_done_in_an_earlier_year_still_counts(district):
    from desktop.data.units import add_unit

    add_unit(district, "S1", "Sở Một", "tinh", "agency", "T1")
    add_unit(district, "S2", "Sở Hai", "tinh", "agency", "T1")
    values(district, "S1", "2022", EGOV_ARCH_ISSUED=1)
    assessment = parse_set(MILESTONE_SET, store.known_codes(district))
    rows = {r.unit: r for r in score_units(district, assessment, "2024", "T1")}
    assert set(rows) == {"S1", "S2"}  # the district H1 is an area: not under this set
    assert (rows["S1"].total, rows["S1"].band, rows["S1"].rank) == (10, "Đạt", 1)
    assert (rows["S2"].total, rows["S2"].missing, rows["S2"].rank) == (0, ["KT"], 2)


SCOPE_SET = """
code = "T-HUYEN"
name = "Bộ thử cấp huyện"
levels = ["huyen"]
total = 30

[[band]]
name = "Tất cả"
min = 0

[[group]]
code = "G"
name = "Nhóm"

[[criterion]]
code = "LAN"
group = "G"
name = "Mạng LAN"
max_points = 10
rule = "yesno"
element = "HAS_LAN"

[[criterion]]
code = "VB"
group = "G"
name = "Văn bản đi"
max_points = 10
rule = "proportional"
element = "DOCS_SENT"
target = 100

[[criterion]]
code = "TD"
group = "G"
name = "Thư điện tử"
max_points = 10
rule = "proportional"
indicator = "EMAIL_USE_RATE"
target = 100
"""


def test_a_districts_figures_cover_its_communes_as_progress_measures_them(district):
    """Ranking districts: a yes/no element is the district's own answer, else whether a
    commune said yes; an element is summed over the district and its communes; an
    indicator is summed over them, then divided; the stock figures of a commune closed
    before the year ended do not count."""
    import datetime as dt

    from sqlalchemy import select

    from desktop.data.models import Indicator, Plan, Target
    from desktop.data.units import add_unit, close_unit
    from desktop.engine.progress import progress

    add_unit(district, "H2", "Huyện Hai", "huyen", "area", "T1")
    add_unit(district, "Y1", "Xã Y Một", "xa", "area", "H2")
    add_unit(district, "Y2", "Xã Y Hai", "xa", "area", "H2")
    values(district, "H1", "2024", HAS_LAN=0, DOCS_SENT=10, STAFF=10, STAFF_EMAIL_USE=5)
    values(district, "X1", "2024", HAS_LAN=1, DOCS_SENT=5, STAFF=20, STAFF_EMAIL_USE=20)
    values(district, "X2", "2024", DOCS_SENT=7)
    values(district, "Y1", "2024", HAS_LAN=1, DOCS_SENT=3, STAFF=8, STAFF_EMAIL_USE=2)
    values(district, "Y2", "2024", HAS_LAN=0, STAFF=40, STAFF_EMAIL_USE=40)
    close_unit(district, "Y2", dt.date(2024, 6, 30))  # its staff no longer count in 2024
    assessment = parse_set(SCOPE_SET, store.known_codes(district))
    rows = {r.unit: {c.code: c.value for c in r.criteria}
            for r in score_units(district, assessment, "2024", "T1")}
    assert rows == {"H1": {"LAN": 0, "VB": 22, "TD": 25 * 100 / 30},
                    "H2": {"LAN": 1, "VB": 3, "TD": 2 * 100 / 8}}
    email = district.scalar(select(Indicator.id).where(Indicator.code == "EMAIL_USE_RATE"))
    district.add(Plan(code="KH", title="Kế hoạch thử", year_from=2024, year_to=2025, targets=[
        Target(indicator_id=email, level="all", comparator=">=", value=80, year=2025)]))
    district.flush()
    shown = {r.unit: r.actual for r in progress(district, "KH", "T1", "2024", by_unit=True)
             if r.indicator == "EMAIL_USE_RATE" and r.unit in rows}
    assert shown == {code: figures["TD"] for code, figures in rows.items()}


def test_an_indicator_whose_elements_share_no_level_has_no_figure(db):
    """A ratio whose numerator is reported only by communes and whose denominator only
    by the province counts at no level: its criterion has no figure and is listed as
    missing, on SQLite and PostgreSQL alike (the sums statement names no level)."""
    from sqlalchemy import update

    from desktop.data.catalogue import load_catalogue
    from desktop.data.models import DataElement
    from desktop.data.units import add_unit

    with db.session() as session:
        load_catalogue(session)
        add_unit(session, "T1", "Tỉnh Thử", "tinh")
        add_unit(session, "H1", "Huyện Thử", "huyen", "area", "T1")
        add_unit(session, "X1", "Xã Một", "xa", "area", "H1")
        session.execute(update(DataElement).where(DataElement.code == "STAFF_EMAIL_USE")
                        .values(levels="xa"))
        session.execute(update(DataElement).where(DataElement.code == "STAFF")
                        .values(levels="tinh"))
        values(session, "X1", "2024", STAFF_EMAIL_USE=5, DOCS_SENT=4, HAS_LAN=1)
        values(session, "T1", "2024", STAFF=10)
    with db.session() as session:
        assessment = parse_set(SCOPE_SET, store.known_codes(session))
        [row] = score_units(session, assessment, "2024", "T1")
        assert {c.code: c.value for c in row.criteria} == {"LAN": 1, "VB": 4, "TD": None}
        assert row.missing == ["TD"]


def test_in_english_a_figure_gives_its_unit_of_measure_in_english(district):
    from desktop.assess.figures import Figures
    from desktop.engine.scope import UnitTree
    from desktop.i18n import set_language
    from desktop.periods import parse_period

    tree = UnitTree.of(district)
    assessed = [tree.get(code).id for code in ("X1", "X2")]
    figures = Figures(district, tree, parse_period("2024"), {"STAFF"}, assessed)
    assert figures.measure_of("STAFF") == "người"
    set_language("en")
    try:
        english = Figures(district, tree, parse_period("2024"), {"STAFF"}, assessed)
        assert english.measure_of("STAFF") == "persons"
    finally:
        set_language("vi")
