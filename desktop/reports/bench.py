"""Benchmark: a 700-unit breakdown report of 30 columns against plain openpyxl.

The floor is what any program must do: load the template and write the
same values into the same cells with the same styles, copying each row's
style from the template row (StyleArray copy, the fastest openpyxl way).
The fill does that plus everything the template engine adds: checking
tags, computing every value from the database, moving what lies below the
block. Both are timed without saving, then with saving.

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
from copy import copy
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


def _fill(session, template: Path):
    from desktop.reports.check import load_template
    from desktop.reports.fill import Filler

    wb = load_template(template)
    start = time.perf_counter()
    Filler(session, "H01", "2024", "TH-2016").fill(wb)
    return wb, time.perf_counter() - start


def _floor(template: Path, values: list[list], pause_gc: bool = False):
    from desktop.reports.check import load_template

    wb = load_template(template)
    if pause_gc:
        gc.disable()
    try:
        return _write_floor(wb, values)
    finally:
        gc.enable()


def _write_floor(wb, values: list[list]):
    start = time.perf_counter()
    ws = wb.active
    styles = [ws.cell(TEMPLATE_ROW, column)._style for column in range(1, 31)]
    for offset, row_values in enumerate(values):
        row = TEMPLATE_ROW + offset
        for column, value in enumerate(row_values, 1):
            cell = ws.cell(row=row, column=column)
            cell.value = value
            cell._style = copy(styles[column - 1])
    return wb, time.perf_counter() - start


def _timed_save(wb, path: Path) -> float:
    start = time.perf_counter()
    wb.save(path)
    return time.perf_counter() - start


def run(units: int = 700, folder: Path | None = None) -> dict:
    from desktop.data.database import open_database

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(folder or temporary)
        build_database(folder / "bench.sqlite", units)
        build_template(folder / "template.xlsx")
        database = open_database(folder / "bench.sqlite")
        fill_times, floor_times, paused_times = [], [], []
        with database.session() as session:
            filled, _ = _fill(session, folder / "template.xlsx")
            values = [[c.value for c in row] for row in filled.active.iter_rows(
                min_row=TEMPLATE_ROW, max_row=TEMPLATE_ROW + units - 1, max_col=30)]
            for _ in range(7):  # interleaved, best of seven: the machine's noise hits both
                filled, seconds = _fill(session, folder / "template.xlsx")
                fill_times.append(seconds)
                plain, seconds = _floor(folder / "template.xlsx", values)
                floor_times.append(seconds)
                paused_times.append(_floor(folder / "template.xlsx", values, pause_gc=True)[1])
        fill_save = _timed_save(filled, folder / "filled.xlsx")
        floor_save = _timed_save(plain, folder / "plain.xlsx")
        database.close()
    fill, floor = min(fill_times), min(floor_times)
    return {"units": units, "columns": 30, "cells": units * 30,
            "fill_s": round(fill, 3), "floor_s": round(floor, 3), "ratio": round(fill / floor, 2),
            "floor_gc_paused_s": round(min(paused_times), 3),
            "ratio_to_gc_paused_floor": round(fill / min(paused_times), 2),
            "fill_with_save_s": round(fill + fill_save, 3),
            "floor_with_save_s": round(floor + floor_save, 3),
            "ratio_with_save": round((fill + fill_save) / (floor + floor_save), 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.reports.bench")
    parser.add_argument("--units", type=int, default=700)
    args = parser.parse_args(argv)
    json.dump(run(args.units), sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
