"""Opening databases: migrations, refusing files that are not ours, pragmas, backups."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

import desktop.data.database as database_module
from desktop.data.backup import backup_file
from desktop.data.database import APP_MARKER, open_database
from desktop.data.migrations import HEAD_REVISION, KNOWN_REVISIONS
from desktop.data.models import AuditEntry, Base, DataValue, Setting
from desktop.errors import DatabaseFileError

TABLES = set(Base.metadata.tables)


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        return {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table'")}


def _our_database(path: Path, audit_rows: int = 0) -> Path:
    """A real database of ours, with `audit_rows` rows to make it span many pages."""
    database = open_database(path)
    with database.session() as session:
        session.add_all(AuditEntry(at=dt.datetime(2026, 1, 1), entity="value",
                                   entity_key=f"X{i:05d}/STAFF/2024", action="insert",
                                   new="x" * 60) for i in range(audit_rows))
    database.close()
    return path


def _set_revision(path: Path, revision: str) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    connection.close()


def test_an_empty_file_is_migrated_to_head(tmp_path):
    path = tmp_path / "new.sqlite"
    database = open_database(path)
    database.close()
    assert TABLES <= _tables(path)
    assert {"org_unit", "data_value", "target", "audit_entry", "alembic_version"} <= _tables(path)
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (HEAD_REVISION,)]
        assert connection.execute("SELECT value FROM setting WHERE key='app'").fetchone() == (
            APP_MARKER,)
    connection.close()


def test_a_zero_byte_file_is_treated_as_new(tmp_path):
    path = tmp_path / "empty.sqlite"
    path.write_bytes(b"")
    open_database(path).close()
    assert TABLES <= _tables(path)


def test_an_existing_database_reopens_with_its_data(tmp_path):
    path = tmp_path / "ours.sqlite"
    database = open_database(path)
    with database.session() as session:
        session.add(Setting(key="office_unit", value="H01"))
    database.close()
    again = open_database(path)
    with again.session() as session:
        assert session.get(Setting, "office_unit").value == "H01"
    again.close()


def test_reopening_an_up_to_date_database_takes_no_backup(tmp_path):
    path = _our_database(tmp_path / "ours.sqlite")
    open_database(path, backup_dir=tmp_path / "backups").close()
    assert not (tmp_path / "backups").exists()


def _refused(path: Path, file_hash, *words: str) -> str:
    before = file_hash(path)
    with pytest.raises(DatabaseFileError) as caught:
        open_database(path)
    message = caught.value.message
    assert str(path) in message
    assert "\n" not in message
    for word in words:
        assert word in message
    assert file_hash(path) == before, "the refused file was changed"
    return message


def test_a_text_file_is_refused_untouched(tmp_path, file_hash):
    path = tmp_path / "notes.sqlite"
    path.write_text("Danh sách cán bộ\nNguyễn Văn A\n", encoding="utf-8")
    _refused(path, file_hash, "không phải là cơ sở dữ liệu")


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path, file_hash):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO customers (name) VALUES ('Công ty A')")
    connection.close()
    _refused(path, file_hash, "chương trình khác")
    assert _tables(path) == {"customers"}


def test_a_file_with_a_setting_table_but_not_our_marker_is_refused(tmp_path, file_hash):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE setting (key TEXT, value TEXT)")
        connection.execute("CREATE TABLE alembic_version (version_num TEXT)")
        connection.execute("INSERT INTO alembic_version VALUES ('0001')")
    connection.close()
    _refused(path, file_hash, "chương trình khác")


def test_a_damaged_database_is_refused_untouched(tmp_path, file_hash):
    path = _our_database(tmp_path / "damaged.sqlite", audit_rows=3000)
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    pages = len(data) // page_size
    assert pages > 20
    middle = (pages // 2) * page_size
    data[middle:middle + 200] = bytes((7 * i + 3) % 256 for i in range(200))
    path.write_bytes(bytes(data))
    _refused(path, file_hash, "bị hỏng", "sao lưu")


def test_a_truncated_database_is_refused_untouched(tmp_path, file_hash):
    path = _our_database(tmp_path / "cut.sqlite", audit_rows=3000)
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])
    _refused(path, file_hash, "bị hỏng")


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path, file_hash):
    path = _our_database(tmp_path / "newer.sqlite")
    _set_revision(path, "9999")
    message = _refused(path, file_hash, "phiên bản mới hơn", "9999")
    assert "cập nhật" in message


def test_a_folder_is_refused(tmp_path):
    folder = tmp_path / "data.sqlite"
    folder.mkdir()
    with pytest.raises(DatabaseFileError) as caught:
        open_database(folder)
    assert str(folder) in caught.value.message and "thư mục" in caught.value.message
    assert list(folder.iterdir()) == []


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(DatabaseFileError) as caught:
        open_database(tmp_path / "no-such-folder" / "x.sqlite")
    assert "no-such-folder" in caught.value.message


@pytest.mark.sqlite_only
def test_foreign_keys_are_enforced_on_every_connection(db):
    for _ in range(2):
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with pytest.raises(IntegrityError), db.session() as session:
        session.add(DataValue(unit_id=41, element_id=42, period_id=43, value=1,
                              changed_at=dt.datetime(2026, 1, 1)))


@pytest.mark.sqlite_only
def test_journal_is_wal_on_a_local_file_and_writes_are_durable(db):
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_journal_is_delete_on_a_network_share(tmp_path, monkeypatch):
    monkeypatch.setattr(database_module, "is_network_path", lambda path: True)
    database = open_database(tmp_path / "share.sqlite")
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    database.close()


@pytest.mark.parametrize("path, network", [
    ("\\\\server\\share\\itplan.sqlite", True), ("//server/share/itplan.sqlite", True),
])
def test_unc_paths_are_network_paths(path, network):
    assert database_module.is_network_path(Path(path)) is network


def test_a_failed_session_writes_nothing(db):
    with pytest.raises(RuntimeError), db.session() as session:
        session.add(Setting(key="office_unit", value="H01"))
        session.flush()
        raise RuntimeError("interrupted")
    with db.session() as session:
        assert session.get(Setting, "office_unit") is None


def test_backup_file_is_a_complete_consistent_copy(tmp_path):
    # The copy itself is tested here; the migration path below with a pretend
    # newer head, and real migrations from older revisions in test_migrations.py.
    assert HEAD_REVISION in KNOWN_REVISIONS
    path = _our_database(tmp_path / "ours.sqlite", audit_rows=500)
    copy = backup_file(path, tmp_path / "backups", reason="manual")
    assert copy.parent == tmp_path / "backups"
    assert copy.name.startswith("ours-") and copy.name.endswith("-manual.sqlite")
    with sqlite3.connect(copy) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("SELECT count(*) FROM audit_entry").fetchone() == (500,)
    connection.close()


def test_a_backup_is_taken_before_migrating_an_older_schema(tmp_path, monkeypatch):
    path = _our_database(tmp_path / "older.sqlite", audit_rows=10)
    # Pretend this program's head is a newer "9999": the file at today's head is then older.
    monkeypatch.setattr(database_module, "HEAD_REVISION", "9999")
    monkeypatch.setattr(database_module, "KNOWN_REVISIONS", KNOWN_REVISIONS + ("9999",))
    migrated = []
    monkeypatch.setattr(database_module, "_upgrade", lambda database: migrated.append(
        sorted(p.name for p in (tmp_path / "backups").iterdir())))
    database = open_database(path, backup_dir=tmp_path / "backups")
    database.close()
    assert len(migrated) == 1, "the migration ran once"
    assert len(migrated[0]) == 1 and migrated[0][0].endswith(
        f"-before-migration-{HEAD_REVISION}.sqlite")
    backup = tmp_path / "backups" / migrated[0][0]
    with sqlite3.connect(backup) as connection:
        assert connection.execute("SELECT count(*) FROM audit_entry").fetchone() == (10,)
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            HEAD_REVISION,)
    connection.close()


def _indexes(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        names = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index'")}
    connection.close()
    return names


def test_a_0001_database_is_migrated_to_the_unit_indexes_after_a_backup(tmp_path):
    # A 0001 file is today's schema without the indexes that 0002 and 0005 add, the
    # assessment tables that 0003 adds and the structure counter that 0004 adds.
    path = _our_database(tmp_path / "old.sqlite", audit_rows=20)
    with sqlite3.connect(path) as connection:
        connection.execute("DROP INDEX ix_data_value_unit_period")
        connection.execute("DROP INDEX ix_data_value_unit_period_value")
        connection.execute("DROP INDEX ix_year_value_unit")
        connection.execute("DROP TABLE assessor_score")
        connection.execute("DROP TABLE assessment_set")
        connection.execute("DROP TABLE structure_change")
    connection.close()
    _set_revision(path, "0001")
    assert KNOWN_REVISIONS[:2] == ("0001", "0002") and "0001" != HEAD_REVISION
    open_database(path, backup_dir=tmp_path / "backups").close()
    assert {"ix_data_value_unit_period", "ix_data_value_unit_period_value",
            "ix_year_value_unit"} <= _indexes(path)
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            HEAD_REVISION,)
        assert connection.execute("SELECT count(*) FROM audit_entry").fetchone() == (20,)
    connection.close()
    backups = list((tmp_path / "backups").iterdir())
    assert len(backups) == 1 and backups[0].name.endswith("-before-migration-0001.sqlite")
    assert not {"ix_data_value_unit_period", "ix_data_value_unit_period_value"} & _indexes(
        backups[0])


def test_a_sqlalchemy_url_is_migrated_too(tmp_path):
    url = f"sqlite:///{tmp_path / 'by-url.sqlite'}"
    database = open_database(url)
    with database.session() as session:
        assert session.scalar(select(Setting.value).where(Setting.key == "app")) == APP_MARKER
    database.close()
    again = open_database(url)  # already at head: opens without migrating
    again.close()


def test_the_migrated_schema_matches_the_models(db):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"render_as_batch": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == [], "models changed without a migration"
