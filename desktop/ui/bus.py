"""The one "data changed" signal: tabs and dialogs that write emit it, views refresh.

What changed is one of "values", "units", "plans", "locks", "settings" or "all".
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

TOPICS = ("values", "units", "plans", "locks", "settings", "all")


class DataBus(QObject):
    """Owned by the main window; every writer emits `changed` after its commit."""

    changed = Signal(str)


def announce(bus: DataBus, source: QObject, what: str) -> None:
    """Emit `what` on behalf of `source`, which has already shown the change itself.

    While the signal runs, `source.property("announcing")` is true, so the main
    window does not reload the tab that made the change.
    """
    source.setProperty("announcing", True)
    try:
        bus.changed.emit(what)
    finally:
        source.setProperty("announcing", False)
