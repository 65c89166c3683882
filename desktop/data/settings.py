"""Key/value settings stored in the database (office, user name, options)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop.data.models import Setting


def get_setting(session: Session, key: str, default: str | None = None) -> str | None:
    row = session.get(Setting, key)
    return row.value if row else default


def set_setting(session: Session, key: str, value: str, *, overwrite: bool = True) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    elif overwrite:
        row.value = value


def change_setting(session: Session, key: str, value: str) -> None:
    """An office setting changed by a user (the letterhead, how many backups are kept):
    allowed by the one rule (`edit_settings`) and audited with the old and new text."""
    from desktop.data import audit, authz  # they read settings themselves

    authz.require(session, "edit_settings")
    old = get_setting(session, key)
    if old == value:
        return
    set_setting(session, key, value)
    audit.record(session, "setting", key, "set", old=old, new=value)
