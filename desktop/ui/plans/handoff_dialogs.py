"""The Plans tab's hand-off actions: send the plan to every office as one signed
file, and receive the province's file after seeing what it changes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.data.database import Database
from desktop.errors import UserError
from desktop.handoff.describe import change_rows, summary
from desktop.handoff.export import export_handoff
from desktop.handoff.receive import apply_handoff, read_handoff, templates_folder
from desktop.i18n import t
from desktop.ui import dialogs


def send_plan(parent: QWidget, database: Database, code: str) -> str | None:
    """Write the plan's hand-off file; the path written, or None."""
    name = dialogs.ask_save_file(parent, t("Lưu tệp kế hoạch gửi các đơn vị",
                                           "Save the plan file for every office"),
                                 f"{code}.itplan", t("Tệp kế hoạch (*.itplan)",
                                                     "Plan file (*.itplan)"))
    if not name:
        return None
    with_units = dialogs.confirm(parent, t("Kèm danh sách đơn vị của tỉnh?",
                                           "Include the province's list of units?"))
    templates = sorted(templates_folder().glob("*.xlsx")) if templates_folder().is_dir() else []
    try:
        with database.session() as session:
            export_handoff(session, code, Path(name), templates, with_units)
    except UserError as exc:
        dialogs.show_error(parent, exc.message, exc.problems)
        return None
    dialogs.show_info(parent, t(f"Đã ghi {name}.", f"Wrote {name}."))
    return name


class HandoffPreview(QDialog):
    """What the province's file changes, before it is applied."""

    def __init__(self, result, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(t("Nhận kế hoạch của tỉnh", "Receive the province's plan"))
        label = QLabel(summary(result))
        label.setWordWrap(True)
        rows = change_rows(result)
        table = QTableWidget(len(rows), 6)
        table.setHorizontalHeaderLabels([t("Thay đổi", "Change"), t("Chỉ số", "Indicator"),
                                         t("Năm", "Year"), t("Cấp", "Level"),
                                         t("Trước", "Before"), t("Sau", "After")])
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                table.setItem(row, column, QTableWidgetItem(str(value)))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        dialogs.translate_buttons(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(table, 1)
        layout.addWidget(buttons)
        dialogs.fit_to_screen(self, 900, 500)

    def ask(self) -> bool:
        return self.exec() == QDialog.DialogCode.Accepted


def receive_plan(parent: QWidget, database: Database) -> str | None:
    """Verify, preview and apply a province's plan file; the plan's code, or None."""
    name = dialogs.ask_open_file(parent, t("Mở tệp kế hoạch của tỉnh", "Open the province's "
                                           "plan file"), t("Tệp kế hoạch (*.itplan);;Mọi tệp (*)",
                                                           "Plan file (*.itplan);;All files (*)"))
    if not name:
        return None
    try:
        with database.session() as session:
            preview = read_handoff(session, Path(name))
            session.rollback()
        if not HandoffPreview(preview, parent).ask():
            return None
        with database.session() as session:
            apply_handoff(session, read_handoff(session, Path(name)))
    except UserError as exc:
        dialogs.show_error(parent, exc.message, exc.problems)
        return None
    return preview.plan_code
