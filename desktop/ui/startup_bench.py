"""Start-up time of the desktop program, for the benchmark script.

`measure_startup(db_path)` starts `python -m desktop --db DB` in a fresh
process on Qt's offscreen platform and returns the seconds from the
process start to the main window shown with its data, with the program's
modules compiled beforehand as an installed program has them (the program prints
SHOWN at the event loop's first turn with its first window — the opening
window, desktop.ui.opening — and READY at the first turn after the main
window is shown, then quits). `startup_details` gives both times.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


# Compiled modules kept outside the source tree, as an installed program has them: without
# them every start would compile the program's modules (0.2–0.3 s), which no user pays.
BYTECODE = Path(tempfile.gettempdir()) / "itplan-bench-bytecode"

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
    return startup_details(db_path, timeout=timeout)[1]


def startup_details(db_path: str | Path, *, timeout: float = 60.0,
                    remembered: dict[str, str] | None = None) -> tuple[float, float, bool]:
    """(seconds to the first window shown, seconds to the main window shown with its
    data, whether matplotlib was imported by then).

    `remembered`: settings as left by the last run (say {"period": "2024Q2"})."""
    times, matplotlib = _time_until([sys.executable, "-m", "desktop", "--db", str(db_path),
                                     "--quit-when-shown"], "READY", timeout, remembered)
    return times["SHOWN"], times["READY"], matplotlib


def measure_bare_window(timeout: float = 60.0) -> float:
    """The floor: seconds for a bare PySide6 main window, measured the same way."""
    return _time_until([sys.executable, "-c", BARE_WINDOW], "SHOWN", timeout)[0]["SHOWN"]


def program_env() -> dict[str, str]:
    """The environment of a measured program: offscreen, its modules compiled once and
    kept outside the source tree (an installed program never compiles at start)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=str(BYTECODE))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _time_until(command: list[str], last: str, timeout: float,
                remembered: dict[str, str] | None = None) -> tuple[dict[str, float], bool]:
    env = program_env()
    with tempfile.TemporaryDirectory() as home:
        env["ITPLAN_HOME"] = home
        if remembered:
            lines = "".join(f"{key}={value}\n" for key, value in remembered.items())
            Path(home, "itplan-gui.ini").write_text(f"[General]\n{lines}", encoding="utf-8")
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True, env=env)
        times, matplotlib = {}, False
        for line in process.stdout:
            marker = line.split(" ", 1)[0].strip()
            times.setdefault(marker, time.perf_counter() - start)
            matplotlib = matplotlib or "matplotlib=True" in line
            if marker == last:
                break
        _out, err = process.communicate(timeout=timeout)
    if last not in times:
        raise RuntimeError(f"the window was never shown (exit {process.returncode}): {err[-500:]}")
    return times, matplotlib


if __name__ == "__main__":
    print(f"{measure_startup(sys.argv[1]):.3f}")
