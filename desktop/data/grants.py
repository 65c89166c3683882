"""What a restored or incoming database would grant that the current one does not.

Restoring a backup (or replacing a database's data) brings back the file's
approvals, users and trusted keys along with its values. An officer may
restore, but may not approve a period, make or promote a user, or trust a
key: a backup taken before an approver unlocked a period, demoted a user or
revoked a key would otherwise undo that act. `refuse_grants` therefore
asks the one rule (desktop.data.authz) for each grant the incoming data
makes — a period approved there but not here ("approve"), a user added,
removed, given another role or another approver's password ("manage_users"),
a trusted key added, changed or no longer revoked ("manage_keys") — and
refuses the whole action in one sentence naming the first, before anything
is replaced. The signed-in user's own password (theirs to change) is not a
grant. Without named users everyone may do everything, as everywhere.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from desktop.data import authz
from desktop.data.models import Setting
from desktop.data.users import USER_PREFIX, user_key
from desktop.errors import UserError
from desktop.i18n import t
from desktop.packages.keys import TRUST_PREFIX as KEY_PREFIX



def _records(connection: Connection, prefix: str) -> dict[str, dict]:
    """Every `setting` row under `prefix` (users, trusted keys), read as JSON."""
    found = {}
    for key, value in connection.execute(select(Setting.key, Setting.value).where(
            Setting.key.startswith(prefix))):
        try:
            record = json.loads(value)
        except (TypeError, ValueError):
            record = {"unreadable": value}
        found[key] = record if isinstance(record, dict) else {"unreadable": value}
    return found


def grants(current: Connection, incoming: Connection, approved_here: set,
           approved_there: set, signed_in: str | None) -> list[tuple[str, str]]:
    """(action, what it grants) for each grant of `incoming` over `current`; the
    approvals are (unit code, period code) pairs."""
    found = [("approve", t(f"duyệt lại kỳ {period} của đơn vị {unit}",
                           f"approve {unit} {period} again"))
             for unit, period in sorted(approved_there - approved_here)]
    own = user_key(signed_in) if signed_in else None
    here, there = _records(current, USER_PREFIX), _records(incoming, USER_PREFIX)
    for key in sorted(here.keys() | there.keys()):
        old, new = here.get(key), there.get(key)
        if old == new or (key == own and old and new and old.get("role") == new.get("role")):
            continue
        name = (new or old).get("name", key[len(USER_PREFIX):])
        found.append(("manage_users", t(f"đổi người dùng “{name}” (vai trò hoặc mật khẩu)",
                                        f"change user “{name}” (role or password)")))
    here, there = _records(current, KEY_PREFIX), _records(incoming, KEY_PREFIX)
    for key in sorted(here.keys() | there.keys()):
        if here.get(key) != there.get(key):
            found.append(("manage_keys", t(f"đổi khóa tin cậy {key[len(KEY_PREFIX):][:16]}",
                                           f"change trusted key {key[len(KEY_PREFIX):][:16]}")))
    return found


def refuse_grants(session: Session, label: str, found: list[tuple[str, str]]) -> None:
    """UserError naming the first grant the signed-in user's role may not make."""
    for action, what in found:
        answer = authz.permission(session, action)
        if not answer.allowed:
            raise UserError(t(f"{label} sẽ {what}: {answer.reason.rstrip('.')}; không thay đổi gì.",
                              f"{label} would {what}: {answer.reason.rstrip('.')}; nothing was "
                              "changed."))
