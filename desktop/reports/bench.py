"""Benchmark: a 700-unit breakdown report of 30 columns against openpyxl's load and save.

The fill is timed as the whole job: reading the template package, checking
tags, computing every value from the database, repeating the row, moving
what lies below, writing the report file. The floor is openpyxl loading
that same report file and saving it again: the least a program built on
openpyxl does to produce it. The fill alone in memory is reported too.

`python -m desktop.reports.bench [--units 700]` prints JSON.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import tempfile
import time
from pathlib import Path

INDICATORS = ["STAFF_PC_RATE", "MAILBOX_RATE", "EMAIL_USE_RATE", "DOCS_ELEC_RATE",
              "DOCS_SIGNED_RATE", "PS_L3_RATE", "PC_NET_RATE"]
PARTS = {"STAFF_PC_RATE": ("STAFF_WITH_PC", "STAFF"), "MAILBOX_RATE": ("STAFF_MAILBOX", "STAFF"),
         "EMAIL_USE_RATE": ("STAFF_EMAIL_USE", "STAFF"), "DOCS_ELEC_RATE": ("DOCS_SENT_ELEC", "DOCS_SENT"),
         "DOCS_SIGNED_RATE": ("DOCS_SIGNED", "DOCS_SENT_ELEC"), "PS_L3_RATE": ("PS_L3", "PS_TOTAL"),
         "PC_NET_RATE": ("PCS_NET", "PCS")}
TEMPLATE_ROW = 4


def build_database(path: Path, units: int) -> None:
    """An office with `units` communes, each with a year's values of the elements above."""
    from desktop.data.database import open_database
    from desktop.data.office import init_office
    from desktop.data.units import add_unit
    from desktop.data.values import ValueInput, write_values

    database = open_database(path)
    rng = random.Random(700)
    with database.session() as session:
        init_office(session, province="Thanh Hóa", province_code="T38", unit_code="H01",
                    unit_name="Huyện Thử Nghiệm", level="huyen", plans=["TH-2016"])
        items = []
        for index in range(1, units + 1):
            code = f"X{index:04d}"
            add_unit(session, code, f"Xã Số {index}", "xa", "area", "H01", order=index)
            values: dict[str, int] = {}
            for numerator, denominator in PARTS.values():
                whole = values.setdefault(denominator, rng.randint(200, 400))
                values[numerator] = rng.randint(0, min(whole, 199))
            items += [ValueInput(code, element, "2024", value) for element, value in values.items()]
        write_values(session, items, user="bench")
    database.close()


def build_template(path: Path) -> None:
    """Header rows, one repeated row of 30 columns (name + 7 × num/den/value/percent), a total."""
    from openpyxl import Workbook
    from openpyxl.styles import Border, Font, Side

    wb = Workbook()
    ws = wb.active
    ws["A1"] = "{{ office.name }} — {{ period.label }}"
    ws.merge_cells("A1:AD1")
    row = ["{{ each:units }}{{ row.no }}", "{{ unit.name }}"]
    for code in INDICATORS:
        row += [f"{{{{ num:{code} }}}}", f"{{{{ den:{code} }}}}", f"{{{{ value:{code} }}}}",
                f"{{{{ percent:{code} }}}}"]
    side = Side(style="thin")
    for column, text in enumerate(row, 1):
        cell = ws.cell(TEMPLATE_ROW, column, text)
        cell.font = Font(name="Times New Roman", size=11)
        cell.border = Border(left=side, right=side, top=side, bottom=side)
        cell.number_format = "#,##0.0"
    ws.cell(TEMPLATE_ROW + 1, 3, "=SUM(C4:C4)")
    wb.save(path)


def _fill(session, template: Path, out: Path) -> tuple[float, float]:
    """(whole job: template file to report file, the fill alone in memory), in seconds."""
    from desktop.reports.check import load_template
    from desktop.reports.fill import Filler

    start = time.perf_counter()
    book = load_template(template)
    middle = time.perf_counter()
    Filler(session, "H01", "2024", "TH-2016").fill(book)
    filled = time.perf_counter()
    book.save(out)
    return time.perf_counter() - start, filled - middle


def _openpyxl_round_trip(report: Path, out: Path) -> float:
    """The floor: openpyxl loading the same report and saving it."""
    import openpyxl

    start = time.perf_counter()
    openpyxl.load_workbook(report, rich_text=True).save(out)
    return time.perf_counter() - start


def run(units: int = 700, folder: Path | None = None) -> dict:
    from desktop.data.database import open_database
    from desktop.reports.check import load_template  # noqa: F401  (imports openpyxl and lxml once)

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(folder or temporary)
        build_database(folder / "bench.sqlite", units)
        build_template(folder / "template.xlsx")
        database = open_database(folder / "bench.sqlite")
        fill_times, memory_times, floor_times = [], [], []
        with database.session() as session:
            _fill(session, folder / "template.xlsx", folder / "filled.xlsx")  # warm-up
            for _ in range(7):  # interleaved, best of seven: the machine's noise hits both
                gc.collect()
                whole, memory = _fill(session, folder / "template.xlsx", folder / "filled.xlsx")
                fill_times.append(whole)
                memory_times.append(memory)
                gc.collect()
                floor_times.append(_openpyxl_round_trip(folder / "filled.xlsx", folder / "plain.xlsx"))
        database.close()
    fill, floor = min(fill_times), min(floor_times)
    return {"units": units, "columns": 30, "cells": units * 30,
            "fill_s": round(fill, 3), "fill_in_memory_s": round(min(memory_times), 3),
            "openpyxl_load_save_s": round(floor, 3), "ratio": round(fill / floor, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.reports.bench")
    parser.add_argument("--units", type=int, default=700)
    args = parser.parse_args(argv)
    json.dump(run(args.units), sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
