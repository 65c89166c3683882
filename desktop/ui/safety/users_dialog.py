"""Who works with the program, in the GUI: the user name, named users, signing in.

Menu Công cụ → Người dùng… opens `UsersDialog`: the name written in the
audit trail on this PC, and, for a shared PC, named users with a role and a
password. Once named users exist the main window calls `ask_sign_in` at
start. Which button is enabled, and the tooltip saying why not, come from
the one rule `desktop.data.authz`; the data functions ask it again.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.data import audit, authz, users
from desktop.data.database import Database
from desktop.data.settings import get_setting
from desktop.errors import UserError
from desktop.i18n import t
from desktop.ui import dialogs
from desktop.ui.row_table import Column, RowsModel, rows_view, selected_row


def users_model(rows: list[dict] = ()) -> RowsModel:
    columns = [Column(lambda: t("Tên", "Name"), lambda r: r["name"]),
               Column(lambda: t("Vai trò", "Role"), lambda r: users.role_name(r["role"]))]
    return RowsModel(columns, rows)


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class NewUserDialog(QDialog):
    """Name, role and password (twice) of a new named user."""

    def __init__(self, parent: QWidget | None = None, name: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(t("Thêm người dùng", "Add a user") if name is None
                            else t(f"Đổi mật khẩu của {name}", f"New password for {name}"))
        self.setMinimumWidth(420)
        self.name = QLineEdit(name or "")
        self.name.setEnabled(name is None)
        self.role = QComboBox()
        for role in users.ROLES:
            self.role.addItem(users.role_name(role), role)
        self.password, self.again = _password_field(), _password_field()
        form = QFormLayout(self)
        form.addRow(t("Tên:", "Name:"), self.name)
        if name is None:
            form.addRow(t("Vai trò:", "Role:"), self.role)
        form.addRow(t("Mật khẩu:", "Password:"), self.password)
        form.addRow(t("Nhập lại:", "Again:"), self.again)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        dialogs.translate_buttons(buttons)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def try_accept(self) -> None:
        if self.password.text() != self.again.text():
            self.problem.setText(t("Hai lần nhập mật khẩu không khớp.", "The two passwords differ."))
            return
        self.accept()

    def values(self) -> tuple[str, str, str]:
        return self.name.text().strip(), self.role.currentData(), self.password.text()


def ask_new_user(parent: QWidget | None) -> tuple[str, str, str] | None:
    """(name, role, password) of a new user, or None (tests patch this)."""
    dialog = NewUserDialog(parent)
    return dialog.values() if dialog.exec() else None


def ask_new_password(parent: QWidget | None, name: str) -> str | None:
    """A new password for `name`, or None (tests patch this)."""
    dialog = NewUserDialog(parent, name)
    return dialog.values()[2] if dialog.exec() else None


class UsersDialog(QDialog):
    """The installation's user name and the named users of a shared PC."""

    def __init__(self, database: Database, bus=None, parent: QWidget | None = None):  # noqa: ANN001
        super().__init__(parent)
        self.database, self.bus = database, bus
        self.setWindowTitle(t("Người dùng", "Users"))
        dialogs.fit_to_screen(self, 560, 460)
        with database.session() as session:
            name = get_setting(session, "user_name") or audit.current_user(session)
        self.user_name = QLineEdit(name)
        self.save_name_button = save_name = QPushButton(t("Lưu tên", "Save name"))
        save_name.clicked.connect(self.save_name)
        name_box = QGroupBox(t("Tên ghi vào nhật ký thay đổi trên máy này",
                               "The name written in the audit trail on this PC"))
        name_row = QHBoxLayout(name_box)
        name_row.addWidget(self.user_name, 1)
        name_row.addWidget(save_name)
        named_box = QGroupBox(t("Người dùng có mật khẩu (máy dùng chung)",
                                "Named users with a password (shared PC)"))
        hint = QLabel(t("Khi đã có người dùng có mật khẩu, mỗi lần mở chương trình phải đăng nhập. "
                        "Chỉ người duyệt mới được duyệt, mở khóa, sửa kế hoạch, quản lý người dùng "
                        "và khóa tin cậy; người dùng đầu tiên phải là người duyệt.",
                        "Once named users exist, everyone signs in at start. Only approvers may "
                        "approve, unlock, edit plans, manage users and trusted keys; the first "
                        "user must be an approver."))
        hint.setWordWrap(True)
        self.model = users_model()
        self.view = rows_view(self.model)
        add, password, remove = (QPushButton(t("Thêm…", "Add…")),
                                 QPushButton(t("Đổi mật khẩu…", "Change password…")),
                                 QPushButton(t("Xóa", "Remove")))
        self.add_button, self.password_button, self.remove_button = add, password, remove
        add.clicked.connect(self.add_user)
        password.clicked.connect(self.change_password)
        remove.clicked.connect(self.remove_user)
        actions = QHBoxLayout()
        for button in (add, password, remove):
            actions.addWidget(button)
        actions.addStretch(1)
        self.signed_in = QLabel()
        named = QVBoxLayout(named_box)
        named.addWidget(hint)
        named.addWidget(self.signed_in)
        named.addWidget(self.view, 1)
        named.addLayout(actions)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        dialogs.translate_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(name_box)
        layout.addWidget(named_box, 1)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        with self.database.session() as session:
            self.model.load(users.list_users(session))
            manage = authz.permission(session, "manage_users")
            named = users.has_named_users(session)
            who = audit.signed_in_user()
            record = users.user_record(session, who) if who else None
        name = html.escape(record["name"]) if record else ""
        self.signed_in.setText(t(f"Đang đăng nhập: <b>{name}</b> "
                                 f"({users.role_name(record['role'])}).",
                                 f"Signed in: <b>{name}</b> "
                                 f"({users.role_name(record['role'])}).") if record else
                               t("Chưa đăng nhập.", "Nobody is signed in.") if named else "")
        for button in (self.add_button, self.remove_button, self.password_button):
            button.setEnabled(manage.allowed)
            button.setToolTip(manage.reason)
        if not manage.allowed and audit.signed_in_user():  # one's own password stays open
            self.password_button.setEnabled(True)
            self.password_button.setToolTip(t("Chỉ đổi được mật khẩu của chính mình.",
                                              "Only your own password can be changed."))
        self.user_name.setEnabled(not named)
        self.save_name_button.setEnabled(not named)
        self.save_name_button.setToolTip(t(
            "Đã có người dùng có mật khẩu: nhật ký ghi tên người đăng nhập.",
            "Named users exist: the audit trail carries the signed-in user.") if named else "")

    def _write(self, action: Callable, *args: object) -> bool:
        try:
            with self.database.session() as session:
                action(session, *args)
        except UserError as exc:
            dialogs.show_error(self, exc.message)
            return False
        self.reload()
        if self.bus is not None:
            self.bus.changed.emit("settings")
        return True

    def save_name(self) -> bool:
        return self._write(users.set_installation_user, self.user_name.text())

    def add_user(self) -> bool:
        answer = ask_new_user(self)
        if answer is None:
            return False
        with self.database.session() as session:
            first = not users.has_named_users(session)
        if not self._write(users.add_user, *answer):
            return False
        if first:  # whoever sets the office up is its first approver, signed in
            with self.database.session() as session:
                users.sign_in(session, answer[0], answer[2])
            self.reload()
        return True

    def change_password(self) -> bool:
        row = selected_row(self.view)
        if row is None:
            return False
        password = ask_new_password(self, row["name"])
        return password is not None and self._write(users.set_password, row["name"], password)

    def remove_user(self) -> bool:
        row = selected_row(self.view)
        if row is None or not dialogs.confirm(self, t(f"Xóa người dùng {row['name']}?",
                                                      f"Remove user {row['name']}?")):
            return False
        return self._write(users.remove_user, row["name"])


