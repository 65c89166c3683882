"""Small form dialogs built from a list of fields, with Vietnamese buttons."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop.ui import dialogs


class FormDialog(QDialog):
    """Fields added with add_*; `values()` returns what was entered."""

    def __init__(self, parent: QWidget | None, title: str):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.form = QFormLayout(self)
        self.fields: dict[str, QWidget] = {}

    def add_text(self, key: str, label: str, value: str = "") -> QLineEdit:
        return self._add(key, label, QLineEdit(value))

    def add_long_text(self, key: str, label: str, value: str = "") -> QPlainTextEdit:
        widget = QPlainTextEdit(value)
        widget.setMinimumHeight(70)
        return self._add(key, label, widget)

    def add_choice(self, key: str, label: str, choices: list[tuple[str, str]],
                   current: str | None = None) -> QComboBox:
        box = QComboBox()
        for value, text in choices:
            box.addItem(text, value)
        if current is not None and box.findData(current) >= 0:
            box.setCurrentIndex(box.findData(current))
        return self._add(key, label, box)

    def add_date(self, key: str, label: str, value: dt.date | None = None) -> QDateEdit:
        widget = QDateEdit()
        widget.setDisplayFormat("dd/MM/yyyy")
        widget.setCalendarPopup(True)
        day = value or dt.date.today()
        widget.setDate(QDate(day.year, day.month, day.day))
        return self._add(key, label, widget)

    def _add(self, key, label, widget):
        self.fields[key] = widget
        self.form.addRow(label, widget)
        return widget

    def finish(self) -> None:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        dialogs.translate_buttons(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)

    def values(self) -> dict:
        found = {}
        for key, widget in self.fields.items():
            if isinstance(widget, QLineEdit):
                found[key] = widget.text().strip()
            elif isinstance(widget, QPlainTextEdit):
                found[key] = widget.toPlainText().strip()
            elif isinstance(widget, QComboBox):
                found[key] = widget.currentData()
            elif isinstance(widget, QDateEdit):
                found[key] = widget.date().toPython()
        return found

    def ask(self) -> dict | None:
        self.finish()
        return self.values() if self.exec() == QDialog.DialogCode.Accepted else None
