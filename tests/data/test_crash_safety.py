"""A process killed at any moment loses no committed value and leaves a sound file.

A writer subprocess (crash_writer.py) forks a child per round that writes
values in committed transactions and reports each commit; the test
SIGKILLs the child after a random number of commits (zero included, so
some kills land while the database is being opened), then opens the
database, runs the full integrity and foreign-key checks, looks for every
element of every reported batch (and no half batch), and checks that the
year values agree with the values. A process kill cannot see a missing
fsync (the kernel still writes the page cache out): test_power_cut.py does.
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
from tests.data.crash_writer import ELEMENTS
from tests.data.consistency import year_value_problems

KILLS = 40  # the default suite's round; `pytest -m slow tests/data` runs LONG_KILLS
LONG_KILLS = 500
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
            batches: dict[int, set[str]] = {}
            for code, value in session.execute(select(DataElement.code, DataValue.value).join(
                    DataElement, DataElement.id == DataValue.element_id)):
                batches.setdefault(int(value), set()).add(code)
            partial = {seq: codes for seq, codes in batches.items() if codes != set(ELEMENTS)}
            assert not partial, f"half-written batches: {partial}"  # each batch is one commit
            assert year_value_problems(session) == []
            session.rollback()
            return set(batches)
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
    _run(tmp_path, KILLS, 20261121)


@pytest.mark.slow
def test_killed_writer_long_round(tmp_path):
    _run(tmp_path, LONG_KILLS, 7)


def _run(tmp_path, kills: int, seed: int) -> None:  # noqa: ANN001
    path = tmp_path / "crash.sqlite"
    _prepare(path)
    rng = random.Random(seed)
    writer = Writer(path)
    reported: set[int] = set()
    try:
        for _ in range(kills):
            writer.round(rng.randint(0, 4), reported)
            present = _committed_in_database(path)
            missing = reported - present
            assert not missing, f"committed but lost: {sorted(missing)[:10]}"
    finally:
        writer.close()
    assert len(reported) > kills  # the writer did write between kills
