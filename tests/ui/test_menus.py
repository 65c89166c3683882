"""The main window's extra menus open their dialogs on the current unit and period."""

import pytest

from desktop.ui import menus
from desktop.ui.main_window import MainWindow


def _action(window, menu_title: str, text: str):
    for menu_action in window.menuBar().actions():
        if menu_action.text().replace("&", "") == menu_title:
            for action in menu_action.menu().actions():
                if action.text() == text:
                    return action
    raise AssertionError(f"no {menu_title} → {text}")


def test_report_menu_opens_the_export_dialog_on_the_current_context(qtbot, demo_db, monkeypatch):
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.set_context("H38TS-X03", "2024")
    opened = []
    monkeypatch.setattr(menus, "open_export_dialog", lambda w: opened.append(
        (w.unit_code, w.period_code)))
    window.menuBar()  # menus are built with the window
    _action(window, "Báo cáo", "Xuất báo cáo Excel…").trigger()
    assert opened == [("H38TS-X03", "2024")]


def test_export_dialog_is_built_for_the_window(qtbot, demo_db):
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    dialog = menus.open_export_dialog(window)
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    dialog.close()


DIALOG_ACTIONS = [
    ("Dữ liệu", "Tạo phiếu…", "MakeFormsDialog"),
    ("Dữ liệu", "Nhập phiếu…", "LoadFormsDialog"),
    ("Dữ liệu", "Gửi gói dữ liệu…", "ExportPackageDialog"),
    ("Dữ liệu", "Nhận gói dữ liệu…", "ImportPackagesDialog"),
    ("Dữ liệu", "Khóa tin cậy…", "TrustedKeysDialog"),
    ("Công cụ", "Nhật ký thay đổi…", "AuditDialog"),
    ("Công cụ", "Người dùng…", "UsersDialog"),
    ("Tệp", "Các bản sao lưu…", "BackupListDialog"),
    ("Tệp", "Khôi phục…", "RestoreDialog"),
    ("Tệp", "Kiểm tra dữ liệu…", "CheckDialog"),
    ("Báo cáo", "Xuất báo cáo Excel…", "ExportDialog"),
]


@pytest.mark.sqlite_only  # the file actions (backup, restore, check) need a database file
def test_every_menu_action_opens_its_dialog(qtbot, demo_db, monkeypatch, tmp_path):
    monkeypatch.setenv("ITPLAN_HOME", str(tmp_path / "home"))  # the office key lives there
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    opened = []
    real_open_dialog = menus.open_dialog

    def recording(*args):
        dialog = real_open_dialog(*args)
        opened.append(type(dialog).__name__ if dialog is not None else None)
        if dialog is not None:
            qtbot.addWidget(dialog)
            dialog.close()
        return dialog

    monkeypatch.setattr(menus, "open_dialog", recording)
    for menu, text, _ in DIALOG_ACTIONS:
        _action(window, menu, text).trigger()
    assert opened == [name for _, _, name in DIALOG_ACTIONS]


@pytest.mark.sqlite_only
def test_closing_the_window_backs_up_and_frees_the_file(qtbot, demo_db):
    from desktop.data.backup import list_backups
    from desktop.data.instance import acquire_instance

    lock = acquire_instance(demo_db.path)
    window = MainWindow(demo_db, lock)
    qtbot.addWidget(window)
    window.close()
    assert any(row.reason == "exit" for row in list_backups(demo_db.path))
    acquire_instance(demo_db.path).release()  # free again: no second-instance error


def test_gui_messages_point_to_menus_not_commands():
    from desktop.ui.dialogs import gui_text

    text = gui_text("Gói a.zip: được ký bằng khóa AB (H1) mà cơ quan này chưa tin cậy; nếu đúng "
                    "là của đơn vị đó, chạy itplan keys trust với tệp khóa của họ.")
    assert "itplan" not in text and "Dữ liệu → Khóa tin cậy…" in text


def test_qt_own_texts_are_vietnamese_with_the_language(qtbot):
    from PySide6.QtCore import QCoreApplication

    from desktop.i18n import set_language
    from desktop.ui import dialogs

    dialogs.apply_locale()
    assert QCoreApplication.translate("QPrintPreviewDialog", "Next page") == "Trang sau"
    assert QCoreApplication.translate("QLineEdit", "&Copy") == "&Sao chép"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Hủy"
    set_language("en")
    dialogs.apply_locale()
    assert QCoreApplication.translate("QPrintPreviewDialog", "Next page") == "Next page"
    set_language("vi")
    dialogs.apply_locale()


def test_office_texts_dialog_saves_the_settings(qtbot, small_db):
    import datetime as dt

    from desktop.data.letterhead import letterhead, receiver
    from desktop.ui.office_dialog import OfficeTextsDialog

    dialog = OfficeTextsDialog(small_db)
    qtbot.addWidget(dialog)
    assert dialog.receiver.placeholderText() == "Sở Khoa học và Công nghệ tỉnh Thanh Hóa"
    dialog.receiver.setText("Văn phòng UBND tỉnh Thanh Hóa")
    dialog.letterhead.setPlainText("UBND TỈNH THANH HÓA\nHUYỆN THỬ")
    dialog.accept()
    with small_db.session() as session:
        assert receiver(session, dt.date(2026, 1, 1)) == "Văn phòng UBND tỉnh Thanh Hóa"
        assert letterhead(session, "").splitlines() == ["UBND TỈNH THANH HÓA", "HUYỆN THỬ"]
