"""The audit trail: every change to a value, target, unit or lock."""

from __future__ import annotations

import datetime as dt
import getpass
import os

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.models import AuditEntry
from desktop.data.settings import get_setting


def current_user(session: Session) -> str:
    """The installation's user name (setting 'user_name'), else the OS login."""
    name = get_setting(session, "user_name")
    if name:
        return name
    try:
        return os.environ.get("ITPLAN_USER") or getpass.getuser()
    except Exception:  # noqa: BLE001 - getpass fails without a login name
        return "?"


def record(session: Session, entity: str, key: str, action: str, *,
           old: object = None, new: object = None, user: str | None = None,
           reason: str = "") -> None:
    session.add(AuditEntry(
        at=dt.datetime.now(), user=user if user is not None else current_user(session),
        entity=entity, entity_key=key, action=action,
        old=None if old is None else str(old), new=None if new is None else str(new),
        reason=reason,
    ))


def history(session: Session, entity: str, key: str) -> list[dict]:
    """The changes of one thing, oldest first, as plain rows."""
    rows = session.scalars(select(AuditEntry).where(
        AuditEntry.entity == entity, AuditEntry.entity_key == key).order_by(AuditEntry.id))
    return [{"at": row.at, "user": row.user, "action": row.action, "old": row.old,
             "new": row.new, "reason": row.reason} for row in rows]
