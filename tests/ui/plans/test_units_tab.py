"""The units tab on the small office screens: every column but the name shows its header
and its cells whole, with nothing beyond the right edge; the name takes the rest."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QApplication

from desktop.ui import dialogs


def texts(model, column, parent=QModelIndex()):
    """Every cell's text in a column of the (expanded) tree."""
    found = []
    for row in range(model.rowCount(parent)):
        found.append(model.index(row, column, parent).data() or "")
        found += texts(model, column, model.index(row, 0, parent))
    return found


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("screen", list(dialogs.SMALL_SCREENS))
def test_merged_into_and_the_short_columns_fit(demo_db, small_screen_window, screen, language):
    width, _height = dialogs.SMALL_SCREENS[screen]
    window = small_screen_window(demo_db, screen, language, "T38", "2026")
    tab = window.show_tab("units")
    QApplication.processEvents()
    view, model = tab.view, tab.model
    header = view.header()
    assert window.width() <= width
    merged = texts(model, 6)
    assert any(merged), "the demo has merged units"
    for column in range(1, model.columnCount()):
        title = model.headerData(column, header.orientation())
        widest = max(view.fontMetrics().horizontalAdvance(text) for text in texts(model, column))
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(title), title
        assert header.sectionSize(column) >= widest, title
    assert header.length() <= view.viewport().width()  # no column past the right edge
    assert header.sectionSize(0) >= 150  # the names keep a useful width
