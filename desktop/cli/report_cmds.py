"""`itplan report`, `itplan template check|list`, `itplan export raw`: Excel reports."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from desktop.cli.common import add_json, print_json, require_file, session
from desktop.errors import UserError
from desktop.i18n import t


def register(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser("report", help="fill a report template (built-in name, .xlsx or .xlsm)")
    report.add_argument("--template", required=True, help="built-in name (see “template list”) or FILE.xlsx|.xlsm")
    report.add_argument("--unit", help="unit code (default: the office's own unit)")
    report.add_argument("--period", required=True, help="2024, 2024Q3 or 2024-07")
    report.add_argument("--plan", help="plan code (default: the office's plan)")
    report.add_argument("--date", help="report date YYYY-MM-DD (default: today)")
    report.add_argument("--out", required=True, type=Path,
                        help="FILE.xlsx to write (FILE.xlsm for a template with macros)")
    report.add_argument("--force", action="store_true", help="overwrite an existing file")
    report.set_defaults(handler=run_report)
    template = commands.add_parser("template", help="report templates").add_subparsers(
        dest="template_command", metavar="ACTION")
    template.required = True
    check = template.add_parser("check", help="list a template's tags, errors and warnings")
    check.add_argument("file", type=Path)
    add_json(check)
    check.set_defaults(handler=run_check)
    listing = template.add_parser("list", help="built-in templates")
    add_json(listing)
    listing.set_defaults(handler=run_list)
    export = commands.add_parser("export", help="export data to Excel").add_subparsers(
        dest="export_command", metavar="WHAT")
    export.required = True
    raw = export.add_parser("raw", help="every value of a period: a flat table and a pivot")
    raw.add_argument("--unit", help="unit code (default: the office's own unit)")
    raw.add_argument("--period", required=True, help="2024, 2024Q3 or 2024-07")
    raw.add_argument("--out", required=True, type=Path, help="FILE.xlsx to write")
    raw.add_argument("--force", action="store_true", help="overwrite an existing file")
    raw.set_defaults(handler=run_raw)


def _unit(active, code: str | None) -> str:
    if code:
        return code
    from desktop.data.office import require_office

    return require_office(active).unit_code


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(t(f"Ngày không hợp lệ: “{text}” (dùng YYYY-MM-DD).",
                          f"Invalid date: “{text}” (use YYYY-MM-DD).")) from None


def run_report(args: argparse.Namespace) -> int:
    from desktop.reports.fill import fill_report

    with session(args) as active:
        out = fill_report(active, args.template, _unit(active, args.unit), args.period, args.out,
                          plan_code=args.plan, force=args.force, report_date=_date(args.date))
    print(t(f"Đã ghi báo cáo: {out}", f"Report written: {out}"))
    return 0


def run_check(args: argparse.Namespace) -> int:
    from desktop.reports.builtin import template_path
    from desktop.reports.check import check_template

    path = template_path(args.file) if not args.file.exists() else require_file(args.file)
    result = check_template(path)
    if args.json:
        print_json(result.as_json())
    else:
        for cell in result.cells:
            print(f"{cell.sheet}!{cell.cell}: " + " ".join(tag.text for tag in cell.tags.tags))
        for warning in result.warnings:
            print(t("Cảnh báo: ", "Warning: ") + warning)
        for error in result.errors:
            print(t("Lỗi: ", "Error: ") + error)
        print(t(f"{len(result.cells)} ô có thẻ, {len(result.errors)} lỗi, {len(result.warnings)} cảnh báo.",
                f"{len(result.cells)} tagged cells, {len(result.errors)} errors, "
                f"{len(result.warnings)} warnings."))
    return 1 if result.errors else 0


def run_list(args: argparse.Namespace) -> int:
    from desktop.reports.builtin import builtin_templates, description

    rows = [{"name": name, "description": description(name), "file": str(path)}
            for name, path in builtin_templates().items()]
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(f"{row['name']:<20} {row['description']}")
    return 0


def run_raw(args: argparse.Namespace) -> int:
    from desktop.reports.raw import export_raw

    with session(args) as active:
        count = export_raw(active, _unit(active, args.unit), args.period, args.out, force=args.force)
    print(t(f"Đã ghi {count} giá trị vào {args.out}", f"Wrote {count} values to {args.out}"))
    return 0
