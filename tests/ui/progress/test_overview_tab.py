"""Tổng quan: the first screen opens on the latest period with data and says where we stand."""

from __future__ import annotations

from desktop.engine.overview import latest_period_with_data, overview
from desktop.ui.main_window import MainWindow


def test_the_window_opens_on_the_overview_of_the_latest_period_with_data(qtbot, demo_db):
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    with demo_db.session() as session:
        latest = latest_period_with_data(session)
    assert window.period_code == latest
    assert window.tabs_widget.currentIndex() == 0
    tab = window.overview_tab
    assert tab.result is not None and sum(tab.result.counts.values()) > 0
    assert tab.count_labels["achieved"].text().startswith("Đạt")
    assert tab.lagging.rowCount() > 0
    assert "Kỳ gần nhất có số liệu" in tab.complete.text()


def test_lagging_units_come_worst_first(demo_db):
    with demo_db.session() as session:
        result = overview(session, "H38TS", "2025")
    keys = [(-u.behind, -u.at_risk, -u.no_data) for u in result.lagging]
    assert keys == sorted(keys)
    assert result.completeness is not None


def test_a_double_click_on_a_lagging_unit_makes_it_current(qtbot, demo_db):
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.set_context("H38TS", "2025")
    tab = window.overview_tab
    first = tab.lagging.row_at(0)
    tab.lagging_view.doubleClicked.emit(tab.lagging.index(0, 0))
    assert window.unit_code == first.unit
