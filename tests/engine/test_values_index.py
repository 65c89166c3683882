"""Quarters read through the index holding each value, and still right without it."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.bench.province import PLAN, Size, build, monthly_quarter
from desktop.data.database import open_database
from desktop.data.models import VALUES_OF_UNIT_PERIOD
from desktop.engine.progress import progress

YEARS = range(2023, 2025)
PERIODS = ("2024Q2", monthly_quarter(YEARS))  # as recorded; built from months


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "bench.sqlite"
    database = open_database(path)
    with database.session() as session:
        build(session, Size(2, 3), years=YEARS)
    database.close()
    return path


def _rows(database) -> dict[str, list]:
    with database.session() as session:
        return {period: progress(session, PLAN, "H01", period, by_unit=True)
                for period in PERIODS}


def test_a_file_whose_index_was_dropped_by_another_program_is_read_alike(path):
    database = open_database(path)
    try:
        sent: list[str] = []
        from sqlalchemy import event

        event.listen(database.engine, "before_cursor_execute",
                     lambda *args: sent.append(args[2]))
        before = _rows(database)
        assert any(f"INDEXED BY {VALUES_OF_UNIT_PERIOD}" in s for s in sent)
        with sqlite3.connect(path) as other:  # another program, while this one is open
            other.execute(f"DROP INDEX {VALUES_OF_UNIT_PERIOD}")
        other.close()
        sent.clear()
        assert _rows(database) == before
        assert not any("INDEXED BY" in s for s in sent)
    finally:
        database.close()
