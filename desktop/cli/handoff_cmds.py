"""`itplan plans export CODE --out FILE` and `itplan plans import FILE`: the
province's plan handed to every office as one signed file."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import add_json, print_json, print_table, require_file, session, writable_out
from desktop.handoff.describe import change_rows, summary
from desktop.i18n import t


def register_plans(plans: argparse._SubParsersAction) -> None:
    export = plans.add_parser("export", help="write a plan, its targets, indicators, templates "
                              "(and units) as one signed file for every office")
    export.add_argument("code")
    export.add_argument("--out", required=True, type=Path)
    export.add_argument("--template", action="append", type=Path, default=[],
                        help="a report template (.xlsx) to hand down; repeatable")
    export.add_argument("--units", action="store_true", help="include the list of units")
    export.set_defaults(handler=run_export)
    load = plans.add_parser("import", help="verify a province's plan file, show what it "
                            "changes and apply it")
    load.add_argument("file", type=Path)
    load.add_argument("--dry-run", action="store_true", help="only show what would change")
    add_json(load)
    load.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace) -> int:
    from desktop.handoff.export import export_handoff

    writable_out(args.out)
    with session(args) as active:
        metadata = export_handoff(active, args.code, args.out, args.template, args.units)
    print(t(f"Đã ghi {args.out}: kế hoạch {metadata['plan']}, {metadata['targets']} mục tiêu, "
            f"{len(metadata['templates'])} mẫu báo cáo, {metadata['units']} đơn vị.",
            f"Wrote {args.out}: plan {metadata['plan']}, {metadata['targets']} targets, "
            f"{len(metadata['templates'])} report templates, {metadata['units']} units."))
    return 0


def run_import(args: argparse.Namespace) -> int:
    from desktop.handoff.receive import apply_handoff, read_handoff

    require_file(args.file)
    backup = None if args.dry_run else "before-import"
    with session(args, write=not args.dry_run, backup=backup) as active:
        result = read_handoff(active, args.file)
        done = None if args.dry_run else apply_handoff(active, result)
    if args.json:
        print_json({"dry_run": args.dry_run, **result.as_json(), "applied": done})
        return 0
    print(summary(result))
    rows = change_rows(result)
    if rows:
        print_table([t("Thay đổi", "Change"), t("Chỉ số", "Indicator"), t("Năm", "Year"),
                     t("Cấp", "Level"), t("Trước", "Before"), t("Sau", "After")], rows)
    if done:
        for path in done["templates"]:
            print(t(f"Mẫu báo cáo đã lưu: {path}", f"Report template saved: {path}"))
        for name in done["sections"]:
            print(t(f"Phần kèm theo: {name}", f"Extra section: {name}"))
    print(t("Chạy thử: chưa ghi gì.", "Dry run: nothing was written.") if args.dry_run
          else t("Đã áp dụng.", "Applied."))
    return 0
