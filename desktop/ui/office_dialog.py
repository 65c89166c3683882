"""Công cụ → Thông tin cơ quan…: the receiving body and the letterhead of the reports.

Both are office settings (desktop.data.letterhead); left empty, the default
by date applies (Sở Khoa học và Công nghệ since 1/3/2025) and the office's
own unit name is the letterhead. Also the About box.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from desktop.data.database import Database
from desktop.data.letterhead import (LETTERHEAD_KEY, RECEIVER_KEY, default_receiver,
                                     set_letterhead_settings)
from desktop.data.office import get_office
from desktop.data.settings import get_setting
from desktop.i18n import t
from desktop.ui import dialogs
from desktop.ui.forms import FormDialog
from desktop.ui.permissions import follow_rule


class OfficeTextsDialog(FormDialog):
    def __init__(self, database: Database, parent: QWidget | None = None):
        super().__init__(parent, t("Thông tin cơ quan trên báo cáo", "Office texts on reports"))
        self.setMinimumWidth(0)
        self.database = database
        with database.session() as session:
            office = get_office(session)
            receiver = get_setting(session, RECEIVER_KEY) or ""
            letterhead = get_setting(session, LETTERHEAD_KEY) or ""
            self.default = default_receiver(dt.date.today(), office.province if office else "")
        note = QLabel(t(
            "Để trống để dùng mặc định: nơi nhận theo ngày lập báo cáo (Sở Thông tin và Truyền "
            "thông trước 01/3/2025, Sở Khoa học và Công nghệ từ ngày đó); tiêu đề là tên cơ quan.",
            "Leave empty for the defaults: the receiving body by the report's date (Department "
            "of Information and Communications before 1 March 2025, of Science and Technology "
            "since); the letterhead is the office's name."))
        note.setWordWrap(True)
        self.form.addRow(note)
        self.receiver = self.add_text("receiver", t("Đơn vị nhận báo cáo", "Receiving body"),
                                      receiver)
        self.receiver.setPlaceholderText(self.default)
        self.letterhead = self.add_long_text(
            "letterhead", t("Tiêu đề cơ quan (mỗi dòng một cấp)", "Letterhead (one line a level)"),
            letterhead)
        self.letterhead.setPlaceholderText(office.unit_name if office else "")
        self.finish()
        follow_rule(database, "edit_settings", [self.ok_button])
        self.accepted.connect(self.save)
        dialogs.fit_to_screen(self, 640, 320)

    def save(self) -> None:
        values = self.values()
        with self.database.session() as session:
            set_letterhead_settings(session, receiver_text=values["receiver"],
                                    letterhead_text=values["letterhead"])


def show_about(parent: QWidget | None) -> None:
    """Trợ giúp → Giới thiệu: the program, its version and where its data lives."""
    from desktop import __version__

    box = dialogs.message_box(parent, QMessageBox.Icon.Information, t(
        f"<b>{dialogs.app_title()}</b><br>Phiên bản {__version__}<br><br>"
        "Theo dõi kế hoạch ứng dụng CNTT và chuyển đổi số trong cơ quan nhà nước, "
        "hoàn toàn ngoại tuyến.",
        f"<b>{dialogs.app_title()}</b><br>Version {__version__}<br><br>"
        "Tracks the plan for IT and digital transformation in state agencies, fully offline."))
    box.setWindowTitle(t("Giới thiệu", "About"))
    box.exec()
