"""The window shown while the program opens its data.

Importing the database layer (SQLAlchemy) and reading the office take most
of a start; this window appears first — the main window's title, size and
place, a line saying which file is being opened — so the user sees the
program at once. It imports only Qt and the program's light modules; the
main window takes its place when it is ready (`desktop.ui.app.run`).
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QLabel, QMainWindow

from desktop.i18n import t
from desktop.ui import dialogs, settings


class OpeningWindow(QMainWindow):
    """The program's frame with "opening <file>…" until the main window replaces it."""

    def __init__(self, target: str):
        super().__init__()
        self.setWindowTitle(dialogs.app_title())
        name = target if "://" in target else Path(target).name
        opening = t(f"Đang mở dữ liệu “{name}”…", f"Opening the data “{name}”…")
        label = QLabel(f"<h2>{html.escape(dialogs.app_title())}</h2><p>{html.escape(opening)}</p>")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(label)
        geometry = settings.app_settings().value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            dialogs.fit_to_screen(self, 1366, 768)
