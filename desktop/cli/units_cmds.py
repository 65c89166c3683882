"""`itplan units list|add|import|rename|close|merge`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from desktop.cli.common import add_json, print_json, print_table, require_file, session
from desktop.data import units
from desktop.data.models import LEVELS, UNIT_KINDS
from desktop.errors import UserError
from desktop.formats import format_date
from desktop.i18n import t


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("units", help="organisation units")
    actions = parser.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="list units in tree order")
    listing.add_argument("--under", metavar="CODE", help="only this unit and those below it")
    add_json(listing)
    listing.set_defaults(handler=run_list)
    add = actions.add_parser("add", help="add one unit")
    add.add_argument("code")
    add.add_argument("name")
    add.add_argument("--level", choices=LEVELS, required=True)
    add.add_argument("--kind", choices=UNIT_KINDS, default="area")
    add.add_argument("--parent", metavar="CODE")
    add.set_defaults(handler=run_add)
    load = actions.add_parser("import", help="add units from CSV: code,name,level,kind,parent")
    load.add_argument("file", type=Path)
    load.set_defaults(handler=run_import)
    rename = actions.add_parser("rename", help="rename a unit")
    rename.add_argument("code")
    rename.add_argument("name")
    rename.set_defaults(handler=run_rename)
    close = actions.add_parser("close", help="close a unit (last day it existed)")
    close.add_argument("code")
    close.add_argument("--last-day", required=True, help="dd/mm/yyyy or yyyy-mm-dd")
    close.set_defaults(handler=run_close)
    merge = actions.add_parser("merge", help="merge units into a successor from a date")
    merge.add_argument("old", nargs="+", help="codes of the units merged away")
    merge.add_argument("--into", required=True, metavar="CODE", help="the successor unit")
    merge.add_argument("--date", required=True, help="first day of the merged unit")
    merge.set_defaults(handler=run_merge)


def parse_day(text: str) -> dt.date:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise UserError(t(f"Ngày “{text}” không hợp lệ (dd/mm/yyyy).",
                      f"Invalid date “{text}” (dd/mm/yyyy or yyyy-mm-dd)."))


def run_list(args: argparse.Namespace) -> int:
    with session(args) as active:
        rows = units.list_units(active, args.under)
    if args.json:
        print_json([row.as_json() for row in rows])
        return 0
    print_table([t("Mã", "Code"), t("Tên", "Name"), t("Cấp", "Level"), t("Trực thuộc", "Parent"),
                 t("Đến ngày", "Until"), t("Kế thừa bởi", "Successor")],
                [(r.code, r.name, units.level_name(r.level), r.parent or "",
                  format_date(r.valid_to), r.successor or "") for r in rows])
    return 0


def run_add(args: argparse.Namespace) -> int:
    with session(args, write=True) as active:
        units.add_unit(active, args.code, args.name, args.level, args.kind, args.parent)
    print(t(f"Đã thêm đơn vị {args.code}.", f"Added unit {args.code}."))
    return 0


def run_import(args: argparse.Namespace) -> int:
    path = require_file(args.file)
    warnings: list[str] = []
    with session(args, write=True, backup="before-import") as active:
        count = units.import_units_csv(active, path, warnings)
    for warning in warnings:
        print(warning, file=sys.stderr)
    print(t(f"{path.name}: đã thêm {count} đơn vị.", f"{path.name}: added {count} units."))
    return 0


def run_rename(args: argparse.Namespace) -> int:
    with session(args, write=True) as active:
        units.rename_unit(active, args.code, args.name)
    return 0


def run_close(args: argparse.Namespace) -> int:
    with session(args, write=True) as active:
        units.close_unit(active, args.code, parse_day(args.last_day))
    return 0


def run_merge(args: argparse.Namespace) -> int:
    day = parse_day(args.date)
    with session(args, write=True) as active:
        units.merge_units(active, args.old, args.into, day)
    print(t(f"Đã sáp nhập {', '.join(args.old)} vào {args.into} từ {format_date(day)}.",
            f"Merged {', '.join(args.old)} into {args.into} from {format_date(day)}."))
    return 0
