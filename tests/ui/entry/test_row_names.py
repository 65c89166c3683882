"""The grid's row labels: an element's whole name, cut by the view to the labels' width
(“…”), never to a number of characters; the tooltip has it all."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.data.grid import GridData, GridElement
from desktop.ui.entry.entry_model import EntryModel

LONG = "Số cán bộ, công chức được tập huấn, bồi dưỡng kỹ năng số trong năm"


def test_the_model_gives_the_whole_name():
    elements = [GridElement("TRAINED", LONG, "người", "number", 0, ("xa",)),
                GridElement("PCS", "Số máy tính", "máy", "number", 0, ("xa",))]
    model = EntryModel(GridData("2024", elements, []))
    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
        assert model.headerData(0, Qt.Orientation.Vertical, role) == f"{LONG} (người)"
        assert model.headerData(1, Qt.Orientation.Vertical, role) == "Số máy tính"


def test_the_labels_use_their_width_and_cut_the_rest(window, qtbot):
    tab = window.entry_tab
    QApplication.processEvents()
    labels = tab.view.verticalHeader()
    assert labels.textElideMode() == Qt.TextElideMode.ElideRight
    names = [tab.model.headerData(row, Qt.Orientation.Vertical)
             for row in range(tab.model.rowCount())]
    assert names == [tab.model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
                     for row in range(tab.model.rowCount())]
    widest = max(labels.fontMetrics().horizontalAdvance(name) for name in names)
    assert widest > labels.maximumWidth()  # the catalogue has names longer than the labels
    assert labels.width() == labels.maximumWidth()  # which then take all their room
