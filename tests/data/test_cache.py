"""The per-connection caches: kept across value writes, dropped by any other change,
on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from desktop.data.cache import changes_structure
from desktop.data.units import add_unit
from desktop.data.values import ValueInput, write_values
from desktop.engine.scope import UnitTree


@pytest.mark.parametrize(("statement", "expected"), [
    ("SELECT * FROM org_unit", False),
    ("  select 1", False),
    ("SAVEPOINT sa_savepoint_1", False),
    ("RELEASE SAVEPOINT sa_savepoint_1", False),
    ("INSERT INTO data_value (unit_id) VALUES (?)", False),
    ('INSERT INTO "year_value" (unit_id) VALUES (?)', False),
    ("UPDATE data_value SET value=? WHERE id = ?", False),
    ("DELETE FROM audit_entry WHERE id > 3", False),
    ("INSERT OR REPLACE INTO submission (unit_id) VALUES (?)", False),
    ("INSERT INTO org_unit (code) VALUES (?)", True),
    ("UPDATE plan SET name=?", True),
    ("DELETE FROM data_element", True),
    ("UPDATE data_value_shadow SET x=1", True),
    ("CREATE TABLE t (x)", True),
    ("WITH x AS (SELECT 1) DELETE FROM org_unit", True),
    ("WITH x AS (SELECT 1) INSERT INTO data_value SELECT * FROM x", True),
    ("WITH scope (unit_id) AS (VALUES (2), (3)) SELECT s.unit_id, updated FROM scope s", False),
    ("ROLLBACK TO SAVEPOINT sa_savepoint_1", False),
    ("PRAGMA foreign_keys = OFF", True),
])
def test_statements_are_classified(statement: str, expected: bool) -> None:
    assert changes_structure(statement) is expected
    assert changes_structure(statement) is expected  # the answer kept for the text
    assert changes_structure("".join(statement)) is expected  # an equal text, not the same


def test_the_answers_kept_are_bounded(monkeypatch) -> None:
    from desktop.data import cache

    monkeypatch.setattr(cache, "_CLASSIFIED", {})
    monkeypatch.setattr(cache, "CLASSIFIED_KEPT", 3)
    for number in range(10):
        assert changes_structure(f"SELECT {number}") is False
        assert len(cache._CLASSIFIED) <= 3
    assert changes_structure("UPDATE plan SET name=?") is True
    long_read = "WITH s (unit_id) AS (VALUES " + ", ".join(f"({i})" for i in range(9000)) + \
        ") SELECT unit_id FROM s"
    assert len(long_read) > cache.CLASSIFIED_LONGEST
    assert changes_structure(long_read) is False
    assert long_read not in cache._CLASSIFIED
    assert changes_structure(long_read.replace("SELECT", "DELETE FROM org_unit; SELECT")) is True


def test_value_writes_keep_the_tree_in_their_transaction(office_db) -> None:
    with office_db.session() as session:
        before = UnitTree.of(session)
        write_values(session, [ValueInput("X01", "STAFF", "2024Q1", 12.0)])
        write_values(session, [ValueInput("X02", "STAFF", "2024Q2", 3.0)])
        assert UnitTree.of(session) is before


def test_a_new_unit_is_seen_at_once_and_forgotten_on_rollback(office_db) -> None:
    with office_db.session() as session:
        assert "X03" not in UnitTree.of(session).by_code
        add_unit(session, "X03", "Xã Ba", "xa", "area", "H01")
        assert "X03" in UnitTree.of(session).by_code
        session.rollback()
        assert "X03" not in UnitTree.of(session).by_code


def test_a_savepoint_rolled_back_drops_what_it_showed(office_db) -> None:
    with office_db.session() as session:
        nested = session.begin_nested()
        add_unit(session, "X04", "Xã Bốn", "xa", "area", "H01")
        assert "X04" in UnitTree.of(session).by_code
        nested.rollback()
        assert "X04" not in UnitTree.of(session).by_code


def test_rolling_back_value_writes_keeps_the_tree(office_db) -> None:
    with office_db.session() as session:
        before = UnitTree.of(session)
        nested = session.begin_nested()
        write_values(session, [ValueInput("X01", "STAFF", "2024Q1", 12.0)])
        nested.rollback()
        assert UnitTree.of(session) is before


def test_another_connection_commit_is_seen(office_db) -> None:
    with office_db.session() as reader:
        assert "X05" not in UnitTree.of(reader).by_code
        reader.commit()
        with office_db.session() as writer:
            add_unit(writer, "X05", "Xã Năm", "xa", "area", "H01")
            writer.commit()
        assert "X05" in UnitTree.of(reader).by_code


def test_within_one_transaction_the_structure_is_read_once(office_db, backend) -> None:
    """The mark of other connections' changes is read once per transaction: the
    transaction that kept the tree keeps it after another connection's commit (on
    SQLite it reads one snapshot anyway; on PostgreSQL its later statements see the
    commit), and the next one reads both anew."""
    from sqlalchemy import func, select

    from desktop.data.models import OrgUnit

    with office_db.session() as reader:
        before = UnitTree.of(reader)
        with office_db.session() as writer:
            add_unit(writer, "X06", "Xã Sáu", "xa", "area", "H01")
        assert UnitTree.of(reader) is before
        counted = reader.scalar(select(func.count()).select_from(OrgUnit))
        assert counted == len(before.units) + (backend == "postgresql")
        reader.commit()
        assert "X06" in UnitTree.of(reader).by_code


def test_no_cached_loader_reads_a_value_table(office_db, monkeypatch) -> None:
    """What a write to VALUE_TABLES keeps must not come from those tables."""
    import re

    from sqlalchemy import event

    from desktop.data import cache
    from desktop.engine.progress import progress
    from desktop.intake.checks import BatchContext

    read: list[str] = []
    loading = [False]

    @event.listens_for(office_db.engine, "before_cursor_execute")
    def _record(_conn, _cursor, statement, *_args):  # noqa: ANN001
        if loading[0]:
            read.append(statement)

    real = cache.cached

    def recording(session, name, load):  # noqa: ANN001
        def wrapped():
            loading[0] = True
            try:
                return load()
            finally:
                loading[0] = False
        return real(session, name, wrapped)

    monkeypatch.setattr(cache, "cached", recording)
    for module in ("desktop.engine.scope", "desktop.engine.layout",
                   "desktop.engine.readings",
                   "desktop.data.values"):
        monkeypatch.setattr(f"{module}.cached", recording)
    with office_db.session() as session:
        progress(session, "TH-2016", "H01", "2024Q1", by_unit=True)
        progress(session, "TH-2016", "H01", "2024", by_unit=True)
        BatchContext().rules_of(session)
    assert read, "the jobs read through the caches"
    tables = "|".join(sorted(cache.VALUE_TABLES))
    assert not [s for s in read if re.search(rf"\b(?:FROM|JOIN)\s+\"?(?:{tables})\b", s, re.I)]


def test_a_driver_that_begins_only_to_write_reads_the_counter_every_time(tmp_path) -> None:
    """The per-transaction reading needs SQLite's own transaction: with the sqlite3
    module left to begin one only before a write, each read sees the latest commits."""
    import sqlite3

    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from desktop.data import cache

    engine = create_engine(f"sqlite:///{tmp_path / 'plain.sqlite'}")
    with Session(engine) as session:
        assert cache.cached(session, "n", lambda: 1) == 1
        other = sqlite3.connect(tmp_path / "plain.sqlite")
        other.execute("CREATE TABLE t (x)")
        other.commit()
        other.close()
        assert cache.cached(session, "n", lambda: 2) == 2  # the other commit was seen
    engine.dispose()


def test_a_commune_added_elsewhere_is_listed_by_the_next_progress(office_db) -> None:
    """The progress layout (sub-units listed, sums statement) is kept with the caches:
    another program's commit of a unit drops it like the unit tree."""
    from desktop.data.database import open_database
    from desktop.engine.progress import progress

    def listed(session) -> set[str]:
        return {row.unit for row in progress(session, "TH-2016", "H01", "2024", by_unit=True)}

    other = open_database(office_db.url)
    try:
        with office_db.session() as reader:
            before = listed(reader)
            assert "X07" not in before and before == listed(reader)
            reader.commit()
            with other.session() as writer:
                add_unit(writer, "X07", "Xã Bảy", "xa", "area", "H01")
            assert listed(reader) == before | {"X07"}
    finally:
        other.close()


def test_an_assessors_score_entered_elsewhere_is_in_the_next_ranking(office_db) -> None:
    """The assessors' scores are kept with the caches: a score another connection enters
    must reach this connection's next transaction, on both databases."""
    from desktop.assess.scoring import score_units
    from desktop.assess.store import enter_score, get_set

    def points_of_x01(session, assessment, criterion: str, year: int) -> float:
        rows = score_units(session, assessment, str(year), "H01")
        unit = next(row for row in rows if row.unit == "X01")
        return next(c.points for c in unit.criteria if c.code == criterion)

    with office_db.session() as reader:
        assessment = get_set(reader, "VD-DTI-XA")
        criterion = next(c for c in assessment.criteria if c.rule.kind == "assessor")
        year = assessment.year_from
        assert points_of_x01(reader, assessment, criterion.code, year) == 0
        reader.commit()
        with office_db.session() as writer:
            enter_score(writer, assessment, criterion.code, "X01", year, criterion.max_points)
        assert points_of_x01(reader, assessment, criterion.code, year) == criterion.max_points
