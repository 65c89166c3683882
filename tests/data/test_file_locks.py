"""The file-open rule: nothing touches a database file except SQLite while a connection is open.

The regression of a lost save: the program (its main window, offscreen) holds
the database, a second `itplan` process reads the same file, the program saves
an edit and is killed with SIGKILL; the edit must be on disk. Before the rule,
the window's start-up check read the file's header with open()/close(), which
dropped the process's POSIX locks; the second process then deleted the WAL the
window was still writing into, and the edit vanished with the process.
"""

from __future__ import annotations

import ast
import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.data.database import check_sqlite_file, open_database
from desktop.data.office import init_office
from desktop.data.units import add_unit
from desktop.errors import DatabaseFileError

ROOT = Path(__file__).resolve().parents[2]


def _office(path: Path) -> None:
    database = open_database(path)
    with database.session() as session:
        init_office(session, province="Thanh Hóa", province_code="T38", unit_code="H1",
                    unit_name="Huyện Thử", level="huyen", plans=["TH-2016"])
        add_unit(session, "X1", "Xã Một", "xa", "area", "H1", order=1,
                 valid_from=dt.date(2000, 1, 1))
    database.close()


def _saved_value(path: Path) -> float | None:
    connection = sqlite3.connect(path)
    try:
        row = connection.execute(
            "SELECT v.value FROM data_value v JOIN data_element e ON e.id = v.element_id "
            "JOIN org_unit u ON u.id = v.unit_id JOIN period p ON p.id = v.period_id "
            "WHERE e.code = 'DOCS_SENT' AND u.code = 'H1' AND p.code = '2024'").fetchone()
    finally:
        connection.close()
    return None if row is None else row[0]


@pytest.mark.skipif(os.name == "nt", reason="uses SIGKILL and POSIX locks")
def test_edit_survives_a_second_process_and_a_kill(tmp_path):
    path = tmp_path / "office.sqlite"
    _office(path)
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen",
               ITPLAN_HOME=str(tmp_path / "home"), ITPLAN_USER="tester")
    gui = subprocess.Popen([sys.executable, str(Path(__file__).with_name("gui_holder.py")),
                            str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                           text=True, env=env)
    try:
        assert gui.stdout.readline().strip() == "ready"
        listed = subprocess.run([sys.executable, "-m", "desktop.cli", "--db", str(path),
                                 "units", "list"], capture_output=True, text=True, env=env,
                                timeout=120)
        assert listed.returncode == 0, listed.stderr
        assert path.with_name(path.name + "-wal").exists()  # the window's journal is still there
        gui.stdin.write("edit 4321\n")
        gui.stdin.flush()
        assert gui.stdout.readline().strip() == "saved 4321"
        os.kill(gui.pid, signal.SIGKILL)
        gui.wait(timeout=30)
    finally:
        gui.stdin.close()
        gui.stdout.close()
        if gui.poll() is None:
            gui.kill()
            gui.wait(timeout=30)
    assert _saved_value(path) == 4321


def test_no_plain_open_in_the_data_layer():
    """The data layer reads and writes database files only through SQLite.

    The exceptions open other files: the instance lock file (held with flock,
    which a second descriptor does not drop), the shipped plan files, CSV
    files, /proc/mounts, and a backup's own temporary copy (to fsync it).
    """
    allowed = {("instance.py", "acquire"), ("catalogue.py", "read_toml"),
               ("catalogue.py", "load_plan"), ("csvfiles.py", "*"),
               ("database.py", "_mount_type"), ("backup.py", "_fsync")}
    offenders = []
    for module in sorted((ROOT / "desktop" / "data").glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        owner = {}
        for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            owner.update({id(node): function.name for node in ast.walk(function)})
        for node in ast.walk(tree):
            plain = isinstance(node, ast.Call) and getattr(node.func, "id", None) == "open"
            method = isinstance(node, ast.Attribute) and node.attr in (
                "read_bytes", "write_bytes", "read_text", "write_text", "open")
            name = owner.get(id(node), "-")
            if (plain or method) and not {(module.name, name), (module.name, "*")} & allowed:
                offenders.append(f"{module.name}:{name}:{node.lineno}")
    assert offenders == []


def _sqlite_file(path: Path, *statements: str) -> bytes:
    connection = sqlite3.connect(path)
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()
    return path.read_bytes()


@pytest.mark.parametrize("statements", [
    ("VACUUM",),  # an empty SQLite file of another program
    ("PRAGMA application_id = 1234", "VACUUM"),
    ("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)",),
    ("CREATE TABLE setting (key TEXT, value TEXT)",),
])
def test_foreign_sqlite_file_is_refused_untouched(tmp_path, statements):
    path = tmp_path / "other.db"
    before = _sqlite_file(path, "PRAGMA user_version = 7", *statements)
    with pytest.raises(DatabaseFileError) as caught:
        open_database(path)
    assert str(path) in caught.value.message
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_not_sqlite_is_refused_by_sqlite(tmp_path):
    path = tmp_path / "text.sqlite"
    path.write_bytes(b"hello, this is not a database" * 200)
    with pytest.raises(DatabaseFileError) as caught:
        check_sqlite_file(path)
    assert "không phải là cơ sở dữ liệu" in caught.value.message


def test_new_file_is_marked_ours(tmp_path):
    path = tmp_path / "new.sqlite"
    open_database(path).close()
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA application_id").fetchone()[0] == 0x49545043
    connection.close()
    assert check_sqlite_file(path) is not None
