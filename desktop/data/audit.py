"""The audit trail: every change to a value, target, unit or lock.

`record` writes one entry in the caller's transaction; `entries` and
`entries_csv` are the view and the export. Who made a change is the
signed-in named user (`set_active_user`), else the installation's user name
(setting `user_name`), else the OS login.
"""

from __future__ import annotations

import datetime as dt
import functools
import getpass
import os

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.cache import cached
from desktop.data.models import AuditEntry
from desktop.data.settings import get_setting

AUDIT_ENTITIES = ("value", "target", "plan", "element", "indicator", "unit", "lock", "user", "key",
                  "setting", "score", "score_set", "database")
CSV_COLUMNS = ("at", "user", "entity", "key", "action", "old", "new", "reason")

_ACTIVE_USER: list[str | None] = [None]


def set_active_user(name: str | None) -> None:
    """The signed-in named user (shared PCs); audit rows carry this name until cleared."""
    _ACTIVE_USER[0] = name


def signed_in_user() -> str | None:
    return _ACTIVE_USER[0]



def current_user(session: Session) -> str:
    """The signed-in named user, else the installation's user name (setting
    'user_name'), else the OS login."""
    if _ACTIVE_USER[0]:
        return _ACTIVE_USER[0]
    name = cached(session, "user_name", lambda: get_setting(session, "user_name"))
    if name:
        return name
    return os.environ.get("ITPLAN_USER") or _os_login()


@functools.cache
def _os_login() -> str:
    """The OS login, looked up once per process (a password-database lookup each write
    cost more than the write's own statements)."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - getpass fails without a login name
        return "?"


def record(session: Session, entity: str, key: str, action: str, *,
           old: object = None, new: object = None, user: str | None = None,
           reason: str = "") -> None:
    session.add(AuditEntry(**entry(entity, key, action, old=old, new=new,
                                   user=user if user is not None else current_user(session),
                                   reason=reason)))


def entry(entity: str, key: str, action: str, *, user: str, old: object = None,
          new: object = None, reason: str = "") -> dict:
    """One audit row as a dict, for writers that insert many at once."""
    return {"at": dt.datetime.now(), "user": user, "entity": entity, "entity_key": key,
            "action": action, "old": _text(old), "new": _text(new), "reason": reason}


def _text(value: object) -> str | None:
    """Stored text of an old/new value: numbers without a spurious “.0”."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def history(session: Session, entity: str, key: str) -> list[dict]:
    """The changes of one thing, oldest first, as plain rows."""
    rows = session.scalars(select(AuditEntry).where(
        AuditEntry.entity == entity, AuditEntry.entity_key == key).order_by(AuditEntry.id))
    return [{"at": row.at, "user": row.user, "action": row.action, "old": row.old,
             "new": row.new, "reason": row.reason} for row in rows]


def entries(session: Session, entity: str | None = None, key: str | None = None,
            limit: int | None = None) -> list[dict]:
    """Audit rows, newest first, as plain dicts.

    `key` matches an entity key exactly or as its first part: "H38TS-X01"
    finds the unit's own changes, its values ("H38TS-X01/STAFF/2024") and
    its locks ("H38TS-X01/2024").
    """
    query = select(AuditEntry).order_by(AuditEntry.id.desc())
    if entity:
        query = query.where(AuditEntry.entity == entity)
    if key:
        query = query.where((AuditEntry.entity_key == key)
                            | AuditEntry.entity_key.startswith(key.rstrip("/") + "/",
                                                               autoescape=True))
    if limit:
        query = query.limit(limit)
    return [{"at": row.at, "user": row.user, "entity": row.entity, "key": row.entity_key,
             "action": row.action, "old": row.old, "new": row.new, "reason": row.reason}
            for row in session.scalars(query)]


def entries_csv(rows: list[dict]) -> str:
    """Audit rows as CSV text (UTF-8; dates dd/mm/yyyy hh:mm:ss for Excel users)."""
    import csv
    import io

    from desktop.sheettext import csv_text

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([row["at"].strftime("%d/%m/%Y %H:%M:%S")] +
                        ["" if row[c] is None else csv_text(str(row[c])) for c in CSV_COLUMNS[1:]])
    return out.getvalue()
