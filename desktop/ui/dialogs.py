"""Modal dialogs as module-level functions, so tests can patch them.

Qt ships no Vietnamese translation of its own buttons, so every standard
button shown here gets its text from `desktop.i18n.t` (see `translate_buttons`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QWidget,
)

from desktop.i18n import t

APP_TITLE_VI = "Theo dõi Kế hoạch ứng dụng CNTT"
APP_TITLE_EN = "IT Plan Monitor"


def app_title() -> str:
    return t(APP_TITLE_VI, APP_TITLE_EN)


_qt_translator = None  # the translator of Qt's own strings, while Vietnamese is on


def apply_locale() -> None:
    """Qt's own dates, month names, numbers and texts (print preview, file dialog, the
    text fields' menu) in the current language: resources/translations/qt_vi.qm."""
    from PySide6.QtCore import QLocale

    if t("vi", "en") == "vi":
        QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    install_qt_translation(t("vi", "en") == "vi")


def install_qt_translation(vietnamese: bool) -> bool:
    """Load (or drop) the Vietnamese translation of Qt's own strings; True when loaded."""
    global _qt_translator
    from PySide6.QtCore import QCoreApplication, QTranslator

    from desktop.paths import resources_dir

    app = QCoreApplication.instance()
    if app is None:
        return False
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    if not vietnamese:
        return False
    translator = QTranslator(app)
    if not translator.load(str(resources_dir() / "translations" / "qt_vi.qm")):
        return False
    app.installTranslator(translator)
    _qt_translator = translator
    return True


def button_texts() -> dict:
    """Texts of Qt's standard buttons in the current language."""
    box, msg = QDialogButtonBox.StandardButton, QMessageBox.StandardButton
    texts = {
        "Ok": t("Đồng ý", "OK"), "Cancel": t("Hủy", "Cancel"), "Yes": t("Có", "Yes"),
        "No": t("Không", "No"), "Close": t("Đóng", "Close"), "Save": t("Lưu", "Save"),
        "Apply": t("Áp dụng", "Apply"), "Help": t("Trợ giúp", "Help"),
        "Open": t("Mở", "Open"), "Discard": t("Bỏ", "Discard"),
        "Reset": t("Đặt lại", "Reset"), "Retry": t("Thử lại", "Retry"),
        "Abort": t("Dừng", "Abort"), "Ignore": t("Bỏ qua", "Ignore"),
    }
    return {"box": {getattr(box, k): v for k, v in texts.items()},
            "msg": {getattr(msg, k): v for k, v in texts.items()}}


def translate_buttons(widget: QDialogButtonBox | QMessageBox) -> None:
    """Give a button box or message box's standard buttons their texts."""
    kind = "msg" if isinstance(widget, QMessageBox) else "box"
    for standard, text in button_texts()[kind].items():
        button = widget.button(standard)
        if button is not None:
            button.setText(text)


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, text: str,
                buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
                detail: str = "") -> QMessageBox:
    box = QMessageBox(icon, app_title(), text, buttons, parent)
    if detail:
        box.setDetailedText(detail)
    translate_buttons(box)
    return box


# Advice the data layer writes for the command line, and the same advice in the GUI.
GUI_ACTIONS = (
    ("chạy itplan keys trust với tệp khóa của họ",
     "thêm tệp khóa của họ ở menu Dữ liệu → Khóa tin cậy…"),
    ("run itplan keys trust on their key file", "add their key file in Data → Trusted keys…"),
    ("(xem itplan keys list)", "(xem menu Dữ liệu → Khóa tin cậy…)"),
    ("(see itplan keys list)", "(see Data → Trusted keys…)"),
    ("hãy chạy itplan init trước", "hãy thêm đơn vị đó ở thẻ Đơn vị trước"),
    ("run itplan init first", "add that unit on the Units tab first"),
    ("(xem “itplan plans list”)", "(xem thẻ Kế hoạch)"),
    ("(see “itplan plans list”)", "(see the Plans tab)"),
)


def gui_text(message: str) -> str:
    """A message with its command-line advice replaced by the menu or tab to use."""
    for cli, gui in GUI_ACTIONS:
        message = message.replace(cli, gui)
    return message


def show_error(parent: QWidget | None, message: str, problems: list[str] | None = None) -> None:
    detail = "\n".join(gui_text(p) for p in problems) if problems and len(problems) > 1 else ""
    message_box(parent, QMessageBox.Icon.Warning, gui_text(message), detail=detail).exec()


def show_info(parent: QWidget | None, message: str) -> None:
    message_box(parent, QMessageBox.Icon.Information, message).exec()


def confirm(parent: QWidget | None, question: str) -> bool:
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    box = message_box(parent, QMessageBox.Icon.Question, question, buttons)
    return box.exec() == QMessageBox.StandardButton.Yes


def ask_text(parent: QWidget | None, label: str, text: str = "") -> str | None:
    """One line of text, or None when cancelled."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(app_title())
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    dialog.setOkButtonText(t("Đồng ý", "OK"))
    dialog.setCancelButtonText(t("Hủy", "Cancel"))
    return dialog.textValue() if dialog.exec() else None


def ask_open_file(parent: QWidget | None, caption: str, file_filter: str = "") -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, caption, "", file_filter)
    return path or None


def ask_save_file(parent: QWidget | None, caption: str, suggested: str = "",
                  file_filter: str = "") -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, caption, suggested, file_filter)
    return path or None


# --- fitting the office screen -----------------------------------------------
# The smallest screens the program is made for, in Qt's logical pixels: 1366×768
# at Windows' 125 % scaling (1093×614) and 1024×768 at 100 %. A window must fit
# either with room for the task bar and its own title bar.
SMALL_SCREENS = {"1366x768@125%": (1093, 614), "1024x768": (1024, 768)}
TASKBAR_AND_TITLE = 80


def available_size(widget: QWidget | None = None) -> tuple[int, int]:
    """The usable width and height of the screen the widget is on (tests patch this)."""
    from PySide6.QtGui import QGuiApplication

    screen = (widget.screen() if widget is not None else None) or QGuiApplication.primaryScreen()
    if screen is None:
        return SMALL_SCREENS["1366x768@125%"]
    area = screen.availableGeometry()
    return area.width(), area.height()


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to the preferred size, or less on a small screen."""
    screen_width, screen_height = available_size(widget)
    widget.resize(min(width, screen_width - 16), min(height, screen_height - TASKBAR_AND_TITLE))


def add_named_item(combo, name: str, code: str) -> None:  # noqa: ANN001
    """An item shown by its name alone (no internal code on screen); the code is its
    data and, for those who need it, its tooltip."""
    combo.addItem(name, code)
    combo.setItemData(combo.count() - 1, t(f"Mã: {code}", f"Code: {code}"),
                      Qt.ItemDataRole.ToolTipRole)


def compact_combo(combo, characters: int = 28):  # noqa: ANN001, ANN201
    """A drop-down as wide as `characters`, whatever the length of its items (long plan
    and unit names): the list that opens is as wide as the longest item, and the
    chosen item's full text is the tooltip."""
    from PySide6.QtWidgets import QComboBox

    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)
    combo.currentIndexChanged.connect(lambda _index: combo.setToolTip(combo.currentText()))
    combo.setToolTip(combo.currentText())
    return combo
