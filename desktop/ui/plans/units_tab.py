"""Đơn vị: the unit tree with add, rename, close and merge (date and successor)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QPushButton, QTreeView, QVBoxLayout, QWidget

from desktop.data.database import Database
from desktop.data.models import LEVELS
from desktop.data.units import UnitRow, add_unit, close_unit, level_name, list_units, merge_units, rename_unit
from desktop.errors import UserError
from desktop.i18n import t
from desktop.ui import dialogs
from desktop.ui.bus import DataBus, announce
from desktop.ui.forms import FormDialog
from desktop.ui.permissions import follow_rule
from desktop.ui.unit_tree import CODE_ROLE, build_unit_model, kind_name


def ask_new_unit(parent: QWidget | None, under: UnitRow | None) -> dict | None:
    dialog = FormDialog(parent, t("Thêm đơn vị", "Add unit"))
    dialog.add_text("code", t("Mã đơn vị:", "Code:"))
    dialog.add_text("name", t("Tên đơn vị:", "Name:"))
    default_level = "xa" if under and under.level == "huyen" else (under.level if under else "huyen")
    dialog.add_choice("level", t("Cấp:", "Level:"), [(lv, level_name(lv)) for lv in LEVELS],
                      default_level)
    dialog.add_choice("kind", t("Loại:", "Kind:"), [(k, kind_name(k)) for k in ("area", "agency")])
    dialog.add_date("valid_from", t("Có hiệu lực từ:", "Valid from:"))
    return dialog.ask()


def ask_close_date(parent: QWidget | None, unit: UnitRow) -> dt.date | None:
    dialog = FormDialog(parent, t(f"Đóng đơn vị “{unit.name}”", f"Close unit “{unit.name}”"))
    dialog.add_date("day", t("Ngày cuối còn hoạt động:", "Last day of operation:"))
    found = dialog.ask()
    return found["day"] if found else None


def ask_merge(parent: QWidget | None, unit: UnitRow,
              candidates: list[UnitRow]) -> tuple[str, dt.date] | None:
    dialog = FormDialog(parent, t(f"Sáp nhập “{unit.name}”", f"Merge “{unit.name}”"))
    dialog.add_choice("into", t("Sáp nhập vào:", "Merge into:"),
                      [(c.code, f"{c.name} ({c.code})") for c in candidates])
    dialog.add_date("day", t("Ngày sáp nhập (có hiệu lực):", "Merge date (effective):"))
    found = dialog.ask()
    return (found["into"], found["day"]) if found and found["into"] else None


class UnitsTab(QWidget):
    def __init__(self, database: Database, bus: DataBus, parent: QWidget | None = None):
        super().__init__(parent)
        self.database, self.bus = database, bus
        self.rows: list[UnitRow] = []
        self.view = QTreeView()
        self.view.setAlternatingRowColors(True)
        self.model = build_unit_model([], detailed=True)
        self.view.setModel(self.model)
        buttons = QHBoxLayout()
        self.edit_buttons: list[QPushButton] = []  # follow authz "edit_units"
        for label, slot in ((t("Thêm đơn vị…", "Add unit…"), self.add),
                            (t("Đổi tên…", "Rename…"), self.rename),
                            (t("Đóng đơn vị…", "Close unit…"), self.close_selected),
                            (t("Sáp nhập…", "Merge…"), self.merge)):
            button = QPushButton(label)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.edit_buttons.append(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view)
        self.unit_code = ""

    def set_context(self, unit_code: str, period_code: str) -> None:
        self.unit_code = unit_code
        self.refresh("units")

    def refresh(self, what: str = "all") -> None:
        if what not in ("units", "all"):
            return
        follow_rule(self.database, "edit_units", self.edit_buttons)
        keep = self.selected()
        with self.database.session() as session:
            self.rows = list_units(session)
        build_unit_model(self.rows, detailed=True, model=self.model)
        self.view.expandAll()
        # The short columns (code … merged into) as wide as their texts; the name takes the
        # rest of the width and is cut (“…”, its tooltip whole) where the screen is narrow.
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            self.view.resizeColumnToContents(column)
        self.select(keep.code if keep else self.unit_code)

    def select(self, code: str) -> None:
        from PySide6.QtCore import Qt

        found = self.model.match(self.model.index(0, 0), CODE_ROLE, code, 1,
                                 Qt.MatchFlag.MatchRecursive | Qt.MatchFlag.MatchExactly)
        if found:
            self.view.setCurrentIndex(found[0])

    def selected(self) -> UnitRow | None:
        code = self.view.currentIndex().data(CODE_ROLE)
        return next((row for row in self.rows if row.code == code), None)

    def _write(self, action, *args) -> bool:
        try:
            with self.database.session() as session:
                action(session, *args)
        except UserError as exc:
            dialogs.show_error(self, exc.message, exc.problems)
            return False
        announce(self.bus, self, "units")
        self.refresh("units")
        return True

    def add(self) -> None:
        under = self.selected()
        found = ask_new_unit(self, under)
        if found and self._write(add_unit, found["code"], found["name"], found["level"],
                                 found["kind"], under.code if under else None,
                                 found["valid_from"]):
            self.select(found["code"].strip())

    def rename(self) -> None:
        unit = self.selected()
        if unit is None:
            return
        name = dialogs.ask_text(self, t("Tên mới:", "New name:"), unit.name)
        if name:
            self._write(rename_unit, unit.code, name)

    def close_selected(self) -> None:
        unit = self.selected()
        if unit is None:
            return
        day = ask_close_date(self, unit)
        if day:
            self._write(close_unit, unit.code, day)

    def merge(self) -> None:
        unit = self.selected()
        if unit is None:
            return
        candidates = [row for row in self.rows if row.code != unit.code and
                      row.level == unit.level and row.valid_to is None]
        found = ask_merge(self, unit, candidates)
        if found:
            into, day = found
            if dialogs.confirm(self, t(
                    f"Sáp nhập “{unit.name}” vào “{into}” từ ngày {day:%d/%m/%Y}?",
                    f"Merge “{unit.name}” into “{into}” from {day:%d/%m/%Y}?")):
                self._write(merge_units, [unit.code], into, day)
