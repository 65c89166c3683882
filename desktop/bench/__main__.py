"""`python -m desktop.bench [--db PATH|URL] [--repeat N] [--json]`.

Builds (once) a province-size database and measures the engine against its
floor: the same sums read by one hand-written SQL query through the bare
DBAPI cursor. Prints a table and, last, one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from desktop.bench.province import PLAN, PROVINCE, province_database
from desktop.engine.progress import progress

YEAR = 2024


def median_ms(function, repeat: int) -> float:
    function()  # warm-up: caches, prepared statements
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _floor_query(database, group_by_district: bool) -> str:
    district = ("CASE WHEN u.level = 'xa' THEN u.parent_id ELSE u.id END, "
                if group_by_district else "")
    elements = ",".join(str(e) for e in _plan_elements(database))
    return (f"SELECT {district}u.level, y.element_id, SUM(y.value), COUNT(*) "
            f"FROM year_value y JOIN org_unit u ON u.id = y.unit_id "
            f"WHERE y.year = {YEAR} AND y.element_id IN ({elements}) "
            f"GROUP BY {district}u.level, y.element_id")


def _raw_quarters_query(database) -> str:
    elements = ",".join(str(e) for e in _plan_elements(database))
    return ("SELECT v.element_id, SUM(v.value) FROM data_value v "
            "JOIN period p ON p.id = v.period_id JOIN data_element e ON e.id = v.element_id "
            f"WHERE p.year = {YEAR} AND v.element_id IN ({elements}) "
            "AND (e.temporal = 'flow' OR p.number = 4) GROUP BY v.element_id")


def _plan_elements(database) -> list[int]:
    from desktop.engine.progress import _groups
    from desktop.data.queries import plan_by_code

    with database.session() as session:
        groups = _groups(session, plan_by_code(session, PLAN).id)
        return sorted({e for g in groups for e in g.indicator.element_ids()})


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
    def run():
        with database.session() as session:
            return progress(session, PLAN, PROVINCE, str(YEAR), by_unit=by_unit)
    return run


def measure(database, repeat: int) -> list[dict]:
    floor_total = median_ms(_run_sql(database, _floor_query(database, False)), repeat)
    floor_districts = median_ms(_run_sql(database, _floor_query(database, True)), repeat)
    figures = [
        {"name": "progress_province_year", "ms": median_ms(_run_progress(database, False), repeat),
         "floor": "SQL SUM over year_value by level, element", "floor_ms": floor_total},
        {"name": "progress_by_district", "ms": median_ms(_run_progress(database, True), repeat),
         "floor": "SQL SUM over year_value by district, level, element",
         "floor_ms": floor_districts},
        {"name": "sums_from_raw_quarters_sql",
         "ms": median_ms(_run_sql(database, _raw_quarters_query(database)), repeat),
         "floor": "SQL SUM over year_value by level, element", "floor_ms": floor_total},
    ]
    for figure in figures:
        figure["ratio"] = figure["ms"] / figure["floor_ms"] if figure["floor_ms"] else None
    return figures


def print_table(figures: list[dict]) -> None:
    print(f"{'measure':<30} {'time':>10} {'floor':>10} {'ratio':>7}  floor is")
    for f in figures:
        print(f"{f['name']:<30} {f['ms']:>8.1f}ms {f['floor_ms']:>8.1f}ms {f['ratio']:>6.2f}×  "
              f"{f['floor']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.bench")
    parser.add_argument("--db", default="out/bench-province.sqlite")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    if "://" not in args.db:
        Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    database = province_database(args.db)
    build_s = time.perf_counter() - start
    with database.session() as session:
        from sqlalchemy import func, select

        from desktop.data.models import DataValue, OrgUnit
        values = session.scalar(select(func.count()).select_from(DataValue))
        units = session.scalar(select(func.count()).select_from(OrgUnit))
    figures = measure(database, args.repeat)
    print(f"database: {args.db} ({database.engine.dialect.name}), {units} units, "
          f"{values:,} values; open/build {build_s:.1f} s")
    print_table(figures)
    print(json.dumps({"database": database.engine.dialect.name, "units": units, "values": values,
                      "build_or_open_s": round(build_s, 2),
                      "figures": [{k: (round(v, 3) if isinstance(v, float) else v)
                                   for k, v in f.items()} for f in figures]}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
