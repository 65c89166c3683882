"""Statements sent as written (desktop.data.sent) and the write path built on them,
on every backend: the same rows, times and dates as through SQLAlchemy's types."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import IntegrityError

from desktop.data import sent
from desktop.data.models import AuditEntry, DataValue, Period
from desktop.data.office import init_office
from desktop.data.units import add_unit
from desktop.data.values import ValueInput, write_values
from desktop.errors import ConflictError
from desktop.periods import parse_period

UNIT = "H38TS-X01"


@pytest.fixture
def office(db):
    with db.session() as session:
        init_office(session, province="Thanh Hóa", province_code="T38", unit_code="H38TS",
                    unit_name="Huyện Triệu Sơn", level="huyen", plans=["TH-2016"])
        add_unit(session, UNIT, "Xã Dân Lực", "xa", parent_code="H38TS",
                 valid_from=dt.date(2020, 1, 1))
    return db


def test_a_time_written_as_sent_reads_back_through_the_orm(office):
    when = dt.datetime(2026, 11, 21, 8, 5, 0)  # no microseconds: the form must still match
    with office.session() as session:
        sent.run(session, 'INSERT INTO audit_entry (at, "user", entity, entity_key, action, '
                          "old, new, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 (sent.timestamp(session, when), "Lan", "value", "k", "insert", None, "1", ""))
    with office.session() as session:
        assert session.scalar(select(AuditEntry.at).where(AuditEntry.entity_key == "k")) == when


def test_a_date_read_as_sent_is_a_date(office):
    with office.session() as session:
        (stored,), = sent.fetch(session, "SELECT valid_from FROM org_unit WHERE code = ?", (UNIT,))
        assert sent.date_of(session, stored) == dt.date(2020, 1, 1)
        assert sent.date_of(session, None) is None


def test_pending_orm_changes_are_flushed_before_a_statement(office):
    with office.session() as session:
        spec = parse_period("2031Q2")
        session.add(Period(code=spec.code, kind=spec.kind, year=spec.year, number=spec.number,
                           start=spec.start, end=spec.end))
        assert sent.fetch(session, "SELECT code FROM period WHERE code = ?", ("2031Q2",)) == [
            ("2031Q2",)]


def test_a_statement_without_parameters_keeps_its_percent_signs(office):
    """Markers are read only where there are parameters: psycopg takes `%` for one."""
    with office.session() as session:
        assert [tuple(row) for row in sent.fetch(session, "SELECT '60,5 %'")] == [("60,5 %",)]
        assert [tuple(row) for row in sent.fetch(session, "SELECT ?", ("15.945",))] == [
            ("15.945",)]


def test_ids_are_written_in_as_integers_only():
    assert sent.id_list([3, 10]) == "3, 10"
    assert sent.markers(3) == "?, ?, ?"
    with pytest.raises(ValueError):
        sent.id_list(["1) OR (1=1"])


def test_every_write_statement_is_seen_by_the_cursor_listeners(office):
    """The caches' write counter and the benchmark's recorder see what is sent."""
    seen = []

    def record(_conn, _cursor, statement, *_args):  # noqa: ANN001
        seen.append(" ".join(statement.split()[0:3:2]))

    event.listen(office.engine, "before_cursor_execute", record)
    try:
        with office.session() as session:
            write_values(session, [ValueInput(UNIT, "STAFF", "2024Q1", 20)], user="Lan")
    finally:
        event.remove(office.engine, "before_cursor_execute", record)
    assert {"INSERT data_value", "INSERT audit_entry", "INSERT year_value"} <= set(seen)


def test_values_loaded_in_the_session_are_read_again_after_a_write(office):
    with office.session() as session:
        write_values(session, [ValueInput(UNIT, "STAFF", "2024Q1", 20)], user="Lan")
    with office.session() as session:
        loaded = session.scalars(select(DataValue)).one()
        assert (loaded.value, loaded.version) == (20, 1)
        write_values(session, [ValueInput(UNIT, "STAFF", "2024Q1", 21)], user="Lan")
        assert (loaded.value, loaded.version) == (21, 2)
        write_values(session, [ValueInput(UNIT, "STAFF", "2024Q1", None)], user="Lan")
        assert session.scalars(select(DataValue)).all() == []


def test_a_written_value_carries_its_time_user_and_audit_row(office):
    before = dt.datetime.now()
    with office.session() as session:
        write_values(session, [ValueInput(UNIT, "STAFF", "2024Q1", 20, comment="đủ")], user="Lan")
    with office.session() as session:
        value = session.execute(select(DataValue.comment, DataValue.changed_by,
                                       DataValue.version, DataValue.changed_at)).one()
        audit_row = session.execute(select(
            AuditEntry.user, AuditEntry.entity_key, AuditEntry.action, AuditEntry.new,
            AuditEntry.at).where(AuditEntry.entity == "value")).one()
    assert value[:3] == ("đủ", "Lan", 1)
    assert audit_row[:4] == ("Lan", f"{UNIT}/STAFF/2024Q1", "insert", "20")
    assert before <= value.changed_at <= audit_row.at <= dt.datetime.now()


def test_a_driver_error_is_raised_as_sqlalchemys_own(office):
    """What desktop.data.concurrency and every caller catch: SQLAlchemy's errors, with
    the driver's error inside, on the cursor path as through SQLAlchemy."""
    with office.session() as session:
        with pytest.raises(IntegrityError) as raised:
            sent.run(session, "INSERT INTO org_unit (code) VALUES (?)", ("X",))
        assert isinstance(raised.value.orig, session.get_bind().dialect.loaded_dbapi.Error)
        session.rollback()


@pytest.mark.sqlite_only
def test_a_busy_file_is_a_conflict_and_nothing_is_written(office, table_hashes):
    """Another program holds the write lock: the batch is refused as a conflict."""
    before = table_hashes(office)
    other = sqlite3.connect(office.path, timeout=0, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        session = office.make_session()
        session.connection().exec_driver_sql("PRAGMA busy_timeout = 0")
        with pytest.raises(ConflictError):
            write_values(session, [ValueInput(UNIT, "STAFF", "2024Q1", 20)])
        session.rollback()
        session.close()
    finally:
        other.rollback()
        other.close()
    assert table_hashes(office) == before

