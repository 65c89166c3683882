"""`itplan intake make|load`: Excel forms for agencies and communes, and loading them."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import add_json, database, database_file, print_json, session, sign_in
from desktop.data.instance import hold_instance
from desktop.errors import UserError
from desktop.i18n import t


def register(commands: argparse._SubParsersAction) -> None:
    intake = commands.add_parser("intake", help="make Excel forms and load filled ones")
    actions = intake.add_subparsers(dest="action", required=True)
    make = actions.add_parser("make", help="one .xlsx form per unit for a period")
    who = make.add_mutually_exclusive_group(required=True)
    who.add_argument("--unit", action="append", help="unit code (repeatable)")
    who.add_argument("--children-of", help="every unit directly under this code")
    make.add_argument("--period", required=True, help="2024, 2024Q3 or 2024-07")
    make.add_argument("--out", type=Path, required=True, help="folder for the forms")
    make.set_defaults(handler=run_make)
    load = actions.add_parser("load", help="load filled forms (files, folders, ZIP archives)")
    load.add_argument("inputs", nargs="+", type=Path, metavar="FILE|DIR|ZIP")
    load.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    add_json(load)
    load.set_defaults(handler=run_load)


def run_make(args: argparse.Namespace) -> int:
    from desktop.intake.make import make_forms
    from desktop.periods import parse_period

    from desktop.intake.seal import seal_key

    spec = parse_period(args.period)
    with session(args) as active:
        sealed = seal_key(active) is not None
    # the first forms of a database write its sealing key: a write, under the instance lock
    with session(args, write=not sealed) as active:
        codes = args.unit or _units_under(active, args.children_of, spec)
        paths = make_forms(active, codes, spec.code, args.out)
    for path in paths:
        print(path)
    print(t(f"Đã tạo {len(paths)} phiếu trong {args.out}.",
            f"Made {len(paths)} forms in {args.out}."))
    return 0


def _units_under(active, code: str, spec) -> list[str]:
    from desktop.data.units import children

    codes = [row.code for row in children(active, code)
             if (row.valid_from is None or row.valid_from <= spec.end)
             and (row.valid_to is None or row.valid_to >= spec.start)]
    if not codes:
        raise UserError(t(f"Đơn vị “{code}” không có đơn vị trực thuộc trong kỳ {spec.label()}.",
                          f"Unit “{code}” has no units under it in {spec.label()}."))
    return codes


def run_load(args: argparse.Namespace) -> int:
    from desktop.data.backup import auto_backup
    from desktop.intake.load import load_files

    missing = [str(path) for path in args.inputs if not path.exists()]
    if missing:
        raise UserError(t(f"Không tìm thấy: {', '.join(missing)}.",
                          f"Not found: {', '.join(missing)}."))
    with hold_instance(None if args.dry_run else database_file(args)):
        db = database(args)
        try:
            with db.session() as active:  # `--user NAME`, as every command (desktop.data.authz)
                sign_in(args, active)
            if not args.dry_run and db.path is not None:
                auto_backup(db.path, "before-import")
            reports = load_files(db, args.inputs, dry_run=args.dry_run)
        finally:
            db.close()
    if not reports:
        raise UserError(t("Không tìm thấy phiếu nào (.xlsx) để nhập.",
                          "No form (.xlsx) found to load."))
    if args.json:
        print_json([report.as_json() for report in reports])
    else:
        _print_reports(reports, args.dry_run)
    return 0 if all(report.ok for report in reports) else 1


def _whose(report) -> str:  # noqa: ANN001 - a FileReport
    """Whose figures a file carries and for which period: every file says so."""
    from desktop.periods import parse_period

    if not report.unit:
        return t("đơn vị chưa rõ", "unit unknown")
    unit = f"{report.unit_name} ({report.unit})" if report.unit_name else report.unit
    try:
        period = parse_period(report.period).label()
    except UserError:
        period = report.period or "?"
    return f"{unit}, {period}"


def _print_reports(reports, dry_run: bool) -> None:
    for report in reports:
        print(f"{report.path} — {_whose(report)}")
        if report.ok:
            detail = t(f"ok, {report.values} giá trị ({report.inserted} mới, {report.updated} sửa, "
                       f"{report.unchanged} không đổi)",
                       f"ok, {report.values} values ({report.inserted} new, {report.updated} "
                       f"changed, {report.unchanged} unchanged)")
            print(f"  {detail}")
            for warning in report.warnings:
                print(t(f"  cảnh báo: {warning}", f"  warning: {warning}"))
        else:
            for problem in report.problems:
                print(str(problem))
    good = sum(report.ok for report in reports)
    note = t(" (chạy thử, không ghi gì)", " (dry run, nothing written)") if dry_run else ""
    print(t(f"{good}/{len(reports)} tệp tốt, {len(reports) - good} tệp lỗi không được ghi{note}.",
            f"{good}/{len(reports)} files good, {len(reports) - good} with problems not "
            f"written{note}."))
