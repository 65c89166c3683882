"""Who works with the program: the installation's user name, optional named users.

On a PC used by one officer the audit trail carries the installation's user
name (setting `user_name`). On a shared PC named users can be added, each
with a password (hashed with scrypt from the standard library, salted) and a
role: `approver` or `officer`. What each role may do is the one rule in
`desktop.data.authz`; the functions here ask it before changing users.
The first named user must be an approver (whoever sets the office up), the
last approver cannot be removed, and `recover_approver` is the way back
when every approver's password is lost: it needs the office's key file.

Users live in the `setting` table (`user:<name>` → JSON), so no schema
change is needed; every change is audited (entity "user").
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data import audit, authz
from desktop.data.cache import cached
from desktop.data.models import Setting
from desktop.data.settings import get_setting, set_setting
from desktop.errors import UserError
from desktop.i18n import t
from desktop.text import normalise

ROLES = ("approver", "officer")
ROLE_NAMES = {"approver": ("Người duyệt", "Approver"), "officer": ("Cán bộ", "Officer")}
MIN_PASSWORD = 6
USER_PREFIX = "user:"
OFFICE_KEY_SETTING = "users_recovery_key"
_SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}


def role_name(role: str) -> str:
    vi, en = ROLE_NAMES[role]
    return t(vi, en)


def set_installation_user(session: Session, name: str) -> None:
    """The name written in the audit trail on this installation (no named users only)."""
    if has_named_users(session):
        raise UserError(t("Máy này đã có người dùng có mật khẩu: nhật ký ghi tên người đăng nhập, "
                          "không đặt tên người dùng chung được.",
                          "Named users exist here: the audit trail carries the signed-in user, "
                          "so the installation's user name cannot be set."))
    name = normalise(name)
    if not name or len(name) > 80:
        raise UserError(t("Tên người dùng cần từ 1 đến 80 ký tự.",
                          "A user name needs 1 to 80 characters."))
    old = get_setting(session, "user_name")
    set_setting(session, "user_name", name)
    audit.record(session, "setting", "user_name", "set", old=old, new=name, user=name)


def user_key(name: str) -> str:
    """The `setting` row that holds a user (names are told apart without case)."""
    return USER_PREFIX + normalise(name).casefold()


def _hash(password: str, salt: bytes, params: dict) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=params["n"], r=params["r"],
                          p=params["p"], dklen=32)


def _record(session: Session, name: str) -> dict | None:
    raw = get_setting(session, user_key(name))
    return json.loads(raw) if raw else None


def user_record(session: Session, name: str) -> dict | None:
    """The stored user (name, role, …) or None."""
    return _record(session, name)


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
    authz.require(session, "manage_users")
    if _record(session, name):
        raise UserError(t(f"Đã có người dùng “{name}”.", f"User “{name}” already exists."))
    if role != "approver" and not has_named_users(session):
        raise UserError(t("Người dùng đầu tiên phải là người duyệt, để luôn có người quản lý "
                          "người dùng.",
                          "The first named user must be an approver, so that someone can "
                          "manage users."))
    _check_password(password)
    first = not has_named_users(session)
    set_setting(session, user_key(name), _stored(name, role, password))
    audit.record(session, "user", name, "add", new=role)
    if first:
        _remember_office_key(session)


def set_password(session: Session, name: str, password: str) -> None:
    """A new password: one's own, or anyone's for a user who may manage users."""
    record = _require(session, name)
    if record["name"] != audit.signed_in_user():
        authz.require(session, "manage_users")
    _check_password(password)
    set_setting(session, user_key(name), _stored(record["name"], record["role"], password))
    audit.record(session, "user", record["name"], "password")


def remove_user(session: Session, name: str) -> None:
    authz.require(session, "manage_users")
    record = _require(session, name)
    approvers = [u for u in list_users(session) if u["role"] == "approver"]
    others = [u for u in list_users(session) if u["name"] != record["name"]]
    if record["role"] == "approver" and len(approvers) == 1 and others:
        raise UserError(t(f"Không xóa được “{record['name']}”: đó là người duyệt cuối cùng.",
                          f"“{record['name']}” cannot be removed: the last approver."))
    session.delete(session.get(Setting, user_key(name)))
    audit.record(session, "user", record["name"], "remove", old=record["role"])


def _remember_office_key(session: Session) -> None:
    """Record which office key may recover the users (`recover_approver`)."""
    from desktop.packages.keys import office_key_id

    if not get_setting(session, OFFICE_KEY_SETTING):
        set_setting(session, OFFICE_KEY_SETTING, office_key_id())


def recover_approver(session: Session, name: str, password: str, key_file: Path) -> None:
    """Every approver's password lost: with the office's private key file, set the
    password of approver `name` (or add `name` as an approver); audited as "recover"."""
    from desktop.packages.keys import (
        key_id,
        office_key_id,
        private_key_path,
        public_raw,
        read_private_key,
    )

    key = read_private_key(key_file)
    expected = get_setting(session, OFFICE_KEY_SETTING) or (
        office_key_id() if private_key_path().is_file() else None)
    if key_id(public_raw(key)) != expected:
        raise UserError(t(f"{key_file.name}: không phải tệp khóa của cơ quan này; không khôi "
                          "phục được.",
                          f"{key_file.name}: not this office's key file; nothing recovered."))
    _check_password(password)
    record = _record(session, name)
    if record is not None and record["role"] != "approver":
        raise UserError(t(f"“{record['name']}” là cán bộ; hãy khôi phục một người duyệt.",
                          f"“{record['name']}” is an officer; recover an approver."))
    name = record["name"] if record else normalise(name)
    if not name or len(name) > 50:
        raise UserError(t("Tên người dùng cần từ 1 đến 50 ký tự.",
                          "A user name needs 1 to 50 characters."))
    set_setting(session, user_key(name), _stored(name, "approver", password))
    audit.record(session, "user", name, "recover", new="approver", user=name,
                 reason=t("khôi phục bằng tệp khóa của cơ quan", "recovered with the office key file"))


def _require(session: Session, name: str) -> dict:
    record = _record(session, name)
    if record is None:
        raise UserError(t(f"Không có người dùng “{name}”.", f"No user “{name}”."))
    return record


def list_users(session: Session) -> list[dict]:
    """Named users as plain rows: name and role (never the hash)."""
    rows = session.scalars(select(Setting).where(Setting.key.startswith(USER_PREFIX)))
    users = [json.loads(row.value) for row in rows]
    return sorted(({"name": u["name"], "role": u["role"]} for u in users),
                  key=lambda u: u["name"].casefold())


def has_named_users(session: Session) -> bool:
    return cached(session, "named_users", lambda: session.scalar(
        select(Setting.key).where(Setting.key.startswith(USER_PREFIX)).limit(1)) is not None)


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
    """Refuse a state change the signed-in user may not make (`authz`)."""
    action = authz.state_action(old_state or "draft", state)
    if action:
        authz.require(session, action)


def set_state_checked(session: Session, unit_code: str, period_code: str, state: str,
                      reason: str = "") -> None:
    """`submission.set_state` after `check_state_change`."""
    from desktop.data.submission import get_state, set_state

    check_state_change(session, state, get_state(session, unit_code, period_code))
    set_state(session, unit_code, period_code, state, reason)
