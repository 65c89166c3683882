"""The unit hierarchy as a Qt tree model (QStandardItemModel) built from plain UnitRows.

Closed and merged units stay in the tree, greyed and in italics, with the
date they closed and their successor, so old data can still be found.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

from desktop.data.units import UnitRow, level_name
from desktop.formats import format_date
from desktop.i18n import t
from desktop.text import loose_key, search_key

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
CLOSED_ROLE = Qt.ItemDataRole.UserRole + 3  # True for a closed or merged unit
CLOSED_BRUSH = QBrush(QColor("#808080"))


def kind_name(kind: str) -> str:
    return t("Địa bàn", "Area") if kind == "area" else t("Cơ quan", "Agency")


def unit_label(row: UnitRow) -> str:
    if row.valid_to is None:
        return row.name
    if row.successor:
        return t(f"{row.name} (đã sáp nhập)", f"{row.name} (merged)")
    return t(f"{row.name} (đã đóng)", f"{row.name} (closed)")


def build_unit_model(rows: list[UnitRow], detailed: bool = False,
                     model: QStandardItemModel | None = None) -> QStandardItemModel:
    """A tree of units; `detailed` adds code, level, kind, dates and successor columns."""
    model = model or QStandardItemModel()
    model.clear()
    headers = [t("Đơn vị", "Unit")]
    if detailed:
        headers += [t("Mã", "Code"), t("Cấp", "Level"), t("Loại", "Kind"),
                    t("Từ ngày", "From"), t("Đến ngày", "To"), t("Sáp nhập vào", "Merged into")]
    model.setHorizontalHeaderLabels(headers)
    items: dict[str, QStandardItem] = {}
    names = {row.code: row.name for row in rows}
    for row in rows:
        cells = [_item(row, unit_label(row))]
        if detailed:
            cells += [_item(row, text) for text in (
                row.code, level_name(row.level), kind_name(row.kind),
                format_date(row.valid_from), format_date(row.valid_to),
                f"{names.get(row.successor, '')} ({row.successor})" if row.successor else "")]
        parent = items.get(row.parent) if row.parent else None
        (parent or model.invisibleRootItem()).appendRow(cells)
        items[row.code] = cells[0]
    return model


def _item(row: UnitRow, text: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData(row.code, CODE_ROLE)
    key = search_key(f"{row.name} {row.code}")
    item.setData(f"{key} | {loose_key(key)}", SEARCH_ROLE)
    item.setToolTip(f"{row.name} ({row.code})")
    item.setData(row.valid_to is not None, CLOSED_ROLE)
    if row.valid_to is not None:
        item.setForeground(CLOSED_BRUSH)
        font = QFont()
        font.setItalic(True)
        item.setFont(font)
    return item
