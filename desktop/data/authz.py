"""The one authorisation rule: which role may do which action.

A database without named users is a one-officer PC: every action is
allowed, as before named users existed. Once a named user exists, every
guarded action needs a signed-in named user (`users.sign_in`, the GUI's
sign-in dialog or the CLI's `--user NAME`) whose role the table allows.

The GUI, the CLI and every import path ask this module — `require` before
writing (a UserError naming the action), `permission` for a disabled
button's tooltip. Reading is never guarded.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from desktop.data import audit
from desktop.errors import UserError
from desktop.i18n import t

APPROVER, OFFICER = "approver", "officer"

# action -> (Vietnamese name, English name, roles that may do it)
ACTIONS: dict[str, tuple[str, str, frozenset[str]]] = {
    "enter_values": ("nhập hoặc nhập khẩu số liệu", "enter or import values",
                     frozenset({APPROVER, OFFICER})),
    "import_packages": ("nhận gói dữ liệu", "receive data packages",
                        frozenset({APPROVER, OFFICER})),
    "edit_units": ("sửa danh sách đơn vị", "edit the units", frozenset({APPROVER, OFFICER})),
    "submit": ("gửi hoặc trả lại kỳ báo cáo", "submit or reopen a period",
               frozenset({APPROVER, OFFICER})),
    "approve": ("duyệt kỳ báo cáo", "approve a period", frozenset({APPROVER})),
    "unlock": ("mở khóa kỳ đã duyệt", "unlock an approved period", frozenset({APPROVER})),
    "edit_plans": ("sửa kế hoạch và chỉ tiêu", "edit plans and targets", frozenset({APPROVER})),
    "enter_scores": ("chấm hoặc xóa điểm của người đánh giá", "enter or remove an assessor's score",
                     frozenset({APPROVER, OFFICER})),
    "edit_score_sets": ("sửa bộ tiêu chí đánh giá", "edit assessment sets", frozenset({APPROVER})),
    "edit_settings": ("sửa thông tin cơ quan và cài đặt sao lưu",
                      "change the office's details and the backup settings",
                      frozenset({APPROVER, OFFICER})),
    "manage_users": ("quản lý người dùng", "manage users", frozenset({APPROVER})),
    "manage_keys": ("tin cậy hoặc thu hồi khóa", "trust or revoke keys", frozenset({APPROVER})),
    "restore": ("khôi phục cơ sở dữ liệu từ bản sao lưu", "restore the database from a backup",
                frozenset({APPROVER, OFFICER})),
    "drop_approvals": ("khôi phục hoặc thay cơ sở dữ liệu làm mất hoặc đổi kỳ đã duyệt",
                       "restore or replace a database so that approved periods are lost or "
                       "changed", frozenset({APPROVER})),
    "replace_database": ("thay toàn bộ dữ liệu của một cơ sở dữ liệu",
                         "replace a database's data", frozenset({APPROVER})),
}


@dataclass(frozen=True)
class Permission:
    allowed: bool
    reason: str = ""  # one sentence when not allowed (a tooltip or an error)


def action_name(action: str) -> str:
    vi, en, _roles = ACTIONS[action]
    return t(vi, en)


def permission(session: Session, action: str) -> Permission:
    """May the signed-in user (or, without named users, anyone) do `action`?"""
    from desktop.data import users

    _vi, _en, roles = ACTIONS[action]
    if not users.has_named_users(session):
        return Permission(True)
    name = audit.signed_in_user()
    record = users.user_record(session, name) if name else None
    if record is None and roles == {APPROVER}:
        return Permission(False, t(
            f"Cần đăng nhập bằng tài khoản người duyệt để {action_name(action)}.",
            f"Sign in as an approver to {action_name(action)}."))
    if record is None:
        return Permission(False, t(f"Cần đăng nhập để {action_name(action)}.",
                                   f"Sign in to {action_name(action)}."))
    if record["role"] not in roles:
        role = users.role_name(record["role"]).lower()
        return Permission(False, t(
            f"“{record['name']}” là {role}, không có quyền {action_name(action)}.",
            f"“{record['name']}” is {'an' if role[0] in 'aeiou' else 'a'} {role} and may not "
            f"{action_name(action)}."))
    return Permission(True)


def require(session: Session, action: str) -> None:
    """Refuse (UserError, one sentence naming the action) unless `permission` allows."""
    answer = permission(session, action)
    if not answer.allowed:
        raise UserError(answer.reason)


def state_action(old: str, new: str) -> str | None:
    """The action a submission-state change is: approve, unlock, submit (None: no change)."""
    if old == new:
        return None
    if new == "approved":
        return "approve"
    if old == "approved":
        return "unlock"
    return "submit"


def roles_table() -> list[tuple[str, bool, bool]]:
    """(action name, officer may, approver may) for the README and the help window."""
    return [(action_name(a), OFFICER in roles, APPROVER in roles)
            for a, (_vi, _en, roles) in ACTIONS.items()]
