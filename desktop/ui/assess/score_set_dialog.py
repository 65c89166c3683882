"""Editing an assessment set: its TOML text, checked and saved by desktop.assess.store.

Saving a set under a new code makes a new set (the way to copy an example);
saving under its own code replaces it. A refused set is named in one
sentence and nothing is saved; the dialog stays open for the correction.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from desktop.data.database import Database
from desktop.errors import UserError
from desktop.i18n import t
from desktop.ui import dialogs
from desktop.ui.permissions import follow_rule


class SetEditor(QDialog):
    def __init__(self, database: Database, text: str, parent=None):  # noqa: ANN001
        super().__init__(parent)
        self.database = database
        self.saved_code: str | None = None
        self.setWindowTitle(t("Sửa bộ tiêu chí đánh giá", "Edit the assessment set"))
        dialogs.fit_to_screen(self, 900, 640)
        help_text = QLabel(t(
            "Bộ tiêu chí viết dạng TOML (xem README, mục “Đánh giá, xếp hạng”). Đổi <b>code</b> "
            "để lưu thành bộ mới; điểm các tiêu chí phải cộng đúng <b>total</b>.",
            "The set is written in TOML (see the README, “Assessment and ranking”). Change "
            "<b>code</b> to save it as a new set; the criteria's points must add up to "
            "<b>total</b>."))
        help_text.setWordWrap(True)
        self.editor = QPlainTextEdit(text)
        self.editor.setFont(QFont("monospace"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        dialogs.translate_buttons(buttons)
        follow_rule(database, "edit_score_sets", [buttons.button(QDialogButtonBox.StandardButton.Save)])
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(help_text)
        layout.addWidget(self.editor, 1)
        layout.addWidget(buttons)

    def save(self) -> bool:
        from desktop.assess.store import save_set

        try:
            with self.database.session() as session:
                self.saved_code = save_set(session, self.editor.toPlainText()).code
        except UserError as exc:
            dialogs.show_error(self, exc.message, exc.problems)
            return False
        self.accept()
        return True
