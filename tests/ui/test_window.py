"""The main window: remembered settings, the unit tree driving the tabs, the user guide."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from desktop.ui import main_window
from desktop.ui.help_window import guide_browser, guide_path
from desktop.ui.unit_tree import CODE_ROLE


def test_settings_are_remembered(qtbot, small_db):
    first = main_window.MainWindow(small_db)
    qtbot.addWidget(first)
    first.set_context("X2", "2023Q4")
    first.close()
    second = main_window.MainWindow(small_db)
    qtbot.addWidget(second)
    assert (second.unit_code, second.period_code) == ("X2", "2023Q4")
    assert second.period_picker.code() == "2023Q4"
    assert second.tree.currentIndex().data(CODE_ROLE) == "X2"


def test_choosing_a_unit_in_the_tree_sets_the_grid(window):
    window.unit_panel.choose("X1")
    assert window.unit_code == "X1"
    assert [u.code for u in window.entry_tab.model.grid.units] == ["X1"]


def test_period_picker_sets_the_period(window):
    window.period_picker.part.setCurrentIndex(0)
    window.period_picker.year.setValue(2022)
    assert window.period_code == "2022"
    assert window.entry_tab.model.grid.period == "2022"


def test_help_menu_opens_the_guide(window, monkeypatch):
    opened = []
    monkeypatch.setattr(main_window, "open_user_guide", lambda parent: opened.append(parent))
    help_menu = [a for a in window.menuBar().actions() if "Trợ giúp" in a.text()][0].menu()
    help_menu.actions()[0].trigger()
    assert opened == [window]


def test_guide_renders_with_its_screenshots(qtbot):
    assert guide_path().exists()
    browser = guide_browser()
    qtbot.addWidget(browser)
    text = browser.toPlainText()
    assert "Nhập liệu" in text and "Ctrl+V" in text
    assert "screenshots/1366x768/1-nhap-lieu.png" in browser.toHtml()


def test_the_guide_covers_every_tab_and_menu_and_its_pictures_exist():
    import re

    text = guide_path().read_text(encoding="utf-8")
    for heading in ("Tổng quan", "Nhập liệu", "Tiến độ", "Biểu đồ", "Kế hoạch", "Đơn vị",
                    "Duyệt số liệu", "Menu Tệp", "Menu Sửa", "Menu Dữ liệu", "Menu Báo cáo",
                    "Menu Công cụ", "Menu Ngôn ngữ", "Menu Trợ giúp"):
        assert f"## " in text and re.search(rf"^## \d+\. {heading}$", text, re.M), heading
    for item in ("Sao lưu…", "Khôi phục…", "Các bản sao lưu…", "Kiểm tra dữ liệu…", "Tạo phiếu…",
                 "Nhập phiếu…", "Gửi gói dữ liệu…", "Nhận gói dữ liệu…", "Khóa tin cậy…",
                 "Xuất báo cáo Excel…", "Nhật ký thay đổi…", "Người dùng…",
                 "Thông tin cơ quan trên báo cáo…", "Giới thiệu"):
        assert item in text, item
    pictures = re.findall(r"\]\((screenshots/[^)]+)\)", text)
    assert len(pictures) > 20
    for picture in pictures:
        assert (guide_path().parent / picture).exists(), picture
        assert (guide_path().parent / picture.replace("1366x768", "1024x768")).exists(), picture


def test_open_another_data_file(window, qtbot, tmp_path, monkeypatch, demo_db, errors):
    from desktop.ui import dialogs

    monkeypatch.setattr(dialogs, "ask_open_file", lambda *a, **k: str(demo_db.path))
    other = window.open_other()
    qtbot.addWidget(other)
    assert other.office_code == "H38TS"
    assert not window.isVisible()
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *a, **k: str(tmp_path / "missing.txt"))
    (tmp_path / "missing.txt").write_text("not a database")
    assert other.open_other() is None
    assert errors and "missing.txt" in errors[0]


def test_language_switch_changes_cell_texts(window, qtbot):
    window.switch_language("en")
    assert window.entry_tab.heading.text().startswith("<b>Q1 2024</b>")
    assert window.entry_tab.model.headerData(
        0, main_window.Qt.Orientation.Vertical).startswith("Total staff")
    window.switch_language("vi")
    assert window.entry_tab.heading.text().startswith("<b>Quý I/2024</b>")


def test_a_remembered_unit_missing_here_falls_back_to_the_office(qtbot, small_db):
    from desktop.ui import settings

    settings.put("unit", "KHONG-CO")
    settings.put("period", "2024Q9")
    window = main_window.MainWindow(small_db)
    qtbot.addWidget(window)
    assert window.unit_code == "H1"
    window.show_tab("entry")
    assert window.entry_tab.model.columnCount() == 2


def test_search_box_filters_the_tree(window, qtbot):
    panel = window.unit_panel
    panel.search.setText("HAI")
    visible = []

    def walk(parent):
        for row in range(panel.proxy.rowCount(parent)):
            index = panel.proxy.index(row, 0, parent)
            visible.append(index.data(CODE_ROLE))
            walk(index)

    walk(QModelIndex())
    assert "X2" in visible and "X1" not in visible and "H1" in visible
    panel.search.setText("Xã Một")
    commune = panel.proxy.index(0, 0, panel.proxy.index(0, 0, panel.proxy.index(0, 0)))
    panel.tree.setCurrentIndex(commune)
    assert window.unit_code == "X1"
    visible.clear()
    panel.search.setText("xa mot")  # typed without diacritics
    walk(QModelIndex())
    assert "X1" in visible and "X2" not in visible
    visible.clear()
    panel.search.setText("xã mọt")  # typed with other diacritics: as typed
    walk(QModelIndex())
    assert "X1" not in visible


def test_the_unit_tree_folds_away(window, qtbot):
    assert window.dock.isVisible()
    window.tree_action.trigger()
    assert not window.dock.isVisible()
    window.tree_action.trigger()
    assert window.dock.isVisible()


def test_a_change_from_elsewhere_refreshes_the_visible_tab(window):
    from desktop.data.values import ValueInput, write_values

    with window.database.session() as session:
        write_values(session, [ValueInput("X1", "STAFF", "2024Q1", 33)])
    window.bus.changed.emit("values")  # e.g. an import dialog after its commit
    grid = window.entry_tab.model.grid
    assert grid.values[("STAFF", "X1")] == 33


def test_the_tab_that_made_a_change_is_not_reloaded(window, monkeypatch):
    from desktop.ui.bus import announce

    reloads = []
    monkeypatch.setattr(window.entry_tab, "refresh", lambda what: reloads.append(what))
    announce(window.bus, window.entry_tab, "values")
    assert reloads == []
    window.bus.changed.emit("values")
    assert reloads == ["values"]


def test_in_english_the_guide_is_the_english_one_with_the_same_pictures():
    import re

    from desktop.i18n import set_language

    vietnamese = guide_path()
    set_language("en")
    english = guide_path()
    assert english.name == "user-guide.md" and english.parent == vietnamese.parent
    pictures = re.findall(r"\]\((screenshots/[^)]+)\)", english.read_text(encoding="utf-8"))
    assert pictures == re.findall(r"\]\((screenshots/[^)]+)\)",
                                  vietnamese.read_text(encoding="utf-8"))
    text = english.read_text(encoding="utf-8")
    for label in ("Data entry", "Progress", "Charts", "Plans", "Units", "User guide"):
        assert label in text, label
