"""What a restored or incoming database would grant that the current one does not.

Restoring a backup (or replacing a database's data) brings back the file's
approvals, users, trusted keys, plans and assessment sets along with its
values. An officer may restore, but may not approve a period, make or
promote a user, trust a key, edit a plan or an assessment set: a backup
taken before an approver unlocked a period, demoted a user, revoked a key
or changed a target would otherwise undo that act. Values and assessors'
scores are the officer's. `refuse_grants` therefore asks the one rule
(desktop.data.authz) for each grant the incoming data makes:

- a period approved there but not here ("approve");
- a user added, removed, given another role or another approver's
  password ("manage_users");
- a trusted key added, changed or no longer revoked ("manage_keys");
- a plan added, removed or changed in its fields or targets ("edit_plans");
- an assessment set stored in the program added, removed or changed
  ("edit_score_sets");

and refuses the whole action in one sentence naming the first, before
anything is replaced. The signed-in user's own password (theirs to change)
is not a grant. Without named users everyone may do everything, as
everywhere.
"""

from __future__ import annotations

import json
import tomllib

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from desktop.data import authz
from desktop.data.models import Indicator, Plan, Setting, StoredAssessmentSet, Target
from desktop.data.users import USER_PREFIX, user_key
from desktop.engine.plan_span import plan_reference
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
    return found + _plan_grants(current, incoming) + _set_grants(current, incoming)


def _plan_grants(current: Connection, incoming: Connection) -> list[tuple[str, str]]:
    """A plan added, removed or changed (its fields or any of its targets): "edit_plans"."""
    here, there = _plans(current), _plans(incoming)
    return [("edit_plans", t(f"đổi kế hoạch “{name}” (hoặc các mục tiêu của nó)",
                             f"change the plan “{name}” (or its targets)"))
            for code in sorted(here.keys() | there.keys()) if here.get(code) != there.get(code)
            for name in [plan_reference((here.get(code) or there.get(code))[0])]]


def _plans(connection: Connection) -> dict[str, tuple[dict, list[tuple]]]:
    """plan code -> (its fields, its targets by indicator code), ids left out (a restored
    file numbers its rows its own way)."""
    plans = {row["code"]: (row, []) for row in (
        {k: v for k, v in r._mapping.items() if k != "id"}
        for r in connection.execute(select(Plan.__table__)))}
    columns = [c for c in Target.__table__.c if c.name not in ("id", "plan_id", "indicator_id")]
    for code, indicator, *fields in connection.execute(
            select(Plan.code, Indicator.code, *columns)
            .join(Target, Target.plan_id == Plan.id)
            .outerjoin(Indicator, Indicator.id == Target.indicator_id)):
        plans[code][1].append((indicator, *fields))
    return {code: (fields, sorted(targets, key=repr))
            for code, (fields, targets) in plans.items()}


def _set_grants(current: Connection, incoming: Connection) -> list[tuple[str, str]]:
    """An assessment set edited, added or removed in the program: "edit_score_sets"."""
    query = select(StoredAssessmentSet.code, StoredAssessmentSet.body)
    here, there = dict(current.execute(query).all()), dict(incoming.execute(query).all())
    return [("edit_score_sets", t(f"đổi bộ tiêu chí đánh giá “{_set_name(code, body)}”",
                                  f"change the assessment set “{_set_name(code, body)}”"))
            for code in sorted(here.keys() | there.keys()) if here.get(code) != there.get(code)
            for body in [there.get(code) or here.get(code)]]


def _set_name(code: str, body: str) -> str:
    """The set's name as its text gives it (the code when the text cannot be read)."""
    try:
        name = tomllib.loads(body).get("name")
    except (tomllib.TOMLDecodeError, TypeError):
        return code
    return name if isinstance(name, str) and name else code


def refuse_grants(session: Session, label: str, found: list[tuple[str, str]]) -> None:
    """UserError naming the first grant the signed-in user's role may not make."""
    for action, what in found:
        answer = authz.permission(session, action)
        if not answer.allowed:
            raise UserError(t(f"{label} sẽ {what}: {answer.reason.rstrip('.')}; không thay đổi gì.",
                              f"{label} would {what}: {answer.reason.rstrip('.')}; nothing was "
                              "changed."))
