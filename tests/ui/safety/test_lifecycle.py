"""One GUI at a time on a data file; a backup at exit."""

from __future__ import annotations

import pytest

from desktop.data import backup
from desktop.data.database import open_database
from desktop.data.instance import lock_path
from desktop.data.settings import get_setting, set_setting
from desktop.ui.lifecycle import close_for_gui, open_for_gui

# Backups, health checks and the instance lock are about a database file.
pytestmark = pytest.mark.sqlite_only


def test_a_second_open_on_the_same_file_is_refused(office_db, answers):
    path = office_db.path
    office_db.close()
    first = open_for_gui(path)
    assert first is not None
    database, lock = first
    assert lock.held and lock_path(path).exists()
    assert open_for_gui(path) is None
    assert len(answers.errors) == 1
    assert "đang được một chương trình khác dùng" in answers.errors[0]
    assert str(path) in answers.errors[0]
    with database.session() as session:
        set_setting(session, "receiver", "Sở Khoa học và Công nghệ")
    made = close_for_gui(database, lock)
    assert made is not None and backup.list_backups(path)[0].reason == "exit"
    again = open_for_gui(path)  # free again once the first has closed
    assert again is not None
    assert close_for_gui(*again) is None  # nothing changed since the exit backup
    assert len(answers.errors) == 1


def test_a_damaged_file_is_refused_and_the_lock_freed(tmp_path, answers):
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not a database", encoding="utf-8")
    assert open_for_gui(bad) is None
    assert "bad.sqlite" in answers.errors[0]
    bad.unlink()
    opened = open_for_gui(bad)  # the lock of the refused attempt was released
    assert opened is not None
    close_for_gui(*opened)


def test_closing_after_only_reading_copies_nothing(office_db, monkeypatch):
    path = office_db.path
    office_db.close()
    database, lock = open_for_gui(path)
    with database.session() as session:
        assert get_setting(session, "office_unit")
    copies = []
    monkeypatch.setattr("desktop.ui.lifecycle.auto_backup", lambda *a, **k: copies.append(a))
    assert close_for_gui(database, lock) is None
    assert copies == []


def test_a_change_made_by_another_program_meanwhile_is_backed_up(office_db, monkeypatch):
    path = office_db.path
    office_db.close()
    database, lock = open_for_gui(path)
    other = open_database(path)  # a command run beside the window
    with other.session() as session:
        set_setting(session, "receiver", "UBND tỉnh")
    other.close()
    copies = []
    monkeypatch.setattr("desktop.ui.lifecycle.auto_backup", lambda *a, **k: copies.append(a))
    close_for_gui(database, lock)
    assert copies == [(path, "exit")]
