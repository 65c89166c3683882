"""The collector after start-up: objects alive then are frozen, later garbage is not."""

from __future__ import annotations

import gc
import weakref

from desktop.ui.memory import settle_memory


class _Node:
    pass


def test_settle_memory_freezes_what_lives_and_later_cycles_are_still_collected():
    try:
        kept = _Node()
        frozen = settle_memory()
        assert frozen > 1000 and gc.get_freeze_count() == frozen
        assert not any(obj is kept for obj in gc.get_objects())  # out of the collector's way
        later = _Node()
        later.self = later  # a cycle made after start-up
        gone = weakref.ref(later)
        del later
        gc.collect()
        assert gone() is None
    finally:
        gc.unfreeze()


WARM_UP = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.data.database import open_database
from desktop.ui.main_window import LATER_TAB_MODULES, MainWindow
window = MainWindow(open_database(sys.argv[1]))
print(any(module in sys.modules for module in LATER_TAB_MODULES))
window.warm_up()
print(all(module in sys.modules for module in LATER_TAB_MODULES), "matplotlib" in sys.modules)
"""


def test_warm_up_imports_the_other_tabs_but_not_matplotlib(demo_path, tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ITPLAN_HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", WARM_UP, str(demo_path)], env=env,
                            capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "True", "False"]


def test_warm_up_reads_the_assessment_sets_so_the_first_ranking_does_not(qtbot, demo_db,
                                                                           monkeypatch):
    from desktop.assess import store
    from desktop.ui.main_window import MainWindow

    reads = []
    read_sets = store._read_sets
    monkeypatch.setattr(store, "_read_sets", lambda session: reads.append(1) or
                        read_sets(session))
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.set_context("H38TS", "2024")
    window.warm_up()
    assert reads == [1]
    window.show_tab("score")
    assert window.score_tab.set_box.count() > 0 and reads == [1]  # kept from the warm-up


def test_warm_up_leaves_an_unreadable_set_to_the_ranking_tab(qtbot, demo_db):
    """A stored set that no longer reads is not an error at start-up."""
    import datetime as dt

    from desktop.data.models import StoredAssessmentSet
    from desktop.ui.main_window import MainWindow

    with demo_db.session() as session:
        session.add(StoredAssessmentSet(code="HONG", body="code = [", changed_by="x",
                                        changed_at=dt.datetime(2026, 1, 1)))
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.warm_up()  # no exception


def test_after_the_warm_up_the_first_progress_and_charts_tabs_compile_no_statement(
        qtbot, demo_db):
    """Their first showing read the plans, indicators and targets through statements
    SQLAlchemy compiled then (about 10 ms on the province database); the warm-up's
    `read_ahead` compiles them in idle time. The engine's cache of compiled statements
    does not grow when the tabs are first shown."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.set_context("H38TS", "2024")
    window.show()
    qtbot.waitExposed(window)
    window.warm_up()
    compiled = demo_db.engine._compiled_cache  # SQLAlchemy's, per engine
    before = set(compiled.keys())
    for name in ("progress", "charts"):
        window.show_tab(name)
        QApplication.processEvents()
    assert window.progress_tab.model.rowCount() > 0
    assert [compiled[key].string for key in compiled.keys() if key not in before] == []
