"""The unit tree on the left of the main window, with a search box.

Typing filters the tree by name or code, keeping the parents of every
match: case-insensitive, and without diacritics when typed without them
("tho" finds "Xã Thọ Dân"; "thọ" finds it but not "Xã Thổ").
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QTreeView, QVBoxLayout, QWidget

from desktop.data.units import UnitRow
from desktop.i18n import t
from desktop.text import loose_key, search_key
from desktop.ui.unit_tree import CLOSED_ROLE, CODE_ROLE, SEARCH_ROLE, build_unit_model


class UnitPanel(QWidget):
    unit_chosen = Signal(str)

    def __init__(self, rows: list[UnitRow], parent: QWidget | None = None):
        super().__init__(parent)
        self.source = build_unit_model(rows)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText(t("Tìm đơn vị (tên hoặc mã)…", "Find a unit (name or code)…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.tree = QTreeView()
        self.tree.setHeaderHidden(True)
        self.tree.setModel(self.proxy)
        self._expand_open_units()
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)

    def load(self, rows: list[UnitRow]) -> None:
        build_unit_model(rows, model=self.source)
        self._expand_open_units()

    def _expand_open_units(self) -> None:
        """Two levels open, but a closed unit (a district abolished in 2025) folded, so
        today's units come first to the eye."""
        self.tree.expandToDepth(1)
        for row in range(self.proxy.rowCount()):
            top = self.proxy.index(row, 0)
            for child in range(self.proxy.rowCount(top)):
                index = self.proxy.index(child, 0, top)
                if index.data(CLOSED_ROLE):
                    self.tree.collapse(index)

    def _source_index(self, code: str) -> QModelIndex | None:
        found = self.source.match(self.source.index(0, 0), CODE_ROLE, code, 1,
                                  Qt.MatchFlag.MatchRecursive | Qt.MatchFlag.MatchExactly)
        return found[0] if found else None

    def has(self, code: str) -> bool:
        return self._source_index(code) is not None

    def current_code(self) -> str | None:
        return self.tree.currentIndex().data(CODE_ROLE)

    def select(self, code: str) -> None:
        """Show `code` as the current unit without announcing it."""
        source = self._source_index(code)
        if source is None:
            return
        index = self.proxy.mapFromSource(source)
        if index.isValid() and self.tree.currentIndex() != index:
            self.tree.selectionModel().blockSignals(True)
            self.tree.setCurrentIndex(index)
            self.tree.selectionModel().blockSignals(False)
            self.tree.scrollTo(index)

    def choose(self, code: str) -> None:
        """Make `code` current as if the user clicked it."""
        source = self._source_index(code)
        if source is not None:
            self.tree.setCurrentIndex(self.proxy.mapFromSource(source))

    def _filter(self, text: str) -> None:
        key = search_key(text)
        self.proxy.setFilterFixedString(loose_key(key) if key == loose_key(key) else key)
        if text:
            self.tree.expandAll()
        else:
            self._expand_open_units()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        code = current.data(CODE_ROLE)
        if code:
            self.unit_chosen.emit(code)
