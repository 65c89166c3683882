"""Buttons that follow the one authorisation rule (`desktop.data.authz`).

A button whose action the signed-in user may not do is disabled, with the
reason as its tooltip; the data function refuses it again if called anyway.
The main window's title names the signed-in user.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton

from desktop.data.audit import signed_in_user
from desktop.data.authz import permission
from desktop.data.database import Database
from desktop.i18n import t


def follow_rule(database: Database, action: str, buttons: list[QAbstractButton | QAction]) -> None:
    with database.session() as session:
        allowed = permission(session, action)
    for button in buttons:
        button.setEnabled(allowed.allowed)
        button.setToolTip(allowed.reason)


def signed_in_suffix() -> str:
    """“ — Đăng nhập: NAME” for the window title when a named user is signed in."""
    name = signed_in_user()
    return t(f" — Đăng nhập: {name}", f" — Signed in: {name}") if name else ""
