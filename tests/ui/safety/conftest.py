"""Fixtures for the GUI tests of backups, checks, audit, packages and users.

tests/ui/conftest.py already makes every test fail on a Qt warning and gives
it a private home folder; here every modal dialog is patched to answer from
`answers` (an unexpected one fails the test).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.data.values_csv import export_values_csv  # noqa: E402

PATCHED = ("show_error", "show_info", "confirm", "ask_text", "ask_open_file", "ask_save_file")


class Answers:
    """What the patched dialogs answer, and what they were shown."""

    def __init__(self):
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.questions: list[str] = []
        self.open_file: str | None = None
        self.open_files: list[str] = []
        self.save_file: str | None = None
        self.confirm = True


@pytest.fixture(autouse=True)
def answers(monkeypatch):
    from desktop.data import audit
    from desktop.ui import dialogs

    from desktop.ui.exchange import package_dialogs
    from desktop.ui.safety import users_dialog
    given = Answers()

    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected modal dialog: {args[1:]!r}")

    for name in PATCHED:
        monkeypatch.setattr(dialogs, name, unexpected)
    monkeypatch.setattr(dialogs, "show_error", lambda parent, message, problems=None:
                        given.errors.append(message))
    monkeypatch.setattr(dialogs, "show_info", lambda parent, message: given.infos.append(message))
    monkeypatch.setattr(dialogs, "confirm", lambda parent, question:
                        given.questions.append(question) or given.confirm)
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *a, **k: given.open_file)
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *a, **k: given.save_file)
    monkeypatch.setattr(package_dialogs, "ask_open_files", lambda *a, **k: list(given.open_files))
    monkeypatch.setattr(users_dialog, "ask_new_user", unexpected)
    monkeypatch.setattr(users_dialog, "ask_new_password", unexpected)
    yield given
    audit.set_active_user(None)


@pytest.fixture
def values_of():
    """Every value of a database as CSV text, to compare two databases."""
    def dump(database) -> str:
        with database.session() as session:
            return export_values_csv(session)
    return dump


@pytest.fixture
def damage():
    """Wreck every page of a SQLite file past the third (it stays a SQLite file)."""
    def wreck(path: Path) -> Path:
        data = bytearray(path.read_bytes())
        for offset in range(4096 * 3, len(data) - 4096, 4096):
            data[offset + 100:offset + 400] = b"\xff" * 300
        path.write_bytes(bytes(data))
        return path
    return wreck


def sqlite_integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()
