"""The health of the data file in the GUI: the check at start, a banner, the full check.

`startup_check(path)` runs the quick checks and returns the problems as
plain sentences, worst first (what is wrong — what to do). `HealthBanner`
is a non-modal strip the main window puts above its tabs; it stays hidden
while all is well. `CheckDialog` runs the full check (integrity included) in
the background and lists every row. Advice that names a command of the
command line is reworded to point at the GUI's menus.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.data import health
from desktop.data.health import CheckRow
from desktop.i18n import t
from desktop.ui import dialogs
from desktop.ui.jobs import run_job
from desktop.ui.row_table import Column, RowsModel, rows_view

STATUS_NAMES = {"ok": ("Ổn", "OK"), "warning": ("Cảnh báo", "Warning"), "error": ("Lỗi", "Error")}
SEVERITY = {"error": 0, "warning": 1, "ok": 2}
# Advice written for the command line, and the same advice for the GUI.
GUI_ADVICE = (
    ("itplan restore TỆP (xem itplan backup --list).", "menu Tệp → Khôi phục…"),
    ("itplan restore FILE (see itplan backup --list).", "menu File → Restore…"),
    ("Chạy itplan backup để sao lưu ngay.", "Sao lưu ngay: menu Tệp → Sao lưu…"),
    ("Run itplan backup now.", "Back up now: menu File → Back up…"),
    ("Kiểm tra đường dẫn --db, hoặc chạy itplan init.", "Mở đúng tệp dữ liệu (menu Tệp)."),
    ("Check the --db path, or run itplan init.", "Open the right data file (menu File)."),
    ("Chạy itplan init hoặc khôi phục", "Khôi phục"),
    ("Run itplan init or restore", "Restore"),
)
LONG_ASIDE = re.compile(r"\(([^()]{80,})\)")
MAX_DETAIL = 300


def gui_advice(advice: str) -> str:
    for cli, gui in GUI_ADVICE:
        advice = advice.replace(cli, gui)
    return advice


def status_name(status: str) -> str:
    return t(*STATUS_NAMES[status])


def problems(rows: list[CheckRow]) -> list[CheckRow]:
    """The rows that are not ok, errors first."""
    return sorted((r for r in rows if r.status != "ok"), key=lambda r: SEVERITY[r.status])


def short_detail(detail: str) -> str:
    """A finding without SQLite's long technical listing (it stays in the tooltip)."""
    detail = LONG_ASIDE.sub("(…)", detail)
    return detail if len(detail) <= MAX_DETAIL else detail[:MAX_DETAIL - 1] + "…"


def describe(row: CheckRow) -> str:
    """One plain sentence: what was checked, what is wrong, what to do."""
    text = f"{row.check}: {short_detail(row.detail)}"
    return f"{text} → {gui_advice(row.advice)}" if row.advice else text


def startup_check(database_path: str | Path) -> list[str]:
    """The quick checks' problems as sentences, worst first (empty when all is well)."""
    return [describe(row) for row in problems(health.quick_check(Path(database_path)))]


class HealthBanner(QFrame):
    """A strip above the tabs saying what is wrong with the data file and what to do."""

    check_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.check_button = QPushButton(t("Kiểm tra dữ liệu…", "Check data…"))
        self.check_button.clicked.connect(self.check_requested)
        close = QPushButton(t("Ẩn", "Hide"))
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.setVisible(False)

    def show_rows(self, rows: list[CheckRow]) -> None:
        """Show the rows' problems (worst first); hide when there is none."""
        found = problems(rows)
        if not found:
            self.label.clear()
            self.setVisible(False)
            return
        colour = "#fde2e1" if found[0].status == "error" else "#fff4ce"
        self.setStyleSheet(f"HealthBanner {{ background: {colour}; }}")
        lines = [f"<b>{status_name(r.status)}</b> — {_html(describe(r))}" for r in found]
        self.label.setText("<br>".join(lines))
        self.label.setToolTip("\n".join(f"{r.check}: {r.detail}" for r in found))
        self.setVisible(True)

    def run_quick_check(self, database_path: str | Path) -> list[CheckRow]:
        rows = health.quick_check(Path(database_path))
        self.show_rows(rows)
        return rows


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def check_model(rows: list[CheckRow] = ()) -> RowsModel:
    columns = [Column(lambda: t("Kiểm tra", "Check"), lambda r: r.check),
               Column(lambda: t("Kết quả", "Result"), lambda r: status_name(r.status)),
               Column(lambda: t("Chi tiết", "Detail"), lambda r: short_detail(r.detail)),
               Column(lambda: t("Cần làm", "What to do"), lambda r: gui_advice(r.advice))]
    return RowsModel(columns, rows, tooltip=lambda r: f"{r.detail}\n{gui_advice(r.advice)}".strip())


def _full_check(path: Path, progress) -> list[CheckRow]:  # noqa: ANN001 - run_job's callback
    progress(0, 1)
    rows = health.check_database(path)
    progress(1, 1)
    return rows


class CheckDialog(QDialog):
    """“Kiểm tra dữ liệu”: every check of the data file, in a table."""

    def __init__(self, database_path: str | Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.database_path = Path(database_path)
        self._checked = False
        self.setWindowTitle(t("Kiểm tra dữ liệu", "Check data"))
        dialogs.fit_to_screen(self, 1000, 380)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = check_model()
        self.view = rows_view(self.model)
        self.view.setWordWrap(True)
        again = QPushButton(t("Kiểm tra lại", "Check again"))
        again.clicked.connect(self.run_check)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(again, QDialogButtonBox.ButtonRole.ActionRole)
        dialogs.translate_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().showEvent(event)
        if not self._checked:  # the check runs as the dialog opens, not on a second click
            self._checked = True
            QTimer.singleShot(0, self.run_check)
        if self.model.rowCount():
            self._fit_columns()

    def _fit_columns(self) -> None:
        """Names and results as wide as they are; details and advice share the rest, wrapped."""
        self.view.resizeColumnsToContents()
        spare = self.view.viewport().width() - self.view.columnWidth(0) - self.view.columnWidth(1)
        self.view.setColumnWidth(2, max(spare // 2, 240))
        self.view.resizeRowsToContents()

    def run_check(self) -> list[CheckRow] | None:
        rows = run_job(self, t("Đang kiểm tra dữ liệu…", "Checking the data…"), _full_check,
                       self.database_path)
        if rows is None:
            return None
        self.model.load(rows)
        self._fit_columns()
        overall = health.worst(rows)
        self.summary.setText({
            "ok": t(f"Tệp {self.database_path} không có vấn đề gì.",
                    f"{self.database_path} has no problems."),
            "warning": t(f"Tệp {self.database_path} dùng được, nhưng có điều cần làm (xem dưới).",
                         f"{self.database_path} works, but needs attention (see below)."),
            "error": t(f"Tệp {self.database_path} có lỗi; hãy làm theo cột “Cần làm”.",
                       f"{self.database_path} has errors; follow the “What to do” column."),
        }[overall])
        return rows
