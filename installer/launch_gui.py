"""Frozen entry point of the desktop program (ITPlanMonitor.exe)."""

import sys

from desktop.frozen import prepare_frozen

prepare_frozen()

from desktop.__main__ import main  # noqa: E402

sys.exit(main())
