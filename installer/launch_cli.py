"""Frozen entry point of the command line (itplan / itplan.exe)."""

import sys

from desktop.frozen import prepare_frozen

prepare_frozen()

from desktop.cli import main  # noqa: E402

sys.exit(main())
