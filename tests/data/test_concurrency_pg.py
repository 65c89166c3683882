"""Several clerks writing at once on a PostgreSQL server (real threads).

Each test makes one clerk hold an open transaction, starts a second clerk in
a thread, waits until the server reports that second clerk waiting on a lock,
then lets the first one commit: the interleaving is forced, not hoped for.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select, text

from desktop.data.database import open_database
from desktop.data.migrations import HEAD_REVISION
from desktop.data.models import DataElement, DataValue, OrgUnit, Period
from desktop.data.office import init_office
from desktop.data.units import add_unit
from desktop.data.values import ValueInput, write_values
from desktop.errors import ConflictError


@pytest.fixture
def server_db(pg_server):
    url = pg_server.create(migrated=True)
    database = open_database(url)
    with database.session() as session:
        init_office(session, province="Thanh Hóa", province_code="T38", unit_code="H38TS",
                    unit_name="Huyện Triệu Sơn", level="huyen", plans=["TH-2016"])
        add_unit(session, "H38TS-X01", "Xã Dân Lực", "xa", parent_code="H38TS")
        add_unit(session, "H38TS-X02", "Xã Dân Lý", "xa", parent_code="H38TS")
    yield database
    database.close()
    pg_server.drop(url)


def wait_until_someone_waits_for_a_lock(database, limit: float = 30.0) -> None:
    """Return once another connection of this database waits on a lock."""
    deadline = time.monotonic() + limit
    query = text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                 "AND wait_event_type = 'Lock'")
    with database.engine.connect() as watcher:
        while time.monotonic() < deadline:
            waiting = watcher.execute(query).scalar()
            watcher.commit()  # pg_stat_activity is a snapshot per transaction
            if waiting:
                return
    raise AssertionError("the second clerk never waited for the first")


def clerk_saves(database, items, user):
    with database.session() as session:
        return write_values(session, items, user=user)


def values(database, element="STAFF"):
    with database.session() as session:
        return dict(session.execute(
            select(OrgUnit.code, DataValue.value)
            .join(OrgUnit, OrgUnit.id == DataValue.unit_id)
            .join(DataElement, DataElement.id == DataValue.element_id)
            .join(Period, Period.id == DataValue.period_id)
            .where(Period.code == "2026Q1", DataElement.code == element)).all())


def test_two_clerks_on_different_units_in_a_new_period_both_succeed(server_db):
    first = server_db.make_session()
    try:
        # the first clerk opens 2026Q1 (a new period row) and has not committed yet
        write_values(first, [ValueInput("H38TS-X01", "STAFF", "2026Q1", 20)], user="Lan")
        with ThreadPoolExecutor(1) as pool:
            second = pool.submit(clerk_saves, server_db,
                                 [ValueInput("H38TS-X02", "STAFF", "2026Q1", 31)], "Minh")
            wait_until_someone_waits_for_a_lock(server_db)
            first.commit()
            assert second.result(timeout=60).inserted == 1
    finally:
        first.close()
    assert values(server_db) == {"H38TS-X01": 20, "H38TS-X02": 31}
    with server_db.session() as session:
        assert session.scalar(select(text("count(*)")).select_from(Period).where(
            Period.code == "2026Q1")) == 1


def test_different_units_do_not_wait_for_each_other(server_db):
    with server_db.session() as session:  # the period exists: nothing shared
        write_values(session, [ValueInput("H38TS-X01", "PCS", "2026Q1", 1)])
    first = server_db.make_session()
    try:
        write_values(first, [ValueInput("H38TS-X01", "STAFF", "2026Q1", 20)], user="Lan")
        with ThreadPoolExecutor(1) as pool:
            second = pool.submit(clerk_saves, server_db,
                                 [ValueInput("H38TS-X02", "STAFF", "2026Q1", 31)], "Minh")
            # finishes while the first clerk still holds its transaction open
            assert second.result(timeout=60).inserted == 1
        first.commit()
    finally:
        first.close()
    assert values(server_db) == {"H38TS-X01": 20, "H38TS-X02": 31}


def test_same_value_at_once_the_second_clerk_is_told(server_db):
    with server_db.session() as session:
        write_values(session, [ValueInput("H38TS-X01", "STAFF", "2026Q1", 20)])
        shown = session.scalar(select(DataValue.version))
    first = server_db.make_session()
    try:
        write_values(first, [ValueInput("H38TS-X01", "STAFF", "2026Q1", 21,
                                        expected_version=shown)], user="Lan")
        with ThreadPoolExecutor(1) as pool:
            second = pool.submit(clerk_saves, server_db, [ValueInput(
                "H38TS-X01", "STAFF", "2026Q1", 25, expected_version=shown)], "Minh")
            wait_until_someone_waits_for_a_lock(server_db)
            first.commit()
            with pytest.raises(ConflictError, match="Lan"):
                second.result(timeout=60)
    finally:
        first.close()
    assert values(server_db) == {"H38TS-X01": 21}


def test_same_unit_at_once_keeps_the_year_value_right(server_db):
    """Two quarters of one flow element saved at once: the year is their sum."""
    first = server_db.make_session()
    try:
        write_values(first, [ValueInput("H38TS-X01", "DOCS_SENT", "2026Q1", 100)])
        with ThreadPoolExecutor(1) as pool:
            second = pool.submit(clerk_saves, server_db,
                                 [ValueInput("H38TS-X01", "DOCS_SENT", "2026Q2", 50)], "Minh")
            wait_until_someone_waits_for_a_lock(server_db)
            first.commit()
            second.result(timeout=60)
    finally:
        first.close()
    with server_db.session() as session:
        year = session.execute(text("SELECT value FROM year_value WHERE year = 2026")).scalar()
    assert year == 150


def test_clerks_opening_a_new_database_at_once_migrate_it_once(pg_server):
    url = pg_server.create(migrated=False)
    start = threading.Barrier(3)

    def clerk_opens():
        start.wait(timeout=30)
        database = open_database(url)
        with database.session() as session:
            found = session.scalar(text("SELECT version_num FROM alembic_version"))
        database.close()
        return found

    try:
        with ThreadPoolExecutor(3) as pool:
            revisions = [f.result(timeout=120) for f in [pool.submit(clerk_opens)
                                                         for _ in range(3)]]
    finally:
        pg_server.drop(url)
    assert revisions == [HEAD_REVISION] * 3


def test_a_clerk_is_told_instead_of_waiting_forever(pg_server, monkeypatch):
    from desktop.data import pg
    from desktop.data.catalogue import load_catalogue

    monkeypatch.setattr(pg, "LOCK_TIMEOUT_MS", 300)
    url = pg_server.create(migrated=True)
    database = open_database(url)
    try:
        with database.session() as session:
            load_catalogue(session)
            add_unit(session, "X01", "Xã Dân Lực", "xa")
            write_values(session, [ValueInput("X01", "STAFF", "2026Q1", 1)])
        forgotten = database.make_session()  # left open with the unit locked
        write_values(forgotten, [ValueInput("X01", "STAFF", "2026Q1", 2)])
        with pytest.raises(ConflictError, match="đang được người khác ghi"), \
                database.session() as session:
            write_values(session, [ValueInput("X01", "STAFF", "2026Q1", 3)])
        forgotten.rollback()
        forgotten.close()
    finally:
        database.close()
        pg_server.drop(url)


def test_two_structure_edits_at_once_take_turns(server_db):
    """The structure counter's row is taken before the rows a change writes: the second
    editor waits for the first instead of holding a unit the first one needs next."""
    from desktop.data.units import rename_unit

    def second_editor():
        with server_db.session() as session:
            rename_unit(session, "H38TS-X02", "Xã Dân Lý (Minh)")

    first = server_db.make_session()
    try:
        rename_unit(first, "H38TS-X01", "Xã Dân Lực (Lan)")
        first.flush()  # sent: the unit's row and the counter's are held
        with ThreadPoolExecutor(1) as pool:
            second = pool.submit(second_editor)
            wait_until_someone_waits_for_a_lock(server_db)
            rename_unit(first, "H38TS-X02", "Xã Dân Lý (Lan)")  # not held by the second
            first.flush()
            first.commit()
            second.result(timeout=60)
    finally:
        first.close()
    with server_db.session() as session:
        names = dict(session.execute(select(OrgUnit.code, OrgUnit.name).where(
            OrgUnit.code.in_(["H38TS-X01", "H38TS-X02"]))).all())
    assert names == {"H38TS-X01": "Xã Dân Lực (Lan)", "H38TS-X02": "Xã Dân Lý (Minh)"}


@pytest.mark.parametrize("state", ["55P03", "40P01"])
def test_a_lock_timeout_or_a_broken_deadlock_is_a_conflict(state):
    """What the server says when it gave up waiting, or broke a deadlock, reaches the
    clerk as "try again", not as a database error."""
    from sqlalchemy.exc import OperationalError

    from desktop.data.concurrency import conflicts_reported

    class ServerError(Exception):
        sqlstate = state

    with pytest.raises(ConflictError, match="thử lại"), conflicts_reported():
        raise OperationalError("UPDATE org_unit …", {}, ServerError("server message"))
