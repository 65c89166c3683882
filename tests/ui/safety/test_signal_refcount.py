"""Emitting a signal must not lose references (PySide6 6.12.0 dropped one to True per emit).

With that release every `Signal.emit()` made from Python decremented the
reference count of `True`; after a few hundred emits (progress callbacks,
the data bus) Python aborted with "bool_dealloc: deallocating True or
False". pyproject.toml excludes the release; this test catches a return.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal


class Sender(QObject):
    changed = Signal(str)
    progressed = Signal(int, int)


def test_emit_keeps_the_reference_count_of_true(qtbot):
    sender = Sender()
    received = []
    sender.changed.connect(received.append)
    gc.collect()
    before = sys.getrefcount(True)
    for number in range(200):
        sender.changed.emit("values")
        sender.progressed.emit(number, 200)
    gc.collect()
    assert len(received) == 200
    assert sys.getrefcount(True) >= before
