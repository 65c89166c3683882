"""The collector after start-up: what exists once the main window is shown lives as
long as the program, so it is moved out of the collector's way.

Python's full collections walk every tracked object; with the database layer,
Qt's wrappers and the unit tree loaded that is about 80,000 objects and 30–40
ms, paid by whatever click happens to cross the threshold. `gc.freeze()` puts
the objects alive after start-up in a permanent generation that collections
skip (what is freed later is still freed by reference counting; only cycles
among frozen objects would stay).
"""

from __future__ import annotations

import gc


def settle_memory() -> int:
    """Collect once, then freeze what is left; the number of objects frozen."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
