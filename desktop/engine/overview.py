"""Tổng quan: "where do we stand" for the first screen.

For the office (or the chosen unit) and a period: the plan that applies
(the office's plan covering the period's year, else one of the catalogue
that covers it, else the office's first plan with a note that it has
ended), the status counts of its indicators, the units lagging most, and
how complete the reports of the latest period with data are. Plain rows;
the Qt tab only shows them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.models import DataValue, Period
from desktop.data.office import get_office
from desktop.data.queries import plans
from desktop.engine.completeness import Completeness, completeness
from desktop.engine.plan_span import covering_plans, plan_span_note
from desktop.engine.progress import progress
from desktop.periods import parse_period


@dataclass(frozen=True)
class LaggingUnit:
    unit: str
    unit_name: str
    behind: int
    at_risk: int
    no_data: int


@dataclass
class Overview:
    plan: str
    plan_title: str
    period: str
    plan_note: str
    counts: Counter = field(default_factory=Counter)
    lagging: list[LaggingUnit] = field(default_factory=list)
    completeness: Completeness | None = None


def latest_period_with_data(session: Session) -> str | None:
    """The code of the latest-starting quarter or year that holds a value (the demo:
    2026Q3, whose reports are still coming in)."""
    # The periods, newest first, each asked whether one value exists (one index probe
    # each), rather than grouping every value of the database.
    holds_data = select(DataValue.id).where(DataValue.period_id == Period.id).exists()
    return session.scalar(
        select(Period.code).where(Period.kind.in_(("year", "quarter")), holds_data)
        .order_by(Period.start.desc(), Period.kind).limit(1))


def open_unit_for(session: Session, code: str, period_code: str) -> str:
    """`code`, or its nearest ancestor that still exists in the period (a district
    office closed on 30/6/2025 opens 2026 on its province)."""
    from desktop.data.units import unit_by_code

    start = parse_period(period_code).start
    unit = unit_by_code(session, code)
    while unit.valid_to is not None and unit.valid_to < start and unit.parent is not None:
        unit = unit.parent
    return unit.code


def current_plan(session: Session, year: int) -> str | None:
    """The office's plan covering `year`, else a catalogue plan covering it, else the
    office's first plan."""
    office = get_office(session)
    rows = plans(session)
    own = [row for row in covering_plans(rows, year) if office and row["code"] in office.plans]
    other = covering_plans(rows, year)
    if own or other:
        return (own or other)[0]["code"]
    if office and office.plans:
        return office.plans[0]
    return rows[0]["code"] if rows else None


def overview(session: Session, unit_code: str, period_code: str,
             plan_code: str | None = None) -> Overview:
    spec = parse_period(period_code)
    plan_code = plan_code or current_plan(session, spec.year) or ""
    rows = plans(session)
    title = next((row["title"] for row in rows if row["code"] == plan_code), "")
    result = Overview(plan_code, title, period_code, plan_span_note(rows, plan_code, period_code))
    if plan_code:
        found = progress(session, plan_code, unit_code, period_code, by_unit=True)
        result.counts = Counter(row.status for row in found if row.parent is None)
        result.lagging = _lagging(found)
    latest = latest_period_with_data(session)
    if latest:
        result.completeness = completeness(session, unit_code, latest)
    return result


def _lagging(rows) -> list[LaggingUnit]:  # noqa: ANN001
    per_unit: dict[str, Counter] = {}
    names: dict[str, str] = {}
    for row in rows:
        if row.parent is not None and row.unit != row.parent:
            per_unit.setdefault(row.unit, Counter())[row.status] += 1
            names[row.unit] = row.unit_name
    units = [LaggingUnit(code, names[code], c["behind"], c["at_risk"], c["no_data"])
             for code, c in per_unit.items()]
    units = [u for u in units if u.behind or u.at_risk or u.no_data]
    return sorted(units, key=lambda u: (-u.behind, -u.at_risk, -u.no_data, u.unit_name))


