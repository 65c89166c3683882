"""`itplan backup`, `itplan restore`, `itplan check`: keeping the database safe."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli.common import add_json, database_file, print_json, print_table, session, sign_in
from desktop.cli.confirm import add_accept_loss, confirm_loss
from desktop.data import backup, health
from desktop.data.approval_guard import restore_checked
from desktop.data.instance import hold_instance
from desktop.errors import UserError
from desktop.formats import format_number
from desktop.i18n import t

STATUS_NAMES = {"ok": ("ổn", "ok"), "warning": ("cảnh báo", "warning"), "error": ("LỖI", "ERROR")}


def register(commands: argparse._SubParsersAction) -> None:
    save = commands.add_parser("backup", help="back the database up (rotating, or to --out FILE)")
    save.add_argument("--out", type=Path, help="write the copy to this file")
    save.add_argument("--force", action="store_true", help="overwrite an existing --out file")
    save.add_argument("--list", action="store_true",
                      help="list the automatic backups (and check that the newest opens)")
    save.add_argument("--keep-daily", type=int, metavar="N", help="keep the newest backup of N days")
    save.add_argument("--keep-weekly", type=int, metavar="N", help="keep the newest of N weeks")
    add_json(save)
    save.set_defaults(handler=run_backup)
    restore = commands.add_parser("restore", help="replace the database with a backup")
    restore.add_argument("file", type=Path)
    add_accept_loss(restore)
    restore.set_defaults(handler=run_restore)
    check = commands.add_parser("check", help="check the database and say what to do")
    check.add_argument("--quick", action="store_true", help="only the fast checks")
    add_json(check)
    check.set_defaults(handler=run_check)


def _file(args: argparse.Namespace) -> Path:
    path = database_file(args)
    if path is None:
        raise UserError(t("Lệnh này chỉ dùng cho tệp SQLite; với máy chủ, hãy dùng công cụ sao lưu "
                          "của máy chủ (pg_dump).",
                          "This command works on SQLite files only; back a server up with its "
                          "own tools (pg_dump)."))
    return path


def run_backup(args: argparse.Namespace) -> int:
    path = _file(args)
    if args.keep_daily is not None or args.keep_weekly is not None:
        _set_rotation(args)
    if args.list:
        return _print_backups(args, path)
    if args.out:
        made = backup.backup_to(path, args.out, force=args.force)
    else:
        if not path.is_file():
            raise UserError(t(f"Không có tệp {path}.", f"No file {path}."))
        made = backup.auto_backup(path, "manual")
        if made is None:
            newest = backup.last_backup(path)
            if newest is None:
                raise UserError(t(f"Không sao lưu được {path}; hãy chạy itplan check.",
                                  f"Could not back {path} up; run itplan check."))
            print(t(f"Không có gì thay đổi từ bản sao lưu {newest.path}.",
                    f"Nothing changed since backup {newest.path}."))
            return 0
    print(t(f"Đã sao lưu vào {made}.", f"Backed up to {made}."))
    return 0


def _set_rotation(args: argparse.Namespace) -> None:
    with session(args, write=True) as active:
        backup.set_rotation(active, args.keep_daily, args.keep_weekly)


def _print_backups(args: argparse.Namespace, path: Path) -> int:
    rows = backup.list_backups(path)
    problem = backup.backup_problem(rows[0].path) if rows else None
    if args.json:
        listed = [row.as_json() for row in rows]
        if listed:
            listed[0]["sound"] = problem is None
        print_json(listed)
        return 0 if problem is None else 1
    print_table([t("Lúc", "Taken"), t("Lý do", "Reason"), "KB", t("Tệp", "File")],
                [(row.taken_at.strftime("%d/%m/%Y %H:%M:%S"), row.reason,
                  format_number(row.size / 1024), row.path) for row in rows], right=(2,))
    if rows and problem is not None:
        print(t(f"Bản sao lưu mới nhất {rows[0].path} không mở được: {problem}. "
                "Hãy chạy itplan backup.",
                f"The newest backup {rows[0].path} does not open: {problem}. Run itplan backup."),
              file=sys.stderr)
        return 1
    if rows:
        print(t("Bản mới nhất mở được và toàn vẹn.", "The newest backup opens and is sound."))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    path = _file(args)
    source = args.file.expanduser().resolve()
    with hold_instance(path):
        kept, losses = restore_checked(path, source, sign_in=lambda active: sign_in(args, active),
                                       confirm=lambda lost: confirm_loss(args, lost))
    print(t(f"Đã khôi phục {path} từ {source}.", f"Restored {path} from {source}."))
    if losses:
        print(t(f"Đã ghi vào nhật ký: {len(losses)} kỳ đã duyệt bị bỏ hoặc thay đổi.",
                f"Written in the audit trail: {len(losses)} approved period(s) dropped or changed."))
    if kept:
        print(t(f"Bản cũ được giữ ở {kept}.", f"The previous database is kept at {kept}."))
    return 0


def run_check(args: argparse.Namespace) -> int:
    path = _file(args)
    rows = health.quick_check(path) if args.quick else health.check_database(path)
    overall = health.worst(rows)
    if args.json:
        print_json({"database": str(path), "status": overall,
                    "checks": [row.as_json() for row in rows]})
    else:
        print_table([t("Kiểm tra", "Check"), t("Kết quả", "Result"), t("Chi tiết", "Detail")],
                    [(row.check, _status(row.status), row.detail) for row in rows])
        for row in rows:
            if row.advice:
                print(f"→ {row.check}: {row.advice}")
    return 1 if overall == "error" else 0


def _status(status: str) -> str:
    vi, en = STATUS_NAMES[status]
    return t(vi, en)
