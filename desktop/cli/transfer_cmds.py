"""`itplan transfer --from A --to B`: copy a whole database, SQLite ⇄ PostgreSQL."""

from __future__ import annotations

import argparse

from desktop.cli.common import add_json, print_json, print_table
from desktop.cli.confirm import add_accept_loss
from desktop.i18n import t


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "transfer", help="copy a whole database between a file and a PostgreSQL server",
        description="Copy every table from one database to another (a SQLite file or a "
                    "postgresql+psycopg:// URL), verified by row counts and checksums. "
                    "The global --db is not used.")
    parser.add_argument("--from", dest="source", required=True, metavar="PATH|URL",
                        help="the database to copy")
    parser.add_argument("--to", dest="target", required=True, metavar="PATH|URL",
                        help="where to copy it (created or migrated as needed)")
    parser.add_argument("--replace", action="store_true",
                        help="replace the target's data when it already holds some")
    add_accept_loss(parser)
    add_json(parser)
    parser.set_defaults(handler=run_transfer)


def run_transfer(args: argparse.Namespace) -> int:
    from desktop.cli.common import sign_in
    from desktop.cli.confirm import confirm_loss
    from desktop.data.transfer_guard import transfer_checked

    report, losses = transfer_checked(args.source, args.target, replace=args.replace,
                                      sign_in=lambda active: sign_in(args, active),
                                      confirm=lambda lost: confirm_loss(args, lost))
    if args.json:
        print_json({**report.as_json(), "approvals_dropped": losses})
        return 0
    print_table([t("Bảng", "Table"), t("Số dòng", "Rows"), t("Mã kiểm tra", "Checksum")],
                [(c.name, c.rows, c.checksum[:16]) for c in report.tables], right=[1])
    print(t(f"Đã chuyển {report.rows} dòng từ {report.source} sang {report.target} trong "
            f"{report.seconds:.1f} giây; số dòng và mã kiểm tra từng bảng đều khớp.",
            f"Copied {report.rows} rows from {report.source} to {report.target} in "
            f"{report.seconds:.1f} s; every table's row count and checksum match."))
    if losses:
        print(t(f"Đã ghi vào nhật ký: {len(losses)} kỳ đã duyệt bị bỏ hoặc thay đổi.",
                f"Written in the audit trail: {len(losses)} approved period(s) dropped or changed."))
    return 0
