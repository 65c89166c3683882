"""`itplan audit`, `itplan user …` and `itplan state`: who changed what, who may approve."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import (
    add_json,
    print_json,
    print_table,
    read_password,
    session,
    writable_out,
)
from desktop.data import audit, users
from desktop.data.models import SUBMISSION_STATES
from desktop.i18n import t


def register(commands: argparse._SubParsersAction) -> None:
    view = commands.add_parser("audit", help="show or export the audit trail")
    view.add_argument("--entity", choices=audit.AUDIT_ENTITIES)
    view.add_argument("--key", help="a unit code, or UNIT/ELEMENT/PERIOD, PLAN/INDICATOR/…")
    view.add_argument("--limit", type=int, help="only the newest N entries")
    view.add_argument("--out", type=Path, help="write CSV to this file")
    add_json(view)
    view.set_defaults(handler=run_audit)
    _register_user(commands)
    state = commands.add_parser("state", help="set a unit's period to draft/submitted/approved")
    state.add_argument("unit")
    state.add_argument("period")
    state.add_argument("state", choices=SUBMISSION_STATES)
    state.add_argument("--reason", default="", help="required to unlock an approved period")
    state.add_argument("--user", dest="state_user", metavar="NAME",
                       help="named user (as the global --user)")
    state.set_defaults(handler=run_state)


def _register_user(commands: argparse._SubParsersAction) -> None:
    user = commands.add_parser("user", help="the user name; named users with passwords")
    actions = user.add_subparsers(dest="action", required=True)
    name = actions.add_parser("set-name", help="the name written in the audit trail")
    name.add_argument("name")
    name.set_defaults(handler=run_set_name)
    add = actions.add_parser("add", help="add a named user (password from standard input)")
    add.add_argument("name")
    add.add_argument("--role", choices=users.ROLES, required=True)
    add.set_defaults(handler=run_add)
    listing = actions.add_parser("list", help="named users")
    add_json(listing)
    listing.set_defaults(handler=run_list)
    remove = actions.add_parser("remove", help="remove a named user")
    remove.add_argument("name")
    remove.set_defaults(handler=run_remove)
    password = actions.add_parser("password", help="change a named user's password")
    password.add_argument("name")
    password.set_defaults(handler=run_password)
    recover = actions.add_parser(
        "recover", help="every approver's password lost: set one again with the office key file")
    recover.add_argument("name", help="an approver's name (added when there is none)")
    recover.add_argument("--key-file", type=Path, required=True,
                         help="the office's private key (keys/office-ed25519.pem)")
    recover.set_defaults(handler=run_recover)


def run_audit(args: argparse.Namespace) -> int:
    if args.out:
        writable_out(args.out)
    with session(args) as active:
        rows = audit.entries(active, args.entity, args.key, args.limit)
    if args.out:
        args.out.write_text(audit.entries_csv(rows), encoding="utf-8-sig", newline="")
        print(t(f"Đã ghi {len(rows)} dòng vào {args.out}.", f"Wrote {len(rows)} rows to {args.out}."))
    elif args.json:
        print_json([{**row, "at": row["at"].isoformat(timespec="seconds")} for row in rows])
    else:
        print_table([t("Lúc", "When"), t("Người", "User"), t("Loại", "Entity"), t("Khóa", "Key"),
                     t("Việc", "Action"), t("Cũ", "Old"), t("Mới", "New"), t("Lý do", "Reason")],
                    [(row["at"].strftime("%d/%m/%Y %H:%M:%S"), row["user"], row["entity"],
                      row["key"], row["action"], row["old"], row["new"], row["reason"])
                     for row in rows])
    return 0


def run_set_name(args: argparse.Namespace) -> int:
    with session(args, write=True) as active:
        users.set_installation_user(active, args.name)
    print(t(f"Tên người dùng: {args.name}.", f"User name: {args.name}."))
    return 0


def run_add(args: argparse.Namespace) -> int:
    password = read_password(t("Mật khẩu: ", "Password: "), twice=True)
    with session(args, write=True) as active:
        users.add_user(active, args.name, args.role, password)
    print(t(f"Đã thêm {args.name} ({users.role_name(args.role)}).",
            f"Added {args.name} ({users.role_name(args.role)})."))
    return 0


def run_list(args: argparse.Namespace) -> int:
    with session(args) as active:
        rows = users.list_users(active)
    if args.json:
        print_json(rows)
    else:
        print_table([t("Tên", "Name"), t("Vai trò", "Role")],
                    [(row["name"], users.role_name(row["role"])) for row in rows])
    return 0


def run_remove(args: argparse.Namespace) -> int:
    with session(args, write=True) as active:
        users.remove_user(active, args.name)
    return 0


def run_password(args: argparse.Namespace) -> int:
    password = read_password(t("Mật khẩu mới: ", "New password: "), twice=True)
    with session(args, write=True) as active:
        users.set_password(active, args.name, password)
    return 0


def run_state(args: argparse.Namespace) -> int:
    with session(args, write=True) as active:
        users.set_state_checked(active, args.unit, args.period, args.state, args.reason)
    print(t(f"{args.unit} {args.period}: {args.state}.", f"{args.unit} {args.period}: {args.state}."))
    return 0


def run_recover(args: argparse.Namespace) -> int:
    password = read_password(t("Mật khẩu mới: ", "New password: "), twice=True)
    with session(args, write=True) as active:
        users.recover_approver(active, args.name, password, args.key_file)
    print(t(f"Đã đặt lại mật khẩu người duyệt {args.name}; việc này được ghi vào nhật ký.",
            f"Approver {args.name} has a new password; this is in the audit trail."))
    return 0
