"""Backups in the GUI: back up now, restore a backup, the backups kept and for how long.

Menu Tệp → Sao lưu… calls `back_up_now`; Tệp → Khôi phục… opens
`RestoreDialog`, which needs two callables from the main window:
`release_database()` closes every connection (the instance lock stays
held) and `reopen_database()` opens the file again and reloads the views.
The file is checked before anything is released, so a damaged or foreign
file is refused while the current database stays open and untouched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.data import backup
from desktop.data.backup import BackupRow
from desktop.data.database import Database
from desktop.errors import UserError
from desktop.formats import format_number
from desktop.i18n import t
from desktop.ui import dialogs
from desktop.ui.permissions import follow_rule
from desktop.ui.jobs import run_job
from desktop.ui.row_table import Column, RowsModel, rows_view, selected_row

FILE_FILTER = ("Tệp sao lưu (*.sqlite *.db);;Mọi tệp (*)", "Backups (*.sqlite *.db);;All files (*)")
REASONS = {"exit": ("khi thoát chương trình", "at exit"), "manual": ("sao lưu tay", "by hand"),
           "before-import": ("trước khi nhận dữ liệu", "before an import"),
           "before-restore": ("trước khi khôi phục", "before a restore"),
           "damaged": ("tệp hỏng được cất đi", "damaged file set aside"),
           "setup": ("khi thiết lập", "at set-up")}


def reason_name(reason: str) -> str:
    if reason.startswith("before-migration"):
        return t("trước khi nâng cấp", "before an upgrade")
    return t(*REASONS.get(reason, (reason, reason)))


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{format_number(max(size / 1024, 0.1), 1)} KB"
    return f"{format_number(size / 1024 / 1024, 1)} MB"


def when_text(moment: dt.datetime) -> str:
    return moment.strftime("%d/%m/%Y %H:%M:%S")


def backups_model(rows: list[BackupRow] = ()) -> RowsModel:
    columns = [Column(lambda: t("Thời điểm", "Taken"), lambda r: when_text(r.taken_at)),
               Column(lambda: t("Lý do", "Reason"), lambda r: reason_name(r.reason)),
               Column(lambda: t("Dung lượng", "Size"), lambda r: size_text(r.size), right=True),
               Column(lambda: t("Tệp", "File"), lambda r: r.path.name)]
    return RowsModel(columns, rows, tooltip=lambda r: str(r.path))


# --- back up now --------------------------------------------------------------
def _backup_job(database_path: Path, out: Path, progress) -> Path:  # noqa: ANN001
    progress(0, 1)
    made = backup.backup_to(database_path, out, force=True)  # the save dialog asked first
    progress(1, 1)
    return made


def back_up_now(parent: QWidget | None, database_path: str | Path) -> Path | None:
    """Ask where, copy the database there in the background; the copy or None."""
    database_path = Path(database_path)
    suggested = database_path.with_name(f"{database_path.stem}-{dt.date.today():%Y%m%d}.sqlite")
    out = dialogs.ask_save_file(parent, t("Sao lưu dữ liệu vào tệp", "Back the data up to a file"),
                                str(suggested), t(*FILE_FILTER))
    if not out:
        return None
    made = run_job(parent, t("Đang sao lưu…", "Backing up…"), _backup_job, database_path, Path(out))
    if made is not None:
        dialogs.show_info(parent, t(f"Đã sao lưu vào {made} ({size_text(made.stat().st_size)}).",
                                    f"Backed up to {made} ({size_text(made.stat().st_size)})."))
    return made


# --- restore ------------------------------------------------------------------
def _restore_job(database_path: Path, source: Path, progress) -> dict:  # noqa: ANN001
    from desktop.data.approval_guard import restore_checked

    progress(0, 1)  # the loss of approvals, if any, was confirmed before (`_check_restore`)
    kept, _losses = restore_checked(database_path, source, sign_in=lambda _session: None,
                                    confirm=lambda _losses: True)
    progress(1, 1)
    return {"kept": kept}


def describe_file(path: Path, known: list[BackupRow] = ()) -> str:
    """Date and size of a file to restore (an automatic backup's time from its name)."""
    found = [row for row in known if row.path.resolve() == path]
    stat = path.stat()
    moment = found[0].taken_at if found else dt.datetime.fromtimestamp(stat.st_mtime)
    return t(f"{path.name}: lưu lúc {when_text(moment)}, {size_text(stat.st_size)}.",
             f"{path.name}: saved {when_text(moment)}, {size_text(stat.st_size)}.")


class RestoreDialog(QDialog):
    """Pick a backup (from the list or any file), see its date and size, restore it."""

    def __init__(self, database_path: str | Path, release_database: Callable[[], None],
                 reopen_database: Callable[[], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.database_path = Path(database_path).resolve()
        self.release_database, self.reopen_database = release_database, reopen_database
        self.source: Path | None = None
        self.setWindowTitle(t("Khôi phục dữ liệu", "Restore data"))
        dialogs.fit_to_screen(self, 760, 420)
        intro = QLabel(t("Chọn bản sao lưu cần khôi phục. Dữ liệu hiện tại sẽ được giữ lại thành "
                         "một bản sao lưu trước khi bị thay thế.",
                         "Choose the backup to restore. The current data is kept as a backup "
                         "before it is replaced."))
        intro.setWordWrap(True)
        self.model = backups_model(backup.list_backups(self.database_path))
        self.view = rows_view(self.model)
        self.view.selectionModel().selectionChanged.connect(self._on_selected)
        self.chosen = QLabel(t("Chưa chọn bản sao lưu nào.", "No backup chosen."))
        self.chosen.setWordWrap(True)
        other = QPushButton(t("Chọn tệp khác…", "Other file…"))
        other.clicked.connect(self.choose_file)
        self.restore_button = QPushButton(t("Khôi phục", "Restore"))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(other, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        dialogs.translate_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.chosen)
        layout.addWidget(buttons)

    def _on_selected(self, *_args: object) -> None:
        row = selected_row(self.view)
        if row is not None:
            self.set_source(row.path)

    def choose_file(self) -> None:
        path = dialogs.ask_open_file(self, t("Chọn tệp sao lưu", "Choose a backup file"),
                                     t(*FILE_FILTER))
        if path:
            self.view.clearSelection()
            self.set_source(Path(path))

    def set_source(self, path: Path) -> None:
        self.source = Path(path).resolve()
        try:
            self.chosen.setText(describe_file(self.source, self.model.rows))
        except OSError as exc:
            self.chosen.setText(t(f"Không đọc được {path}: {exc.strerror}.",
                                  f"Cannot read {path}: {exc.strerror}."))
        self.restore_button.setEnabled(True)

    def _check_restore(self) -> bool:
        """The file's schema, who may restore, and a confirmed loss of approvals."""
        from desktop.data.approval_guard import check_restore
        from desktop.data.database import open_database
        from desktop.ui.safety.approval_loss import confirm_loss

        try:
            losses, _user = check_restore(self.database_path, self.source,
                                          sign_in=lambda _session: None)
        except UserError as exc:
            dialogs.show_error(self, exc.message)
            return False
        if not losses:
            return True
        current = open_database(self.database_path)
        try:
            return confirm_loss(self, current, losses)
        finally:
            current.close()

    def restore(self) -> bool:
        """Check the file, ask, release the database, restore, reopen; True when done."""
        if self.source is None:
            return False
        if self.source == self.database_path:
            dialogs.show_error(self, t(f"{self.source.name} là chính tệp dữ liệu đang mở; hãy chọn "
                                       "một bản sao lưu.",
                                       f"{self.source.name} is the open data file itself; choose a "
                                       "backup."))
            return False
        if not self._check_restore():
            return False
        question = t(f"Thay toàn bộ dữ liệu hiện tại bằng {self.source.name}? Dữ liệu hiện tại "
                     "được giữ lại thành một bản sao lưu.",
                     f"Replace all current data with {self.source.name}? The current data is "
                     "kept as a backup.")
        if not dialogs.confirm(self, question):
            return False
        self.release_database()
        try:
            done = run_job(self, t("Đang khôi phục…", "Restoring…"), _restore_job,
                           self.database_path, self.source)
        finally:
            self.reopen_database()
        if done is None:
            return False
        kept = done["kept"]
        dialogs.show_info(self, t(f"Đã khôi phục dữ liệu từ {self.source.name}."
                                  + (f" Dữ liệu cũ được giữ ở {kept}." if kept else ""),
                                  f"Restored the data from {self.source.name}."
                                  + (f" The previous data is kept at {kept}." if kept else "")))
        self.accept()
        return True


# --- the backups kept -----------------------------------------------------------
class BackupListDialog(QDialog):
    """The automatic backups and how many days and weeks of them are kept."""

    def __init__(self, database: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.database = database
        self.setWindowTitle(t("Các bản sao lưu tự động", "Automatic backups"))
        dialogs.fit_to_screen(self, 760, 440)
        folder = backup.backups_folder(database.path)
        where = QLabel(t(f"Chương trình tự sao lưu khi thoát và trước khi nhận dữ liệu, vào thư mục "
                         f"{folder}.",
                         f"The program backs up at exit and before every import, into {folder}."))
        where.setWordWrap(True)
        self.model = backups_model()
        self.view = rows_view(self.model)
        self.daily, self.weekly = QSpinBox(), QSpinBox()
        self.daily.setRange(1, 365)
        self.weekly.setRange(1, 520)
        for box in (self.daily, self.weekly):
            box.setMaximumWidth(90)
        daily, weekly = backup._keep_settings(database.path)  # noqa: SLF001 - the stored settings
        self.daily.setValue(daily)
        self.weekly.setValue(weekly)
        form = QFormLayout()
        form.addRow(t("Giữ bản mới nhất của mỗi ngày, trong số ngày:",
                      "Keep the newest backup of each day, for days:"), self.daily)
        form.addRow(t("Giữ bản mới nhất của mỗi tuần, trong số tuần:",
                      "Keep the newest backup of each week, for weeks:"), self.weekly)
        save = self.save_button = QPushButton(t("Lưu cách giữ", "Save"))
        save.clicked.connect(self.save_settings)
        follow_rule(database, "edit_settings", [save, self.daily, self.weekly])
        now = QPushButton(t("Sao lưu ngay", "Back up now"))
        now.clicked.connect(self.back_up)
        row = QHBoxLayout()
        row.addLayout(form)
        row.addWidget(save, 0, Qt.AlignmentFlag.AlignBottom)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(now, QDialogButtonBox.ButtonRole.ActionRole)
        dialogs.translate_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.model.load(backup.list_backups(self.database.path))

    def save_settings(self) -> None:
        with self.database.session() as session:
            backup.set_rotation(session, self.daily.value(), self.weekly.value())
        backup.rotate_backups(self.database.path, keep_daily=self.daily.value(),
                              keep_weekly=self.weekly.value())
        self.reload()

    def back_up(self) -> None:
        run_job(self, t("Đang sao lưu…", "Backing up…"), _auto_backup_job, self.database.path)
        self.reload()


def _auto_backup_job(database_path: Path, progress) -> Path | None:  # noqa: ANN001
    progress(0, 1)
    made = backup.auto_backup(database_path, "manual")
    progress(1, 1)
    return made
