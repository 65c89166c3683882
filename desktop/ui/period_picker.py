"""The period picker: a year and "whole year", one of its quarters or one of its months."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from desktop.i18n import t
from desktop.periods import parse_period

ROMAN = ("I", "II", "III", "IV")


class PeriodPicker(QWidget):
    changed = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.year = QSpinBox()
        self.year.setRange(2000, dt.date.today().year + 5)
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
        layout.addWidget(QLabel(t("Kỳ báo cáo:", "Period:")))
        layout.addWidget(self.year)
        layout.addWidget(self.part)
        self.year.valueChanged.connect(self._emit)
        self.part.currentIndexChanged.connect(self._emit)

    def code(self) -> str:
        return f"{self.year.value()}{self.part.currentData()}"

    def set_code(self, code: str) -> None:
        spec = parse_period(code)
        blocked = [self.year.blockSignals(True), self.part.blockSignals(True)]
        self.year.setValue(spec.year)
        suffix = {"quarter": f"Q{spec.number}", "month": f"-{spec.number:02d}"}.get(spec.kind, "")
        self.part.setCurrentIndex(max(0, self.part.findData(suffix)))
        self.year.blockSignals(blocked[0])
        self.part.blockSignals(blocked[1])
        self._emit()

    def _emit(self) -> None:
        self.changed.emit(self.code())
