"""The GUI benchmark runs in a process of its own on a bench-shaped database and
reports every interaction it names (what it measures is the benchmark's business)."""

from __future__ import annotations

import pytest

from desktop.bench.province import Size, build
from desktop.data.database import open_database


@pytest.fixture
def bench_file(tmp_path):
    path = tmp_path / "bench.sqlite"
    database = open_database(path)
    with database.session() as session:
        build(session, Size(1, 2, 2, 4), years=range(2023, 2025))
    database.close()
    return path


def test_interactions_are_measured_in_a_process_of_their_own(bench_file, tmp_path, monkeypatch):
    from desktop.ui import startup_bench
    from desktop.ui.interaction_bench import interaction_times_apart

    monkeypatch.setattr(startup_bench, "BYTECODE", tmp_path / "bytecode")
    times = interaction_times_apart(bench_file, repeat=1)
    assert {"tab switch: progress (first, builds it)", "period change (progress tab, province)",
            "chart change after a data change (drawn anew)",
            "chart change (targets ↔ trend of one indicator)",
            "trend after a data change (drawn anew)",
            "communes' completeness after a data change (anew)",
            "tab switch: ranking (first, builds it)",
            "unit change (ranking tab, one district's communes)"} <= set(times)
    assert all(0 < seconds < 60 for seconds in times.values())
    from desktop.ui.interaction_bench import PROVINCE_WIDE
    assert PROVINCE_WIDE <= set(times)  # every province-wide name is one measured
    assert (tmp_path / "bytecode").is_dir()  # compiled outside the source tree


def test_the_measured_program_compiles_outside_the_source_tree():
    from desktop.ui.startup_bench import BYTECODE, program_env

    env = program_env()
    assert env["PYTHONPYCACHEPREFIX"] == str(BYTECODE) and "PYTHONDONTWRITEBYTECODE" not in env
    assert env["QT_QPA_PLATFORM"] == "offscreen"
