"""A tab whose widget (and its module) is built the first time it is shown.

Keeps start-up light: only the visible tab imports and loads anything.
Forwards the GUI protocol (`set_context`, `refresh`) to the real widget.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyTab(QWidget):
    def __init__(self, factory: Callable[[], QWidget], parent: QWidget | None = None):
        super().__init__(parent)
        self._factory = factory
        self._widget: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def widget(self) -> QWidget:
        if self._widget is None:
            self._widget = self._factory()
            self._layout.addWidget(self._widget)
        return self._widget

    @property
    def built(self) -> bool:
        return self._widget is not None

    def set_context(self, unit_code: str, period_code: str) -> None:
        if hasattr(self.widget, "set_context"):
            self.widget.set_context(unit_code, period_code)

    def refresh(self, what: str) -> None:
        if self._widget is not None and hasattr(self._widget, "refresh"):
            self._widget.refresh(what)
