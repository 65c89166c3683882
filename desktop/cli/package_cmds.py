"""`itplan package export|import` and `itplan keys list|trust|revoke|export`."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import (
    add_json,
    print_json,
    print_table,
    require_file,
    session,
    writable_out,
)
from desktop.formats import format_plain
from desktop.i18n import t

SHOWN_CHANGES = 200
ACTION_NAMES = {"insert": ("thêm", "new"), "update": ("sửa", "changed"),
                "conflict": ("XUNG ĐỘT", "CONFLICT"), "locked": ("đã khóa", "locked")}


def register(commands: argparse._SubParsersAction) -> None:
    package = commands.add_parser("package", help="signed data packages sent upward")
    actions = package.add_subparsers(dest="action", required=True)
    export = actions.add_parser("export", help="write one unit's data for a period, signed")
    export.add_argument("--unit", required=True, help="unit code (its units below go too)")
    export.add_argument("--period", required=True, help="2024, 2024Q3 or 2024-07")
    export.add_argument("--out", required=True, type=Path)
    export.set_defaults(handler=run_export)
    load = actions.add_parser("import", help="verify, show and merge packages")
    load.add_argument("files", nargs="+", type=Path)
    load.add_argument("--dry-run", action="store_true", help="only show what would change")
    add_json(load)
    load.set_defaults(handler=run_import)
    _register_keys(commands)


def _register_keys(commands: argparse._SubParsersAction) -> None:
    keys = commands.add_parser("keys", help="this office's key and the keys it trusts")
    actions = keys.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="this office's key and the trusted keys")
    add_json(listing)
    listing.set_defaults(handler=run_keys_list)
    trust = actions.add_parser("trust", help="trust the key in a key file or package")
    trust.add_argument("file", type=Path)
    trust.add_argument("--office", metavar="CODE",
                       help="the unit code the key must sign for (checked against the file)")
    trust.set_defaults(handler=run_trust)
    revoke = actions.add_parser("revoke", help="stop trusting a key")
    revoke.add_argument("key_id")
    revoke.set_defaults(handler=run_revoke)
    export = actions.add_parser("export", help="write this office's public key to a file")
    export.add_argument("--out", required=True, type=Path)
    export.set_defaults(handler=run_keys_export)


def run_export(args: argparse.Namespace) -> int:
    from desktop.packages.export import export_package

    writable_out(args.out)
    with session(args) as active:
        metadata = export_package(active, args.unit, args.period, args.out)
    print(t(f"Đã ghi {args.out}: {metadata['unit_name']}, kỳ {metadata['period']}, "
            f"{metadata['values']} giá trị, {metadata['units']} đơn vị.",
            f"Wrote {args.out}: {metadata['unit_name']}, {metadata['period']}, "
            f"{metadata['values']} values, {metadata['units']} units."))
    return 0


def run_import(args: argparse.Namespace) -> int:
    from desktop.packages.container import verify_all
    from desktop.packages.merge import apply_import, plan_import

    paths = [require_file(path) for path in args.files]
    backup = None if args.dry_run else "before-import"
    with session(args, write=not args.dry_run, backup=backup) as active:
        packages = verify_all(active, paths)
        plans = []
        for package in packages:
            plan = plan_import(active, package)
            if not args.dry_run:
                apply_import(active, plan)
            plans.append(plan)
        if args.dry_run:
            active.rollback()
    _report(plans, args)
    return 0



def _report(plans: list, args: argparse.Namespace) -> None:
    if args.json:
        print_json({"dry_run": args.dry_run, "packages": [plan.as_json() for plan in plans]})
        return
    for plan in plans:
        print(t(f"{plan.file}: {plan.unit} kỳ {plan.period}, gửi từ {plan.office} "
                f"{plan.office_name}: {len(plan.new_units)} đơn vị mới, {plan.count('insert')} giá "
                f"trị mới, {plan.count('update')} sửa, {plan.count('unchanged')} không đổi, "
                f"{plan.count('conflict')} xung đột, {plan.count('locked')} kỳ đã khóa.",
                f"{plan.file}: {plan.unit} {plan.period}, from {plan.office} {plan.office_name}: "
                f"{len(plan.new_units)} new units, {plan.count('insert')} new values, "
                f"{plan.count('update')} changed, {plan.count('unchanged')} unchanged, "
                f"{plan.count('conflict')} conflicts, {plan.count('locked')} locked."))
        for note in plan.notes:
            print("  " + note)
        shown = [c for c in plan.changes if c.action in ("conflict", "locked")
                 or (args.dry_run and c.action != "unchanged")]
        if shown:
            print_table([t("Đơn vị", "Unit"), t("Chỉ tiêu", "Element"), t("Kỳ", "Period"),
                         t("Ở đây", "Here"), t("Trong gói", "Package"), t("Việc", "Action")],
                        [(c.unit, c.element, c.period, format_plain(c.here),
                          format_plain(c.package), _action(c.action))
                         for c in shown[:SHOWN_CHANGES]], right=(3, 4))
            if len(shown) > SHOWN_CHANGES:
                print(t(f"… và {len(shown) - SHOWN_CHANGES} dòng nữa (dùng --json).",
                        f"… and {len(shown) - SHOWN_CHANGES} more (use --json)."))
    if args.dry_run:
        print(t("Chạy thử: chưa ghi gì.", "Dry run: nothing was written."))


def _action(action: str) -> str:
    vi, en = ACTION_NAMES[action]
    return t(vi, en)


def run_keys_list(args: argparse.Namespace) -> int:
    from desktop.packages import keys

    own = keys.office_key_id()
    with session(args) as active:
        trusted = keys.trusted_keys(active)
    if args.json:
        print_json({"office_key": {"key_id": own, "file": str(keys.private_key_path())},
                    "trusted": [key.as_json() for key in trusted]})
        return 0
    print(t(f"Khóa của cơ quan này: {keys.show_id(own)}", f"This office's key: {keys.show_id(own)}"))
    print_table([t("Mã khóa", "Key id"), t("Đơn vị", "Office"), t("Trạng thái", "State"),
                 t("Từ", "Since")],
                [(keys.show_id(k.key_id), f"{k.office} {k.office_name}".strip(),
                  t("đã thu hồi", "revoked") if k.revoked_at else t("tin cậy", "trusted"),
                  (k.revoked_at or k.trusted_at)[:10]) for k in trusted])
    return 0


def run_trust(args: argparse.Namespace) -> int:
    from desktop.packages import keys

    with session(args, write=True) as active:
        key = keys.trust(active, args.file, args.office)
    print(t(f"Tin cậy khóa {keys.show_id(key.key_id)} cho đơn vị {key.office} "
            f"({key.office_name}) và các đơn vị trực thuộc.",
            f"Trusted key {keys.show_id(key.key_id)} for {key.office} ({key.office_name}) "
            "and the units below it."))
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    from desktop.packages import keys

    with session(args, write=True) as active:
        key = keys.revoke(active, args.key_id)
    print(t(f"Đã thu hồi khóa {keys.show_id(key.key_id)} ({key.office}).",
            f"Revoked key {keys.show_id(key.key_id)} ({key.office})."))
    return 0


def run_keys_export(args: argparse.Namespace) -> int:
    from desktop.data.office import require_office
    from desktop.packages import keys

    writable_out(args.out)
    with session(args) as active:
        office = require_office(active)
    identifier = keys.export_public_key(args.out, office.unit_code, office.unit_name)
    print(t(f"Đã ghi khóa công khai {keys.show_id(identifier)} vào {args.out}.",
            f"Wrote public key {keys.show_id(identifier)} to {args.out}."))
    return 0
