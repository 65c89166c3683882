"""Submission state per unit and period: draft → submitted → approved (locked).

Approving a period locks it and every period inside it (a year locks its
quarters and months). Unlocking needs a reason; every change is audited.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data import audit, authz, sent
from desktop.data.concurrency import lock_units
from desktop.data.models import Period, Submission
from desktop.data.periods_db import ensure_periods
from desktop.data.units import unit_by_code
from desktop.errors import UserError
from desktop.i18n import t
from desktop.periods import PeriodSpec, parse_period, year_period

STATE_NAMES = {"draft": ("Đang nhập", "Draft"), "submitted": ("Đã gửi", "Submitted"),
               "approved": ("Đã duyệt (khóa)", "Approved (locked)")}


def state_name(state: str) -> str:
    vi, en = STATE_NAMES[state]
    return t(vi, en)


def _covering(spec: PeriodSpec) -> list[str]:
    """The codes of the periods whose approval locks `spec`: itself and its year/quarter."""
    codes = [spec.code]
    if spec.kind == "month":
        codes.append(f"{spec.year}Q{(spec.number - 1) // 3 + 1}")
    if spec.kind != "year":
        codes.append(year_period(spec.year).code)
    return codes


def locked_pairs(session: Session, pairs: set[tuple[int, PeriodSpec]]) -> set[tuple[int, PeriodSpec]]:
    """Those (unit_id, period) pairs that an approval locks."""
    if not pairs:
        return set()
    wanted = {(unit_id, code) for unit_id, spec in pairs for code in _covering(spec)}
    codes = sorted({code for _, code in wanted})
    approved = {(unit_id, code) for unit_id, code in sent.fetch(
        session, "SELECT s.unit_id, p.code FROM submission s JOIN period p ON p.id = s.period_id "
                 f"WHERE s.state = 'approved' AND s.unit_id IN "
                 f"({sent.id_list(sorted({unit_id for unit_id, _ in wanted}))}) "
                 f"AND p.code IN ({sent.markers(len(codes))})", codes)}
    return {(u, s) for u, s in pairs if any((u, c) in approved for c in _covering(s))}


def is_locked(session: Session, unit_code: str, period_code: str) -> bool:
    unit = unit_by_code(session, unit_code)
    spec = parse_period(period_code)
    return bool(locked_pairs(session, {(unit.id, spec)}))


def get_state(session: Session, unit_code: str, period_code: str) -> str:
    unit = unit_by_code(session, unit_code)
    row = session.scalar(select(Submission).join(Period).where(
        Submission.unit_id == unit.id, Period.code == parse_period(period_code).code))
    return row.state if row else "draft"


def set_state(session: Session, unit_code: str, period_code: str, state: str,
              reason: str = "") -> None:
    """Move a unit's period to `state`; leaving 'approved' needs a reason."""
    if state not in STATE_NAMES:
        raise UserError(t(f"Trạng thái “{state}” không hợp lệ.", f"Invalid state “{state}”."))
    unit = unit_by_code(session, unit_code)
    lock_units(session, {unit.id})  # not while a clerk is writing this unit's values
    spec = parse_period(period_code)
    period_id = ensure_periods(session, {spec})[spec.code]
    row = session.scalar(select(Submission).where(
        Submission.unit_id == unit.id, Submission.period_id == period_id))
    old = row.state if row else "draft"
    if old == state:
        return
    authz.require(session, authz.state_action(old, state))
    if old == "approved" and not reason.strip():
        raise UserError(t("Mở khóa cần ghi rõ lý do.", "Unlocking needs a reason."))
    user = audit.current_user(session)
    if row is None:
        row = Submission(unit_id=unit.id, period_id=period_id)
        session.add(row)
    row.state, row.changed_by, row.changed_at, row.reason = state, user, dt.datetime.now(), reason
    audit.record(session, "lock", f"{unit_code}/{spec.code}", "state", old=old, new=state,
                 user=user, reason=reason)


def states_for(session: Session, unit_ids: list[int], period_code: str) -> dict[int, str]:
    """unit id -> state for one period (draft when nothing recorded)."""
    rows = session.execute(select(Submission.unit_id, Submission.state).join(Period).where(
        Period.code == parse_period(period_code).code, Submission.unit_id.in_(unit_ids)))
    states = dict(rows.all())
    return {unit_id: states.get(unit_id, "draft") for unit_id in unit_ids}


