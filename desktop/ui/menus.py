"""The main window's menus for the jobs beside the tabs — reports, forms,
packages, backups, checks, audit, users — and the health banner. Each
action imports its dialog only when used, so none of them costs anything
at start-up.

Menus: Tệp (File): Sao lưu…, Khôi phục…, Các bản sao lưu…, Kiểm tra dữ
liệu…; Dữ liệu (Data): Tạo phiếu…, Nhập phiếu…, Gửi gói dữ liệu…, Nhận gói
dữ liệu…, Khóa tin cậy…; Báo cáo (Reports): Xuất báo cáo Excel…, Thiết kế
mẫu…; Công cụ (Tools): Nhật ký thay đổi…, Người dùng…, Đăng nhập người khác…,
Thông tin cơ quan trên báo cáo…; Trợ giúp (Help): Hướng dẫn sử dụng (F1), Giới thiệu.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from desktop.i18n import t


def _add(menu: QMenu, text: str, handler, shortcut: str = ""):  # noqa: ANN001
    action = menu.addAction(text)
    if shortcut:
        action.setShortcut(shortcut)
    action.triggered.connect(handler)
    return action


def add_file_actions(window, menu: QMenu) -> None:
    """Backups and checks, for a database file (a server has its own tools)."""
    is_file = window.database.path is not None
    for action in (
        _add(menu, t("Sao lưu…", "Back up…"), lambda: back_up(window)),
        _add(menu, t("Khôi phục…", "Restore…"), lambda: open_restore_dialog(window)),
        _add(menu, t("Các bản sao lưu…", "Backups…"), lambda: open_dialog(
            window, "desktop.ui.safety.backup_dialogs", "BackupListDialog", window.database, window)),
        _add(menu, t("Kiểm tra dữ liệu…", "Check data…"), lambda: open_check_dialog(window)),
    ):
        action.setEnabled(is_file)
    menu.addSeparator()


def add_data_menu(window, menu: QMenu) -> None:
    _add(menu, t("Tạo phiếu…", "Make forms…"), lambda: open_dialog(
        window, "desktop.ui.exchange.intake_dialogs", "MakeFormsDialog", window.database, window.bus,
        window.unit_code, window.period_code, window))
    _add(menu, t("Nhập phiếu…", "Load forms…"), lambda: open_dialog(
        window, "desktop.ui.exchange.intake_dialogs", "LoadFormsDialog", window.database, window.bus,
        window))
    menu.addSeparator()
    _add(menu, t("Gửi gói dữ liệu…", "Send a data package…"), lambda: open_dialog(
        window, "desktop.ui.exchange.package_dialogs", "ExportPackageDialog", window.database, window,
        window.unit_code, window.period_code))
    _add(menu, t("Nhận gói dữ liệu…", "Receive data packages…"), lambda: open_dialog(
        window, "desktop.ui.exchange.package_dialogs", "ImportPackagesDialog", window.database,
        window.bus, window))
    _add(menu, t("Khóa tin cậy…", "Trusted keys…"), lambda: open_dialog(
        window, "desktop.ui.exchange.keys_dialog", "TrustedKeysDialog", window.database, window.bus,
        window))


def add_report_menu(window, menu: QMenu) -> None:
    """Báo cáo: the Excel export in the province's template."""
    _add(menu, t("Xuất báo cáo Excel…", "Export Excel report…"),
         lambda: open_export_dialog(window), "Ctrl+E")
    _add(menu, t("Thiết kế mẫu…", "Design a template…"), lambda: open_dialog(
        window, "desktop.ui.exchange.template_designer", "TemplateDesigner", window.database,
        window.unit_code, window.period_code, window))


def add_tools_menu(window, menu: QMenu) -> None:
    _add(menu, t("Nhật ký thay đổi…", "Change log…"), lambda: open_dialog(
        window, "desktop.ui.safety.audit_view", "AuditDialog", window.database, window))
    _add(menu, t("Người dùng…", "Users…"), lambda: open_dialog(
        window, "desktop.ui.safety.users_dialog", "UsersDialog", window.database, window.bus, window))
    _add(menu, t("Đăng nhập người khác…", "Sign in as someone else…"), lambda: switch_user(window))
    _add(menu, t("Thông tin cơ quan trên báo cáo…", "Office texts on reports…"), lambda: open_dialog(
        window, "desktop.ui.office_dialog", "OfficeTextsDialog", window.database, window))


def switch_user(window):  # noqa: ANN001
    """Sign another named user in; every tab then enables what that user's role may do."""
    from desktop.data.users import has_named_users
    from desktop.ui import dialogs

    from desktop.ui.safety import users_dialog
    with window.database.session() as session:
        named = has_named_users(session)
    if not named:
        dialogs.show_info(window, t("Máy này chưa có người dùng có mật khẩu: ai cũng làm được mọi "
                                    "việc. Thêm người dùng ở Công cụ → Người dùng….",
                                    "There are no named users here: everyone may do everything. "
                                    "Add users in Tools → Users…."))
        return None
    name = users_dialog.ask_sign_in(window, window.database.session)
    if name:
        from desktop.ui.permissions import signed_in_suffix

        window.setWindowTitle(f"{dialogs.app_title()} — {window.office_name}{signed_in_suffix()}")
        window.bus.changed.emit("all")
    return name


def open_dialog(window, module: str, name: str, *args):  # noqa: ANN001
    """Import a dialog class, build it and show it (non-blocking); UserErrors are shown."""
    import importlib

    from desktop.errors import UserError
    from desktop.ui import dialogs

    try:
        dialog = getattr(importlib.import_module(module), name)(*args)
    except UserError as exc:
        dialogs.show_error(window, exc.message, exc.problems)
        return None
    dialog.open()
    return dialog


def open_export_dialog(window):  # noqa: ANN001
    return open_dialog(window, "desktop.ui.exchange.export_dialog", "ExportDialog", window.database,
                       window.bus, window.unit_code, window.period_code, window)


def back_up(window):  # noqa: ANN001
    from desktop.ui.safety.backup_dialogs import back_up_now

    return back_up_now(window, window.database.path)


def open_restore_dialog(window):  # noqa: ANN001
    """Restore: the engine's connections are closed first and the views reload after."""
    return open_dialog(window, "desktop.ui.safety.backup_dialogs", "RestoreDialog",
                       window.database.path, window.database.engine.dispose,
                       lambda: window.bus.changed.emit("all"), window)


def open_check_dialog(window):  # noqa: ANN001
    return open_dialog(window, "desktop.ui.safety.health", "CheckDialog", window.database.path, window)


def build_banner(window):  # noqa: ANN001
    """The health banner above the tabs; its quick check runs once the window shows."""
    from PySide6.QtCore import QTimer

    from desktop.ui.safety.health import HealthBanner

    banner = HealthBanner(window)
    banner.check_requested.connect(lambda: open_check_dialog(window))
    if window.database.path is not None:
        QTimer.singleShot(0, lambda: banner.run_quick_check(window.database.path))
    return banner
