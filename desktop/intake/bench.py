"""Benchmark: load 700 filled forms, against python-calamine merely reading them.

`run_benchmark()` builds a demo database, makes 700 filled forms (the 25
demo units × 28 open periods: the months and quarters of 2026 and the months
of 2027), then times (1) python-calamine opening each file and reading both
sheets, (2) openpyxl read-only doing the same, (3) `preview_files` and (4)
`load_files` writing them all, one transaction per file. Run it with
`python -m desktop.intake.bench [--count N]`; it prints JSON.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from desktop.data.database import open_database
from desktop.data.demo import build_demo
from desktop.data.models import OrgUnit, YearValue
from desktop.intake.content import form_content
from desktop.intake.layout import FORM_SHEET, META_SHEET
from desktop.intake.make import form_file_name, save_form
from desktop.periods import month_period, quarter_period


def bench_periods() -> list[str]:
    periods = [month_period(2026, m).code for m in range(1, 13)]
    periods += [quarter_period(2026, q).code for q in range(1, 5)]
    return periods + [month_period(2027, m).code for m in range(1, 13)]


def make_filled_forms(db, out_dir: Path, count: int) -> list[Path]:
    """`count` forms filled with each unit's 2025 yearly values (consistent by construction)."""
    paths: list[Path] = []
    with db.session() as session:
        units = session.execute(select(OrgUnit.id, OrgUnit.code, OrgUnit.valid_from,
                                       OrgUnit.valid_to).where(
            OrgUnit.parent_id.is_not(None), OrgUnit.level != "tinh")).all()
        units = [unit for unit in units if unit.code != "H38TS"]
        for period in bench_periods():
            spec = _spec(period)
            for unit_id, code, start, end in units:
                if (start and start > spec.end) or (end and end < spec.start):
                    continue  # a unit merged away: no form for a period it did not exist in
                if len(paths) >= count:
                    return paths
                values = _year_values(session, unit_id)
                content = form_content(session, code, _spec(period))
                filled = {row.code: values.get(row.code, 0) for row in content.rows}
                path = out_dir / form_file_name(code, period)
                save_form(content, path, filled)
                paths.append(path)
    return paths


def _spec(code: str):
    from desktop.periods import parse_period

    return parse_period(code)


def _year_values(session, unit_id: int) -> dict[str, float]:
    from desktop.data.models import DataElement

    rows = session.execute(select(DataElement.code, YearValue.value)
                           .join(DataElement, DataElement.id == YearValue.element_id)
                           .where(YearValue.unit_id == unit_id, YearValue.year == 2025))
    return dict(rows.all())


def time_calamine(paths: list[Path]) -> float:
    from python_calamine import CalamineWorkbook

    start = time.perf_counter()
    for path in paths:
        workbook = CalamineWorkbook.from_path(str(path))
        workbook.get_sheet_by_name(META_SHEET).to_python()
        workbook.get_sheet_by_name(FORM_SHEET).to_python()
    return time.perf_counter() - start


def time_openpyxl_read_only(paths: list[Path]) -> float:
    from openpyxl import load_workbook

    start = time.perf_counter()
    for path in paths:
        workbook = load_workbook(path, read_only=True, data_only=True)
        for name in (META_SHEET, FORM_SHEET):
            list(workbook[name].iter_rows(values_only=True))
        workbook.close()
    return time.perf_counter() - start


def run_benchmark(count: int = 700, workdir: Path | None = None) -> dict:
    """Build the data, time reading and loading `count` forms; return the figures."""
    from desktop.intake.load import load_files, preview_files

    with tempfile.TemporaryDirectory() as temp:
        base = Path(workdir or temp)
        forms = base / "forms"
        forms.mkdir(parents=True, exist_ok=True)
        db = open_database(base / "bench.db")
        try:
            with db.session() as session:
                build_demo(session)
            start = time.perf_counter()
            paths = make_filled_forms(db, forms, count)
            make_seconds = time.perf_counter() - start
            calamine = time_calamine(paths)
            openpyxl_ro = time_openpyxl_read_only(paths)
            start = time.perf_counter()
            with db.session() as session:
                previewed = preview_files(session, [forms])
            preview_seconds = time.perf_counter() - start
            start = time.perf_counter()
            reports = load_files(db, [forms])
            load_seconds = time.perf_counter() - start
            start = time.perf_counter()
            again = load_files(db, [forms])
            reload_seconds = time.perf_counter() - start
        finally:
            db.close()
    return {
        "forms": len(paths),
        "make_seconds": round(make_seconds, 2),
        "calamine_read_seconds": round(calamine, 2),
        "openpyxl_read_only_seconds": round(openpyxl_ro, 2),
        "preview_seconds": round(preview_seconds, 2),
        "load_seconds": round(load_seconds, 2),
        "reload_unchanged_seconds": round(reload_seconds, 2),
        "load_to_calamine_ratio": round(load_seconds / calamine, 1) if calamine else None,
        "files_ok": sum(r.ok for r in reports),
        "preview_ok": sum(r.ok for r in previewed),
        "values_inserted": sum(r.inserted for r in reports),
        "values_unchanged_on_reload": sum(r.unchanged for r in again),
        "reload_changed": sum(r.inserted + r.updated for r in again),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=700)
    args = parser.parse_args(argv)
    print(json.dumps(run_benchmark(args.count), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
