"""Start-up of the GUI: arguments, language, the database, the first-run wizard, the window."""

from __future__ import annotations

import argparse
import sys

from desktop.paths import default_database


SETTLE_AFTER_MS = 300


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="itplan-gui")
    parser.add_argument("--db", help="database file or URL")
    parser.add_argument("--lang", choices=["vi", "en"])
    parser.add_argument("--quit-when-shown", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def run(argv: list[str]) -> int:
    args = parse_args(argv)
    from PySide6.QtWidgets import QApplication

    from desktop.i18n import set_language
    from desktop.ui import settings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    set_language(args.lang or settings.get("language", "vi") or "vi")
    from desktop.ui import error_hook

    error_hook.install()  # an error no action caught: shown, not lost on a missing console
    from desktop.ui.dialogs import apply_locale

    apply_locale()  # Qt's own texts in Vietnamese for the wizard too
    from PySide6.QtCore import QTimer

    from desktop.ui.opening import OpeningWindow

    target = args.db or settings.get("database") or str(default_database())
    opening = OpeningWindow(target)
    opening.show()
    if args.quit_when_shown:
        QTimer.singleShot(0, lambda: print("SHOWN", flush=True))
    outcome: list = []
    QTimer.singleShot(0, lambda: _replace_opening(app, opening, target, args.quit_when_shown,
                                                  outcome))
    code = app.exec()
    if outcome and isinstance(outcome[0], BaseException):
        raise outcome[0]
    return 1 if outcome == [None] else code


def _replace_opening(app, opening, target: str, quit_when_shown: bool,  # noqa: ANN001
                     outcome: list) -> None:
    """Open the data and its main window in place of the opening window; `outcome`
    gets the window, None when it was not opened, or the exception that stopped it."""
    app.processEvents()  # the opening window painted before the slow part
    try:
        outcome.append(_open_in_place(app, opening, target, quit_when_shown))
    except BaseException as exc:  # raised again by run(), outside the event loop
        outcome.append(exc)
        opening.close()
        app.quit()


def _open_in_place(app, opening, target: str, quit_when_shown: bool):  # noqa: ANN001
    from PySide6.QtCore import QTimer

    window = open_main_window(target)
    if window is None:
        opening.close()
        app.quit()
        return None
    window.show()
    opening.close()
    from desktop.ui.memory import settle_memory

    # idle time once the window is up: the other tabs' modules, then the collector
    QTimer.singleShot(SETTLE_AFTER_MS, lambda: (window.warm_up(), settle_memory()))
    if quit_when_shown:
        QTimer.singleShot(0, lambda: (print(f"READY matplotlib={'matplotlib' in sys.modules}",
                                            flush=True), app.quit()))
    return window


def open_main_window(target: str):
    """Open the database (running the first-run wizard if it has no office) and its window."""
    from desktop.data.office import get_office
    from desktop.errors import UserError
    from desktop.ui import dialogs, settings
    from desktop.ui.lifecycle import close_for_gui, open_for_gui
    from desktop.ui.main_window import MainWindow
    from desktop.ui.safety.users_dialog import sign_in_if_needed

    from pathlib import Path

    from desktop.data.database import is_url
    from desktop.ui.lifecycle import discard_new

    created = not is_url(target) and not Path(target).expanduser().exists()
    opened = open_for_gui(target)  # a second program on the same file is told so here
    if opened is None:
        return None
    database, lock = opened
    try:
        with database.session() as session:
            office = get_office(session)
        if office is None:
            from desktop.ui.wizard import run_wizard

            wizard_database = run_wizard(database)
            if wizard_database is None:
                if created:
                    discard_new(database, lock)
                else:
                    close_for_gui(database, lock)
                return None
            if wizard_database is not database:  # the demo: a new file of its own
                from desktop.data.instance import acquire_instance

                if created:
                    discard_new(database, lock)  # the empty file the demo replaces
                else:
                    close_for_gui(database, lock)
                database = wizard_database
                lock = acquire_instance(database.path) if database.path else None
    except UserError as exc:
        close_for_gui(database, lock)
        dialogs.show_error(None, exc.message, exc.problems)
        return None
    if not sign_in_if_needed(None, database):
        close_for_gui(database, lock)
        return None
    settings.put("database", str(database.path) if database.path else database.url)
    return MainWindow(database, lock)
