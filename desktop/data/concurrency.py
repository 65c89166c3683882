"""Several clerks at once: per-unit write locks and lost-update detection.

On a PostgreSQL server several clerks write at the same time. Each write
locks the rows of the units it touches (`FOR NO KEY UPDATE`, in id order so
two writers never deadlock): writes to different units run side by side,
writes to the same unit take turns, and the derived yearly values are always
computed from committed data. A value is never silently overwritten: the
caller may pass the version it showed the clerk (`expected_version`), and
the row's version column is checked again by the UPDATE itself
(`… WHERE id = ? AND version = ?`, desktop.data.values), so a change made
in between is reported as a ConflictError. SQLite has one writer at a time; there a writer that finds
the file busy is told the same way, as is a clerk on the server who waited
longer than the server's lock timeout (desktop.data.pg.LOCK_TIMEOUT_MS).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator

from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from desktop.data.models import OrgUnit
from desktop.errors import ConflictError
from desktop.i18n import t

BUSY_STATES = frozenset({"55P03", "40P01"})  # lock_not_available, deadlock_detected


def lock_units(session: Session, unit_ids: Iterable[int]) -> None:
    """Hold the write lock of these units until the transaction ends (a no-op on SQLite)."""
    ids = sorted(set(unit_ids))
    if ids and session.get_bind().dialect.name != "sqlite":
        session.execute(select(OrgUnit.id).where(OrgUnit.id.in_(ids))
                        .order_by(OrgUnit.id).with_for_update(key_share=True)).all()


def changed_meanwhile() -> ConflictError:
    return ConflictError(t(
        "Số liệu vừa được người khác sửa trong lúc bạn ghi; không ghi gì. "
        "Hãy tải lại để xem giá trị mới rồi nhập lại.",
        "Someone else changed these values while you were saving; nothing was written. "
        "Reload to see the new values, then enter yours again."))


@contextlib.contextmanager
def conflicts_reported() -> Iterator[None]:
    """Turn a lost-update check or a busy SQLite file into a ConflictError."""
    try:
        yield
    except StaleDataError as exc:
        raise changed_meanwhile() from exc
    except OperationalError as exc:
        # SQLite: "database is locked"; PostgreSQL: lock_timeout (SQLSTATE 55P03) or a
        # deadlock broken by the server (40P01: two transactions changing the structure
        # both wait for the other's rows and the structure counter's)
        if "locked" not in str(exc.orig).lower() and getattr(
                exc.orig, "sqlstate", "") not in BUSY_STATES:
            raise
        raise ConflictError(t(
            "Cơ sở dữ liệu đang được người khác ghi; không ghi gì. Hãy thử lại sau giây lát.",
            "Someone else is writing to the database; nothing was written. Try again shortly.")
        ) from exc
