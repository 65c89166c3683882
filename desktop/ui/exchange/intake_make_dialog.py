"""Tạo phiếu: one Excel intake form per ticked unit under a unit, for a period, into a folder.

The units are the chosen unit's children that exist during the period
(closed or merged units are left out), all ticked to start with. The forms
are made by `desktop.intake.make_forms` through `desktop.ui.jobs.run_job`;
then the dialog says how many were made and offers to open the folder
(`desktop.ui.file_choosers`, patched in tests).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from desktop.data.database import Database
from desktop.data.units import UnitRow, children, list_units
from desktop.i18n import t
from desktop.periods import PeriodSpec, parse_period
from desktop.ui import dialogs, file_choosers, jobs
from desktop.ui.period_picker import form_period_picker


def units_for_forms(session, parent_code: str, spec: PeriodSpec) -> list[UnitRow]:
    """The units directly under `parent_code` that exist at some time in the period."""
    return [row for row in children(session, parent_code)
            if (row.valid_from is None or row.valid_from <= spec.end)
            and (row.valid_to is None or row.valid_to >= spec.start)]


def make_job(database: Database, codes: list[str], period: str, out: Path,
             progress=None) -> list[Path]:
    from desktop.intake import make_forms

    with database.session() as session:
        return make_forms(session, codes, period, out, progress=progress)


def button(text: str, slot) -> QPushButton:
    """A push button that calls `slot` when clicked."""
    widget = QPushButton(text)
    widget.clicked.connect(slot)
    return widget


class MakeFormsDialog(QDialog):
    """Tạo phiếu: one Excel form per ticked unit for a period, into a folder."""

    def __init__(self, database: Database, bus, unit_code: str, period_code: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.database, self.bus = database, bus
        self.made: list[Path] = []
        self.unticked: set[str] = set()
        self.busy = False
        self.setWindowTitle(t("Tạo phiếu nhập số liệu", "Make intake forms"))
        self._build(period_code)
        self._fill_parents(unit_code)
        dialogs.fit_to_screen(self, 620, 600)

    def _build(self, period_code: str) -> None:
        form = QFormLayout(self)
        self.parent_unit = dialogs.compact_combo(QComboBox())
        self.parent_unit.currentIndexChanged.connect(self.reload_units)
        form.addRow(t("Các đơn vị thuộc", "Units under"), self.parent_unit)
        self.period = form_period_picker(period_code)
        self.period.changed.connect(lambda _code: self.reload_units())
        self.period_label = QLabel()  # why the list is empty, when it is
        self.period_label.setWordWrap(True)
        period_row = QHBoxLayout()
        period_row.addWidget(self.period)
        period_row.addWidget(self.period_label, 1)
        form.addRow(t("Kỳ báo cáo", "Period"), period_row)
        self.units = QListWidget()
        self.units.itemChanged.connect(self._item_changed)
        form.addRow(t("Gửi phiếu cho", "Forms for"), self.units)
        picks = QHBoxLayout()
        choices = ((t("Chọn tất cả", "All"), None),
                   (t("Chỉ xã, thị trấn", "Communes only"), "area"),
                   (t("Chỉ cơ quan", "Agencies only"), "agency"), (t("Bỏ chọn", "None"), ""))
        for text, kind in choices:
            picks.addWidget(button(text, lambda _=False, kind=kind: self.tick(kind)))
        self.count = QLabel()
        form.addRow(self.count, picks)
        self.output = QLineEdit(str(Path.home() / t("Phiếu CNTT", "IT forms")))
        row = QHBoxLayout()
        row.addWidget(self.output)
        row.addWidget(button(t("Chọn…", "Browse…"), self._choose_folder))
        form.addRow(t("Lưu vào thư mục", "Save in folder"), row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Close)
        dialogs.translate_buttons(buttons)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(t("Tạo phiếu", "Make forms"))
        buttons.accepted.connect(self.make)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _fill_parents(self, unit_code: str) -> None:
        with self.database.session() as session:
            rows = list_units(session)
        parents = {row.parent for row in rows if row.parent}
        own = {row.code: row for row in rows}
        self.parent_unit.blockSignals(True)
        for row in rows:
            if row.code in parents:
                dialogs.add_named_item(self.parent_unit, row.name, row.code)
        start = unit_code if unit_code in parents else (own[unit_code].parent
                                                         if unit_code in own else None)
        self.parent_unit.setCurrentIndex(max(0, self.parent_unit.findData(start)))
        self.parent_unit.blockSignals(False)
        self.reload_units()

    def _spec(self) -> PeriodSpec:
        return parse_period(self.period.code())

    def reload_units(self) -> None:
        """List the units under the chosen unit that exist in the period, ticked."""
        code = self.parent_unit.currentData()
        spec = self._spec()
        with self.database.session() as session:
            rows = units_for_forms(session, code, spec) if code else []
        name = self.parent_unit.currentText()
        self.period_label.setText("" if rows or not code else t(
            f"{name} không có đơn vị nào còn hoạt động trong {spec.label()}.",
            f"{name} has no unit in operation in {spec.label()}."))
        self.units.blockSignals(True)
        self.units.clear()
        for row in rows:
            item = QListWidgetItem(row.name)
            item.setToolTip(t(f"Mã: {row.code}", f"Code: {row.code}"))
            item.setData(Qt.ItemDataRole.UserRole, row.code)
            item.setData(Qt.ItemDataRole.UserRole + 1, row.kind)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if row.code in self.unticked
                               else Qt.CheckState.Checked)
            self.units.addItem(item)
        self.units.blockSignals(False)
        self._count()

    def _items(self) -> list[QListWidgetItem]:
        return [self.units.item(index) for index in range(self.units.count())]

    def tick(self, kind: str | None) -> None:
        """Tick every unit (None), none (""), or only those of one kind ("area", "agency")."""
        for item in self._items():
            wanted = kind is None or item.data(Qt.ItemDataRole.UserRole + 1) == kind
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def _item_changed(self, item: QListWidgetItem) -> None:
        code = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked:
            self.unticked.discard(code)
        else:
            self.unticked.add(code)
        self._count()

    def chosen_codes(self) -> list[str]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self._items()
                if item.checkState() == Qt.CheckState.Checked]

    def _count(self) -> None:
        self.count.setText(t(f"Đã chọn {len(self.chosen_codes())}/{self.units.count()}",
                             f"{len(self.chosen_codes())} of {self.units.count()} chosen"))

    def _choose_folder(self) -> None:
        caption = t("Chọn thư mục lưu phiếu", "Choose a folder for the forms")
        folder = file_choosers.ask_folder(self, caption, self.output.text())
        if folder:
            self.output.setText(folder)

    def make(self) -> list[Path]:
        """Make the forms as a job, say how many, offer to open the folder."""
        if self.busy:
            return []
        spec = self._spec()
        codes = self.chosen_codes()
        if not codes:
            dialogs.show_error(self, t("Hãy chọn ít nhất một đơn vị.", "Choose at least one unit."))
            return []
        if not self.output.text().strip():
            self._choose_folder()
        out = Path(self.output.text().strip()) if self.output.text().strip() else None
        if out is None or not self._may_overwrite(out, codes, spec):
            return []
        self.busy = True
        try:
            made = jobs.run_job(self, t("Đang tạo phiếu…", "Making the forms…"), make_job,
                                self.database, codes, spec.code, out)
        finally:
            self.busy = False
        if not made:
            return []
        self.made = list(made)
        question = t(f"Đã tạo {len(made)} phiếu {spec.label()} trong thư mục {out}.\n"
                     "Mở thư mục?",
                     f"Made {len(made)} forms for {spec.label()} in {out}.\nOpen the folder?")
        if dialogs.confirm(self, question):
            file_choosers.open_folder(out)
        self.accept()
        return self.made

    def _may_overwrite(self, out: Path, codes: list[str], spec: PeriodSpec) -> bool:
        from desktop.intake.make import form_file_name

        existing = [code for code in codes if (out / form_file_name(code, spec.code)).exists()]
        if not existing:
            return True
        return dialogs.confirm(self, t(
            f"{len(existing)} phiếu {spec.label()} đã có trong {out} và sẽ bị ghi đè. Tiếp tục?",
            f"{len(existing)} forms for {spec.label()} are already in {out} and will be "
            "overwritten. Go on?"))
