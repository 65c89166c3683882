"""`transfer`, checked: both schemas sound, and replacing data is an approver's action.

Before a whole database is copied, the source's schema (and the target's,
when it exists) must be what the migrations create (`schema_check`);
with `replace`, replacing the target's data is checked by the one rule
(`authz` "replace_database", the signed-in user of the TARGET), and
approvals of the target that the source would lose or change need an
approver's confirmation and are written in the target's audit trail
(`approval_guard`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.engine import Connection

from desktop.data.approval_guard import Confirm, SignIn, guard, record_loss
from desktop.data.database import check_sqlite_file, is_url, open_database
from desktop.data.schema_check import checked_file, require_sound
from desktop.data.transfer import TransferReport, shown, transfer
from desktop.i18n import t


@contextlib.contextmanager
def _source(source: str) -> Iterator[Connection]:
    if not is_url(source):
        with checked_file(Path(source).expanduser()) as connection:
            yield connection
        return
    database = open_database(source)
    try:
        with database.engine.connect() as connection:
            require_sound(connection, shown(source))
            yield connection
    finally:
        database.close()


def _target_exists(target: str) -> bool:
    if is_url(target):
        return True
    path = Path(target).expanduser()
    return path.is_file() and check_sqlite_file(path) is not None


def transfer_checked(source: str, target: str, *, replace: bool, sign_in: SignIn,
                     confirm: Confirm) -> tuple[TransferReport, list[str]]:
    """`transfer.transfer` after the checks above; (report, approvals lost)."""
    from desktop.data.transfer import _refuse_missing_file

    _refuse_missing_file(source)
    losses, user = [], ""
    with _source(source) as incoming:
        if _target_exists(target):
            current = open_database(target)
            try:
                with current.engine.connect() as connection:
                    require_sound(connection, shown(target))
                if replace:
                    losses, user = guard(current, incoming, "replace_database", sign_in, confirm,
                                         t(f"Thay dữ liệu của {shown(target)}",
                                           f"Replacing the data of {shown(target)}"))
            finally:
                current.close()
    report = transfer(source, target, replace=replace)
    if losses:
        replaced = open_database(target)
        try:
            with replaced.engine.begin() as connection:
                record_loss(connection, f"transfer:{shown(source)}"[:200], losses, user)
        finally:
            replaced.close()
    return report, losses
