"""Backups and restore: round trip, rotation, refusing bad files."""

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest

from desktop.data import backup
from desktop.data.database import open_database
from desktop.data.office import init_office
from desktop.data.settings import set_setting
from desktop.data.values import ValueInput, write_values
from desktop.data.values_csv import export_values_csv
from desktop.errors import DatabaseFileError


def make_database(path: Path, values: dict[str, float]) -> None:
    database = open_database(path)
    with database.session() as session:
        init_office(session, province="Kon Tum", unit_code="KT01", unit_name="Huyện Đăk Hà",
                    level="huyen", plans=[])
        write_values(session, [ValueInput("KT01", "STAFF", period, value)
                               for period, value in values.items()])
    database.close()


def exported(path: Path) -> str:
    database = open_database(path)
    try:
        with database.session() as session:
            return export_values_csv(session)
    finally:
        database.close()


def write(path: Path, period: str, value: float) -> None:
    database = open_database(path)
    with database.session() as session:
        write_values(session, [ValueInput("KT01", "STAFF", period, value)])
    database.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "office.sqlite"
    make_database(path, {"2023": 120, "2024Q1": 125, "2024": 130})
    return path


def test_backup_and_restore_round_trip_gives_identical_values(db, tmp_path):
    before = exported(db)
    copy = backup.backup_to(db, tmp_path / "copy.sqlite")
    write(db, "2024", 999)
    write(db, "2025", 140)
    assert exported(db) != before
    kept = backup.restore_database(db, copy)
    assert exported(db) == before
    assert "2023" in before and "KT01,STAFF,2024Q1,125" in before
    assert kept is not None and kept.parent == backup.backups_folder(db)
    assert "999" in exported(kept)  # the replaced database was kept first


@pytest.mark.parametrize("make_bad", ["text", "empty", "foreign", "damaged"])
def test_restore_refuses_bad_files_and_leaves_database_alone(db, tmp_path, make_bad):
    bad = tmp_path / "bad.sqlite"
    if make_bad == "text":
        bad.write_text("hello", encoding="utf-8")
    elif make_bad == "empty":
        bad.write_bytes(b"")
    elif make_bad == "foreign":
        connection = sqlite3.connect(bad)
        connection.execute("CREATE TABLE contacts(name TEXT)")
        connection.commit()
        connection.close()
    else:
        backup.backup_to(db, bad)
        data = bytearray(bad.read_bytes())
        for offset in range(4096 * 3, len(data) - 4096, 4096):  # wreck every page past the 3rd
            data[offset + 100:offset + 400] = b"\xff" * 300
        bad.write_bytes(bytes(data))
    before_bytes, before_values = digest(db), exported(db)
    with pytest.raises(DatabaseFileError) as caught:
        backup.restore_database(db, bad)
    assert str(bad) in caught.value.message
    assert digest(db) == before_bytes
    assert exported(db) == before_values
    assert backup.list_backups(db) == []


def test_restore_over_a_damaged_database_moves_it_aside(db, tmp_path):
    good = backup.backup_to(db, tmp_path / "good.sqlite")
    db.write_bytes(b"not a database any more")
    kept = backup.restore_database(db, good)
    assert kept.name.endswith("-damaged.sqlite") and kept.read_bytes() == b"not a database any more"
    assert exported(db) == exported(good)


def test_auto_backup_skips_unchanged_and_rotates(db):
    first = backup.auto_backup(db, "exit")
    assert first is not None and first.exists()
    assert backup.auto_backup(db, "exit") is None  # nothing changed
    write(db, "2025", 150)
    second = backup.auto_backup(db, "before-import")
    assert second is not None
    assert [row.reason for row in backup.list_backups(db)] == ["before-import", "exit"]
    assert backup.last_backup(db).path == second


def test_auto_backup_of_missing_or_foreign_file_does_nothing(tmp_path):
    assert backup.auto_backup(tmp_path / "none.sqlite", "exit") is None
    junk = tmp_path / "junk.sqlite"
    junk.write_text("not sqlite", encoding="utf-8")
    assert backup.auto_backup(junk, "exit") is None


def _row(folder: Path, when: dt.datetime) -> backup.BackupRow:
    path = folder / f"office-{when:%Y%m%d-%H%M%S-%f}-exit.sqlite"
    path.write_bytes(b"x")
    return backup.BackupRow(path, when, "exit", 1)


def test_rotation_keeps_recent_daily_and_weekly(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    start = dt.datetime(2026, 11, 21, 18, 0)
    rows = [_row(folder, start - dt.timedelta(hours=6 * i)) for i in range(4 * 60)]  # 60 days
    database = tmp_path / "office.sqlite"
    assert len(backup.list_backups(database, folder)) == len(rows)
    removed = backup.rotate_backups(database, folder, keep_daily=5, keep_weekly=3)
    kept = {row.taken_at for row in backup.list_backups(database, folder)}
    assert len(removed) == len(rows) - len(kept)
    newest_three = {start - dt.timedelta(hours=6 * i) for i in range(3)}
    assert newest_three <= kept
    days = {when.date() for when in kept}
    assert {start.date() - dt.timedelta(days=i) for i in range(5)} <= days
    weeks = {tuple(when.isocalendar())[:2] for when in kept}
    assert len(weeks) == 3 and (2026, 47) in weeks
    assert len(kept) <= 3 + 5 + 3


def test_rotation_settings_come_from_the_database(db):
    database = open_database(db)
    with database.session() as session:
        set_setting(session, backup.SETTING_DAILY, "2")
        set_setting(session, backup.SETTING_WEEKLY, "1")
    database.close()
    assert backup._keep_settings(db) == (2, 1)


def test_backup_to_refuses_the_database_itself(db):
    with pytest.raises(DatabaseFileError):
        backup.backup_to(db, db)
