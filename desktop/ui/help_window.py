"""The user guide (docs/huong-dan.md, in English docs/user-guide.md; with its screenshots)
in a help window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImageReader, QTextCursor
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from desktop.i18n import language, t
from desktop.ui import dialogs
from desktop.paths import resources_dir


IMAGE_WIDTH = 640


GUIDES = {"vi": "huong-dan.md", "en": "user-guide.md"}


def guide_path() -> Path:
    """The guide in the current language (the Vietnamese one if there is no other), next to
    the package or in the frozen build's resources (installer/itplan.spec ships them)."""
    for name in dict.fromkeys((GUIDES[language()], GUIDES["vi"])):
        for folder in (resources_dir().parent / "docs", resources_dir() / "docs"):
            if (folder / name).exists():
                return folder / name
    return resources_dir().parent / "docs" / GUIDES["vi"]


def guide_browser() -> QTextBrowser:
    browser = QTextBrowser()
    browser.setOpenExternalLinks(True)
    path = guide_path()
    browser.setSearchPaths([str(path.parent)])
    browser.setSource(QUrl.fromLocalFile(str(path)))
    fit_images(browser, IMAGE_WIDTH, path.parent)
    return browser


def fit_images(browser: QTextBrowser, width: int, folder: Path) -> None:
    """Show the screenshots at a readable width instead of their full 1366 pixels."""
    cursor = QTextCursor(browser.document())
    block = browser.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            image = fragment.charFormat().toImageFormat()
            natural = QImageReader(str(folder / image.name())).size().width()
            if image.isValid() and natural > width:
                image.setWidth(width)
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(),
                                   QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(image)
            iterator += 1
        block = block.next()


def show_guide(parent: QWidget | None) -> None:
    guide_dialog(parent).exec()


def guide_dialog(parent: QWidget | None) -> QDialog:
    """The guide in a dialog sized to the screen."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(t("Hướng dẫn sử dụng", "User guide"))
    dialogs.fit_to_screen(dialog, 900, 700)
    layout = QVBoxLayout(dialog)
    layout.addWidget(guide_browser())
    return dialog
