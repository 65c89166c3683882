"""First run (the wizard), opening a database, background jobs and the start-up benchmark."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.data.database import open_database
from desktop.data.office import get_office
from desktop.data.units import list_units
from desktop.errors import UserError
from desktop.ui import app, dialogs
from desktop.ui.jobs import run_job
from desktop.ui.wizard import SetupWizard, official_wards, parse_typed_units


def test_wizard_sets_up_office_and_units(qtbot, tmp_path, errors):
    database = open_database(tmp_path / "new.sqlite")
    wizard = SetupWizard(database)
    qtbot.addWidget(wizard)
    wizard.province_box.setEditText("Kon Tum")
    qtbot.keyClicks(wizard.unit_code, "H62DH")
    wizard.unit_name.setText("Huyện Đăk Hà")  # QTest types ASCII keys only
    wizard.level_box.setCurrentIndex(wizard.level_box.findData("huyen"))
    for i in range(wizard.plan_list.count()):
        item = wizard.plan_list.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == "KT-2009":
            item.setCheckState(Qt.CheckState.Checked)
    wizard.units_text.setPlainText("X01; Xã Đăk Mar\nX02; Xã Hà Mòn\nP01; Phòng Nội vụ; huyen")
    wizard.accept()
    assert errors == []
    assert wizard.result_database is database
    with database.session() as session:
        office = get_office(session)
        units = {u.code: u for u in list_units(session)}
    assert office.unit_name == "Huyện Đăk Hà" and office.plans == ("KT-2009",)
    assert units["X02"].parent == "H62DH" and units["P01"].level == "huyen"
    database.close()


def test_the_chosen_provinces_plans_are_checked_until_the_user_chooses(qtbot, tmp_path):
    database = open_database(tmp_path / "new.sqlite")
    wizard = SetupWizard(database)
    qtbot.addWidget(wizard)
    wizard.province_box.setEditText("Tỉnh Thanh Hóa")
    wizard.show()
    wizard.next()
    wizard.next()
    assert wizard.currentId() == wizard.plans_page_id
    assert wizard.chosen_plans() == ["TH-2016"]
    wizard.back()
    wizard.province_box.setEditText("Kon Tum")
    wizard.next()
    assert wizard.chosen_plans() == ["KT-2009"]
    first = wizard.plan_list.item(0)
    first.setCheckState(Qt.CheckState.Unchecked if first.checkState() == Qt.CheckState.Checked
                        else Qt.CheckState.Checked)
    chosen = wizard.chosen_plans()
    wizard.back()
    wizard.province_box.setEditText("Thanh Hóa")
    wizard.next()
    assert wizard.chosen_plans() == chosen  # the user's choice stays
    database.close()


def test_wizard_reports_a_bad_line_and_writes_nothing(qtbot, tmp_path, errors):
    database = open_database(tmp_path / "new.sqlite")
    wizard = SetupWizard(database)
    qtbot.addWidget(wizard)
    wizard.unit_code.setText("H1")
    wizard.unit_name.setText("Huyện Thử")
    wizard.units_text.setPlainText("X01; Xã Một\nchỉ có tên")
    wizard.accept()
    assert errors and "Dòng 2" in errors[0]
    with database.session() as session:
        assert get_office(session) is None
    database.close()


def test_official_wards_of_a_current_province():
    wards = official_wards(1)  # Hà Nội
    assert len(wards) > 100 and all(code.startswith("X") for code, _ in wards)


def test_typed_units_parse():
    assert parse_typed_units("A; Xã A\n\nB;Phòng B;huyen", "xa") == [
        ("A", "Xã A", "xa"), ("B", "Phòng B", "huyen")]
    with pytest.raises(UserError, match="cấp “quan”"):
        parse_typed_units("A; Xã A; quan", "xa")
    assert parse_typed_units("B; Phòng B; huyện\nC; Xã C; Xã\nT; Tỉnh T; TỈNH", "xa") == [
        ("B", "Phòng B", "huyen"), ("C", "Xã C", "xa"), ("T", "Tỉnh T", "tinh")]


def test_esc_asks_before_leaving_the_wizard(qtbot, tmp_path, monkeypatch):
    from desktop.ui import dialogs

    database = open_database(tmp_path / "new.sqlite")
    wizard = SetupWizard(database)
    qtbot.addWidget(wizard)
    answers = [False, True]
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, text: asked.append(text) or answers.pop(0))
    wizard.show()
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.isVisible() and "Thoát thiết lập" in asked[0]
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert not wizard.isVisible() and wizard.result_database is None
    database.close()


def test_leaving_the_wizard_leaves_no_empty_file_or_lock(tmp_path, monkeypatch):
    from desktop.ui import wizard

    monkeypatch.setattr(wizard, "run_wizard", lambda database: None)
    folder = tmp_path / "office"
    folder.mkdir()
    assert app.open_main_window(str(folder / "new.sqlite")) is None
    assert list(folder.iterdir()) == []


def test_open_main_window_runs_wizard_when_no_office(qtbot, tmp_path, monkeypatch, small_db):
    from desktop.ui import wizard

    calls = []

    def fake_wizard(database):
        calls.append(database)
        return small_db

    monkeypatch.setattr(wizard, "run_wizard", fake_wizard)
    window = app.open_main_window(str(tmp_path / "empty.sqlite"))
    qtbot.addWidget(window)
    assert calls and window.office_code == "H1"


def test_open_main_window_refuses_a_foreign_file(tmp_path, errors):
    bad = tmp_path / "not-ours.sqlite"
    bad.write_text("hello")
    assert app.open_main_window(str(bad)) is None
    assert errors and "not-ours.sqlite" in errors[0]


def test_run_job_reports_progress_and_returns(qtbot):
    seen = []

    def work(count, progress=None):
        for done in range(count):
            progress(done + 1, count)
            seen.append(done)
        return sum(seen)

    assert run_job(None, "Đang làm…", work, 5) == 10


def test_run_job_shows_user_error(qtbot, errors):
    def fail(progress=None):
        raise UserError("Tệp “a.xlsx”, ô B3: không phải là số.")

    assert run_job(None, "Đang nhập…", fail) is None
    assert errors == ["Tệp “a.xlsx”, ô B3: không phải là số."]


def test_measure_startup(small_db):
    from desktop.ui.startup_bench import measure_startup

    seconds = measure_startup(small_db.path)
    assert 0 < seconds < 60


def test_wizard_loads_official_wards_for_a_province_office(qtbot, tmp_path, errors):
    database = open_database(tmp_path / "new.sqlite")
    wizard = SetupWizard(database)
    qtbot.addWidget(wizard)
    wizard.province_box.setCurrentIndex(wizard.province_box.findText("Cao Bằng"))
    wizard.unit_code.setText("T04")
    wizard.unit_name.setText("Tỉnh Cao Bằng")
    wizard.level_box.setCurrentIndex(wizard.level_box.findData("tinh"))
    qtbot.mouseClick(wizard.load_wards, Qt.MouseButton.LeftButton)
    lines = wizard.units_text.toPlainText().splitlines()
    assert len(lines) > 20 and lines[0].endswith("; xã")
    wizard.accept()
    assert errors == []
    with database.session() as session:
        units = list_units(session)
    assert sum(1 for u in units if u.parent == "T04") == len(lines)
    database.close()


def test_open_demo_builds_a_new_file_in_the_data_folder(qtbot, tmp_path, monkeypatch,
                                                        private_home, errors):
    from desktop.data import demo
    from desktop.data.office import init_office

    def small_demo(session):
        init_office(session, province="Thanh Hóa", province_code="T38", unit_code="H38TS",
                    unit_name="Huyện Triệu Sơn", level="huyen", plans=["TH-2016"])

    monkeypatch.setattr(demo, "build_demo", small_demo)
    database = open_database(tmp_path / "new.sqlite")
    wizard = SetupWizard(database)
    qtbot.addWidget(wizard)
    qtbot.mouseClick(wizard.demo_button, Qt.MouseButton.LeftButton)
    assert errors == []
    result = wizard.result_database
    assert result is not database and result.path.parent == private_home
    with result.session() as session:
        assert get_office(session).unit_code == "H38TS"
    result.close()
    database.close()


def test_the_opening_window_names_the_file_and_keeps_the_main_window_place(qtbot, tmp_path):
    from PySide6.QtWidgets import QLabel

    from desktop.ui.opening import OpeningWindow

    window = OpeningWindow(str(tmp_path / "so-lieu.sqlite"))
    qtbot.addWidget(window)
    assert "so-lieu.sqlite" in window.centralWidget().text()
    assert isinstance(window.centralWidget(), QLabel)
    assert window.windowTitle() == dialogs.app_title()


OPENING_REPLACED = """
import sys
from desktop.ui import app
app.open_main_window = lambda target: None
print(app.run(["--db", sys.argv[1]]))

