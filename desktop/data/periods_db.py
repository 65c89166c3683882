"""Period rows: created on first use, looked up by code."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.models import Period
from desktop.periods import PeriodSpec, parse_period


def ensure_periods(session: Session, specs: set[PeriodSpec]) -> dict[str, int]:
    """Period code -> id for every spec, adding the missing rows."""
    codes = {spec.code for spec in specs}
    found = dict(session.execute(select(Period.code, Period.id).where(Period.code.in_(codes))).all())
    for spec in specs:
        if spec.code not in found:
            row = Period(code=spec.code, kind=spec.kind, year=spec.year, number=spec.number,
                         start=spec.start, end=spec.end)
            session.add(row)
            session.flush()
            found[spec.code] = row.id
    return found


def period_id(session: Session, code: str) -> int | None:
    """The id of a period, or None when nothing was ever recorded for it."""
    return session.scalar(select(Period.id).where(Period.code == parse_period(code).code))
