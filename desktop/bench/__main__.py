"""`python -m desktop.bench [--size SIZES] [--dir DIR | --db PATH|URL] [--repeat N] [--only PARTS]`.

The one benchmark entry point. It builds (once, kept in DIR) a database of
each size asked for — demo, province, national or x10, see
desktop.bench.province — and measures, each job beside its floor:

- engine: progress, completeness, the entry grid and writing one form, for
  the whole province and for one district; the floor is the job's own SQL
  statements replayed through a bare DBAPI cursor (desktop.bench.replay);
- intake: loading the province's forms for a new month in one batch,
  against python-calamine reading each file and a bare cursor writing the
  same rows, one transaction per file;
- report: a 700-unit, 30-column breakdown filled from a template file to
  the report file, against openpyxl loading and saving that same report
  (the least a program built on openpyxl does to produce it);
- startup: process start to the main window shown, against a bare PySide6
  window;
- gui: interaction times in the main window (tab switch, period change,
  unit change, grid reload, chart change), in a process of its own.

With two sizes or more it prints a scaling table: each job's time at each
size and its growth exponent. Prints tables and, last, one JSON object.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from pathlib import Path

from desktop.bench.province import PROVINCE, SIZES, province_database

PARTS = ("engine", "intake", "report", "startup", "gui")


def paired_medians(job, floor, repeat: int, warm_up: int = 5,
                   reset=None) -> tuple[float, float]:  # noqa: ANN001
    """Median times of a job and of its floor, run in turns: one of each per round, so
    that the machine's speed, which drifts over seconds, weighs on both alike (timed one
    after the other, floors of under a millisecond moved by up to 1.5× between runs).
    `reset`, untimed, runs after each of them (what puts the database back after a job
    that commits)."""
    def timed(function) -> float:  # noqa: ANN001
        start = time.perf_counter()
        function()
        seconds = time.perf_counter() - start
        if reset is not None:
            reset()
        return seconds

    for _ in range(warm_up):  # caches, prepared statements, the page cache
        timed(job)
        timed(floor)
    job_samples, floor_samples = [], []
    for _ in range(repeat):
        job_samples.append(timed(job))
        floor_samples.append(timed(floor))
    return statistics.median(job_samples), statistics.median(floor_samples)


def _figure(name: str, seconds: float, floor: str, floor_seconds: float | None, **extra) -> dict:
    return {"name": name, "seconds": seconds, "floor": floor, "floor_seconds": floor_seconds,
            "ratio": seconds / floor_seconds if floor_seconds else None, **extra}


def bench_engine(database, size: str, repeat: int) -> list[dict]:
    from desktop.bench.jobs import database_jobs
    from desktop.bench.replay import record_statements, replay

    figures = []
    for job in database_jobs(database, size):
        for _ in range(2):  # what it keeps between runs is kept before it is recorded
            job.run()
            if job.reset is not None:
                job.reset()
        statements = record_statements(database, job.run)
        if job.reset is not None:
            job.reset()
        seconds, floor = paired_medians(job.run, replay(database, statements,
                                                        commit=job.reset is not None),
                                        repeat, reset=job.reset)
        figures.append(_figure(job.name, seconds, "its statements on a bare cursor", floor,
                               units=job.units, fixed=job.fixed, statements=len(statements)))
    return figures


def bench_intake(database, folder: Path, size: str) -> list[dict]:
    import hashlib

    from desktop.bench.intake_size import bench_intake as run, province_forms
    from desktop.intake.layout import FORM_VERSION
    from desktop.intake.seal import seal_key

    with database.session() as session:  # forms carry this database's seal: one folder each
        seal = hashlib.sha256(seal_key(session, create=True)).hexdigest()[:8]
    forms = province_forms(database, folder / f"forms-{size}-v{FORM_VERSION}-{seal}-2026-01")
    with database.session() as session:
        from sqlalchemy import select

        from desktop.data.models import OrgUnit
        present = set(session.scalars(select(OrgUnit.code)))
    paths = [path for code, path in sorted(forms.items()) if code in present]
    result = run(database, paths)
    return [_figure("intake: the province's forms, one batch", result["seconds"],
                    "calamine read + bare writes of the same rows, a transaction per file",
                    result["floor_seconds"], units=len(paths), fixed=False, forms=len(paths),
                    files_ok=result["files_ok"], values=result["values"],
                    rounds=result["rounds"])]


def bench_startup(database, repeat: int) -> list[dict]:
    """The program started on the database (the office's province shown with its data,
    with and without a quarter remembered) in turns with a bare window."""
    from desktop.bench.jobs import count_under
    from desktop.ui.startup_bench import measure_bare_window, startup_details

    startup_details(database.path)  # compiles the modules once, as installing does
    runs, quarter, bare = [], [], []
    for _ in range(max(3, repeat // 4)):
        runs.append(startup_details(database.path))
        quarter.append(startup_details(database.path, remembered={"period": "2024Q2"})[1])
        bare.append(measure_bare_window())
    floor, province = statistics.median(bare), count_under(database, PROVINCE)
    return [_figure("start-up: first window shown", statistics.median(r[0] for r in runs),
                    "bare PySide6 main window", floor, units=1, fixed=True),
            _figure("start-up: main window with its data", statistics.median(r[1] for r in runs),
                    "bare PySide6 main window", floor, units=province, fixed=False,
                    matplotlib_at_start=any(r[2] for r in runs)),
            _figure("start-up, a quarter remembered", statistics.median(quarter),
                    "bare PySide6 main window", floor, units=province, fixed=False)]


def bench_report() -> list[dict]:
    from desktop.reports.bench import run

    result = run(700)
    return [_figure("report: 700 units × 30 columns, template file to report", result["fill_s"],
                    "openpyxl loading and saving the same report", result["openpyxl_load_save_s"],
                    fill_in_memory_s=result["fill_in_memory_s"])]


def bench_gui(database) -> list[dict]:
    from desktop.bench.jobs import DISTRICT, count_under
    from desktop.ui.interaction_bench import (PROVINCE_WIDE, interaction_times,
                                              interaction_times_apart)

    times = (interaction_times_apart(database.path) if database.path is not None
             else interaction_times(database))
    province, district = count_under(database, PROVINCE), count_under(database, DISTRICT)
    return [_figure(f"GUI: {name}", seconds, "", None,
                    units=province if name in PROVINCE_WIDE else district,
                    fixed=name not in PROVINCE_WIDE)
            for name, seconds in times.items()]


def print_table(size: str, figures: list[dict]) -> None:
    print(f"\n{size}:")
    print(f"{'measure':<46} {'time':>10} {'floor':>10} {'ratio':>7}  floor is")
    for f in figures:
        ratio = f"{f['ratio']:>6.2f}×" if f["ratio"] else "      -"
        floor = _time(f["floor_seconds"]) if f["floor_seconds"] else "-"
        print(f"{f['name']:<46} {_time(f['seconds']):>10} {floor:>10} {ratio}  {f['floor']}")


def scaling(results: dict[str, list[dict]]) -> list[dict]:
    """Each job at every size, with its growth exponent from each size to the next.

    Where the job covers more units at the larger size the exponent is
    against those units (ideal: 1 or less); where it covers the same units
    (one district; the historical province inside the national database)
    against the database's units (ideal: 0)."""
    sizes = list(results)
    names = [f["name"] for f in results[sizes[0]]]
    rows = []
    for name in names:
        found = {size: f for size in sizes
                 for f in results[size] if f["name"] == name}
        steps = []
        for small, large in zip(list(found), list(found)[1:]):
            a, b = found[small], found[large]
            grows = a.get("units") != b.get("units") and not a.get("fixed")
            x1, x2 = ((a["units"], b["units"]) if grows
                      else (SIZES[small].units, SIZES[large].units))
            exponent = (math.log(b["seconds"] / a["seconds"]) / math.log(x2 / x1)
                        if x1 != x2 and a["seconds"] > 0 else None)
            steps.append({"from": small, "to": large, "exponent": exponent,
                          "against": "units covered" if grows else "database units"})
        if steps:
            rows.append({"name": name, "times": {s: f["seconds"] for s, f in found.items()},
                         "steps": steps})
    return rows


