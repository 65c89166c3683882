"""GUI interaction times on a benchmark database, offscreen.

The main window is opened on the database (with a temporary settings
folder) and each interaction is timed from the call to the moment Qt has
processed every event it caused: switching to a tab (the first time, which
builds it, and again), changing the period and the unit on the progress
tab, reloading the entry grid, and changing the chart kind (again, and
after a change of the data, when nothing drawn before may be shown), the
trend of one indicator (its years read and its texts placed) among them. Each
timed interaction is repeated (alternating between two choices) and the
median kept.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time

from desktop.bench.jobs import DISTRICT, QUARTER, YEAR
from desktop.bench.province import PROVINCE

# The interactions that show the whole province (its progress, its communes' completeness):
# they cover its units, ten times more at x10 than at the national size; the others show
# one district and cover the same units at every size.
PROVINCE_WIDE = frozenset({
    "tab switch: progress (first, builds it)", "period change (progress tab, province)",
    "unit change (progress tab)", "completeness chart of the province's communes",
    "communes' completeness after a data change (anew)"})


COMMUNE_SET = "VD-DTI-XA"  # the example set that ranks a district's communes
OTHER_DISTRICT = "H02"


def interaction_times_apart(db_path, repeat: int = 5) -> dict[str, float]:
    """`interaction_times` in a process of its own, as the program runs: not after the
    benchmark's other jobs, whose leftovers in memory would slow the collector."""
    import json
    import subprocess
    import sys

    from desktop.ui.startup_bench import program_env

    result = subprocess.run([sys.executable, "-m", "desktop.ui.interaction_bench", str(db_path),
                             str(repeat)], capture_output=True, text=True, env=program_env(),
                            check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def interaction_times(database, repeat: int = 5) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as home:
        previous = os.environ.get("ITPLAN_HOME")
        os.environ["ITPLAN_HOME"] = home
        try:
            return _measure(database, repeat)
        finally:
            if previous is None:
                os.environ.pop("ITPLAN_HOME", None)
            else:
                os.environ["ITPLAN_HOME"] = previous


def _measure(database, repeat: int) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from desktop.ui.main_window import MainWindow
    from desktop.ui.memory import settle_memory

    app = QApplication.instance() or QApplication([])
    window = MainWindow(database)
    window.show()
    _settle(app)
    window.set_context(PROVINCE, YEAR)
    _settle(app)
    window.warm_up()  # as the program does once its window is shown
    settle_memory()
    tabs = window.tabs_widget
    entry, progress, charts = (tabs.indexOf(window.entry_tab), tabs.indexOf(window._lazy["progress"]),
                               tabs.indexOf(window._lazy["charts"]))
    times: dict[str, float] = {}
    times["tab switch: progress (first, builds it)"] = _once(
        app, lambda: tabs.setCurrentIndex(progress))
    times["tab switch: data entry ↔ progress"] = _median(app, repeat, [
        lambda: tabs.setCurrentIndex(entry), lambda: tabs.setCurrentIndex(progress)])
    times["period change (progress tab, province)"] = _median(app, repeat, [
        lambda: window.set_context(PROVINCE, QUARTER), lambda: window.set_context(PROVINCE, YEAR)])
    times["unit change (progress tab)"] = _median(app, repeat, [
        lambda: window.set_context(DISTRICT, YEAR), lambda: window.set_context(PROVINCE, YEAR)])
    tabs.setCurrentIndex(entry)
    window.set_context(DISTRICT, QUARTER)
    _settle(app)
    times["grid reload (entry tab, one district)"] = _median(app, repeat, [
        lambda: window.entry_tab.refresh("values")])
    times["tab switch: charts (first, builds it)"] = _once(
        app, lambda: tabs.setCurrentIndex(charts))
    box = window.charts_tab.kind_box
    kinds = [box.itemData(i) for i in range(box.count())]
    targets, completeness = kinds.index("targets"), kinds.index("completeness")
    switches = [lambda: box.setCurrentIndex(completeness), lambda: box.setCurrentIndex(targets)]
    data_change = lambda: window.charts_tab.refresh("values")  # noqa: E731 - nothing kept
    times["chart change (targets ↔ completeness)"] = _median(app, repeat, switches)
    times["chart change after a data change (drawn anew)"] = _median(
        app, repeat, switches, before_each=data_change)
    to_trend = lambda: box.setCurrentIndex(kinds.index("trend"))  # noqa: E731 - its years
    times["chart change (targets ↔ trend of one indicator)"] = _median(
        app, repeat, [to_trend, switches[1]])
    times["trend after a data change (drawn anew)"] = _median(
        app, repeat, [to_trend], before_each=lambda: (data_change(), switches[1]()))
    window.set_context(PROVINCE, QUARTER)
    _settle(app)
    times["completeness chart of the province's communes"] = _median(app, repeat, switches)
    times["communes' completeness after a data change (anew)"] = _median(
        app, repeat, switches[:1], before_each=lambda: (data_change(), box.setCurrentIndex(targets)))
    window.set_context(DISTRICT, YEAR)
    _settle(app)
    times["tab switch: ranking (first, builds it)"] = _once(app, lambda: window.show_tab("score"))
    ranking = window.score_tab
    ranking.set_box.setCurrentIndex(ranking.set_box.findData(COMMUNE_SET))
    _settle(app)
    times["unit change (ranking tab, one district's communes)"] = _median(app, repeat, [
        lambda: window.set_context(OTHER_DISTRICT, YEAR), lambda: window.set_context(DISTRICT, YEAR)])
    window.hide()  # not close(): that would close the database and take the exit backup
    window.deleteLater()
    _settle(app)
    return times


def _settle(app) -> None:
    for _ in range(3):
        app.processEvents()


def _once(app, action) -> float:
    start = time.perf_counter()
    action()
    _settle(app)
    return time.perf_counter() - start


def _median(app, repeat: int, actions: list, before_each=None) -> float:
    """The median time of the actions taken in turn; `before_each` (not timed) runs
    and settles before each one."""
    samples = []
    for index in range(repeat * len(actions)):
        if before_each is not None:
            before_each()
            _settle(app)
        samples.append(_once(app, actions[index % len(actions)]))
    return statistics.median(samples)


if __name__ == "__main__":
    import json
    import sys

    from desktop.data.database import open_database

    opened = open_database(sys.argv[1])
    try:
        print(json.dumps(interaction_times(opened, int(sys.argv[2]) if len(sys.argv) > 2 else 5)))
    finally:
        opened.close()
