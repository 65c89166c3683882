"""What the window does with an error that no handler of an action caught.

Qt calls a Python slot from its event loop; an exception that escapes the
slot goes to `sys.excepthook`, which by default prints it to a console that
an installed program does not have: the click would seem to do nothing.
Installed by the program (`desktop.ui.app.run`), the hook shows a refusal
(`UserError`: a server connection lost during a read, a file gone) in a
message box like every other, and anything else — a bug — in one sentence
saying the action stopped, its details still printed for a report.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType

from desktop.errors import UserError
from desktop.i18n import t

Hook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def install(show: Callable[[str, list[str]], None] | None = None) -> Hook:
    """Put the hook in place (keeping the one before it for bugs); it is returned.
    `show(message, problems)`: how to show a sentence (a message box by default)."""
    previous = sys.excepthook
    shown = show or _message_box
    showing = [False]  # an error while showing one is left to the previous hook

    def hook(kind: type[BaseException], error: BaseException,
             trace: TracebackType | None) -> None:
        if not isinstance(error, UserError):
            previous(kind, error, trace)
        if showing[0] or not isinstance(error, Exception):
            return
        showing[0] = True
        try:
            if isinstance(error, UserError):
                shown(error.message, error.problems)
            else:
                shown(unexpected_message(), [])
        finally:
            showing[0] = False

    sys.excepthook = hook
    return hook


def unexpected_message() -> str:
    return t("Chương trình gặp một lỗi ngoài dự kiến nên đã dừng thao tác vừa rồi; hãy làm "
             "lại, và nếu lỗi lặp lại, hãy báo cho bộ phận hỗ trợ.",
             "The program met an unexpected error and stopped the last action; do it again, "
             "and if the error comes back, tell your support staff.")


def _message_box(message: str, problems: list[str]) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.ui.dialogs import show_error

    show_error(QApplication.activeWindow(), message, problems)
