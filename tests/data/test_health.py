"""`check_database` and `quick_check`: plain rows with status and advice."""

import sqlite3

from desktop.data import health
from desktop.data.backup import auto_backup
from desktop.data.database import open_database
from desktop.data.migrations import HEAD_REVISION
from desktop.data.office import init_office
from desktop.data.migrations import HEAD_REVISION


def make_database(path):
    database = open_database(path)
    with database.session() as session:
        init_office(session, province="Lâm Đồng", unit_code="LD01", unit_name="Huyện Lạc Dương",
                    level="huyen", plans=[])
    database.close()


def by_status(rows):
    return {row.status for row in rows}


def test_sound_database_is_ok_and_mentions_last_backup(tmp_path):
    path = tmp_path / "office.sqlite"
    make_database(path)
    rows = health.check_database(path)
    assert len(rows) == 7
    backup_row = rows[4]
    assert backup_row.status == "warning" and "itplan backup" in backup_row.advice
    auto_backup(path, "exit")
    rows = health.check_database(path)
    assert health.worst(rows) == "ok", rows
    assert HEAD_REVISION in rows[0].detail


def test_broken_link_is_an_error_with_advice(tmp_path):
    path = tmp_path / "office.sqlite"
    make_database(path)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("INSERT INTO submission (unit_id, period_id, state, changed_by, changed_at,"
                       " reason) VALUES (999, 999, 'draft', '', '2024-01-01', '')")
    connection.commit()
    connection.close()
    rows = health.check_database(path)
    fk_row = rows[2]
    assert fk_row.status == "error" and "trạng thái duyệt" in fk_row.detail  # no table names
    assert "itplan restore" in fk_row.advice
    assert health.worst(rows) == "error"


def test_foreign_and_missing_files_are_errors(tmp_path):
    missing = health.quick_check(tmp_path / "nothing.sqlite")
    assert [row.status for row in missing] == ["error"]
    other = tmp_path / "other.sqlite"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE t(x)")
    connection.commit()
    connection.close()
    rows = health.check_database(other)
    assert health.worst(rows) == "error" and str(other) in rows[0].detail


def test_quick_check_is_the_fast_subset(tmp_path):
    path = tmp_path / "office.sqlite"
    make_database(path)
    rows = health.quick_check(path)
    assert len(rows) == 3 and rows[0].status == "ok"
    assert all(set(row.as_json()) == {"check", "status", "detail", "advice"} for row in rows)
