"""Signed data packages in the GUI: send one, receive some, the keys trusted.

Menu Dữ liệu → Gửi gói dữ liệu… (`ExportPackageDialog`), Nhận gói dữ
liệu… (`ImportPackagesDialog`) and Khóa tin cậy… (`TrustedKeysDialog`).
Receiving shows what each package would change — conflicts and locked
periods first — before anything is written; only "Nhận vào" writes, after
an automatic backup, every package in one transaction (the same rules as
`itplan package import`). The keys dialog lives in keys_dialog.py.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.data.backup import auto_backup
from desktop.data.database import Database
from desktop.data.office import require_office
from desktop.data.units import list_units
from desktop.formats import format_number, format_plain
from desktop.i18n import t
from desktop.ui import dialogs
from desktop.ui.jobs import run_job
from desktop.ui.exchange.keys_dialog import TrustedKeysDialog, keys_model  # noqa: F401 - re-exported
from desktop.ui.period_picker import form_period_picker
from desktop.ui.permissions import follow_rule
from desktop.ui.row_table import Column, RowsModel, rows_view

PACKAGE_FILTER = ("Gói dữ liệu (*.zip);;Mọi tệp (*)", "Data packages (*.zip);;All files (*)")
ACTION_NAMES = {"insert": ("thêm mới", "new"), "update": ("thay số cũ", "replaces"),
                "conflict": ("XUNG ĐỘT", "CONFLICT"), "locked": ("kỳ đã khóa", "locked"),
                "unchanged": ("không đổi", "unchanged")}
def conflict_hint() -> str:
    return t("XUNG ĐỘT: số ở đây được sửa sau số trong gói nên được giữ nguyên; nếu số trong gói "
             "mới đúng, hãy sửa tay.",
             "CONFLICT: the number here was changed after the package's, so it is kept; if the "
             "package's number is right, edit it by hand.")


ACTION_ORDER = {"conflict": 0, "locked": 1, "update": 2, "insert": 3, "unchanged": 4}


def ask_open_files(parent: QWidget | None, caption: str, file_filter: str = "") -> list[str]:
    """Several files to open (tests patch this)."""
    paths, _ = QFileDialog.getOpenFileNames(parent, caption, "", file_filter)
    return list(paths)


def action_name(action: str) -> str:
    return t(*ACTION_NAMES[action])


# --- send ---------------------------------------------------------------------
def _export_job(database: Database, unit: str, period: str, out: Path, progress) -> dict:  # noqa: ANN001
    from desktop.packages.export import export_package

    progress(0, 1)
    with database.session() as session:
        metadata = export_package(session, unit, period, out)
    progress(1, 1)
    return metadata


class ExportPackageDialog(QDialog):
    """A unit (with its units below), a period and a file: one signed package."""

    def __init__(self, database: Database, parent: QWidget | None = None,
                 unit_code: str = "", period_code: str = ""):
        super().__init__(parent)
        self.database = database
        self.setWindowTitle(t("Gửi gói dữ liệu lên cấp trên", "Send a data package"))
        self.setMinimumWidth(620)
        self.unit = dialogs.compact_combo(QComboBox())
        with database.session() as session:
            office = require_office(session)
            units = list_units(session, office.unit_code)
        for row in units:
            dialogs.add_named_item(self.unit, row.name, row.code)
        self.unit.setCurrentIndex(max(self.unit.findData(unit_code or office.unit_code), 0))
        self.period = form_period_picker(period_code)
        self.out = QLineEdit()
        choose = QPushButton(t("Chọn…", "Choose…"))
        choose.clicked.connect(self.choose_file)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out, 1)
        out_row.addWidget(choose)
        note = QLabel(t("Gói gồm số liệu của đơn vị và các đơn vị trực thuộc trong kỳ (cả các quý, "
                        "tháng bên trong), được ký bằng khóa của cơ quan này.",
                        "The package holds the values of the unit and of the units under it for "
                        "the period (and the quarters and months inside it), signed with this "
                        "office's key."))
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(note)
        form.addRow(t("Đơn vị:", "Unit:"), self.unit)
        form.addRow(t("Kỳ báo cáo:", "Period:"), self.period)
        form.addRow(t("Lưu vào tệp:", "Save to:"), out_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        send = buttons.addButton(t("Tạo gói", "Make package"), QDialogButtonBox.ButtonRole.AcceptRole)
        send.clicked.connect(self.export)
        dialogs.translate_buttons(buttons)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def choose_file(self) -> None:
        suggested = f"{self.unit.currentData()}-{self.period.code()}.zip"
        path = dialogs.ask_save_file(self, t("Lưu gói dữ liệu", "Save the data package"),
                                     suggested, t(*PACKAGE_FILTER))
        if path:
            self.out.setText(path)

    def export(self) -> dict | None:
        period = self.period.code()
        if not self.out.text().strip():
            self.choose_file()
        out = Path(self.out.text().strip()) if self.out.text().strip() else None
        if out is None:
            return None
        metadata = run_job(self, t("Đang tạo gói dữ liệu…", "Making the package…"), _export_job,
                           self.database, self.unit.currentData(), period, out)
        if metadata is None:
            return None
        dialogs.show_info(self, t(
            f"Đã ghi {out}: {metadata['unit_name']}, kỳ {metadata['period']}, "
            f"{format_number(metadata['values'])} giá trị, {format_number(metadata['units'])} đơn vị.",
            f"Wrote {out}: {metadata['unit_name']}, {metadata['period']}, "
            f"{format_number(metadata['values'])} values, {format_number(metadata['units'])} units."))
        self.accept()
        return metadata


# --- receive ------------------------------------------------------------------

def _preview_job(database: Database, paths: list[Path], progress) -> list:  # noqa: ANN001
    from desktop.packages.container import verify_all
    from desktop.packages.merge import plan_import

    with database.session() as session:
        packages = verify_all(session, paths)
        plans = []
        for number, package in enumerate(packages):
            plans.append(plan_import(session, package))
            progress(number + 1, len(packages))
        session.rollback()
    return plans


def _import_job(database: Database, paths: list[Path], progress) -> list:  # noqa: ANN001
    from desktop.packages.container import verify_all
    from desktop.packages.merge import apply_import, plan_import

    if database.path is not None:
        auto_backup(database.path, "before-import")
    with database.session() as session:
        packages = verify_all(session, paths)
        plans = []
        for number, package in enumerate(packages):
            plan = plan_import(session, package)
            apply_import(session, plan)
            plans.append(plan)
            progress(number + 1, len(packages))
    return plans


def change_rows(plans: list) -> list[tuple]:
    """(file, change) of every value a package would touch, conflicts first."""
    rows = [(plan.file, change) for plan in plans for change in plan.changes
            if change.action != "unchanged"]
    return sorted(rows, key=lambda r: ACTION_ORDER[r[1].action])


def changes_model(rows: list[tuple] = (), names: dict[str, str] | None = None) -> RowsModel:
    """What packages would change; units and elements by name (`names` from
    desktop.data.names), their codes in the tooltip."""
    from desktop.data.names import readable_key

    names = names or {}
    columns = [Column(lambda: t("Sẽ làm", "Action"), lambda r: action_name(r[1].action)),
               Column(lambda: t("Gói", "Package"), lambda r: r[0]),
               Column(lambda: t("Đơn vị", "Unit"), lambda r: names.get(r[1].unit, r[1].unit)),
               Column(lambda: t("Chỉ tiêu", "Element"),
                      lambda r: names.get(r[1].element, r[1].element)),
               Column(lambda: t("Kỳ", "Period"), lambda r: readable_key(r[1].period, {})),
               Column(lambda: t("Số ở đây", "Here"), lambda r: format_plain(r[1].here), right=True),
               Column(lambda: t("Số trong gói", "In package"), lambda r: format_plain(r[1].package),
                      right=True),
               Column(lambda: t("Đơn vị gửi sửa lúc", "Changed by the sender"), _sender_edit)]
    return RowsModel(columns, rows, tooltip=lambda r: f"{r[1].unit} / {r[1].element} / {r[1].period}")


def _sender_edit(row: tuple) -> str:
    change = row[1]
    moment = change.changed_at
    when = f"{moment[8:10]}/{moment[5:7]}/{moment[:4]} {moment[11:16]}" if len(moment) >= 16 else moment
    return f"{when} {change.changed_by}".strip()


def plan_summary(plan) -> str:  # noqa: ANN001 - an ImportPlan
    n = {a: format_number(plan.count(a)) for a in ACTION_NAMES}
    units = format_number(len(plan.new_units))
    text = t(f"{plan.file}: {plan.unit}, kỳ {plan.period}, ký bằng khóa tin cậy cho "
             f"{plan.office} {plan.office_name} — "
             f"{n['insert']} giá trị mới, {n['update']} thay số cũ, {n['unchanged']} không đổi, "
             f"{n['conflict']} xung đột, {n['locked']} ở kỳ đã khóa, {units} đơn vị mới.",
             f"{plan.file}: {plan.unit}, {plan.period}, signed by the key trusted for "
             f"{plan.office} {plan.office_name} — "
             f"{n['insert']} new, {n['update']} replacing older numbers, {n['unchanged']} "
             f"unchanged, {n['conflict']} conflicts, {n['locked']} in locked periods, "
             f"{units} new units.")
    return "\n".join([text] + [f"  • {note}" for note in plan.notes])


class ImportPackagesDialog(QDialog):
    """Pick packages, see what they would change, then receive them."""

    def __init__(self, database: Database, bus=None, parent: QWidget | None = None):  # noqa: ANN001
        super().__init__(parent)
        self.database, self.bus = database, bus
        self.paths: list[Path] = []
        self.plans: list = []
        self.setWindowTitle(t("Nhận gói dữ liệu", "Receive data packages"))
        dialogs.fit_to_screen(self, 980, 560)
        self.summary = QLabel(t("Chọn các gói dữ liệu cần nhận. Chưa có gì được ghi cho đến khi "
                                "bấm “Nhận vào”.",
                                "Choose the packages to receive. Nothing is written until you "
                                "press “Receive”."))
        self.summary.setWordWrap(True)
        from desktop.data.names import code_names

        with database.session() as session:
            self.names = code_names(session)
        self.model = changes_model(names=self.names)
        self.view = rows_view(self.model)
        choose = QPushButton(t("Chọn gói…", "Choose packages…"))
        choose.clicked.connect(self.choose_files)
        follow_rule(database, "import_packages", [choose])
        self.apply_button = QPushButton(t("Nhận vào", "Receive"))
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(choose, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.ActionRole)
        dialogs.translate_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)

    def choose_files(self) -> None:
        paths = ask_open_files(self, t("Chọn gói dữ liệu", "Choose data packages"),
                               t(*PACKAGE_FILTER))
        if paths:
            self.preview([Path(p) for p in paths])

    def preview(self, paths: list[Path]) -> list:
        """Verify and compare the packages; show what would change; write nothing."""
        self.paths, self.plans = list(paths), []
        self.apply_button.setEnabled(False)
        plans = run_job(self, t("Đang kiểm tra gói…", "Checking the packages…"), _preview_job,
                        self.database, self.paths)
        self.plans = plans or []
        self.model.load(change_rows(self.plans))
        if plans is None:
            self.summary.setText(t("Không nhận gói nào (xem thông báo lỗi).",
                                   "Nothing received (see the error message)."))
            return []
        writes = sum(p.count("insert") + p.count("update") + len(p.new_units) for p in plans)
        lines = [plan_summary(p) for p in plans]
        if any(p.count("conflict") for p in plans):
            lines.append(conflict_hint())
        lines.append(t("Bấm “Nhận vào” để ghi (có sao lưu trước).",
                       "Press “Receive” to write (a backup is taken first).")
                     if writes else t("Không có gì để ghi.", "Nothing to write."))
        self.summary.setText("\n".join(lines))
        self.apply_button.setEnabled(bool(writes))
        return plans

    def apply(self) -> list | None:
        plans = run_job(self, t("Đang nhận gói dữ liệu…", "Receiving…"), _import_job,
                        self.database, self.paths)
        if plans is None:
            return None
        self.apply_button.setEnabled(False)
        self.plans = plans
        self.model.load(change_rows(plans))
        self.summary.setText(t("Đã nhận:\n", "Received:\n") + "\n".join(plan_summary(p) for p in plans))
        if self.bus is not None:
            self.bus.changed.emit("all")
        conflicts = sum(p.count("conflict") for p in plans)
        dialogs.show_info(self, t(
            f"Đã nhận {len(plans)} gói." + (f" {conflicts} xung đột chưa ghi: xem các dòng XUNG ĐỘT "
                                            "và sửa tay nếu cần." if conflicts else ""),
            f"Received {len(plans)} packages." + (f" {conflicts} conflicts were not written: see "
                                                  "the CONFLICT rows and edit by hand if needed."
                                                  if conflicts else "")))
        return plans
