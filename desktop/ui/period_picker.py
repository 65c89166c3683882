"""The period picker: a year and "whole year", one of its quarters or one of its months.

The main window's toolbar holds one with its own "Kỳ báo cáo:" label; dialogs
whose form already names the row use `form_period_picker`, without the label.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QSpinBox, QWidget

from desktop.errors import UserError
from desktop.i18n import t
from desktop.periods import MAX_YEAR, MIN_YEAR, parse_period

ROMAN = ("I", "II", "III", "IV")


class PeriodPicker(QWidget):
    """A year spin box and a part combo; `code()` is the period code ("2024", "2024Q3", "2024-07")."""

    changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, label: bool = True,
                 years: tuple[int, int] | None = None):
        super().__init__(parent)
        self.year = QSpinBox()
        self.year.setRange(*(years or (2000, dt.date.today().year + 5)))
        self.year.setValue(dt.date.today().year)
        self.part = QComboBox()
        self.part.addItem(t("Cả năm", "Whole year"), "")
        for number, roman in enumerate(ROMAN, 1):
            self.part.addItem(t(f"Quý {roman}", f"Q{number}"), f"Q{number}")
        self.part.insertSeparator(self.part.count())
        for month in range(1, 13):
            self.part.addItem(t(f"Tháng {month}", f"Month {month}"), f"-{month:02d}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if label:
            layout.addWidget(QLabel(t("Kỳ báo cáo:", "Period:")))
        layout.addWidget(self.year)
        layout.addWidget(self.part)
        self.year.valueChanged.connect(self._emit)
        self.part.currentIndexChanged.connect(self._emit)

    def code(self) -> str:
        return f"{self.year.value()}{self.part.currentData()}"

    def set_code(self, code: str) -> None:
        """Show the period `code` (any spelling `parse_period` reads); UserError if it is none."""
        spec = parse_period(code)
        blocked = [self.year.blockSignals(True), self.part.blockSignals(True)]
        if not self.year.minimum() <= spec.year <= self.year.maximum():  # shown, never clamped
            self.year.setRange(min(spec.year, self.year.minimum()),
                               max(spec.year, self.year.maximum()))
        self.year.setValue(spec.year)
        suffix = {"quarter": f"Q{spec.number}", "month": f"-{spec.number:02d}"}.get(spec.kind, "")
        self.part.setCurrentIndex(max(0, self.part.findData(suffix)))
        self.year.blockSignals(blocked[0])
        self.part.blockSignals(blocked[1])
        self._emit()

    def _emit(self) -> None:
        self.changed.emit(self.code())


def form_period_picker(code: str) -> PeriodPicker:
    """A picker for a dialog's form row (no label of its own), every year a period code may
    have, showing `code`; an empty or unreadable code leaves it on the current year. It keeps
    its own width: a form does not stretch the year box and the part list across the dialog."""
    picker = PeriodPicker(label=False, years=(MIN_YEAR, MAX_YEAR))
    picker.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    try:
        picker.set_code(code)
    except UserError:
        pass
    return picker
