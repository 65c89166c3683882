"""A table view that behaves like a spreadsheet for the keyboard.

Enter moves down, Tab right, typing replaces the cell, Delete clears the
selection, Ctrl+C / Ctrl+V copy and paste rectangular blocks as
tab-separated text (what Excel puts on the clipboard). The element names
are the frozen row labels (cut with “…” where they are wider than the labels;
the full name in their tooltip), and a red corner marks a cell with a comment.
The view only turns keys into requests; the entry tab does the writing.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPolygon
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QStyledItemDelegate,
    QTableView,
)

from desktop.ui.entry.entry_model import COMMENT_ROLE


class CommentMarkerDelegate(QStyledItemDelegate):
    """Paints a small red corner, as Excel does, on cells that carry a comment."""

    def paint(self, painter, option, index) -> None:  # noqa: ANN001
        super().paint(painter, option, index)
        if index.data(COMMENT_ROLE):
            corner = option.rect.topRight()
            painter.save()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#c00000"))
            painter.drawPolygon(QPolygon([corner + QPoint(-6, 0), corner, corner + QPoint(0, 6)]))
            painter.restore()


class EntryView(QTableView):
    clear_requested = Signal()
    copy_requested = Signal()
    paste_requested = Signal()
    blocked_edit = Signal(QModelIndex)  # a key typed into a cell that cannot change

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setTabKeyNavigation(True)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(24)
        self.verticalHeader().setMaximumWidth(260)
        self.setItemDelegate(CommentMarkerDelegate(self))
        self.verticalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_requested.emit()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_requested.emit()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and \
                self.state() != QAbstractItemView.State.EditingState:
            self.clear_requested.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                self.state() != QAbstractItemView.State.EditingState:
            self.move_by(1, 0)
            return
        index = self.currentIndex()
        if (event.text().strip() and index.isValid()
                and not index.flags() & Qt.ItemFlag.ItemIsEditable
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.blocked_edit.emit(index)
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor, hint) -> None:  # noqa: N802 - Qt's name
        """After an edit, Enter moves down and Tab right (or left), without editing there."""
        hints = QAbstractItemDelegate.EndEditHint
        moves = {hints.SubmitModelCache: (1, 0), hints.EditNextItem: (0, 1),
                 hints.EditPreviousItem: (0, -1)}
        super().closeEditor(editor, hints.NoHint if hint in moves else hint)
        if hint in moves:
            self.move_by(*moves[hint])

    def move_by(self, rows: int, columns: int) -> None:
        index = self.currentIndex()
        model = self.model()
        if not index.isValid() or model is None:
            return
        row = min(max(index.row() + rows, 0), model.rowCount() - 1)
        column = min(max(index.column() + columns, 0), model.columnCount() - 1)
        self.setCurrentIndex(model.index(row, column))
