"""Prepare matplotlib before its first import: cache folder, fonts, PDF fonts.

Frozen by PyInstaller, matplotlib would put its cache (with the font list it
takes seconds to build) in a new temporary folder at every start; here it is
pointed at a fixed folder in the user data folder instead. Every entry point
that imports matplotlib calls `prepare_matplotlib()` first.
"""

from __future__ import annotations

import os
import sys

FONT_FAMILY = "DejaVu Sans"  # bundled with matplotlib; covers every Vietnamese letter
_prepared = False


def cache_folder_for_frozen() -> str | None:
    """The fixed MPLCONFIGDIR of a frozen program, or None when running from source."""
    if not getattr(sys, "frozen", False):
        return None
    from desktop.paths import data_dir

    folder = data_dir() / "mpl"
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder)


def prepare_matplotlib() -> None:
    """Set the cache folder (when frozen), then import matplotlib and set its defaults."""
    global _prepared
    if _prepared:
        return
    folder = cache_folder_for_frozen()
    if folder and "matplotlib" not in sys.modules:
        os.environ["MPLCONFIGDIR"] = folder
    import matplotlib

    matplotlib.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": [FONT_FAMILY],
        "pdf.fonttype": 42,  # embed TrueType, not Type 3
        "ps.fonttype": 42,
        "svg.fonttype": "path",
        "axes.unicode_minus": False,
        "hatch.linewidth": 0.8,
    })
    _prepared = True
