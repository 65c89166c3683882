"""Buttons that follow the one authorisation rule (`desktop.data.authz`).

A button whose action the signed-in user may not do is disabled, with the
reason as its tooltip; the data function refuses it again if called anyway.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton

from desktop.data.authz import permission
from desktop.data.database import Database


def follow_rule(database: Database, action: str, buttons: list[QAbstractButton]) -> None:
    with database.session() as session:
        allowed = permission(session, action)
    for button in buttons:
        button.setEnabled(allowed.allowed)
        button.setToolTip(allowed.reason)
