"""Fixtures for the GUI tests: offscreen Qt, a private settings folder, small and demo databases.

Every GUI test fails on a Qt warning (pytest-qt's qt_log_level_fail); modal
dialogs are patched so nothing waits for a click.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.data.database import open_database  # noqa: E402
from desktop.data.office import init_office  # noqa: E402
from desktop.data.units import add_unit  # noqa: E402
from desktop.i18n import set_language  # noqa: E402

# The offscreen platform's own notice when a window is shown; not our warning.
QT_NOISE = ["This plugin does not support propagateSizeHints"]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/ui/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*QT_NOISE))


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    """Settings and demo files go to the test's own folder; Vietnamese to start."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("ITPLAN_HOME", str(home))
    monkeypatch.setenv("ITPLAN_USER", "tester")
    set_language("vi")
    yield home
    set_language("vi")


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    """A dialog a test did not expect fails the test instead of waiting for a click."""
    from desktop.ui import dialogs, main_window

    from desktop.ui.entry import history
    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected modal dialog: {args[1:]!r}")

    for name in ("show_error", "show_info", "confirm", "ask_text", "ask_open_file",
                 "ask_save_file"):
        monkeypatch.setattr(dialogs, name, unexpected)
    monkeypatch.setattr(history, "show_history", unexpected)
    monkeypatch.setattr(main_window, "open_user_guide", unexpected)


@pytest.fixture
def errors(monkeypatch, no_modal_dialogs):
    """Messages the program would have shown in an error box."""
    from desktop.ui import dialogs

    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error",
                        lambda parent, message, problems=None: shown.append(message))
    return shown


@pytest.fixture
def small_db(tmp_path):
    """A district with two communes, the catalogue and the Thanh Hóa plan."""
    database = open_database(tmp_path / "small.sqlite")
    with database.session() as session:
        init_office(session, province="Thanh Hóa", province_code="T38", unit_code="H1",
                    unit_name="Huyện Thử", level="huyen", plans=["TH-2016"])
        add_unit(session, "X1", "Xã Một", "xa", "area", "H1", order=1)
        add_unit(session, "X2", "Xã Hai", "xa", "area", "H1", order=2,
                 valid_from=dt.date(2000, 1, 1))
    yield database
    database.close()




@pytest.fixture
def demo_db(demo_template, tmp_path):
    """A private copy of the demo database."""
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, path)
    database = open_database(path)
    yield database
    database.close()


@pytest.fixture
def window(qtbot, small_db):
    from desktop.ui.main_window import MainWindow

    main = MainWindow(small_db)
    qtbot.addWidget(main)
    main.show_tab("entry")  # the overview opens first; these tests start on the grid
    main.set_context("H1", "2024Q1")
    main.show()
    qtbot.waitExposed(main)
    return main


@pytest.fixture
def small_screen_window(qtbot, monkeypatch):
    """small_screen_window(database, screen, language, unit, period): the main window as it
    opens on a small office screen (a key of dialogs.SMALL_SCREENS) in that language, shown,
    on that unit and period."""
    def open_window(database, screen: str, language: str, unit: str, period: str):
        from desktop.ui import dialogs
        from desktop.ui.main_window import MainWindow

        width, height = dialogs.SMALL_SCREENS[screen]
        monkeypatch.setattr(dialogs, "available_size", lambda widget=None: (width, height))
        set_language(language)
        main = MainWindow(database)
        qtbot.addWidget(main)
        main.resize(width - 16, height - dialogs.TASKBAR_AND_TITLE)
        main.show()
        qtbot.waitExposed(main)
        main.set_context(unit, period)
        return main
    return open_window
