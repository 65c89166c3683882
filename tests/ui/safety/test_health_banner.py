"""The start-up check, the banner and the “Kiểm tra dữ liệu” dialog."""

from __future__ import annotations

import pytest

import sqlite3

from desktop.data import backup, health
from desktop.i18n import set_language
from desktop.ui.safety.health import CheckDialog, HealthBanner, check_model, startup_check

# Backups, health checks and the instance lock are about a database file.
pytestmark = pytest.mark.sqlite_only


def test_sound_database_needs_only_a_backup_then_nothing(qtbot, office_db):
    problems = startup_check(office_db.path)
    assert len(problems) == 1 and "Sao lưu gần nhất" in problems[0]
    assert "menu Tệp → Sao lưu…" in problems[0] and "itplan" not in problems[0]
    backup.auto_backup(office_db.path, "exit")
    assert startup_check(office_db.path) == []
    banner = HealthBanner()
    qtbot.addWidget(banner)
    assert health.worst(banner.run_quick_check(office_db.path)) == "ok"
    assert banner.isHidden()


def test_banner_shows_a_problem_for_a_damaged_database(qtbot, office_db, tmp_path, damage):
    bad = damage(backup.backup_to(office_db.path, tmp_path / "hong.sqlite"))
    problems = startup_check(bad)
    assert problems and "bị hỏng" in problems[0] and "menu Tệp → Khôi phục…" in problems[0]
    banner = HealthBanner()
    qtbot.addWidget(banner)
    banner.run_quick_check(bad)
    assert not banner.isHidden()
    text = banner.label.text()
    assert text.startswith("<b>Lỗi</b>") and "hong.sqlite" in text and "Khôi phục" in text
    assert banner.check_button.text() == "Kiểm tra dữ liệu…"
    with qtbot.waitSignal(banner.check_requested, timeout=1000):
        banner.check_button.click()


def test_banner_in_english(qtbot, tmp_path):
    set_language("en")
    problems = startup_check(tmp_path / "missing.sqlite")
    assert problems == [problems[0]] and "No file" in problems[0]
    assert "Open the right data file" in problems[0]


def test_check_dialog_lists_every_check_and_finds_broken_links(qtbot, office_db):
    connection = sqlite3.connect(office_db.path)
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("INSERT INTO submission (unit_id, period_id, state, changed_by, changed_at,"
                       " reason) VALUES (999, 999, 'draft', '', '2024-01-01', '')")
    connection.commit()
    connection.close()
    dialog = CheckDialog(office_db.path)
    qtbot.addWidget(dialog)
    rows = dialog.run_check()
    assert len(rows) == 7 and dialog.model.rowCount() == 7
    statuses = [dialog.model.data(dialog.model.index(r, 1)) for r in range(6)]
    assert statuses[2] == "Lỗi" and "có lỗi" in dialog.summary.text()
    advice = dialog.model.data(dialog.model.index(2, 3))
    assert "menu Tệp → Khôi phục…" in advice


def test_check_model(qtmodeltester, office_db):
    model = check_model(health.check_database(office_db.path))
    qtmodeltester.check(model, force_py=True)
    assert model.columnCount() == 4 and model.rowCount() == 7


def test_the_check_runs_as_the_dialog_opens(qtbot, office_db):
    dialog = CheckDialog(office_db.path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 7)
    names = [dialog.model.data(dialog.model.index(r, 0)) for r in range(7)]
    assert not any("_check" in name for name in names)  # no SQLite pragma names on screen


def test_sqlite_errors_are_told_in_words():
    from desktop.errors import plain_sqlite_error

    assert plain_sqlite_error("disk I/O error") == "lỗi đọc/ghi ổ đĩa (ổ đĩa hỏng, đầy, hoặc thư mục mạng bị ngắt)"
    assert plain_sqlite_error("something else") == "something else"