def broken(target):
    raise RuntimeError("boom")

app.open_main_window = broken
try:
    app.run(["--db", sys.argv[1]])
except RuntimeError as exc:
    print("raised", exc)
"""


def test_the_opening_window_is_replaced_and_errors_surface(tmp_path):
    """run() shows the opening window, opens the data inside the event loop and gives
    back 1 when the data was not opened, or the exception that stopped it. In a
    process of its own: once an application's event loop has run and quit, Qt paints
    no window of that process again, which would starve the tests after this one."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ITPLAN_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", OPENING_REPLACED, str(tmp_path / "a.sqlite")],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.stdout.split("\n")[:2] == ["1", "raised boom"], result.stderr


def test_the_light_start_imports_no_database_layer():
    import os
    import subprocess
    import sys

    code = ("import sys; from PySide6.QtWidgets import QApplication; "
            "app = QApplication([]); import desktop.ui.opening as o; "
            "w = o.OpeningWindow('x.sqlite'); "
            "print(sorted(m for m in ('sqlalchemy', 'matplotlib', 'openpyxl') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                            timeout=60)
    assert result.stdout.strip() == "[]", result.stderr


def test_in_english_the_wizard_lists_the_plans_english_titles(qtbot, tmp_path):
    from desktop.i18n import set_language

    set_language("en")
    database = open_database(tmp_path / "new.sqlite")
    wizard = SetupWizard(database)
    qtbot.addWidget(wizard)
    titles = [wizard.plan_list.item(i).text() for i in range(wizard.plan_list.count())]
    assert "Plan for IT application in state agencies of Thanh Hóa province, 2016-2020" in titles
    database.close()
