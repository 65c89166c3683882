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
