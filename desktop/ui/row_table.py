"""A read-only table model over plain rows, and a table view that fits its text.

Each column is a `Column(header, cell, right=False)`: `header()` gives the
title in the current language, `cell(row)` the text shown. The model never
holds ORM objects, only the plain rows it is given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    header: Callable[[], str]
    cell: Callable[[object], object]
    right: bool = False


class RowsModel(QAbstractTableModel):
    """Rows shown through a list of columns; `load()` replaces them."""

    def __init__(self, columns: Sequence[Column], rows: Sequence[object] = (),
                 tooltip: Callable[[object], str] | None = None):
        super().__init__()
        self.columns = list(columns)
        self.rows = list(rows)
        self.tooltip = tooltip

    def load(self, rows: Sequence[object]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, number: int) -> object:
        return self.rows[number]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A click on a header sorts by that column: numbers as numbers, names in
        Vietnamese dictionary order, empty cells last; -1 keeps the given order."""
        if not 0 <= column < len(self.columns):
            return
        from desktop.text import sort_key

        cell = self.columns[column].cell

        def key(row: object) -> tuple:
            value = cell(row)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                text = "" if value is None else str(value)
                return (text == "", 1, 0.0, sort_key(text))
            return (False, 0, float(value), ((), ()))

        self.layoutAboutToBeChanged.emit()
        self.rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.cell(row)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and self.tooltip is not None:
            return self.tooltip(row)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.columns)):
            return self.columns[section].header()
        return None


def rows_view(model: RowsModel, parent: QWidget | None = None) -> QTableView:
    """A table view for a RowsModel: whole-row selection, last column stretched."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)  # the given order until a header is clicked
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    model.modelReset.connect(lambda: fit_columns(view))
    fit_columns(view)
    return view


MAX_COLUMN_WIDTH = 360  # a long name is cut short ("…"); its row's tooltip has it all


def fit_columns(view: QTableView) -> None:
    """Columns as wide as their contents, none wider than MAX_COLUMN_WIDTH."""
    view.resizeColumnsToContents()
    for column in range(view.model().columnCount()):
        if view.columnWidth(column) > MAX_COLUMN_WIDTH:
            view.setColumnWidth(column, MAX_COLUMN_WIDTH)


def fit_columns_to_texts(view: QTableView, columns: list[list[str]],
                         most: int | None = MAX_COLUMN_WIDTH) -> None:
    """What Qt's `resizeColumnsToContents` gives plain text cells, from texts the caller
    has: each column as wide as its widest text in the view's font (with the cell's
    margins and grid line, a pixel to spare) or its header, none narrower than the
    header's minimum nor, unless `most` is None, wider than `most`. Qt's own fitting
    asks the model for every role of every cell: a ranking of 98 communes took it 51–75
    ms on a slow day, against 3–6 ms here."""
    metrics, header = view.fontMetrics(), view.horizontalHeader()
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    spare = 2 * margin + (1 if view.showGrid() else 0) + 1
    for column, texts in enumerate(columns):
        widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
        width = max(widest + spare, header.sectionSizeHint(column), header.minimumSectionSize())
        view.setColumnWidth(column, width if most is None else min(width, most))


def selected_row(view: QTableView) -> object | None:
    """The plain row behind the view's current selection, or None."""
    rows = view.selectionModel().selectedRows()
    if not rows:
        return None
    return view.model().row_at(rows[0].row())
