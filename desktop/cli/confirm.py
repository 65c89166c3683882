"""Confirming, on the command line, a replacement that loses approved periods."""

from __future__ import annotations

import argparse
import sys

from desktop.data.approval_guard import describe
from desktop.i18n import t

FLAG = "--accept-approval-loss"


def add_accept_loss(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(FLAG, dest="accept_approval_loss", action="store_true",
                        help="confirm that approved periods are lost or changed "
                             "(with named users: an approver's --user)")


def confirm_loss(args: argparse.Namespace, losses: list[str]) -> bool:
    """Confirmed by the flag, or by typing “yes” at a terminal; refused otherwise."""
    if getattr(args, "accept_approval_loss", False):
        return True
    if not sys.stdin.isatty():
        return False
    print(t(f"Các kỳ đã duyệt sẽ bị bỏ hoặc thay đổi: {describe(losses)}.",
            f"Approved periods will be dropped or changed: {describe(losses)}."))
    answer = input(t("Gõ “dong y” để tiếp tục: ", "Type “yes” to go on: "))
    return answer.strip().casefold() in ("dong y", "đồng ý", "yes")
