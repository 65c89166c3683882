"""Set-up a frozen (PyInstaller) program needs before anything else runs.

matplotlib caches its font list in MPLCONFIGDIR; a frozen program would
otherwise get a new temporary folder at every start and rebuild the cache
(seconds). Point it at a fixed folder in the user data folder instead.
"""

from __future__ import annotations

import os
import sys


def prepare_frozen() -> None:
    if not getattr(sys, "frozen", False):
        return
    from desktop.paths import data_dir

    cache = data_dir() / "mpl"
    cache.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("MPLCONFIGDIR", str(cache))
