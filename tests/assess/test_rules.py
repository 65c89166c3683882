"""Each rule kind with hand-computed points, ties, band edges, and monotonicity."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.assess.model import Criterion, Rule, parse_set
from desktop.assess.rules import next_points, points_for, rank_points, ranks, scorer
from assess_fixtures import SET_TOML

ASSESSMENT = parse_set(SET_TOML, lambda code: True)
CRITERIA = {c.code: c for c in ASSESSMENT.criteria}


def test_proportional_is_max_times_value_over_target_capped():
    assert points_for(CRITERIA["P"], 60) == 7.5    # 10 × 60 / 80
    assert points_for(CRITERIA["P"], 80) == 10
    assert points_for(CRITERIA["P"], 120) == 10    # capped at max
    assert points_for(CRITERIA["P"], 0) == 0


def test_lower_is_better_proportional_is_full_at_or_below_target():
    text = SET_TOML.replace('target = 80', 'target = 80\nlower_is_better = true')
    criterion = {c.code: c for c in parse_set(text, lambda c: True).criteria}["P"]
    assert points_for(criterion, 50) == 10
    assert points_for(criterion, 160) == 5         # 10 × 80 / 160


def test_thresholds_at_their_edges():
    criterion = CRITERIA["TH"]
    assert points_for(criterion, 90) == 10
    assert points_for(criterion, 89.99) == 6
    assert points_for(criterion, 70) == 6
    assert points_for(criterion, 50) == 3
    assert points_for(criterion, 49.9) == 0


def test_yes_no_is_all_or_nothing():
    assert points_for(CRITERIA["Y"], 1) == 5
    assert points_for(CRITERIA["Y"], 0) == 0


def test_equal_values_share_a_rank_and_the_next_rank_is_skipped():
    assert ranks({"a": 50, "b": 70, "c": 50, "d": 10}) == {"b": 1, "a": 2, "c": 2, "d": 4}
    assert ranks({"a": 5, "b": 1}, lower_is_better=True) == {"b": 1, "a": 2}
    assert [rank_points(CRITERIA["R"], n) for n in (1, 2, 3)] == [5, 3, 0]


def test_bands_at_their_edges():
    assert ASSESSMENT.band_for(40) == "Tốt"
    assert ASSESSMENT.band_for(32) == "Tốt"
    assert ASSESSMENT.band_for(31.99) == "Khá"
    assert ASSESSMENT.band_for(20) == "Khá"
    assert ASSESSMENT.band_for(19.99) == "Yếu"
    assert ASSESSMENT.band_for(0) == "Yếu"


def test_what_the_next_points_need():
    assert next_points(CRITERIA["TH"], 75, 6, "%") == "Đạt ≥ 90 % để được 10 điểm."
    assert next_points(CRITERIA["TH"], 10, 0, "%") == "Đạt ≥ 50 % để được 3 điểm."
    assert next_points(CRITERIA["P"], 60, 7.5, "%") == "Đạt ≥ 80 % để được tối đa 10 điểm."
    assert next_points(CRITERIA["P"], 90, 10, "%") == ""
    assert "Chưa có số liệu" in next_points(CRITERIA["P"], None, 0, "%")


figures = st.floats(min_value=0, max_value=1e6, allow_nan=False)


@given(figures, figures)
def test_a_better_figure_never_scores_less(low, high):
    low, high = sorted((low, high))
    for code in ("P", "TH", "Y"):
        assert points_for(CRITERIA[code], high) >= points_for(CRITERIA[code], low)


@given(st.dictionaries(st.sampled_from("abcdef"), figures, min_size=1), st.sampled_from("abcdef"),
       figures)
def test_raising_one_units_figure_never_lowers_its_rank_points(values, unit, raise_by):
    before = dict(values)
    before.setdefault(unit, 0.0)
    after = dict(before)
    after[unit] = before[unit] + raise_by
    assert rank_points(CRITERIA["R"], ranks(after)[unit]) >= rank_points(
        CRITERIA["R"], ranks(before)[unit])


_STEP = st.tuples(st.sampled_from([0.0, 10.0, 50.0, 70.0, 90.0, 100.0]) | st.floats(-10, 150),
                  st.sampled_from([0.0, 1.0, 3.0, 5.0, 10.0]))
_FIGURE = st.floats(-20, 200) | st.sampled_from([0.0, -0.0, 50.0, 70.0, 90.0, float("inf"),
                                                 float("nan")])


@given(steps=st.lists(_STEP, min_size=1, max_size=6), lower=st.booleans(),
       values=st.lists(_FIGURE, min_size=1, max_size=8))
def test_a_thresholds_rule_gives_the_best_points_of_the_steps_reached(steps, lower, values):
    """The scorer finds the steps reached by bisection: it must give what the rule says,
    the highest points among the steps whose threshold the figure reaches, else 0."""
    rule = Rule("thresholds", "X", steps=tuple(sorted(steps)), lower_is_better=lower)
    score = scorer(Criterion("C", "Tiêu chí", "A", 10.0, rule))
    for value in values + [threshold for threshold, _points in steps]:
        reached = [points for threshold, points in steps
                   if (value <= threshold if lower else value >= threshold)]
        assert score(value) == max(reached, default=0.0)
