"""The main window's extra menus open their dialogs on the current unit and period."""

from desktop.ui import menus
from desktop.ui.main_window import MainWindow


def _action(window, menu_title: str, text: str):
    for menu_action in window.menuBar().actions():
        if menu_action.text().replace("&", "") == menu_title:
            for action in menu_action.menu().actions():
                if action.text() == text:
                    return action
    raise AssertionError(f"no {menu_title} → {text}")


def test_report_menu_opens_the_export_dialog_on_the_current_context(qtbot, demo_db, monkeypatch):
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.set_context("H38TS-X03", "2024")
    opened = []
    monkeypatch.setattr(menus, "open_export_dialog", lambda w: opened.append(
        (w.unit_code, w.period_code)))
    window.menuBar()  # menus are built with the window
    _action(window, "Báo cáo", "Xuất báo cáo Excel…").trigger()
    assert opened == [("H38TS-X03", "2024")]


def test_export_dialog_is_built_for_the_window(qtbot, demo_db):
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    dialog = menus.open_export_dialog(window)
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    dialog.close()
