"""Kế hoạch: a plan's indicators and targets by year and level, each with the
sentence of the plan it came from; add or edit a plan and its targets."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.data import plan_editor
from desktop.data.database import Database
from desktop.data.office import get_office
from desktop.data.models import COMPARATORS, TARGET_LEVELS
from desktop.data.queries import indicators, plan_detail, plans
from desktop.data.units import level_name
from desktop.engine.targets import TargetSpec, comparator_name
from desktop.errors import UserError
from desktop.formats import format_number, parse_typed
from desktop.i18n import t
from desktop.ui import dialogs
from desktop.ui.bus import DataBus, announce
from desktop.ui.forms import FormDialog
from desktop.ui.permissions import follow_rule

Index = QModelIndex | QPersistentModelIndex


def target_text(row: dict) -> str:
    spec = TargetSpec(row["indicator"], row["year"], row["level"], row["comparator"],
                      row["value"], row["min_value"], row["max_value"])
    return spec.text(row["measure"])


class TargetsModel(QAbstractTableModel):
    def __init__(self, rows: list[dict] | None = None):
        super().__init__()
        self.rows = rows or []

    def load(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def headers(self) -> list[str]:
        return [t("Chỉ tiêu", "Indicator"), t("Năm", "Year"), t("Cấp", "Level"),
                t("Mục tiêu", "Target"), t("Mốc xuất phát", "Baseline"),
                t("Câu trong kế hoạch", "Wording in the plan")]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 6

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            baseline = ""
            if row["baseline_year"] is not None and row["baseline_value"] is not None:
                baseline = t(f"năm {row['baseline_year']}: ", f"{row['baseline_year']}: ") + \
                    format_number(row["baseline_value"], 0 if float(
                        row["baseline_value"]).is_integer() else 1)
            year = str(row["year"]) if not row["period_from"] else \
                f"{row['period_from']}–{row['year']}"
            cells = [row["indicator_name"], year, level_name(row["level"]), target_text(row),
                     baseline, row["source"]]
            return cells[index.column()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < 6):
            return self.headers()[section]
        return None


def _number(text: str) -> float | None:
    try:
        return parse_typed(text)
    except ValueError:
        raise UserError(t(f"“{text}” không phải là số.", f"“{text}” is not a number.")) from None


def ask_plan(parent: QWidget | None, current: dict | None) -> dict | None:
    current = current or {}
    dialog = FormDialog(parent, t("Kế hoạch", "Plan"))
    if not current:
        dialog.add_text("code", t("Mã kế hoạch:", "Code:"))
    dialog.add_long_text("title", t("Tên kế hoạch:", "Title:"), current.get("title_vi", ""))
    dialog.add_text("issuer", t("Cơ quan ban hành:", "Issued by:"), current.get("issuer", ""))
    dialog.add_text("decision", t("Số quyết định:", "Decision:"), current.get("decision", ""))
    dialog.add_text("province", t("Tỉnh:", "Province:"), current.get("province", ""))
    dialog.add_text("year_from", t("Từ năm:", "From year:"), str(current.get("year_from", "")))
    dialog.add_text("year_to", t("Đến năm:", "To year:"), str(current.get("year_to", "")))
    return dialog.ask()


def ask_target(parent: QWidget | None, current: dict | None,
               indicator_choices: list[tuple[str, str]]) -> dict | None:
    current = current or {}
    dialog = FormDialog(parent, t("Mục tiêu", "Target"))
    dialog.add_choice("indicator", t("Chỉ tiêu:", "Indicator:"), indicator_choices,
                      current.get("indicator"))
    dialog.add_text("year", t("Năm:", "Year:"), str(current.get("year", "")))
    dialog.add_choice("level", t("Cấp:", "Level:"),
                      [(lv, level_name(lv)) for lv in TARGET_LEVELS], current.get("level"))
    dialog.add_choice("comparator", t("So sánh:", "Comparator:"),
                      [(c, comparator_name(c)) for c in COMPARATORS], current.get("comparator"))
    for key, label in (("value", t("Giá trị:", "Value:")), ("min_value", t("Từ:", "From:")),
                       ("max_value", t("Đến:", "To:"))):
        value = current.get(key)
        dialog.add_text(key, label, format_number(value, 2).rstrip("0").rstrip(",.")
                        if value is not None else "")
    dialog.add_long_text("source", t("Câu trong kế hoạch:", "Wording in the plan:"),
                         current.get("source", ""))
    return dialog.ask()


class PlansTab(QWidget):
    def __init__(self, database: Database, bus: DataBus, parent: QWidget | None = None):
        super().__init__(parent)
        self.database, self.bus = database, bus
        self.plan_box = dialogs.compact_combo(QComboBox(), 30)
        self.plan_box.setMinimumContentsLength(60)
        self.plan_box.currentIndexChanged.connect(lambda _i: self.load_targets())
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.model = TargetsModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.doubleClicked.connect(lambda _i: self.edit_target())
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        top = QHBoxLayout()
        top.addWidget(QLabel(t("Kế hoạch:", "Plan:")))
        top.addWidget(self.plan_box, 1)
        buttons = QHBoxLayout()
        self.edit_buttons: list = []  # buttons and menu actions that follow authz "edit_plans"
        for label, slot in ((t("Thêm kế hoạch…", "Add plan…"), self.add_plan),
                            (t("Sửa kế hoạch…", "Edit plan…"), self.edit_plan),
                            (t("Thêm mục tiêu…", "Add target…"), self.add_target),
                            (t("Sửa mục tiêu…", "Edit target…"), self.edit_target),
                            (t("Xóa mục tiêu", "Delete target"), self.delete_target)):
            button = QPushButton(label)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.edit_buttons.append(button)
        buttons.addWidget(self._exchange_button())
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addLayout(buttons)
        layout.addWidget(self.view)
        self.loaded = False

    def set_context(self, unit_code: str, period_code: str) -> None:
        if not self.loaded:
            self.refresh("plans")

    def refresh(self, what: str = "all") -> None:
        if what not in ("plans", "all") and self.loaded:
            return
        follow_rule(self.database, "edit_plans", self.edit_buttons)
        wanted = self.plan_box.currentData()
        with self.database.session() as session:
            rows = plans(session)
            office = get_office(session)
            if not wanted and office and office.plans:
                wanted = office.plans[0]
            self.indicator_choices = [(i["code"], i["name"]) for i in indicators(session)]
        self.plan_box.blockSignals(True)
        self.plan_box.clear()
        for row in rows:
            dialogs.add_named_item(self.plan_box, row["title"], row["code"])
        self.plan_box.setCurrentIndex(max(self.plan_box.findData(wanted), 0))
        self.plan_box.blockSignals(False)
        self.loaded = True
        self.load_targets()

    def load_targets(self) -> None:
        code = self.plan_box.currentData()
        if not code:
            self.model.load([])
            return
        with self.database.session() as session:
            detail = plan_detail(session, code)
            rows = plan_editor.target_rows(session, code)
        self.detail = detail
        parts = [detail["issuer"], detail["decision"], f"{detail['year_from']}–{detail['year_to']}",
                 t(f"{len(rows)} mục tiêu", f"{len(rows)} targets")]
        self.info.setText(f"<b>{detail['title']}</b><br>" + " — ".join(p for p in parts if p))
        self.model.load(rows)
        self.view.setColumnWidth(0, 300)

    def selected_target(self) -> dict | None:
        index = self.view.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def _write(self, action, *args, **kwargs) -> bool:
        try:
            with self.database.session() as session:
                action(session, *args, **kwargs)
        except UserError as exc:
            dialogs.show_error(self, exc.message, exc.problems)
            return False
        announce(self.bus, self, "plans")
        return True

    def _plan_fields(self, found: dict) -> dict:
        fields = {k: v for k, v in found.items() if k not in ("code",)}
        for key in ("year_from", "year_to"):
            try:
                fields[key] = int(fields[key])
            except ValueError:
                raise UserError(t(f"Năm “{fields[key]}” không hợp lệ.",
                                  f"Invalid year “{fields[key]}”.")) from None
        return fields

    def add_plan(self) -> None:
        found = ask_plan(self, None)
        if found is None:
            return
        try:
            fields = self._plan_fields(found)
        except UserError as exc:
            dialogs.show_error(self, exc.message)
            return
        if self._write(plan_editor.add_plan, found["code"], **fields):
            self.plan_box.addItem(found["code"], found["code"])
            self.plan_box.setCurrentIndex(self.plan_box.count() - 1)
            self.refresh("plans")

    def edit_plan(self) -> None:
        code = self.plan_box.currentData()
        found = ask_plan(self, self.detail) if code else None
        if found is None:
            return
        try:
            fields = self._plan_fields(found)
        except UserError as exc:
            dialogs.show_error(self, exc.message)
            return
        if self._write(plan_editor.update_plan, code, **fields):
            self.refresh("plans")

    def _target_fields(self, found: dict) -> dict:
        fields = dict(found)
        for key in ("value", "min_value", "max_value"):
            fields[key] = _number(fields[key])
        try:
            fields["year"] = int(fields["year"])
        except ValueError:
            raise UserError(t(f"Năm “{fields['year']}” không hợp lệ.",
                              f"Invalid year “{fields['year']}”.")) from None
        return fields

    def _ask_and_write(self, current: dict | None, action, *args) -> None:
        found = ask_target(self, current, self.indicator_choices)
        if found is None:
            return
        try:
            fields = self._target_fields(found)
        except UserError as exc:
            dialogs.show_error(self, exc.message)
            return
        if self._write(action, *args, **fields):
            self.load_targets()

    def add_target(self) -> None:
        if self.plan_box.currentData():
            self._ask_and_write(None, plan_editor.add_target, self.plan_box.currentData())

    def edit_target(self) -> None:
        target = self.selected_target()
        if target:
            self._ask_and_write(target, plan_editor.update_target, target["id"])

    def delete_target(self) -> None:
        target = self.selected_target()
        if target and dialogs.confirm(self, t(f"Xóa mục tiêu “{target['indicator_name']}” năm "
                                              f"{target['year']}?", f"Delete the target "
                                              f"“{target['indicator_name']}” for {target['year']}?")):
            if self._write(plan_editor.delete_target, target["id"]):
                self.load_targets()

    def _exchange_button(self) -> QPushButton:
        """Plans from elsewhere: a plan's text, or the province's signed file."""
        button = QPushButton(t("Nhập / gửi kế hoạch", "Import / send plan"))
        menu = QMenu(button)
        menu.setToolTipsVisible(True)
        for label, slot, edits in ((t("Nhập kế hoạch từ văn bản…", "Import plan from text…"),
                                    self.import_from_text, True),
                                   (t("Gửi kế hoạch cho các đơn vị…", "Send plan to offices…"),
                                    self.send_plan, False),
                                   (t("Nhận kế hoạch của tỉnh…", "Receive province plan…"),
                                    self.receive_plan, True)):
            action = menu.addAction(label, slot)
            if edits:  # creating or changing plans follows authz "edit_plans" too
                self.edit_buttons.append(action)
        button.setMenu(menu)
        self.exchange_menu = menu
        return button

    def import_from_text(self) -> None:
        from desktop.ui.plans.plan_text_dialog import PlanTextDialog

        dialog = PlanTextDialog(self.database, self)
        if dialog.exec() == PlanTextDialog.DialogCode.Accepted:
            announce(self.bus, self, "plans")
            self.plan_box.blockSignals(True)
            self.plan_box.addItem(dialog.saved_code, dialog.saved_code)
            self.plan_box.blockSignals(False)
            self.refresh("plans")
            self.plan_box.setCurrentIndex(max(self.plan_box.findData(dialog.saved_code), 0))

    def send_plan(self) -> None:
        from desktop.ui.plans.handoff_dialogs import send_plan

        if self.plan_box.currentData():
            send_plan(self, self.database, self.plan_box.currentData())

    def receive_plan(self) -> None:
        from desktop.ui.plans.handoff_dialogs import receive_plan

        code = receive_plan(self, self.database)
        if code:
            announce(self.bus, self, "plans")
            announce(self.bus, self, "units")
            self.refresh("plans")
            self.plan_box.setCurrentIndex(max(self.plan_box.findData(code), 0))
