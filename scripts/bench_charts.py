"""Timings of the charts: what the Biểu đồ tab adds to start-up, the first chart, the
first export, the pack.

    python scripts/bench_charts.py DEMO.sqlite

The steps run in a fresh process on Qt's offscreen platform, so that module
imports are counted: building the (hidden) tab and showing its chart (painted
by Qt) do not import matplotlib; the first export does.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

STEP = r"""
import sys, time
start = time.perf_counter()
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.data.database import open_database
from desktop.ui.bus import DataBus
database = open_database(sys.argv[1])
base = time.perf_counter()
from desktop.ui.charts.charts_tab import ChartsTab
tab = ChartsTab(database, DataBus())
tab.set_context("H38TS", "2024")
tab.resize(1280, 720)
built = time.perf_counter()
print(f"tab built (hidden): {built - base:.3f} s; matplotlib imported: {'matplotlib' in sys.modules}")
tab.show()
app.processEvents()
tab.view.repaint()
shown = time.perf_counter()
print(f"first chart shown: {shown - built:.3f} s; matplotlib imported: {'matplotlib' in sys.modules}")
tab.kind_box.setCurrentIndex(tab.kind_box.findData("ranking"))
app.processEvents()
tab.view.repaint()
ranked = time.perf_counter()
print(f"next chart (units ranked): {ranked - shown:.3f} s")
from desktop.charts.export import save_figure
import tempfile, os
with tempfile.TemporaryDirectory() as folder:
    save_figure(tab.paper_figure(), __import__("pathlib").Path(folder, "chart.png"))
print(f"first export as PNG: {time.perf_counter() - ranked:.3f} s (imports matplotlib, draws A4)")
from desktop.charts.pack import make_pack
before = time.perf_counter()
with tempfile.TemporaryDirectory() as folder:
    pages = make_pack(database, "TH-2016", "H38TS", "2024", os.path.join(folder, "pack.pdf"))
print(f"meeting pack: {pages} pages in {time.perf_counter() - before:.1f} s")
"""


def main(db_path: str) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as home:
        env["ITPLAN_HOME"] = home
        result = subprocess.run([sys.executable, "-c", STEP, db_path], env=env,
                                capture_output=True, text=True, check=True)
    print(result.stdout, end="")


if __name__ == "__main__":
    main(sys.argv[1])
