"""Asking, in the GUI, an approver to confirm a restore that loses approved periods.

The periods come from `desktop.data.approval_guard`; with named users the
signed-in approver types their password again (checked here, so a PC left
signed in is not enough); without named users a confirmation suffices.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from desktop.data import audit, users
from desktop.data.approval_guard import describe
from desktop.data.database import Database
from desktop.errors import UserError
from desktop.i18n import t
from desktop.ui import dialogs


def ask_password(parent: QWidget | None, question: str) -> str | None:
    """The password typed (hidden), or None when cancelled (tests patch this)."""
    text, ok = QInputDialog.getText(parent, t("Xác nhận của người duyệt", "Approver's confirmation"),
                                    question, QLineEdit.EchoMode.Password)
    return text if ok else None


def confirm_loss(parent: QWidget | None, database: Database, losses: list[str]) -> bool:
    """True when the loss of `losses` is confirmed (and, with named users, the signed-in
    approver's password is right)."""
    question = t(f"Các kỳ đã duyệt sau sẽ bị bỏ hoặc thay đổi: {describe(losses)}. Việc này được "
                 "ghi vào nhật ký.",
                 f"These approved periods will be dropped or changed: {describe(losses)}. This is "
                 "written in the audit trail.")
    with database.session() as session:
        named = users.has_named_users(session)
    if not named:
        return dialogs.confirm(parent, question + t(" Tiếp tục?", " Go on?"))
    name = audit.signed_in_user() or ""
    password = ask_password(parent, question + t(f" Mật khẩu của {name}:", f" Password of {name}:"))
    if password is None:
        return False
    try:
        with database.session() as session:
            users.verify_password(session, name, password)
    except UserError as exc:
        dialogs.show_error(parent, exc.message)
        return False
    return True
