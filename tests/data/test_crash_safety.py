"""A process killed at any moment loses no committed value and leaves a sound file.

A writer subprocess (crash_writer.py) forks a child per round that writes
values in committed transactions and reports each commit; the test
SIGKILLs the child after a random number of commits (zero included, so
some kills land while the database is being opened), then opens the
database, runs the full integrity check and looks for every reported value.
"""

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, text

from desktop.data.database import open_database
from desktop.data.models import DataElement, DataValue
from desktop.data.office import init_office
from desktop.data.units import add_unit

KILLS = 200
WRITER = Path(__file__).with_name("crash_writer.py")

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (POSIX)")


def _prepare(path: Path) -> None:
    database = open_database(path)
    with database.session() as session:
        init_office(session, province="Thanh Hóa", unit_code="TINH", unit_name="Tỉnh Thanh Hóa",
                    level="tinh", plans=[])
        add_unit(session, "H01", "Huyện Một", "huyen", parent_code="TINH")
    database.close()


def _committed_in_database(path: Path) -> set[int]:
    database = open_database(path)
    try:
        with database.session() as session:
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert session.execute(text("PRAGMA foreign_key_check")).all() == []
            values = session.scalars(select(DataValue.value).join(DataElement).where(
                DataElement.code == "DOCS_SENT"))
            return {int(value) for value in values}
    finally:
        database.close()


class Writer:
    def __init__(self, path: Path):
        env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
        self.process = subprocess.Popen([sys.executable, str(WRITER), str(path)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, env=env)

    def line(self) -> str:
        line = self.process.stdout.readline()
        assert line, "the writer stopped unexpectedly"
        return line.split()

    def round(self, commits_before_kill: int, reported: set[int]) -> None:
        self.process.stdin.write("go\n")
        self.process.stdin.flush()
        pid, seen = None, 0
        while pid is None or seen < commits_before_kill:
            kind, number = self.line()
            if kind == "P":
                pid = int(number)
            elif kind == "C":
                reported.add(int(number))
                seen += 1
        os.kill(pid, signal.SIGKILL)
        while True:  # commits reported between our last read and the kill count too
            kind, number = self.line()
            if kind == "C":
                reported.add(int(number))
            elif kind == "E" and int(number) == pid:
                return

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)
        self.process.stdout.close()


def test_killed_writer_loses_no_committed_value(tmp_path):
    path = tmp_path / "crash.sqlite"
    _prepare(path)
    rng = random.Random(20261121)
    writer = Writer(path)
    reported: set[int] = set()
    try:
        for _ in range(KILLS):
            writer.round(rng.randint(0, 4), reported)
            present = _committed_in_database(path)
            missing = reported - present
            assert not missing, f"committed but lost: {sorted(missing)[:10]}"
    finally:
        writer.close()
    assert len(reported) > KILLS  # the writer did write between kills
