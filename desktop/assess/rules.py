"""The scoring rules: a figure (or a rank) to points, and what the next points need.

- proportional: max × value / target, capped at max (lower-is-better:
  max × target / value, full at or below the target);
- thresholds: the points of the best step the value reaches (≥ the step,
  or ≤ for lower-is-better); below every step, 0;
- rank: units ranked by value (ties share a rank: 1, 2, 2, 4), rank n gets
  the n-th of `rank_points`, ranks beyond the list 0;
- yesno: a yes/no element or milestone, 1 (done) gives full points, 0 none;
- assessor: the score the assessor entered.
Missing data scores 0 and is flagged by the caller. Every rule is monotone:
a better figure never gives fewer points.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable

from desktop.assess.model import Criterion, Rule
from desktop.formats import format_plain
from desktop.i18n import t


def points_for(criterion: Criterion, value: float) -> float:
    """The points of a figure under a proportional, thresholds or yesno rule."""
    return scorer(criterion)(value)


def scorer(criterion: Criterion) -> Callable[[float], float]:
    """`points_for` of one criterion, its rule looked at once (a ranking scores every
    unit on it)."""
    rule, top = criterion.rule, criterion.max_points
    if rule.kind == "proportional":  # top × the share of the target reached, at most 1
        target = rule.target or 1.0
        if rule.lower_is_better:
            return lambda value: round(top * (1.0 if value <= target else target / value), 2)
        return lambda value: round(top * min(max(value, 0.0) / target, 1.0), 2)
    if rule.kind == "thresholds":
        return _best_step(rule.steps, rule.lower_is_better)
    if rule.kind == "yesno":
        return lambda value: top if value >= 0.5 else 0.0
    raise ValueError(rule.kind)


def _best_step(steps: tuple[tuple[float, float], ...],
               lower_is_better: bool) -> Callable[[float], float]:
    """The points of the best step a value reaches (value ≥ its threshold, or ≤ for
    lower-is-better), 0 below every step: the steps reached are a run of the thresholds
    in order, found by bisection, and the best points of every run are worked out once."""
    ordered = sorted(steps)
    thresholds = [threshold for threshold, _points in ordered]
    best_up_to = list(itertools.accumulate((p for _t, p in ordered), max))
    best_from = list(itertools.accumulate((p for _t, p in reversed(ordered)), max))[::-1]
    if lower_is_better:
        def reached_below(value: float) -> float:
            first = bisect.bisect_left(thresholds, value)
            return best_from[first] if first < len(thresholds) and value == value else 0.0
        return reached_below

    def reached_above(value: float) -> float:
        count = bisect.bisect_right(thresholds, value)
        return best_up_to[count - 1] if count and value == value else 0.0
    return reached_above


def ranks(values: dict[str, float], lower_is_better: bool = False) -> dict[str, int]:
    """Competition ranking (1, 2, 2, 4): equal values share a rank."""
    ordered = sorted(values.values(), reverse=not lower_is_better)
    first_place: dict[float, int] = {}
    for place, value in enumerate(ordered, start=1):
        first_place.setdefault(value, place)
    return {key: first_place[value] for key, value in values.items()}


def rank_points(criterion: Criterion, rank: int) -> float:
    table = criterion.rule.rank_points
    return table[rank - 1] if rank <= len(table) else 0.0


def hint_writer(criterion: Criterion, measure: str = "") -> Callable[[float | None, float], str]:
    """`next_points` of the criterion for a (value, points), each distinct hint written
    once: besides the criterion, a hint depends only on whether the points are full,
    whether there is a figure and, for steps and assessors' scores, the points."""
    by_points = criterion.rule.kind in ("thresholds", "assessor")
    full_from = criterion.max_points - 1e-9
    written: dict[tuple, str] = {}

    def hint(value: float | None, earned: float) -> str:
        key = (earned >= full_from, value is None, earned if by_points else None)
        found = written.get(key)
        if found is None:
            found = written[key] = next_points(criterion, value, earned, measure)
        return found
    return hint


def next_points(criterion: Criterion, value: float | None, points: float,
                measure: str = "") -> str:
    """What the unit lacks for more points on this criterion (empty when at max)."""
    rule = criterion.rule
    if points >= criterion.max_points - 1e-9:
        return ""
    if value is None and rule.kind != "assessor":
        return t("Chưa có số liệu: nhập số liệu để được chấm điểm.",
                 "No data: enter the figures to be scored.")
    shown = f"{format_plain(rule.target)}{_unit(measure)}" if rule.target is not None else ""
    if rule.kind == "proportional":
        sign = "≤" if rule.lower_is_better else "≥"
        return t(f"Đạt {sign} {shown} để được tối đa {format_plain(criterion.max_points)} điểm.",
                 f"Reach {sign} {shown} for the full {format_plain(criterion.max_points)} points.")
    if rule.kind == "thresholds":
        return _next_step(rule, points, measure)
    if rule.kind == "yesno":
        return t("Cần hoàn thành (có) để được điểm.", "Needs to be done (yes) to score.")
    if rule.kind == "rank":
        return t("Cần vượt các đơn vị xếp trên ở chỉ số này.",
                 "Needs to overtake the units ranked above on this indicator.")
    return t("Chờ hội đồng chấm điểm.", "Waiting for the assessor's score.")


def _next_step(rule: Rule, points: float, measure: str) -> str:
    better = [(threshold, step) for threshold, step in rule.steps if step > points]
    easiest = -1 if rule.lower_is_better else 1  # the step nearest the unit comes first
    threshold, step = min(better, key=lambda pair: (pair[1], easiest * pair[0]))
    sign = "≤" if rule.lower_is_better else "≥"
    limit = f"{format_plain(threshold)}{_unit(measure)}"
    return t(f"Đạt {sign} {limit} để được {format_plain(step)} điểm.",
             f"Reach {sign} {limit} for {format_plain(step)} points.")


def _unit(measure: str) -> str:
    return f" {measure}" if measure else ""
