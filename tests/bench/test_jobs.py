"""The benchmark's jobs: the saved form is removed again, after the job and its floor."""

from __future__ import annotations

import pytest

from desktop.bench.jobs import database_jobs
from desktop.bench.province import Size, build
from desktop.bench.replay import record_statements, replay
from desktop.data.database import open_database


@pytest.fixture
def bench_database(tmp_path):
    database = open_database(tmp_path / "bench.sqlite")
    with database.session() as session:
        build(session, Size(2, 2), years=range(2023, 2025))
    yield database
    database.close()


def test_a_saved_form_and_its_floor_leave_the_database_as_built(bench_database, table_hashes):
    jobs = {job.name: job for job in database_jobs(bench_database, "province")}
    save = jobs["save one commune's form (committed)"]
    before = table_hashes(bench_database)
    result = save.run()
    assert result.inserted > 0 and not result.updated  # new values, none there before
    assert table_hashes(bench_database) != before
    save.reset()
    assert table_hashes(bench_database) == before
    floor = replay(bench_database, record_statements(bench_database, save.run), commit=True)
    save.reset()
    floor()  # the same rows, through a bare cursor, committed
    assert table_hashes(bench_database) != before
    save.reset()
    assert table_hashes(bench_database) == before


def test_the_rolled_back_form_writes_nothing(bench_database, table_hashes):
    jobs = {job.name: job for job in database_jobs(bench_database, "province")}
    before = table_hashes(bench_database)
    assert jobs["write one commune's form (rolled back)"].run().inserted > 0
    assert table_hashes(bench_database) == before


def test_the_rankings_rank_the_units_under_their_unit_and_write_nothing(bench_database,
                                                                         table_hashes):
    from desktop.engine.scope import UnitTree

    jobs = {job.name: job for job in database_jobs(bench_database, "province")}
    before = table_hashes(bench_database)
    with bench_database.session() as session:
        tree = UnitTree.of(session)
        districts = {u.code for u in tree.children(tree.get("P00").id)}
        communes = {u.code for u in tree.children(tree.get("H01").id)}
    for name, units in (("ranking: the province's districts, year", districts),
                        ("ranking: one district's communes, year", communes)):
        rows = jobs[name].run()
        assert {row.unit for row in rows} == units and len(units) >= 2
        assert sorted(row.rank for row in rows)[0] == 1
    assert table_hashes(bench_database) == before
