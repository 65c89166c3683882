"""Back up now, restore through the dialog, the backups list and its settings."""

from __future__ import annotations

import pytest

import hashlib

from desktop.data import backup
from desktop.data.database import open_database
from desktop.data.settings import get_setting
from desktop.data.values import ValueInput, write_values
from desktop.ui.safety.backup_dialogs import BackupListDialog, RestoreDialog, back_up_now, backups_model

# Backups, health checks and the instance lock are about a database file.
pytestmark = pytest.mark.sqlite_only


def write(database, period, value):
    with database.session() as session:
        write_values(session, [ValueInput("X01", "STAFF", period, value),
                               ValueInput("X02", "STAFF_EMAIL_USE", period, value // 2)])


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Owner:
    """What the main window does around a restore: close, then open again."""

    def __init__(self, database):
        self.database, self.calls = database, []

    def release(self):
        self.calls.append("release")
        self.database.close()

    def reopen(self):
        self.calls.append("reopen")
        self.database = open_database(self.database.path)


def test_backup_then_restore_gives_identical_values(qtbot, office_db, tmp_path, answers, values_of):
    write(office_db, "2024", 40)
    write(office_db, "2024Q1", 15945)
    before = values_of(office_db)
    answers.save_file = str(tmp_path / "sao-luu.sqlite")
    made = back_up_now(None, office_db.path)
    assert made == tmp_path / "sao-luu.sqlite" and made.is_file()
    assert "Đã sao lưu vào" in answers.infos[-1]
    write(office_db, "2024", 41)
    write(office_db, "2025", 7)
    assert values_of(office_db) != before

    owner = Owner(office_db)
    dialog = RestoreDialog(office_db.path, owner.release, owner.reopen)
    qtbot.addWidget(dialog)
    answers.open_file = str(made)
    dialog.choose_file()
    assert "sao-luu.sqlite" in dialog.chosen.text() and "KB" in dialog.chosen.text()
    assert dialog.restore() is True
    assert owner.calls == ["release", "reopen"]
    assert values_of(owner.database) == before
    owner.database.close()
    kept = backup.list_backups(office_db.path)
    assert [row.reason for row in kept] == ["before-restore"]
    assert "Đã khôi phục" in answers.infos[-1] and answers.errors == []


def test_restore_refuses_a_damaged_file_and_leaves_the_database_alone(
        qtbot, office_db, tmp_path, answers, values_of, damage):
    write(office_db, "2024", 40)
    bad = damage(backup.backup_to(office_db.path, tmp_path / "hong.sqlite"))
    before_values, before_bytes = values_of(office_db), digest(office_db.path)
    owner = Owner(office_db)
    dialog = RestoreDialog(office_db.path, owner.release, owner.reopen)
    qtbot.addWidget(dialog)
    dialog.set_source(bad)
    assert dialog.restore() is False
    assert len(answers.errors) == 1 and "hong.sqlite" in answers.errors[0]
    assert "bị hỏng" in answers.errors[0]
    assert owner.calls == [] and answers.questions == []  # refused before asking or closing
    assert digest(office_db.path) == before_bytes and values_of(office_db) == before_values
    assert backup.list_backups(office_db.path) == []


def test_restore_from_the_list_of_automatic_backups(qtbot, office_db, answers, values_of):
    write(office_db, "2024", 40)
    before = values_of(office_db)
    backup.auto_backup(office_db.path, "exit")
    write(office_db, "2024", 99)
    owner = Owner(office_db)
    dialog = RestoreDialog(office_db.path, owner.release, owner.reopen)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    assert dialog.model.data(dialog.model.index(0, 1)) == "khi thoát chương trình"
    dialog.view.selectRow(0)
    assert dialog.source is not None and dialog.restore_button.isEnabled()
    answers.confirm = False
    assert dialog.restore() is False and owner.calls == []  # the user said no
    answers.confirm = True
    assert dialog.restore() is True
    assert values_of(owner.database) == before
    owner.database.close()


def test_backups_list_keeps_the_rotation_settings(qtbot, office_db, answers):
    dialog = BackupListDialog(office_db)
    qtbot.addWidget(dialog)
    assert (dialog.daily.value(), dialog.weekly.value()) == (7, 8)
    dialog.back_up()
    assert dialog.model.rowCount() == 1
    dialog.daily.setValue(3)
    dialog.weekly.setValue(4)
    dialog.save_settings()
    with office_db.session() as session:
        assert get_setting(session, backup.SETTING_DAILY) == "3"
        assert get_setting(session, backup.SETTING_WEEKLY) == "4"
    again = BackupListDialog(office_db)
    qtbot.addWidget(again)
    assert (again.daily.value(), again.weekly.value()) == (3, 4)


def test_backups_model(qtmodeltester, office_db):
    write(office_db, "2024", 40)
    backup.auto_backup(office_db.path, "exit")
    write(office_db, "2024", 41)
    backup.auto_backup(office_db.path, "before-import")
    model = backups_model(backup.list_backups(office_db.path))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 2 and model.data(model.index(0, 1)) == "trước khi nhận dữ liệu"


def test_restore_refuses_the_open_file_itself(qtbot, office_db, answers):
    owner = Owner(office_db)
    dialog = RestoreDialog(office_db.path, owner.release, owner.reopen)
    qtbot.addWidget(dialog)
    dialog.set_source(office_db.path)
    assert dialog.restore() is False and owner.calls == []
    assert "chính tệp dữ liệu đang mở" in answers.errors[0]
