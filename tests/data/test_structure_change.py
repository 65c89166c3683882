"""The structure counter a server database keeps by triggers (migration 0004), and
what the caches make of it (desktop.data.cache)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from desktop.data.cache import VALUE_TABLES
from desktop.data.models import Base
from desktop.data.schema_check import schema_problems
from desktop.data.units import add_unit, rename_unit
from desktop.data.values import ValueInput, write_values
from desktop.engine.scope import UnitTree


def counter(database) -> int:
    with database.engine.connect() as connection:
        return connection.execute(text("SELECT counter FROM structure_change")).scalar_one()


def test_the_counter_is_one_row_on_every_backend(db) -> None:
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT id, counter FROM structure_change")).all() == [
            (1, 0)]


def test_every_table_but_the_values_has_the_trigger_on_a_server(office_db, backend) -> None:
    if backend != "postgresql":
        pytest.skip("the triggers are a server's (SQLite has PRAGMA data_version)")
    with office_db.engine.connect() as connection:
        found = {(row.event_object_table, row.event_manipulation) for row in connection.execute(
            text("SELECT event_object_table, event_manipulation FROM information_schema.triggers "
                 "WHERE trigger_name LIKE 'itplan_structure_%'"))}
    tables = set(Base.metadata.tables) - VALUE_TABLES - {"structure_change"}
    assert found == {(table, change) for table in tables
                     for change in ("INSERT", "UPDATE", "DELETE")}


def test_structure_writes_raise_it_and_value_writes_do_not(office_db, backend) -> None:
    if backend != "postgresql":
        pytest.skip("the triggers are a server's")
    before = counter(office_db)
    with office_db.session() as session:
        write_values(session, [ValueInput("X01", "STAFF", "2024Q1", 12.0)])
    assert counter(office_db) == before
    with office_db.session() as session:
        rename_unit(session, "X01", "Xã Một mới")
    assert counter(office_db) > before


def test_a_kept_tree_is_used_until_another_connection_changes_a_unit(office_db) -> None:
    with office_db.session() as reader:
        first = UnitTree.of(reader)
        reader.commit()
        assert UnitTree.of(reader) is first  # nothing changed: kept
        reader.commit()
        with office_db.session() as writer:
            add_unit(writer, "X06", "Xã Sáu", "xa", "area", "H01")
        assert "X06" in UnitTree.of(reader).by_code


def test_a_rolled_back_change_is_not_kept_under_a_later_counter(office_db) -> None:
    """A writer that rolled back its unit, then another connection's change that brings
    the counter to the same number: the rolled-back unit is not served."""
    with office_db.session() as session:
        add_unit(session, "X07", "Xã Bảy", "xa", "area", "H01")
        assert "X07" in UnitTree.of(session).by_code
        session.rollback()
        with office_db.session() as other:
            add_unit(other, "X08", "Xã Tám", "xa", "area", "H01")
        tree = UnitTree.of(session)
        assert "X07" not in tree.by_code and "X08" in tree.by_code


def test_a_server_without_a_trigger_fails_the_schema_check(office_db, backend) -> None:
    if backend != "postgresql":
        pytest.skip("the triggers are a server's")
    with office_db.engine.begin() as connection:
        assert schema_problems(connection) == []
        connection.execute(text("DROP TRIGGER itplan_structure_org_unit ON org_unit"))
        problems = schema_problems(connection)
    assert [p.message for p in problems] == ["thiếu trigger itplan_structure_org_unit"]


def test_without_the_counter_row_nothing_is_kept_and_nothing_stale_is_served(office_db,
                                                                              backend):
    """A counter row removed by hand: every job reads afresh (slower, never wrong)."""
    if backend != "postgresql":
        pytest.skip("SQLite keeps its caches by PRAGMA data_version, not by the row")
    with office_db.engine.begin() as connection:
        connection.execute(text("DELETE FROM structure_change"))
    with office_db.session() as reader:
        first = UnitTree.of(reader)
        assert UnitTree.of(reader) is not first
        reader.commit()
        with office_db.session() as writer:
            add_unit(writer, "X09", "Xã Chín", "xa", "area", "H01")
        assert "X09" in UnitTree.of(reader).by_code
