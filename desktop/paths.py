"""Where things live: bundled resources, the user's data folder, logs.

A frozen (PyInstaller) program finds its resources beside the executable;
a source checkout finds them at the repository root.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop import APP_NAME


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    """The user's data folder (created on demand); ITPLAN_HOME overrides it."""
    override = os.environ.get("ITPLAN_HOME")
    if override:
        path = Path(override)
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database() -> Path:
    return data_dir() / "itplan.sqlite"


def backups_dir(database: Path) -> Path:
    path = database.parent / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path
