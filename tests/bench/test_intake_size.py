"""The intake benchmark: its rounds, and a run that leaves the database as built."""

from __future__ import annotations

from desktop.bench.intake_size import FLOOR_MONTH, MONTH, bench_intake, intake_rounds, province_forms
from desktop.bench.province import Size, build
from desktop.data.database import open_database
from desktop.data.periods_db import ensure_periods


def test_a_short_batch_gets_rounds_until_the_budget_and_a_long_one_three():
    assert intake_rounds(0.09) == 15  # the demo's 24 forms: 23 would fit in 2 s, 15 at most
    assert intake_rounds(0.2) == 10
    assert intake_rounds(0.9) == 3  # ceil(2.2) would be 3 anyway
    assert intake_rounds(2.6) == 3  # the province's 700 forms
    assert intake_rounds(0.0) == 15


def test_a_run_loads_every_form_in_turns_with_its_floor_and_puts_the_database_back(
        tmp_path, table_hashes):
    database = open_database(tmp_path / "bench.sqlite")
    try:
        with database.session() as session:
            build(session, Size(2, 2), years=range(2024, 2026))
            ensure_periods(session, {MONTH, FLOOR_MONTH})
        forms = sorted(province_forms(database, tmp_path / "forms").values())
        before = table_hashes(database)
        result = bench_intake(database, forms, budget=0.0)
        assert result["rounds"] == 3 and result["files_ok"] == len(forms) > 0
        assert result["values"] > 0 and result["seconds"] > 0 and result["floor_seconds"] > 0
        assert table_hashes(database) == before
    finally:
        database.close()
