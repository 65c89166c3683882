"""The engine gives the same answers on PostgreSQL as on SQLite (the demo office).

The demo is built once in a file and transferred to the server, so both
hold exactly the same rows.
"""

from __future__ import annotations

import pytest

from desktop.data.database import open_database
from desktop.data.demo import build_demo
from desktop.data.transfer import transfer

progress_module = pytest.importorskip("desktop.engine.progress")
completeness_module = pytest.importorskip("desktop.engine.completeness")

CASES = [(plan, period) for plan in ("TH-2016", "KT-2009", "TTH-2020")
         for period in ("2019", "2020", "2024", "2025", "2025Q3", "2020Q1")]


def _demo(location: str):
    database = open_database(location)
    with database.session() as session:
        build_demo(session)
    return database


def _rows(database, plan: str, period: str, *, python_path: bool = False,
          monkeypatch: pytest.MonkeyPatch | None = None) -> list[tuple]:
    with database.session() as session:
        if python_path:
            with monkeypatch.context() as patch:
                for summed in ("_year_measurements", "_period_measurements"):
                    patch.setattr(progress_module, summed, progress_module._read_measurements)
                rows = progress_module.progress(session, plan, "H38TS", period, by_unit=True)
        else:
            rows = progress_module.progress(session, plan, "H38TS", period, by_unit=True)
    return [(r.indicator, r.level, r.unit, r.reporting, r.status, r.actual) for r in rows]


def _same(found: list[tuple], expected: list[tuple]) -> None:
    assert [row[:5] for row in found] == [row[:5] for row in expected]
    for mine, theirs in zip(found, expected):
        assert mine[5] == (pytest.approx(theirs[5]) if theirs[5] is not None else None)


def test_postgresql_gives_the_same_progress_as_sqlite(pg_server, tmp_path, monkeypatch):
    url, file = pg_server.create(migrated=True), str(tmp_path / "demo.sqlite")
    _demo(file).close()
    transfer(file, url)
    server, local = open_database(url), open_database(file)
    try:
        for plan, period in CASES:
            on_server = _rows(server, plan, period)
            assert on_server, f"{plan} {period}: the demo has data"
            _same(on_server, _rows(local, plan, period))
            _same(on_server, _rows(server, plan, period, python_path=True,
                                   monkeypatch=monkeypatch))
        with server.session() as a, local.session() as b:
            for period in ("2024", "2025Q4"):
                assert completeness_module.completeness(a, "H38TS", period) == \
                    completeness_module.completeness(b, "H38TS", period)
    finally:
        server.close()
        local.close()
        pg_server.drop(url)
