"""Start the desktop program: `python -m desktop [--db PATH]` or `itplan-gui`."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from desktop.ui.app import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
