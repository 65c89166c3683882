"""Start-up time of the desktop program, for the benchmark script.

`measure_startup(db_path)` starts `python -m desktop --db DB` in a fresh
process on Qt's offscreen platform and returns the seconds from the
process start to the main window shown (the program prints SHOWN from
the event loop's first turn after `show()`, then quits).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def measure_startup(db_path: str | Path, *, timeout: float = 60.0) -> float:
    """Seconds from process start to the main window shown on `db_path`."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as home:
        env["ITPLAN_HOME"] = home
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "desktop", "--db", str(db_path), "--quit-when-shown"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        shown = None
        for line in process.stdout:
            if line.strip() == "SHOWN":
                shown = time.perf_counter() - start
                break
        _out, err = process.communicate(timeout=timeout)
    if shown is None:
        raise RuntimeError(f"the window was never shown (exit {process.returncode}): {err[-500:]}")
    return shown


if __name__ == "__main__":
    print(f"{measure_startup(sys.argv[1]):.3f}")
