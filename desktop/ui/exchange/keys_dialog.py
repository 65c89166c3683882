"""Khóa tin cậy: this office's key, and the offices' keys whose packages it accepts.

Menu Dữ liệu → Khóa tin cậy… opens `TrustedKeysDialog`: trust a key file
(or the key a package was signed with), revoke one, and export this
office's public key to hand to the province.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.data.authz import permission
from desktop.data.database import Database
from desktop.data.office import require_office
from desktop.errors import UserError
from desktop.i18n import t
from desktop.ui import dialogs
from desktop.ui.row_table import Column, RowsModel, rows_view, selected_row


def keys_model(rows: list = ()) -> RowsModel:
    from desktop.packages.keys import show_id

    columns = [Column(lambda: t("Mã khóa", "Key id"), lambda k: show_id(k.key_id)),
               Column(lambda: t("Tin cậy cho đơn vị", "Trusted for office"),
                      lambda k: f"{k.office} {k.office_name}".strip()),
               Column(lambda: t("Trạng thái", "State"),
                      lambda k: t("đã thu hồi", "revoked") if k.revoked_at else t("tin cậy", "trusted")),
               Column(lambda: t("Từ ngày", "Since"), lambda k: _day(k.revoked_at or k.trusted_at))]
    return RowsModel(columns, rows)


def _day(iso: str) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}" if len(iso) >= 10 else iso


class TrustedKeysDialog(QDialog):
    """This office's key, and the keys of the offices whose packages it accepts."""

    def __init__(self, database: Database, bus=None, parent: QWidget | None = None):  # noqa: ANN001
        from desktop.packages import keys

        super().__init__(parent)
        self.database, self.bus = database, bus
        self.setWindowTitle(t("Khóa tin cậy", "Trusted keys"))
        dialogs.fit_to_screen(self, 820, 420)
        own = QLabel(t(f"Khóa của cơ quan này: {keys.show_id(keys.office_key_id())}",
                       f"This office's key: {keys.show_id(keys.office_key_id())}"))
        own.setWordWrap(True)
        hint = QLabel(t("Chỉ nhận gói được ký bằng các khóa “tin cậy” dưới đây. Đọc mã khóa qua "
                        "điện thoại với đơn vị gửi để chắc chắn đúng khóa của họ.",
                        "Only packages signed by the trusted keys below are received. Read the "
                        "key id over the phone with the sender to be sure it is theirs."))
        hint.setWordWrap(True)
        self.model = keys_model()
        self.view = rows_view(self.model)
        self.trust_button = trust = QPushButton(t("Tin cậy tệp khóa…", "Trust a key file…"))
        trust.clicked.connect(self.trust_file)
        self.revoke_button = revoke = QPushButton(t("Thu hồi", "Revoke"))
        revoke.clicked.connect(self.revoke_selected)
        export = QPushButton(t("Xuất khóa của cơ quan này…", "Export this office's key…"))
        export.clicked.connect(self.export_own)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (trust, revoke, export):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        dialogs.translate_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(own)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        from desktop.packages.keys import trusted_keys

        with self.database.session() as session:
            self.model.load(trusted_keys(session))
            allowed = permission(session, "manage_keys")  # the one rule: desktop.data.authz
        for button in (self.trust_button, self.revoke_button):
            button.setEnabled(allowed.allowed)
            button.setToolTip(allowed.reason)

    def _changed(self) -> None:
        self.reload()
        if self.bus is not None:
            self.bus.changed.emit("settings")

    def trust_file(self):  # noqa: ANN201 - a TrustedKey or None
        from desktop.packages.keys import show_id, trust

        path = dialogs.ask_open_file(self, t("Chọn tệp khóa hoặc gói dữ liệu", "Choose a key file or package"),
                                     t("Tệp khóa hoặc gói (*.json *.key *.zip);;Mọi tệp (*)",
                                       "Key files or packages (*.json *.key *.zip);;All files (*)"))
        if not path:
            return None
        try:
            with self.database.session() as session:
                key = trust(session, Path(path))
        except UserError as exc:
            dialogs.show_error(self, exc.message)
            return None
        self._changed()
        dialogs.show_info(self, t(f"Tin cậy khóa {show_id(key.key_id)} cho đơn vị {key.office} "
                                  f"({key.office_name}) và các đơn vị trực thuộc; gói của khóa này "
                                  "chỉ được ghi số liệu của các đơn vị đó.",
                                  f"Trusted key {show_id(key.key_id)} for {key.office} "
                                  f"({key.office_name}) and the units below it; its packages may "
                                  "write those units' data only."))
        return key

    def revoke_selected(self):  # noqa: ANN201 - a TrustedKey or None
        from desktop.packages.keys import revoke, show_id

        key = selected_row(self.view)
        if key is None or key.revoked_at:
            return None
        if not dialogs.confirm(self, t(f"Thu hồi khóa {show_id(key.key_id)} ({key.office})? Gói ký "
                                       "bằng khóa này sẽ không được nhận nữa.",
                                       f"Revoke key {show_id(key.key_id)} ({key.office})? Packages "
                                       "signed with it will be refused.")):
            return None
        try:
            with self.database.session() as session:
                revoked = revoke(session, key.key_id)
        except UserError as exc:
            dialogs.show_error(self, exc.message)
            return None
        self._changed()
        return revoked

    def export_own(self) -> Path | None:
        from desktop.packages.keys import export_public_key

        path = dialogs.ask_save_file(self, t("Lưu khóa công khai", "Save the public key"),
                                     "khoa-co-quan.json", t("Tệp khóa (*.json)", "Key files (*.json)"))
        if not path:
            return None
        with self.database.session() as session:
            office = require_office(session)
        export_public_key(Path(path), office.unit_code, office.unit_name)
        dialogs.show_info(self, t(f"Đã ghi khóa công khai vào {path}; gửi tệp này cho cấp trên.",
                                  f"Wrote the public key to {path}; send it to the province."))
        return Path(path)
