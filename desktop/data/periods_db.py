"""Period rows: created on first use, looked up by code."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.data import sent
from desktop.data.models import Period
from desktop.periods import PeriodSpec, parse_period


def ensure_periods(session: Session, specs: set[PeriodSpec]) -> dict[str, int]:
    """Period code -> id for every spec, adding the missing rows."""
    codes = sorted({spec.code for spec in specs})
    found = dict(sent.fetch(session, "SELECT code, id FROM period WHERE code IN "
                                     f"({sent.markers(len(codes))})", codes)) if codes else {}
    for spec in sorted(specs, key=lambda spec: spec.code):
        if spec.code not in found:
            found[spec.code] = _add_period(session, spec)
    return found


def _add_period(session: Session, spec: PeriodSpec) -> int:
    """Add a period row; when another clerk adds the same one at the same
    moment (a server with several writers), use theirs."""
    row = Period(code=spec.code, kind=spec.kind, year=spec.year, number=spec.number,
                 start=spec.start, end=spec.end)
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return session.scalar(select(Period.id).where(Period.code == spec.code))
    return row.id


def period_id(session: Session, code: str) -> int | None:
    """The id of a period, or None when nothing was ever recorded for it."""
    found = sent.fetch(session, "SELECT id FROM period WHERE code = ?", (parse_period(code).code,))
    return found[0][0] if found else None


def period_parts(session: Session, spec: PeriodSpec) -> dict[int, tuple[str, int]]:
    """Id -> (kind, number) of the period and its parts (a quarter's months), those
    that exist: what a quarter's or a month's values are read by."""
    codes = [spec.code] + [part.code for part in spec.sub_periods()]
    return {pid: (kind, number) for pid, kind, number in sent.fetch(
        session, f"SELECT id, kind, number FROM period WHERE code IN ({sent.markers(len(codes))})",
        codes)}
