"""No file undoes an approval unseen: restore and replace, checked and audited.

Restoring a backup, or replacing a database's data with another's
(`transfer --replace`), can lose approvals (a period approved here is not
approved in the incoming data) or change them (approved here and there,
but the values inside it differ). Both are then an approver's action
(`authz` "drop_approvals"): the caller shows the periods (`approvals_lost`),
asks for confirmation and, with named users, the approver's password, and
after the replacement `record_loss` writes one audit row in the new data.
Approvals, users and trusted keys the incoming data would bring back are
grants, each needing its own role (desktop.data.grants). A restore is
itself an audit row in the restored data, naming the file and the copy
of the replaced one kept aside. Before anything, the incoming file's
schema must be the migrations' (`schema_check`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from desktop.data import audit, authz
from desktop.data.database import Database, open_database
from desktop.data.grants import grants, refuse_grants
from desktop.data.schema_check import checked_file
from desktop.data.models import AuditEntry, DataElement, DataValue, OrgUnit, Period, Submission
from desktop.errors import UserError
from desktop.i18n import t

SHOWN = 10


def _approved(connection: Connection) -> dict[tuple[str, str], tuple]:
    """(unit code, period code) -> (start, end) of every approved period."""
    rows = connection.execute(
        select(OrgUnit.code, Period.code, Period.start, Period.end)
        .join(Submission, Submission.unit_id == OrgUnit.id)
        .join(Period, Period.id == Submission.period_id)
        .where(Submission.state == "approved"))
    return {(unit, period): (start, end) for unit, period, start, end in rows}


def _values_inside(connection: Connection, approved: dict[tuple[str, str], tuple]
                   ) -> dict[tuple[str, str], set]:
    """The values (element, period, value) inside each approved unit × period."""
    by_unit_year: dict[tuple[str, int], list[tuple[str, tuple]]] = defaultdict(list)
    for (unit, period), (start, end) in approved.items():
        by_unit_year[(unit, start.year)].append((period, (start, end)))  # a period is in one year
    found: dict[tuple[str, str], set] = defaultdict(set)
    if not by_unit_year:
        return found
    rows = connection.execute(
        select(OrgUnit.code, DataElement.code, Period.code, Period.start, Period.end,
               DataValue.value)
        .join(OrgUnit, OrgUnit.id == DataValue.unit_id)
        .join(DataElement, DataElement.id == DataValue.element_id)
        .join(Period, Period.id == DataValue.period_id)
        .where(OrgUnit.code.in_(sorted({unit for unit, _year in by_unit_year}))))
    for unit, element, code, start, end, value in rows:
        for period, (from_day, to_day) in by_unit_year.get((unit, start.year), ()):
            if from_day <= start and end <= to_day:
                found[(unit, period)].add((element, code, value))
    return found


def approvals_lost(current: Connection, incoming: Connection) -> list[str]:
    """The approved unit × periods of `current` that `incoming` loses or changes, as text."""
    here, there = _approved(current), _approved(incoming)
    if not here:
        return []
    lost = sorted(set(here) - set(there))
    both = {pair: span for pair, span in here.items() if pair in there}
    values_here, values_there = _values_inside(current, both), _values_inside(incoming, both)
    changed = sorted(pair for pair in both if values_here.get(pair) != values_there.get(pair))
    return ([t(f"{u} kỳ {p}: mất duyệt", f"{u} {p}: approval lost") for u, p in lost]
            + [t(f"{u} kỳ {p}: số liệu đã duyệt bị thay đổi", f"{u} {p}: approved values changed")
               for u, p in changed])


def describe(losses: list[str]) -> str:
    shown = "; ".join(losses[:SHOWN])
    if len(losses) > SHOWN:
        shown += t(f"; và {len(losses) - SHOWN} kỳ nữa", f"; and {len(losses) - SHOWN} more")
    return shown


def refusal(action: str, losses: list[str]) -> UserError:
    """Not confirmed: one sentence naming the action and the periods."""
    return UserError(t(f"{action} sẽ làm mất hoặc thay đổi kỳ đã duyệt ({describe(losses)}); "
                       "cần người duyệt xác nhận; không thay đổi gì.",
                       f"{action} would lose or change approved periods ({describe(losses)}); "
                       "an approver must confirm; nothing was changed."), losses)


def record_loss(connection: Connection, what: str, losses: list[str], user: str) -> None:
    """The audit row, in the replaced database, of a confirmed loss of approvals."""
    _record(connection, audit.entry("lock", what, "approvals-dropped", user=user,
                                    old=describe(losses)[:2000],
                                    reason=t("người duyệt đã xác nhận", "confirmed by an approver")))


def _record(connection: Connection, row: dict) -> None:
    """An audit row written on a connection of the replaced database."""
    connection.execute(AuditEntry.__table__.insert().values(**row))


Confirm = Callable[[list[str]], bool]
SignIn = Callable[[Session], None]


def restore_checked(database: Path, source: Path, *, sign_in: SignIn,
                    confirm: Confirm) -> tuple[Path | None, list[str]]:
    """`backup.restore_database` after the schema check, the authorisation rule and, when
    approvals would be lost, an approver's confirmation; (kept old file, losses)."""
    from desktop.data.backup import restore_database

    database, source = Path(database).resolve(), Path(source).resolve()
    losses, user = check_restore(database, source, sign_in=sign_in, confirm=confirm)
    kept = restore_database(database, source)
    restored = open_database(database)
    try:
        with restored.engine.begin() as connection:
            _record(connection, audit.entry("database", source.name, "restore", user=user,
                                            old=kept.name if kept else None))
            if losses:
                record_loss(connection, f"restore:{source.name}", losses, user)
    finally:
        restored.close()
    return kept, losses


