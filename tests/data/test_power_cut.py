"""A power cut at any moment loses no saved value: only what SQLite fsynced survives.

The program's own write path (its connection pragmas, sessions and
write_values) runs on an APSW connection through a VFS that keeps unsynced
writes in memory (tests/data/powercut). The power is cut at a random
write or sync; then the real files — the disk as a power cut leaves it —
are opened by the program and checked: every batch whose commit returned
is there whole, the batch in flight is there whole or not at all, nothing
else is there, the year values agree with the values, and integrity_check
and foreign_key_check are clean. With `synchronous` lowered the same test
finds lost commits (test_lowered_synchronous_is_caught), so it really
sees a missing fsync — which a process kill cannot.

Short round in the default suite; the long one: `pytest -m slow tests/data/test_power_cut.py`.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

apsw = pytest.importorskip("apsw")

from desktop.data import database as database_module  # noqa: E402
from desktop.data.database import Database, open_database  # noqa: E402
from desktop.data.models import DataElement, DataValue  # noqa: E402
from desktop.data.office import init_office  # noqa: E402
from desktop.data.units import add_unit  # noqa: E402
from desktop.data.values import ValueInput, write_values  # noqa: E402
from tests.data.consistency import year_value_problems  # noqa: E402
from tests.data.powercut import dbapi  # noqa: E402
from tests.data.powercut.vfs import PowerCutVFS  # noqa: E402

ELEMENTS = ("DOCS_SENT", "INVITES", "DIRECTIVES")
UNITS = ("TINH", "H01")


def _batch(seq: int) -> list[ValueInput]:
    """Three values of one unit and month: a batch is whole or absent after a cut."""
    months = seq // len(UNITS)
    period = f"{2000 + months // 12}-{months % 12 + 1:02d}"
    return [ValueInput(UNITS[seq % len(UNITS)], code, period, float(seq)) for code in ELEMENTS]


def _prepare(path: Path) -> None:
    database = open_database(path)
    with database.session() as session:
        init_office(session, province="Thanh Hóa", unit_code="TINH", unit_name="Tỉnh Thanh Hóa",
                    level="tinh", plans=[])
        add_unit(session, "H01", "Huyện Một", "huyen", parent_code="TINH")
    database.close()


def _program_on(path: Path, vfs: PowerCutVFS) -> Database:
    """The program's engine set-up (pragmas and sessions) over the power-cut VFS."""
    engine = create_engine("sqlite://", module=dbapi, poolclass=StaticPool,
                           creator=lambda: dbapi.Connection(str(path), vfs.name))
    database_module._install_sqlite_pragmas(engine, network=False)
    return Database(f"sqlite:///{path}", engine, path, sessionmaker(engine))


def _write_until_the_cut(path: Path, vfs: PowerCutVFS, first: int, cut_at: int
                         ) -> tuple[list[int], int]:
    """Write batches from `first` on until the power goes; (committed, in flight)."""
    vfs.arm(cut_at)
    committed, seq = [], first
    database = None
    try:
        database = _program_on(path, vfs)
        while True:
            with database.session() as session:
                write_values(session, _batch(seq), user="power-cut")
            committed.append(seq)
            seq += 1
    except Exception:  # noqa: BLE001 - the cut surfaces as whatever error SQLite reports
        pass
    finally:
        vfs.cut()
        if database is not None:
            try:
                database.close()
            except Exception:  # noqa: BLE001 - closing without power fails, as it should
                pass
    for leftover in ("-shm",):  # shared memory does not survive a power cut
        Path(f"{path}{leftover}").unlink(missing_ok=True)
    return committed, seq


def _problems_after_cut(path: Path, committed: set[int], in_flight: int) -> list[str]:
    database = open_database(path)
    try:
        with database.session() as session:
            problems = []
            if session.execute(text("PRAGMA integrity_check")).scalar() != "ok":
                problems.append("integrity_check")
            if session.execute(text("PRAGMA foreign_key_check")).all():
                problems.append("foreign_key_check")
            found: dict[int, set[str]] = {}
            for code, value in session.execute(select(DataElement.code, DataValue.value).join(
                    DataElement, DataElement.id == DataValue.element_id)):
                found.setdefault(int(value), set()).add(code)
            lost = sorted(seq for seq in committed if found.get(seq) != set(ELEMENTS))
            if lost:
                problems.append(f"committed but lost or partial: {lost[:10]}")
            if in_flight in found and found[in_flight] != set(ELEMENTS):
                problems.append(f"batch {in_flight} half written: {sorted(found[in_flight])}")
            extra = sorted(set(found) - committed - {in_flight})
            if extra:
                problems.append(f"never written but present: {extra[:10]}")
            problems += year_value_problems(session)
            session.rollback()
            return problems
    finally:
        database.close()


def _run(tmp_path: Path, rounds: int, seed: int) -> list[str]:
    path = tmp_path / "power.sqlite"
    _prepare(path)
    vfs = PowerCutVFS(f"powercut{seed}")
    rng = random.Random(seed)
    committed: set[int] = set()
    seq, problems = 0, []
    try:
        for _ in range(rounds):
            done, in_flight = _write_until_the_cut(path, vfs, seq, rng.randint(1, 120))
            committed |= set(done)
            problems += _problems_after_cut(path, committed, in_flight)
            if problems:
                break
            seq = in_flight + 1
    finally:
        vfs.unregister()
    assert len(committed) > rounds / 2 or problems, "the writer hardly wrote between cuts"
    return problems


def test_power_cuts_lose_no_saved_value(tmp_path):
    assert _run(tmp_path, rounds=25, seed=20261201) == []


@pytest.mark.slow
def test_power_cuts_long_round(tmp_path):
    assert _run(tmp_path, rounds=600, seed=7) == []


@pytest.mark.parametrize("level", ["NORMAL", "OFF"])
def test_lowered_synchronous_is_caught(tmp_path, monkeypatch, level):
    """The test must fail without fsync at commit: with synchronous lowered it finds losses."""
    monkeypatch.setattr(database_module, "SQLITE_SYNCHRONOUS", level)
    problems = _run(tmp_path, rounds=25, seed=20261201)
    assert any("committed but lost" in problem for problem in problems), problems
