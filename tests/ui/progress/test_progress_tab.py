"""The progress tab on the demo: statuses in words and colour, lagging units first, drill-down."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.engine.status import SEVERITY


def test_progress_rows_and_jump_to_values(qtbot, demo_db):
    from desktop.ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.set_context("H38TS", "2020")
    tab = window.show_tab("progress")
    assert tab.plan_box.currentData() == "TH-2016"
    model = tab.model
    assert model.rowCount() > 5
    statuses = {model.index(r, 5).data() for r in range(model.rowCount())}
    assert statuses <= {"Đạt", "Đúng tiến độ", "Có nguy cơ", "Chậm", "Chưa có số liệu"}
    assert model.index(0, 5).data(Qt.ItemDataRole.BackgroundRole) is not None
    parent = model.index(0, 0)
    children = [model.row_at(model.index(r, 0, parent)) for r in range(model.rowCount(parent))]
    severities = [SEVERITY[c.status] for c in children]
    assert severities == sorted(severities)
    assert "%" in model.index(0, 4).data()
    child = model.index(0, 0, parent)
    unit = model.row_at(child).unit
    tab.view.doubleClicked.emit(child)
    assert window.tabs_widget.currentWidget() is window.entry_tab
    assert window.unit_code == unit and window.period_code == "2020"
    current = window.entry_tab.view.currentIndex()
    element = window.entry_tab.model.grid.elements[current.row()].code
    assert element == tab.elements[model.row_at(child).indicator]


def test_progress_follows_period_picker(qtbot, demo_db):
    from desktop.ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.set_context("H38TS", "2020")
    tab = window.show_tab("progress")
    window.period_picker.set_code("2016")
    assert window.period_code == "2016"
    assert "Năm 2016" in tab.summary.text()


def _english_progress_tab(qtbot, database, unit, period):
    from desktop.ui.main_window import MainWindow

    window = MainWindow(database)
    qtbot.addWidget(window)
    window.set_context(unit, period)
    window.switch_language("en")
    return window.show_tab("progress")


def test_progress_in_english(qtbot, demo_db):
    tab = _english_progress_tab(qtbot, demo_db, "H38TS", "2020")
    first = [tab.model.index(0, c).data() for c in range(7)]
    assert first[0] == "Share of staff with a computer for work"
    assert first[5] in {"Achieved", "On track", "At risk", "Behind", "No data"}
    assert "." in first[3] and "," not in first[3]


def test_a_plan_added_while_hidden_shows_after_a_period_change(qtbot, demo_db):
    """The plan list is not reread on every period change, yet a plan added while the
    tab was hidden is there when it is shown again."""
    from desktop.data.plan_editor import add_plan
    from desktop.ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.set_context("H38TS", "2020")
    tab = window.show_tab("progress")
    plans_before = tab.plan_box.count()
    window.show_tab("entry")
    window.set_context("H38TS", "2021")
    with demo_db.session() as session:
        add_plan(session, "KH-MOI", "Kế hoạch mới", 2021, 2025)
        session.commit()
    window.bus.changed.emit("plans")
    window.show_tab("progress")
    assert tab.plan_box.count() == plans_before + 1
    assert "Năm 2021" in tab.summary.text()


def test_in_english_targets_and_actuals_give_their_units_in_english(qtbot, demo_db):
    tab = _english_progress_tab(qtbot, demo_db, "T38", "2015")
    tab.plan_box.setCurrentIndex(tab.plan_box.findData("NA-2020"))
    cells = [tab.model.index(row, column).data() for row in range(tab.model.rowCount())
             for column in (2, 3)]
    assert "≈ 1,500 persons" in cells
    assert not any("người" in (cell or "") for cell in cells)