def check_restore(database: Path, source: Path, *, sign_in: SignIn,
                  confirm: Confirm = lambda _losses: True) -> tuple[list[str], str]:
    """Every check of `restore_checked`, nothing written: (approvals lost, user to audit).
    The GUI calls it first to show the periods and ask for the approver's password."""
    from desktop.data.backup import check_restorable

    database, source = Path(database).resolve(), Path(source).resolve()
    check_restorable(source)
    with checked_file(source) as incoming:
        return _guard_current(database, incoming, "restore", sign_in, confirm,
                              t(f"Khôi phục từ {source.name}", f"Restoring {source.name}"))


def _guard_current(database: Path, incoming: Connection, action: str, sign_in: SignIn,
                   confirm: Confirm, label: str) -> tuple[list[str], str]:
    """Check `action` and the approvals against the database about to be replaced; a
    file that is missing or not readable as ours has no users or approvals to keep."""
    from desktop.data.database import check_sqlite_file

    try:
        if not database.is_file() or check_sqlite_file(database) is None:
            return [], ""
    except UserError:
        return [], ""
    current = open_database(database)
    try:
        return guard(current, incoming, action, sign_in, confirm, label)
    finally:
        current.close()


def guard(current: Database, incoming: Connection, action: str, sign_in: SignIn,
          confirm: Confirm, label: str) -> tuple[list[str], str]:
    """The rule for replacing `current` with `incoming`: `action` allowed, and any lost
    approval allowed ("drop_approvals") and confirmed; (losses, the user to audit)."""
    with current.session() as session:
        sign_in(session)
        authz.require(session, action)
        user = audit.current_user(session)
    with current.engine.connect() as connection:
        losses = approvals_lost(connection, incoming)
        granted = grants(connection, incoming, set(_approved(connection)),
                         set(_approved(incoming)), audit.signed_in_user())
    if granted:
        with current.session() as session:
            refuse_grants(session, label, granted)
    if losses:
        with current.session() as session:
            authz.require(session, "drop_approvals")
        if not confirm(losses):
            raise refusal(label, losses)
    return losses, user
