"""Start-up of the GUI: arguments, the database, the main window."""

from __future__ import annotations

import argparse
import sys

from desktop.paths import default_database


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="itplan-gui")
    parser.add_argument("--db", help="database file or URL")
    parser.add_argument("--lang", choices=["vi", "en"])
    return parser.parse_args(argv)


def run(argv: list[str]) -> int:
    args = parse_args(argv)
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.data.database import open_database
    from desktop.errors import UserError
    from desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    try:
        database = open_database(args.db or default_database())
    except UserError as exc:
        QMessageBox.critical(None, "IT Plan Monitor", exc.message)
        return 1
    window = MainWindow(database)
    window.show()
    return app.exec()
