"""The collector after start-up: objects alive then are frozen, later garbage is not."""

from __future__ import annotations

import gc
import weakref

from desktop.ui.memory import settle_memory


class _Node:
    pass


def test_settle_memory_freezes_what_lives_and_later_cycles_are_still_collected():
    try:
        kept = _Node()
        frozen = settle_memory()
        assert frozen > 1000 and gc.get_freeze_count() == frozen
        assert not any(obj is kept for obj in gc.get_objects())  # out of the collector's way
        later = _Node()
        later.self = later  # a cycle made after start-up
        gone = weakref.ref(later)
        del later
        gc.collect()
        assert gone() is None
    finally:
        gc.unfreeze()
