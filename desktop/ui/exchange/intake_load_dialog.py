"""Nhập phiếu: drop filled forms, see every file and its problems, then load the good ones.

Form files, folders and ZIP archives are dropped on the dialog or chosen
with its buttons. Each time the list grows, every file is checked again with
`desktop.intake.preview_files` (nothing is written; the same unit twice in
one batch is found across all files). "Nhập" runs `load_files`: each good
file in its own transaction, files with problems skipped and marked so; a
summary follows and `bus.changed("values")` is emitted when anything was
written. Both passes run through `desktop.ui.jobs.run_job`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.data.authz import permission
from desktop.data.database import Database
from desktop.formats import format_number
from desktop.i18n import t
from desktop.ui import dialogs, file_choosers, jobs
from desktop.ui.exchange.intake_make_dialog import button
from desktop.ui.exchange.intake_model import FileRow, FilesModel, ProblemsModel

FORMS_FILTER = ("Phiếu Excel, tệp ZIP (*.xlsx *.xlsm *.zip)",
                "Excel forms, ZIP archives (*.xlsx *.xlsm *.zip)")


def preview_job(database: Database, paths: list[Path], progress=None) -> list:
    """Check the forms against the database in a worker thread; writes nothing."""
    from desktop.intake import preview_files

    with database.session() as session:
        return preview_files(session, paths, progress=progress)


def load_job(database: Database, paths: list[Path], progress=None) -> list:
    """Write each good form in its own transaction."""
    from desktop.intake import load_files

    return load_files(database, paths, progress=progress)


def local_paths(event: QDropEvent | QDragEnterEvent) -> list[Path]:
    """The local files and folders a drag carries."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class LoadFormsDialog(QDialog):
    """Nhập phiếu: a drop zone, the preview of every file, then the load."""

    def __init__(self, database: Database, bus, parent: QWidget | None = None):
        super().__init__(parent)
        self.database, self.bus = database, bus
        with database.session() as session:
            self.may_load = permission(session, "enter_values")  # desktop.data.authz
        self.inputs: list[Path] = []
        self.loaded, self.last_summary, self.busy = False, "", False
        self.setWindowTitle(t("Nhập phiếu số liệu", "Load intake forms"))
        self.setAcceptDrops(True)
        self._build()
        self._show_problems(None)
        self._show_summary()
        dialogs.fit_to_screen(self, 1100, 680)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self._drop_zone())
        self.files_model, self.problems_model = FilesModel(self), ProblemsModel(self)
        self.files = self._table(self.files_model)
        self.files.selectionModel().selectionChanged.connect(self._file_chosen)
        self.problems = self._table(self.problems_model)
        self.problems.setWordWrap(True)  # a long message wraps rather than hides its end
        self.problems_title = QLabel()
        pane = QWidget()
        pane_layout = QVBoxLayout(pane)
        pane_layout.setContentsMargins(0, 0, 0, 0)
        pane_layout.addWidget(self.problems_title)
        pane_layout.addWidget(self.problems)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.files)
        splitter.addWidget(pane)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        dialogs.translate_buttons(buttons)
        self.load_button = button(t("Nhập", "Load"), self.load)
        buttons.addButton(self.load_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _drop_zone(self) -> QFrame:
        zone = QFrame()
        zone.setObjectName("dropZone")
        zone.setStyleSheet("#dropZone { border: 2px dashed palette(mid); border-radius: 6px; }")
        row = QHBoxLayout(zone)
        hint = QLabel(t("Kéo thả vào đây các tệp phiếu (.xlsx), thư mục hoặc tệp ZIP",
                        "Drop form files (.xlsx), folders or ZIP archives here"))
        hint.setWordWrap(True)
        row.addWidget(hint, 1)
        row.addWidget(button(t("Thêm tệp…", "Add files…"), self._choose_files))
        row.addWidget(button(t("Thêm thư mục…", "Add a folder…"), self._choose_folder))
        row.addWidget(button(t("Xóa danh sách", "Clear the list"), self.clear))
        return zone

    def _table(self, model) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
        view.horizontalHeader().setStretchLastSection(True)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        return view

    # Adding files ---------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event) and not self.busy:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_paths(event)
        if paths and not self.busy:
            event.acceptProposedAction()
            self.add_paths(paths)

    def _choose_files(self) -> None:
        paths = file_choosers.ask_open_files(self, t("Chọn phiếu đã điền", "Choose filled forms"),
                                             t(*FORMS_FILTER))
        self.add_paths([Path(path) for path in paths])

    def _choose_folder(self) -> None:
        folder = file_choosers.ask_folder(self, t("Chọn thư mục chứa phiếu",
                                                  "Choose a folder of forms"))
        if folder:
            self.add_paths([Path(folder)])

    def add_paths(self, paths: list[Path]) -> None:
        """Add files, folders or ZIP archives, then check the whole batch again.

        After a load, the files added start a new batch."""
        if self.busy:
            return
        if self.loaded:  # what was loaded is done: the new files are a new batch
            self.inputs, self.loaded = [], False
        new = [path for path in paths if path not in self.inputs]
        if not new:
            return
        self.inputs += new
        self.preview()

    def clear(self) -> None:
        self.inputs, self.loaded = [], False
        self._show_rows([])

    # Preview and load -----------------------------------------------------------------

    def preview(self) -> list[FileRow]:
        """Check every file; nothing is written."""
        reports = self._run(t("Đang kiểm tra phiếu…", "Checking the forms…"), preview_job)
        if reports is None:
            return self.files_model.rows
        if not reports:
            dialogs.show_error(self, t("Không tìm thấy phiếu nào (.xlsx) trong các mục đã chọn.",
                                       "No form (.xlsx) found in what was chosen."))
            self.inputs = []
        rows = [FileRow.from_report(report, self.inputs) for report in reports]
        self._show_rows(rows)
        return rows

    def load(self) -> list[FileRow]:
        """Write the good files, one transaction each; say what was loaded and refused."""
        if not any(row.ok for row in self.files_model.rows) or self.loaded or self.busy:
            return []
        reports = self._run(t("Đang nhập phiếu…", "Loading the forms…"), load_job)
        if reports is None:
            return []
        self.loaded, self.last_summary = True, load_summary(reports)
        rows = [FileRow.from_report(report, self.inputs, loaded=True) for report in reports]
        self._show_rows(rows)
        if any(report.written for report in reports):
            self.bus.changed.emit("values")
        dialogs.show_info(self, self.last_summary)
        return rows

    def _run(self, title: str, job) -> list | None:
        """Run a preview or load job on the current inputs; no second job meanwhile."""
        self.busy = True
        self.load_button.setEnabled(False)
        try:
            return jobs.run_job(self, title, job, self.database, list(self.inputs))
        finally:
            self.busy = False
            self._show_summary()

    # Showing --------------------------------------------------------------------------

    def _show_rows(self, rows: list[FileRow]) -> None:
        self.files_model.set_rows(rows)
        fit_columns(self.files, {FilesModel.FILE: 340, FilesModel.UNIT: 320})
        first_bad = next((index for index, row in enumerate(rows) if not row.ok), 0)
        if rows:
            self.files.selectRow(first_bad)
        else:
            self._show_problems(None)
        self._show_summary()

    def _file_chosen(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        rows = self.files_model.rows
        self._show_problems(rows[indexes[0].row()] if indexes else None)

    def _show_problems(self, row: FileRow | None) -> None:
        self.problems_model.set_rows(row.problems if row else [])
        fit_columns(self.problems, {})
        self.problems.resizeRowsToContents()
        if row is None:
            self.problems_title.setText(t("Lỗi của tệp đang chọn", "Problems of the chosen file"))
        elif row.problems:
            self.problems_title.setText(t(f"Lỗi trong tệp {row.shown} ({len(row.problems)}):",
                                          f"Problems in {row.shown} ({len(row.problems)}):"))
        else:
            self.problems_title.setText(t(f"Tệp {row.shown} không có lỗi.",
                                          f"{row.shown} has no problems."))

    def _show_summary(self) -> None:
        rows = self.files_model.rows
        good = sum(row.ok for row in rows)
        self.load_button.setEnabled(self.may_load.allowed and good > 0 and not self.loaded
                                    and not self.busy)
        self.load_button.setToolTip(self.may_load.reason)
        if not rows:
            text = t("Chưa có phiếu nào. Kéo thả tệp, thư mục hoặc tệp ZIP vào cửa sổ này.",
                     "No forms yet. Drop files, folders or ZIP archives on this window.")
        elif self.loaded:
            text = self.last_summary + t(" Thêm tệp để nhập đợt khác.",
                                         " Add files to load another batch.")
        else:
            text = t(f"{len(rows)} tệp: {good} hợp lệ, {len(rows) - good} có lỗi "
                     "(tệp có lỗi sẽ không được nhập). Chưa ghi gì vào cơ sở dữ liệu.",
                     f"{len(rows)} files: {good} valid, {len(rows) - good} with problems "
                     "(those are not loaded). Nothing written yet.")
        self.summary.setText(text)


def fit_columns(view: QTableView, widest: dict[int, int]) -> None:
    """Columns as wide as their text and header plus a margin, some capped; the last stretches."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for column in range(view.model().columnCount() - 1):
        title = str(view.model().headerData(column, Qt.Orientation.Horizontal))
        width = max(view.columnWidth(column), header.fontMetrics().horizontalAdvance(title) + 24)
        view.setColumnWidth(column, min(width + 8, widest.get(column, width + 8)))


def load_summary(reports: list) -> str:
    """Files loaded, values written (new, changed, unchanged), files refused."""
    written = [report for report in reports if report.written]
    refused = sum(not report.ok for report in reports)
    values = sum(report.values for report in written)
    new, changed = sum(r.inserted for r in written), sum(r.updated for r in written)
    same = sum(r.unchanged for r in written)
    text = t(f"Đã nhập {len(written)} tệp, {format_number(values)} giá trị ({format_number(new)} "
             f"mới, {format_number(changed)} sửa, {format_number(same)} không đổi).\n"
             f"{refused} tệp có lỗi không được nhập.",
             f"Loaded {len(written)} files, {format_number(values)} values ({format_number(new)} "
             f"new, {format_number(changed)} changed, {format_number(same)} unchanged).\n"
             f"{refused} files with problems were not loaded.")
    warnings = [f"{report.unit_name or report.path}: {warning}"
                for report in written for warning in report.warnings]
    if warnings:
        text += "\n" + t("Cảnh báo (số liệu chưa nhất quán, hãy kiểm tra): ",
                         "Warnings (figures that disagree, check them): ") + "; ".join(warnings[:3])
    return text
