"""Helpers shared by the command modules: the database, JSON and tables."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.data.backup import auto_backup
from desktop.data.database import Database, is_url, open_database
from desktop.data.instance import hold_instance
from desktop.errors import UserError
from desktop.i18n import t
from desktop.paths import default_database


def database(args: argparse.Namespace) -> Database:
    return open_database(args.db or default_database())


def database_file(args: argparse.Namespace) -> Path | None:
    """The database file the command works on (None for a database URL)."""
    target = str(args.db or default_database())
    return None if is_url(target) else Path(target).expanduser().resolve()


@contextlib.contextmanager
def session(args: argparse.Namespace, *, write: bool = False,
            backup: str | None = None) -> Iterator[Session]:
    """One session for one command: committed when the command succeeds.

    `write=True` holds the instance lock for the whole command, so that a
    second program never writes beside the first; `backup` names the reason
    of an automatic backup taken first (e.g. "before-import").
    """
    with hold_instance(database_file(args) if write else None):
        db = database(args)
        try:
            if backup and db.path is not None:
                auto_backup(db.path, backup)
            with db.session() as active:
                sign_in(args, active)
                yield active
        finally:
            db.close()


def read_password(prompt: str, *, twice: bool = False) -> str:
    """A password from the terminal (not echoed), or one line of piped standard input."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(prompt)
    if twice and getpass.getpass(t("Nhập lại: ", "Again: ")) != first:
        raise UserError(t("Hai lần nhập mật khẩu không khớp.", "The two passwords differ."))
    return first


def ask_sign_in_password(args: argparse.Namespace) -> None:
    """`--user NAME`: read the password once, before the command reads anything else."""
    if getattr(args, "sign_in_user", None):
        args.sign_in_password = read_password(t(f"Mật khẩu của {args.sign_in_user}: ",
                                                f"Password of {args.sign_in_user}: "))


def sign_in(args: argparse.Namespace, active: Session) -> None:
    """Sign `--user NAME` in on this database (the audit trail and `authz` then use it)."""
    from desktop.data import users

    if getattr(args, "sign_in_user", None):
        users.sign_in(active, args.sign_in_user, args.sign_in_password)


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]],
                right: Sequence[int] = ()) -> None:
    """An aligned text table; columns listed in `right` are right-aligned."""
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    for number, row in enumerate(cells):
        parts = [cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
                 for i, cell in enumerate(row)]
        print("  ".join(parts).rstrip())
        if number == 0:
            print("  ".join("-" * w for w in widths))


def writable_out(path: Path) -> Path:
    """The output path, or a UserError when its folder does not exist."""
    if not path.expanduser().resolve().parent.is_dir():
        raise UserError(t(f"Thư mục {path.parent} không tồn tại.",
                          f"Folder {path.parent} does not exist."))
    return path


def require_file(path: Path) -> Path:
    """The path, or a UserError naming it when there is no such file."""
    if not path.is_file():
        raise UserError(t(f"Không tìm thấy tệp {path}.", f"No such file: {path}."))
    return path