def print_scaling(rows: list[dict], sizes: list[str]) -> None:
    print("\nscaling (exponent from each size to the next; u: against the units the job "
          "covers, d: against the database's units):")
    print(f"{'job':<46} " + " ".join(f"{s:>10}" for s in sizes) + "  exponents")
    for row in rows:
        cells = " ".join(f"{_time(row['times'][s]) if s in row['times'] else '-':>10}"
                         for s in sizes)
        steps = "  ".join(f"{step['exponent']:.2f}{step['against'][0]}"
                          if step["exponent"] is not None else "-" for step in row["steps"])
        print(f"{row['name']:<46} {cells}  {steps}")


def _time(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def run_size(size: str, target: str, parts: list[str], repeat: int, folder: Path) -> list[dict]:
    start = time.perf_counter()
    database = province_database(target, size)
    print(f"{size}: {target} ({database.engine.dialect.name}); open/build "
          f"{time.perf_counter() - start:.1f} s", flush=True)
    figures: list[dict] = []
    try:
        if "engine" in parts:
            figures += bench_engine(database, size, repeat)
        if "intake" in parts:
            figures += bench_intake(database, folder, size)
        if "gui" in parts:
            figures += bench_gui(database)
        if "startup" in parts and database.path is not None:
            figures += bench_startup(database, repeat)
    finally:
        database.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.bench")
    parser.add_argument("--size", default="province",
                        help=f"comma-separated sizes among {', '.join(SIZES)}")
    parser.add_argument("--dir", default="out", help="folder keeping the built databases")
    parser.add_argument("--db", help="one database (path or URL) instead of DIR/bench-SIZE.sqlite")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--only", default="engine,intake,report,startup",
                        help=f"comma-separated parts among {', '.join(PARTS)}")
    args = parser.parse_args(argv)
    sizes = [s.strip() for s in args.size.split(",") if s.strip()]
    parts = [part.strip() for part in args.only.split(",") if part.strip()]
    unknown = [s for s in sizes if s not in SIZES] + [p for p in parts if p not in PARTS]
    if unknown or (args.db and len(sizes) > 1):
        parser.error(f"unknown {', '.join(unknown)}" if unknown else "--db takes one size")
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    results = {}
    for size in sizes:
        target = args.db or str(folder / f"bench-{size}.sqlite")
        results[size] = run_size(size, target, parts, args.repeat, folder)
        print_table(size, results[size])
    if "report" in parts:
        results["report"] = bench_report()
        print_table("report", results["report"])
    rows = scaling({s: results[s] for s in sizes}) if len(sizes) > 1 else []
    if rows:
        print_scaling(rows, sizes)
    print(json.dumps({"results": {k: [{n: (round(v, 5) if isinstance(v, float) else v)
                                       for n, v in f.items()} for f in figs]
                                  for k, figs in results.items()},
                      "scaling": rows}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
