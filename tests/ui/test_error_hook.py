"""An error no action caught reaches the user (desktop.ui.error_hook)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QTimer

from desktop.errors import UserError
from desktop.ui import error_hook


@pytest.fixture
def hooked(monkeypatch):
    """The hook installed over a recording 'previous' one; both put back afterwards."""
    printed: list[type] = []
    shown: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, _error, _trace: printed.append(kind))
    hook = error_hook.install(lambda message, problems: shown.append((message, problems)))
    return hook, printed, shown


def test_a_refusal_is_shown_as_every_other(hooked) -> None:
    hook, printed, shown = hooked
    error = UserError("Mất kết nối tới máy chủ cơ sở dữ liệu x; thao tác vừa rồi không được ghi.",
                      ["một", "hai"])
    hook(UserError, error, None)
    assert shown == [(error.message, ["một", "hai"])] and printed == []


def test_a_bug_is_told_in_one_sentence_and_still_printed(hooked) -> None:
    hook, printed, shown = hooked
    hook(KeyError, KeyError("internal_code"), None)
    assert printed == [KeyError]
    assert shown == [(error_hook.unexpected_message(), [])]
    assert "internal_code" not in shown[0][0] and "\n" not in shown[0][0]


def test_an_interrupt_is_only_printed(hooked) -> None:
    hook, printed, shown = hooked
    hook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert printed == [KeyboardInterrupt] and shown == []


def test_a_slot_that_raises_reaches_the_hook(qtbot, hooked) -> None:
    """What Qt does with an exception escaping a slot: it goes to sys.excepthook."""
    _hook, _printed, shown = hooked

    def refused() -> None:
        raise UserError("Tệp a.xlsx không còn ở đó.")

    QTimer.singleShot(0, refused)
    qtbot.waitUntil(lambda: bool(shown), timeout=2000)
    assert shown == [("Tệp a.xlsx không còn ở đó.", [])]
