"""`itplan init` and `itplan demo`: set up an office or a demo database."""

from __future__ import annotations

import argparse

from desktop.cli.common import session
from desktop.data.models import LEVELS
from desktop.data.office import get_office, init_office, plan_files_check
from desktop.i18n import t


def register(commands: argparse._SubParsersAction) -> None:
    init = commands.add_parser("init", help="set up the office: province, own unit, plans")
    init.add_argument("--province", required=True, help="province name, e.g. “Kon Tum”")
    init.add_argument("--unit-code", required=True, help="code of the office's own unit")
    init.add_argument("--unit-name", required=True, help="name of the office's own unit")
    init.add_argument("--level", choices=LEVELS, default="huyen")
    init.add_argument("--plan", action="append", default=[], metavar="CODE",
                      help="plan to follow (repeatable); see `itplan plans list`")
    init.set_defaults(handler=run_init)
    demo = commands.add_parser("demo", help="make a demo database (a district and its communes)")
    demo.set_defaults(handler=run_demo)


def run_init(args: argparse.Namespace) -> int:
    for code in args.plan:
        plan_files_check(code)
    with session(args, write=True) as active:
        office = init_office(active, province=args.province, unit_code=args.unit_code,
                             unit_name=args.unit_name, level=args.level, plans=args.plan)
    _first_backup(args)
    print(t(f"Đã khởi tạo: {office.unit_name} ({office.province}).",
            f"Set up: {office.unit_name} ({office.province})."))
    return 0


def run_demo(args: argparse.Namespace) -> int:
    from desktop.data.demo import build_demo

    with session(args, write=True) as active:
        build_demo(active)
        office = get_office(active)
    _first_backup(args)
    print(t(f"Đã tạo dữ liệu demo: {office.unit_name}, 2016–2025.",
            f"Demo data made: {office.unit_name}, 2016–2025."))
    return 0


def _first_backup(args: argparse.Namespace) -> None:
    """The first automatic backup, taken as soon as the office is set up."""
    from desktop.cli.common import database_file
    from desktop.data.backup import auto_backup

    path = database_file(args)
    if path is not None:
        auto_backup(path, "setup")
