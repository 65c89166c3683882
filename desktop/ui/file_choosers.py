"""Choosing several files or a folder, and showing a folder: patchable module-level functions.

`desktop/ui/dialogs.py` offers one file to open or save; these cover what
intake needs besides (several forms at once, an output folder, opening it).
Tests monkeypatch them so that nothing waits for a click.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget


def ask_folder(parent: QWidget | None, caption: str, start: str = "") -> str | None:
    """A folder chosen by the user, or None when cancelled."""
    return QFileDialog.getExistingDirectory(parent, caption, start) or None


def ask_open_files(parent: QWidget | None, caption: str, file_filter: str = "") -> list[str]:
    """Files chosen by the user; empty when cancelled."""
    paths, _ = QFileDialog.getOpenFileNames(parent, caption, "", file_filter)
    return list(paths)


def open_folder(path: Path) -> bool:
    """Show a folder in the system's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
