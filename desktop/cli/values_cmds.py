"""`itplan values import|export`: recorded values as CSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli.common import require_file, session
from desktop.data.values_csv import export_values_csv, import_values_csv
from desktop.i18n import t


def register(commands: argparse._SubParsersAction) -> None:
    values = commands.add_parser("values", help="import or export recorded values (CSV)")
    actions = values.add_subparsers(dest="action", required=True)
    load = actions.add_parser("import", help="import unit_code,element_code,period,value[,comment]")
    load.add_argument("file", type=Path)
    load.set_defaults(handler=run_import)
    dump = actions.add_parser("export", help="export values as CSV")
    dump.add_argument("--unit", help="only units under this code")
    dump.add_argument("--period", help="only this period")
    dump.add_argument("--out", type=Path, help="file to write (default: standard output)")
    dump.set_defaults(handler=run_export)


def run_import(args: argparse.Namespace) -> int:
    path = require_file(args.file)
    with session(args, write=True, backup="before-import") as active:
        result = import_values_csv(active, path)
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    print(t(f"{path.name}: {result.inserted} giá trị mới, {result.updated} sửa, "
            f"{result.unchanged} không đổi.",
            f"{path.name}: {result.inserted} new, {result.updated} changed, "
            f"{result.unchanged} unchanged."))
    return 0


def run_export(args: argparse.Namespace) -> int:
    with session(args) as active:
        text = export_values_csv(active, args.unit, args.period)
    if args.out:
        args.out.write_text(text, encoding="utf-8-sig", newline="")
    else:
        sys.stdout.write(text)
    return 0
