"""The user guide (docs/huong-dan.md, with its screenshots) in a help window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from desktop.i18n import t
from desktop.paths import resources_dir


def guide_path() -> Path:
    """docs/huong-dan.md next to the package (or in the frozen build's resources)."""
    for folder in (resources_dir().parent / "docs", resources_dir() / "docs"):
        if (folder / "huong-dan.md").exists():
            return folder / "huong-dan.md"
    return resources_dir().parent / "docs" / "huong-dan.md"


def guide_browser() -> QTextBrowser:
    browser = QTextBrowser()
    browser.setOpenExternalLinks(True)
    path = guide_path()
    browser.setSearchPaths([str(path.parent)])
    browser.setSource(QUrl.fromLocalFile(str(path)))
    return browser


def show_guide(parent: QWidget | None) -> None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(t("Hướng dẫn sử dụng", "User guide"))
    dialog.resize(900, 700)
    layout = QVBoxLayout(dialog)
    layout.addWidget(guide_browser())
    dialog.exec()
