"""The command line: `itplan [--db PATH|URL] [--lang vi|en] COMMAND …`.

Every main job runs here without a screen. Exit codes: 0 success, 1 a user
error (one line naming the bad row or argument; nothing changed), 2 bad
usage. Each topic lives in its own module with a `register(subparsers)`.
"""

from __future__ import annotations

import argparse
import io
import os
import sys

from desktop import __version__
from desktop.cli import (
    audit_cmds,
    backup_cmds,
    catalogue_cmds,
    charts_cmds,
    engine_cmds,
    intake_cmds,
    package_cmds,
    report_cmds,
    score_cmds,
    setup_cmds,
    transfer_cmds,
    units_cmds,
    values_cmds,
)
from desktop.cli.common import ask_sign_in_password
from desktop.data.users import sign_out
from desktop.errors import UserError
from desktop.i18n import set_language, t

TOPICS = [setup_cmds, catalogue_cmds, units_cmds, values_cmds, engine_cmds, charts_cmds,
          intake_cmds, report_cmds, score_cmds, backup_cmds, audit_cmds, package_cmds, transfer_cmds]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="itplan", description="IT Plan Monitor — theo dõi Kế hoạch ứng dụng CNTT.")
    parser.add_argument("--version", action="version", version=f"itplan {__version__}")
    parser.add_argument("--db", help="database file or URL (default: the user data folder)")
    parser.add_argument("--lang", choices=["vi", "en"], help="language of messages")
    parser.add_argument("--user", dest="sign_in_user", metavar="NAME",
                        help="sign in as this named user (password from the terminal or "
                             "one line of standard input)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    for topic in TOPICS:
        topic.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    _utf8_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        set_language(args.lang)
    try:
        _merge_user(args)
        ask_sign_in_password(args)
        return args.handler(args) or 0
    except UserError as exc:
        print(t("Lỗi: ", "Error: ") + exc.message, file=sys.stderr)
        for problem in exc.problems[1:21]:
            print("  " + problem, file=sys.stderr)
        if len(exc.problems) > 21:
            print(t(f"  … và {len(exc.problems) - 21} lỗi khác.",
                    f"  … and {len(exc.problems) - 21} more."), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `itplan … | head`: the reader stopped reading; say nothing more.
        _silence_stdout()
        return 1
    finally:
        sign_out()


def _merge_user(args: argparse.Namespace) -> None:
    """`itplan state … --user NAME` (older spelling) is the global `--user NAME`."""
    if getattr(args, "state_user", None):
        args.sign_in_user = args.state_user


def _silence_stdout() -> None:
    """Point stdout at the null device so that the flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def _utf8_output() -> None:
    """Vietnamese text on a Windows console: make stdout/stderr UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure:
            reconfigure(encoding="utf-8", errors="replace")


if __name__ == "__main__":
    sys.exit(main())
