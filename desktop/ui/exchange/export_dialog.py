"""The export dialog: a report template (built-in or a file), unit, period, plan, output file.

The fill runs off the GUI thread through `desktop.ui.jobs.run_job`; when it
is done the file (or its folder) is opened with `open_path`, a module-level
function that tests patch.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.data.database import Database
from desktop.data.queries import plans
from desktop.data.units import list_units
from desktop.errors import UserError
from desktop.i18n import t
from desktop.ui import dialogs, jobs
from desktop.ui.period_picker import form_period_picker

RAW = "__raw__"
FILE = "__file__"
WIDE = 46  # characters: a template, unit or plan name read whole in most cases
TEMPLATE_FILTER = "Excel (*.xlsx *.xlsm)"


def open_path(path: Path) -> bool:
    """Open a file or folder with the program the system associates with it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def export_job(database: Database, template: str, unit: str, period: str, plan: str | None,
               out: Path, force: bool, progress=None) -> Path:
    """Runs in the worker thread, with its own session."""
    from desktop.reports.fill import fill_report
    from desktop.reports.raw import export_raw

    with database.session() as session:
        if template == RAW:
            export_raw(session, unit, period, out, force=force, progress_cb=progress)
            return out
        return fill_report(session, template, unit, period, out, plan_code=plan, force=force,
                           progress_cb=progress)


class ExportDialog(QDialog):
    """Fill a report template for a unit and period and save it as an Excel file."""

    def __init__(self, database: Database, bus, unit_code: str, period_code: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.database, self.bus = database, bus
        self.template_file: str | None = None
        self.result_path: Path | None = None
        self.setWindowTitle(t("Xuất báo cáo Excel", "Export an Excel report"))
        self._build(unit_code, period_code)

    def _build(self, unit_code: str, period_code: str) -> None:
        from desktop.reports.builtin import builtin_templates, description

        form = QFormLayout(self)
        self.template = dialogs.compact_combo(QComboBox(), WIDE)
        for name in builtin_templates():
            dialogs.add_named_item(self.template, description(name), name)
        self.template.addItem(t("Số liệu thô: mọi giá trị của kỳ", "Raw data: every value of the period"), RAW)
        self.template.addItem(t("Mẫu của tỉnh (chọn tệp .xlsx)…", "Province template (choose an .xlsx)…"), FILE)
        self.template.activated.connect(self._template_chosen)
        form.addRow(t("Mẫu báo cáo", "Template"), self.template)
        self.template_notes = QLabel()
        self.template_notes.setWordWrap(True)
        self.template_notes.setVisible(False)
        form.addRow(self.template_notes)
        self.unit = dialogs.compact_combo(QComboBox(), WIDE)
        self.plan = dialogs.compact_combo(QComboBox(), WIDE)
        with self.database.session() as session:
            for unit in list_units(session):
                dialogs.add_named_item(self.unit, unit.name, unit.code)
            for plan in plans(session):
                dialogs.add_named_item(self.plan, plan["title"], plan["code"])
            from desktop.data.office import get_office

            office = get_office(session)
        self.unit.setCurrentIndex(max(0, self.unit.findData(unit_code)))
        if office and office.plans:
            self.plan.setCurrentIndex(max(0, self.plan.findData(office.plans[0])))
        form.addRow(t("Đơn vị", "Unit"), self.unit)
        self.period = form_period_picker(period_code)
        form.addRow(t("Kỳ báo cáo", "Period"), self.period)
        form.addRow(t("Kế hoạch", "Plan"), self.plan)
        self.output = QLineEdit()
        browse = QPushButton(t("Chọn…", "Browse…"))
        browse.clicked.connect(self._choose_output)
        row = QHBoxLayout()
        row.addWidget(self.output)
        row.addWidget(browse)
        form.addRow(t("Lưu vào tệp", "Save as"), row)
        self.when_done = QComboBox()
        self.when_done.addItem(t("Mở tệp", "Open the file"), "file")
        self.when_done.addItem(t("Mở thư mục chứa tệp", "Show its folder"), "folder")
        self.when_done.addItem(t("Không làm gì", "Nothing"), "none")
        form.addRow(t("Khi xong", "When done"), self.when_done)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        dialogs.translate_buttons(buttons)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(t("Xuất", "Export"))
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _template_chosen(self) -> None:
        if self.template.currentData() != FILE:
            return
        path = dialogs.ask_open_file(self, t("Chọn mẫu báo cáo", "Choose a report template"),
                                     TEMPLATE_FILTER)
        if path:
            self.template_file = path
            self.template.setItemText(self.template.currentIndex(), Path(path).name)
            self.show_template_notes(Path(path))

    def show_template_notes(self, path: Path) -> None:
        """Before filling: what `template check` says the fill would not keep or could not move,
        and the template's errors, in the same words."""
        from desktop.reports.check import check_template

        try:
            result = check_template(path)
            notes = result.errors + result.warnings
        except UserError as exc:
            notes = [exc.message]
        self.template_notes.setText("\n".join(f"⚠ {note}" for note in notes))
        self.template_notes.setStyleSheet("color: #b00020;")
        self.template_notes.setVisible(bool(notes))

    def _choose_output(self) -> None:
        path = dialogs.ask_save_file(self, t("Lưu báo cáo", "Save the report"),
                                     self.output.text() or self._suggested_name(),
                                     f"Excel (*{self._suffix()})")
        if path:
            suffix = self._suffix()
            self.output.setText(path if path.lower().endswith(suffix) else path + suffix)

    def _suffix(self) -> str:
        """.xlsm for a template with macros (its report keeps them), .xlsx otherwise."""
        chosen = self.template.currentData() == FILE and self.template_file
        return ".xlsm" if chosen and self.template_file.lower().endswith(".xlsm") else ".xlsx"

    def _suggested_name(self) -> str:
        name = self.template.currentData()
        name = "so-lieu-tho" if name == RAW else Path(self.template_file or "bao-cao").stem \
            if name == FILE else name
        return str(Path.home() / f"{name}_{self.unit.currentData()}_{self.period.code()}{self._suffix()}")

    def _template(self) -> str:
        choice = self.template.currentData()
        if choice == FILE:
            if not self.template_file:
                raise UserError(t("Hãy chọn tệp mẫu báo cáo (.xlsx).", "Choose a template file (.xlsx)."))
            return self.template_file
        return choice

    def export(self) -> Path | None:
        """Check the choices, run the export as a job, then open the result."""
        try:
            template = self._template()
            period = self.period.code()
            if not self.output.text().strip():
                self._choose_output()
            out = Path(self.output.text().strip())
            if not self.output.text().strip():
                return None
        except UserError as exc:
            dialogs.show_error(self, exc.message)
            return None
        from desktop.ui.entry.consistency import go_ahead

        if not go_ahead(self, self.database, self.unit.currentData(), period,
                        t("xuất báo cáo", "export the report")):
            return None
        force = False
        if out.exists():
            if not dialogs.confirm(self, t(f"Tệp {out} đã có. Ghi đè?", f"{out} exists. Overwrite it?")):
                return None
            force = True
        result = jobs.run_job(self, t("Đang xuất báo cáo…", "Exporting the report…"), export_job,
                              self.database, template, self.unit.currentData(), period,
                              self.plan.currentData(), out, force)
        if result is None:
            return None
        self.result_path = Path(result)
        action = self.when_done.currentData()
        if action == "file":
            open_path(self.result_path)
        elif action == "folder":
            open_path(self.result_path.parent)
        self.accept()
        return self.result_path
