"""Who works with the program: the installation's user name, optional named users.

On a PC used by one officer the audit trail carries the installation's user
name (setting `user_name`). On a shared PC named users can be added, each
with a password (hashed with scrypt from the standard library, salted) and a
role: `approver` (may approve and unlock periods) or `officer`. Once any
named user exists, approving or unlocking needs a signed-in approver:
the CLI and GUI call `check_state_change` (or `set_state_checked`) before
`desktop.data.submission.set_state`.

Users live in the `setting` table (`user:<name>` → JSON), so no schema
change is needed; every change is audited (entity "user").
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data import audit
from desktop.data.models import Setting
from desktop.data.settings import get_setting, set_setting
from desktop.errors import UserError
from desktop.i18n import t
from desktop.text import normalise

ROLES = ("approver", "officer")
ROLE_NAMES = {"approver": ("Người duyệt", "Approver"), "officer": ("Cán bộ", "Officer")}
MIN_PASSWORD = 6
_PREFIX = "user:"
_SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}


def role_name(role: str) -> str:
    vi, en = ROLE_NAMES[role]
    return t(vi, en)


def set_installation_user(session: Session, name: str) -> None:
    """The name written in the audit trail on this installation."""
    name = normalise(name)
    if not name or len(name) > 80:
        raise UserError(t("Tên người dùng cần từ 1 đến 80 ký tự.",
                          "A user name needs 1 to 80 characters."))
    old = get_setting(session, "user_name")
    set_setting(session, "user_name", name)
    audit.record(session, "setting", "user_name", "set", old=old, new=name, user=name)


def _key(name: str) -> str:
    return _PREFIX + normalise(name).casefold()


def _hash(password: str, salt: bytes, params: dict) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=params["n"], r=params["r"],
                          p=params["p"], dklen=32)


def _record(session: Session, name: str) -> dict | None:
    raw = get_setting(session, _key(name))
    return json.loads(raw) if raw else None


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise UserError(t(f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự.",
                          f"A password needs at least {MIN_PASSWORD} characters."))


def _stored(name: str, role: str, password: str) -> str:
    salt = secrets.token_bytes(16)
    return json.dumps({"name": name, "role": role, "salt": salt.hex(),
                       "hash": _hash(password, salt, _SCRYPT).hex(), **_SCRYPT})


def add_user(session: Session, name: str, role: str, password: str) -> None:
    """Add a named user with a role and a password."""
    name = normalise(name)
    if not name or len(name) > 50:
        raise UserError(t("Tên người dùng cần từ 1 đến 50 ký tự.",
                          "A user name needs 1 to 50 characters."))
    if role not in ROLES:
        raise UserError(t(f"Vai trò “{role}” không hợp lệ (approver, officer).",
                          f"Invalid role “{role}” (approver, officer)."))
    if _record(session, name):
        raise UserError(t(f"Đã có người dùng “{name}”.", f"User “{name}” already exists."))
    _check_password(password)
    set_setting(session, _key(name), _stored(name, role, password))
    audit.record(session, "user", name, "add", new=role)


def set_password(session: Session, name: str, password: str) -> None:
    record = _require(session, name)
    _check_password(password)
    set_setting(session, _key(name), _stored(record["name"], record["role"], password))
    audit.record(session, "user", record["name"], "password")


def remove_user(session: Session, name: str) -> None:
    record = _require(session, name)
    session.delete(session.get(Setting, _key(name)))
    audit.record(session, "user", record["name"], "remove", old=record["role"])


def _require(session: Session, name: str) -> dict:
    record = _record(session, name)
    if record is None:
        raise UserError(t(f"Không có người dùng “{name}”.", f"No user “{name}”."))
    return record


def list_users(session: Session) -> list[dict]:
    """Named users as plain rows: name and role (never the hash)."""
    rows = session.scalars(select(Setting).where(Setting.key.startswith(_PREFIX)))
    users = [json.loads(row.value) for row in rows]
    return sorted(({"name": u["name"], "role": u["role"]} for u in users),
                  key=lambda u: u["name"].casefold())


def has_named_users(session: Session) -> bool:
    return session.scalar(select(Setting.key).where(Setting.key.startswith(_PREFIX))
                          .limit(1)) is not None


def verify_password(session: Session, name: str, password: str) -> dict:
    """The user (name, role) when the password is right; UserError otherwise."""
    record = _record(session, name)
    if record is not None:
        expected = bytes.fromhex(record["hash"])
        given = _hash(password, bytes.fromhex(record["salt"]), record)
        if hmac.compare_digest(expected, given):
            return {"name": record["name"], "role": record["role"]}
    raise UserError(t(f"Sai tên người dùng hoặc mật khẩu ({name}).",
                      f"Wrong user name or password ({name})."))


def sign_in(session: Session, name: str, password: str) -> dict:
    """Check the password and make `name` the user of the audit trail and checks."""
    user = verify_password(session, name, password)
    audit.set_active_user(user["name"])
    return user


def sign_out() -> None:
    audit.set_active_user(None)


def check_state_change(session: Session, state: str, old_state: str | None = None) -> None:
    """Refuse approving or unlocking unless a signed-in approver does it.

    Without named users everyone may (a one-officer PC); with named users
    the signed-in user (`sign_in`) must have the role approver.
    """
    if state != "approved" and old_state != "approved":
        return
    if not has_named_users(session):
        return
    name = audit.signed_in_user()
    record = _record(session, name) if name else None
    if record is None:
        raise UserError(t("Cần đăng nhập bằng tài khoản người duyệt để duyệt hoặc mở khóa kỳ báo cáo.",
                          "Sign in as an approver to approve or unlock a period."))
    if record["role"] != "approver":
        raise UserError(t(f"“{record['name']}” là cán bộ, không có quyền duyệt hoặc mở khóa.",
                          f"“{record['name']}” is an officer and may not approve or unlock."))


def set_state_checked(session: Session, unit_code: str, period_code: str, state: str,
                      reason: str = "") -> None:
    """`submission.set_state` after `check_state_change`."""
    from desktop.data.submission import get_state, set_state

    check_state_change(session, state, get_state(session, unit_code, period_code))
    set_state(session, unit_code, period_code, state, reason)
