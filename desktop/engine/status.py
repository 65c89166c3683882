"""The status of an indicator against its target: the rule, in one place.

Let *p* be the actual as a percent of the final target's reference number
(a range: its lower bound, or its upper bound when lower is better; a
"lower is better" target: reference ÷ actual), and *e* the percent the
path expects this year: 100 once the target year
has come; before it, the interpolated value ÷ the final target (see
desktop.engine.targets), or, without a baseline, the share of the plan's
years elapsed (year − first year + 1) ÷ (target year − first year + 1).

Which way is better comes from the target when it says so: ≥ and > mean
higher is better, ≤ and < lower is better, whatever the indicator's own
direction; "about", ranges and milestones follow the indicator.

- **no target** (chưa có mục tiêu): the plan sets no target for the
  indicator at this level and year (or the period is past the plan's end
  and the indicator has none): nothing to judge the value against.
- **no data** (chưa có số liệu): nothing recorded, or a zero denominator.
- **achieved** (đạt): the actual satisfies the final target's comparator
  (≥, >, ≤, <; "about": within 5 %; a range: at least its lower bound, or
  at most its upper bound when lower is better).
- **on track** (đúng tiến độ): not achieved, the target year is still
  ahead, and p ≥ e.
- **at risk** (có nguy cơ): p ≥ e − 10.
- **behind** (chậm): p < e − 10.

The comparisons with e and e − 10 allow for rounding noise of a billionth
of a percentage point, so a value exactly on an edge gets the better status.

A milestone is achieved once done by the year; not done, it is on track
before its year and behind from its year on.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.engine.targets import AppliedTarget, meeter, percenter
from desktop.i18n import t

STATUSES = ("achieved", "on_track", "at_risk", "behind", "no_data", "no_target")
AT_RISK_MARGIN = 10.0
TOLERANCE = 1e-9  # percentage points: floating-point noise, never a real shortfall
STATUS_NAMES = {
    "achieved": ("Đạt", "Achieved"),
    "on_track": ("Đúng tiến độ", "On track"),
    "at_risk": ("Có nguy cơ", "At risk"),
    "behind": ("Chậm", "Behind"),
    "no_data": ("Chưa có số liệu", "No data"),
    "no_target": ("Chưa có mục tiêu", "No target"),
}
# Comparators that say by themselves which way is better.
COMPARATOR_DIRECTIONS = {">=": "up", ">": "up", "<=": "down", "<": "down"}
# Worst first: the order in which lagging units are listed.
SEVERITY = {"behind": 0, "at_risk": 1, "no_data": 2, "no_target": 3, "on_track": 4,
            "achieved": 5}


def status_name(status: str) -> str:
    vi, en = STATUS_NAMES[status]
    return t(vi, en)


def expected_percent(applied: AppliedTarget, first_year: int, direction: str = "up") -> float:
    """e: how far along the path (in % of the final target) this year should be."""
    final = applied.final
    if applied.is_due:
        return 100.0
    reference = final.reference_for(direction)
    if applied.expected is not None and reference:
        if direction == "down":
            return reference * 100 / applied.expected if applied.expected else 100.0
        return applied.expected * 100 / reference
    span = final.year - first_year + 1
    if span <= 0:
        return 100.0
    return max(0.0, min(100.0, (applied.year - first_year + 1) / span * 100))


def status_of(applied: AppliedTarget | None, actual: float | None, first_year: int,
              direction: str = "up") -> tuple[str, float | None]:
    """(status, percent of target) for an actual value against an applied target."""
    return judge(applied, first_year, direction)(actual)


Judge = Callable[[float | None], tuple[str, float | None]]


def judge(applied: AppliedTarget | None, first_year: int, direction: str = "up") -> Judge:
    """`status_of` for one applied target as a function of the actual value: what does
    not depend on the value (the reference, the expected share) is worked out once, for
    an indicator judged in every unit."""
    if applied is None:
        return _no_target
    final = applied.final
    direction = COMPARATOR_DIRECTIONS.get(final.comparator, direction)
    due = applied.is_due
    if final.comparator == "done":
        def done(actual: float | None) -> tuple[str, float | None]:
            if actual is None:
                return "no_data", None
            if actual >= 1:
                return "achieved", 100.0
            return ("behind" if due else "on_track"), 0.0
        return done
    percent_of_reference = percenter(final.reference_for(direction), direction)
    met = meeter(final, direction)
    expected = expected_percent(applied, first_year, direction)
    on_track_from = expected - TOLERANCE
    at_risk_from = expected - AT_RISK_MARGIN - TOLERANCE

    def status(actual: float | None) -> tuple[str, float | None]:
        if actual is None:
            return "no_data", None
        percent = percent_of_reference(actual)
        if met(actual):
            return "achieved", percent
        if percent is None:
            return "behind", None
        if not due and percent >= on_track_from:
            return "on_track", percent
        if percent >= at_risk_from:
            return "at_risk", percent
        return "behind", percent
    return status


def _no_target(_actual: float | None) -> tuple[str, float | None]:
    return "no_target", None
