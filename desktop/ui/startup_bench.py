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


BARE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1366, 768)
window.show()
QTimer.singleShot(0, lambda: (print("SHOWN matplotlib=False", flush=True), app.quit()))
app.exec()
"""


def measure_startup(db_path: str | Path, *, timeout: float = 60.0) -> float:
    """Seconds from process start to the main window shown on `db_path`."""
    return startup_details(db_path, timeout=timeout)[0]


def startup_details(db_path: str | Path, *, timeout: float = 60.0,
                    remembered: dict[str, str] | None = None) -> tuple[float, bool]:
    """(seconds to the main window shown, whether matplotlib was imported by then).

    `remembered`: settings as left by the last run (say {"period": "2024Q2"})."""
    return _time_until_shown([sys.executable, "-m", "desktop", "--db", str(db_path),
                              "--quit-when-shown"], timeout, remembered)


def measure_bare_window(timeout: float = 60.0) -> float:
    """The floor: seconds for a bare PySide6 main window, measured the same way."""
    return _time_until_shown([sys.executable, "-c", BARE_WINDOW], timeout)[0]


def _time_until_shown(command: list[str], timeout: float,
                      remembered: dict[str, str] | None = None) -> tuple[float, bool]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as home:
        env["ITPLAN_HOME"] = home
        if remembered:
            lines = "".join(f"{key}={value}\n" for key, value in remembered.items())
            Path(home, "itplan-gui.ini").write_text(f"[General]\n{lines}", encoding="utf-8")
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True, env=env)
        shown, matplotlib = None, False
        for line in process.stdout:
            if line.startswith("SHOWN"):
                shown = time.perf_counter() - start
                matplotlib = "matplotlib=True" in line
                break
        _out, err = process.communicate(timeout=timeout)
    if shown is None:
        raise RuntimeError(f"the window was never shown (exit {process.returncode}): {err[-500:]}")
    return shown, matplotlib


if __name__ == "__main__":
    print(f"{measure_startup(sys.argv[1]):.3f}")
