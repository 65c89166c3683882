"""`python -m desktop.bench [--db PATH|URL] [--repeat N] [--only PARTS]`.

The one benchmark entry point. It builds (once) a province-size database and
measures, each beside its floor (the same work done by the bare library or
a hand-written SQL query):

- engine: province-wide progress for a year, and broken down by district,
  against the same sums read by one SQL statement through the DBAPI cursor;
- startup: process start to the main window shown on the province database,
  against a bare PySide6 window measured the same way (and whether
  matplotlib was imported by then: it must not be);
- report: a 700-unit, 30-column breakdown filled from a template file to
  the report file, against openpyxl loading and saving that same report;
- intake: loading 700 filled forms, against python-calamine merely reading them.

Prints a table and, last, one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from desktop.bench.province import PLAN, PROVINCE, province_database

YEAR = 2024
PARTS = ("engine", "startup", "report", "intake")


def median_seconds(function, repeat: int) -> float:
    function()  # warm-up: caches, prepared statements
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _plan_elements(database) -> list[int]:
    from desktop.data.queries import plan_by_code
    from desktop.engine.progress import _groups

    with database.session() as session:
        groups = _groups(session, plan_by_code(session, PLAN).id)
        return sorted({e for g in groups for e in g.indicator.element_ids()})


def _floor_query(database, group_by_district: bool) -> str:
    district = ("CASE WHEN u.level = 'xa' THEN u.parent_id ELSE u.id END, "
                if group_by_district else "")
    elements = ",".join(str(e) for e in _plan_elements(database))
    return (f"SELECT {district}u.level, y.element_id, SUM(y.value), COUNT(*) "
            f"FROM year_value y JOIN org_unit u ON u.id = y.unit_id "
            f"WHERE y.year = {YEAR} AND y.element_id IN ({elements}) "
            f"GROUP BY {district}u.level, y.element_id")


def _run_sql(database, sql: str):
    def run():
        connection = database.engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute(sql)
            rows = cursor.fetchall()
            cursor.close()
            return rows
        finally:
            connection.close()
    return run


def _run_progress(database, by_unit: bool):
    from desktop.engine.progress import progress

    def run():
        with database.session() as session:
            return progress(session, PLAN, PROVINCE, str(YEAR), by_unit=by_unit)
    return run


def _figure(name: str, seconds: float, floor: str, floor_seconds: float, **extra) -> dict:
    return {"name": name, "seconds": seconds, "floor": floor, "floor_seconds": floor_seconds,
            "ratio": seconds / floor_seconds if floor_seconds else None, **extra}


def bench_engine(database, repeat: int) -> list[dict]:
    floor_total = median_seconds(_run_sql(database, _floor_query(database, False)), repeat)
    floor_districts = median_seconds(_run_sql(database, _floor_query(database, True)), repeat)
    return [
        _figure("progress: province, one year",
                median_seconds(_run_progress(database, False), repeat),
                "SQL SUM over year_value by level, element", floor_total),
        _figure("progress: by district",
                median_seconds(_run_progress(database, True), repeat),
                "SQL SUM over year_value by district, level, element", floor_districts),
    ]


def bench_startup(database, repeat: int) -> list[dict]:
    from desktop.ui.startup_bench import measure_bare_window, startup_details

    runs = [startup_details(database.path) for _ in range(max(3, repeat // 4))]
    bare = statistics.median(measure_bare_window() for _ in range(max(3, repeat // 4)))
    return [_figure("start-up to main window (province db)",
                    statistics.median(seconds for seconds, _ in runs),
                    "bare PySide6 main window", bare,
                    matplotlib_at_start=any(loaded for _, loaded in runs))]


def bench_report() -> list[dict]:
    from desktop.reports.bench import run

    result = run(700)
    return [_figure("report: 700 units × 30 columns, template file to report", result["fill_s"],
                    "openpyxl loading and saving the same report", result["openpyxl_load_save_s"],
                    fill_in_memory_s=result["fill_in_memory_s"])]


def bench_intake() -> list[dict]:
    from desktop.intake.bench import run_benchmark

    result = run_benchmark(700)
    return [_figure("intake: load 700 filled forms", result["load_seconds"],
                    "python-calamine only reading them", result["calamine_read_seconds"],
                    files_ok=result["files_ok"], values=result["values_inserted"])]


def print_table(figures: list[dict]) -> None:
    print(f"{'measure':<40} {'time':>10} {'floor':>10} {'ratio':>7}  floor is")
    for f in figures:
        print(f"{f['name']:<40} {_time(f['seconds']):>10} {_time(f['floor_seconds']):>10} "
              f"{f['ratio']:>6.2f}×  {f['floor']}")


def _time(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.bench")
    parser.add_argument("--db", default="out/bench-province.sqlite")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--only", default=",".join(PARTS),
                        help=f"comma-separated parts among {', '.join(PARTS)}")
    args = parser.parse_args(argv)
    parts = [part.strip() for part in args.only.split(",") if part.strip()]
    if "://" not in args.db:
        Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    database = province_database(args.db)
    build_s = time.perf_counter() - start
    figures: list[dict] = []
    if "engine" in parts:
        figures += bench_engine(database, args.repeat)
    if "startup" in parts and database.path is not None:
        figures += bench_startup(database, args.repeat)
    if "report" in parts:
        figures += bench_report()
    if "intake" in parts:
        figures += bench_intake()
    print(f"database: {args.db} ({database.engine.dialect.name}); open/build {build_s:.1f} s")
    print_table(figures)
    print(json.dumps({"database": database.engine.dialect.name,
                      "build_or_open_s": round(build_s, 2),
                      "figures": [{k: (round(v, 4) if isinstance(v, float) else v)
                                   for k, v in f.items()} for f in figures]},
                     ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