class SignInDialog(QDialog):
    """Name and password; stays open with the reason until they are right."""

    def __init__(self, parent: QWidget | None, session_factory: Callable):
        super().__init__(parent)
        self.session_factory = session_factory
        self.signed_in: str | None = None
        self.setWindowTitle(t("Đăng nhập", "Sign in"))
        self.setMinimumWidth(400)
        self.name = QComboBox()
        with session_factory() as session:
            for row in users.list_users(session):
                self.name.addItem(f"{row['name']} ({users.role_name(row['role'])})", row["name"])
        self.password = _password_field()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(t("Người dùng:", "User:"), self.name)
        form.addRow(t("Mật khẩu:", "Password:"), self.password)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        dialogs.translate_buttons(buttons)
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def try_sign_in(self) -> bool:
        try:
            with self.session_factory() as session:
                user = users.sign_in(session, self.name.currentData() or "", self.password.text())
        except UserError as exc:
            self.problem.setText(exc.message)
            self.password.clear()
            return False
        self.signed_in = user["name"]
        self.accept()
        return True


def ask_sign_in(parent: QWidget | None, session_factory: Callable) -> str | None:
    """Sign a named user in (the audit trail then carries the name); None if cancelled."""
    dialog = SignInDialog(parent, session_factory)
    dialog.exec()
    return dialog.signed_in


def sign_in_if_needed(parent: QWidget | None, database: Database) -> bool:
    """At start: True when no named users exist or one signed in; False when cancelled."""
    with database.session() as session:
        needed = users.has_named_users(session)
    return not needed or ask_sign_in(parent, database.session) is not None
