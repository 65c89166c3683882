"""Tạo phiếu and Nhập phiếu: forms made through the dialog, dropped back, previewed, loaded."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDragEnterEvent, QDropEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import select  # noqa: E402

from desktop.data.models import DataElement, DataValue, OrgUnit, Period  # noqa: E402
from desktop.i18n import set_language  # noqa: E402
from desktop.intake.layout import FORM_SHEET, META_ELEMENTS_ROW  # noqa: E402
from desktop.ui import dialogs, file_choosers, jobs  # noqa: E402
from desktop.ui.bus import DataBus  # noqa: E402
from desktop.ui.exchange.intake_dialogs import LoadFormsDialog, MakeFormsDialog  # noqa: E402

PERIOD = "2025-05"  # no demo values (months), not locked, before the 2025 reform
GOOD, BAD = "H38TS-X02", "H38TS-X03"
COMMUNES = [f"H38TS-X{n:02d}" for n in range(1, 16)]  # X16, X17 were merged into X12 in 2020


@pytest.fixture
def shown(monkeypatch):
    """Every message box the dialogs would show, recorded instead of shown."""
    boxes: dict[str, list[str]] = {"error": [], "info": [], "confirm": []}
    monkeypatch.setattr(dialogs, "show_error",
                        lambda parent, message, problems=None: boxes["error"].append(message))
    monkeypatch.setattr(dialogs, "show_info", lambda parent, message: boxes["info"].append(message))
    monkeypatch.setattr(dialogs, "confirm",
                        lambda parent, question: boxes["confirm"].append(question) or True)
    return boxes


@pytest.fixture
def opened(monkeypatch):
    folders: list[Path] = []
    monkeypatch.setattr(file_choosers, "open_folder", lambda path: folders.append(path) or True)
    return folders


def make_through_dialog(qtbot, database, out: Path, monkeypatch) -> list[Path]:
    monkeypatch.setattr(file_choosers, "ask_folder", lambda parent, caption, start="": str(out))
    dialog = MakeFormsDialog(database, DataBus(), "H38TS", PERIOD)
    qtbot.addWidget(dialog)
    dialog.tick("area")
    dialog._choose_folder()
    return dialog.make()


def form_rows(path: Path) -> dict[str, int]:
    """Element code -> row on the form, from its hidden _meta sheet."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    rows = {code: int(row) for code, row in workbook["_meta"].iter_rows(
        min_row=META_ELEMENTS_ROW, max_col=2, values_only=True) if code}
    workbook.close()
    return rows


def fill(path: Path, values: dict[str, object], out: Path) -> Path:
    """Type values into column E of a form with openpyxl, as a commune would."""
    from openpyxl import load_workbook

    rows = form_rows(path)
    workbook = load_workbook(path)
    for code, value in values.items():
        workbook[FORM_SHEET][f"E{rows[code]}"] = value
    out.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(out)
    return out


def stored(database, unit: str, element: str, period: str = PERIOD):
    with database.session() as session:
        return session.scalar(
            select(DataValue.value).join(OrgUnit, OrgUnit.id == DataValue.unit_id)
            .join(DataElement, DataElement.id == DataValue.element_id)
            .join(Period, Period.id == DataValue.period_id)
            .where(OrgUnit.code == unit, DataElement.code == element, Period.code == period))


def drop(widget, paths: list[Path]) -> bool:
    """Drag local paths onto `widget` and drop them; whether the drag was accepted."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    dropped = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime,
                         Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, dropped)
    return dropped.isAccepted()


def test_makes_a_form_for_each_commune_and_offers_the_folder(qtbot, demo_db, tmp_path, shown,
                                                           opened, monkeypatch):
    dialog = MakeFormsDialog(demo_db, DataBus(), "H38TS", PERIOD)
    qtbot.addWidget(dialog)
    assert dialog.parent_unit.currentData() == "H38TS"
    assert len(dialog.chosen_codes()) == 8 + 15  # every agency and open commune, ticked
    assert "H38TS-X16" not in dialog.chosen_codes()  # merged away: closed
    out = tmp_path / "phiếu gửi đi"
    made = make_through_dialog(qtbot, demo_db, out, monkeypatch)
    assert sorted(path.name for path in made) == [f"{code}_{PERIOD}.xlsx" for code in COMMUNES]
    assert all(path.is_file() and path.parent == out for path in made)
    assert shown["error"] == [] and opened == [out]
    assert shown["confirm"] == [f"Đã tạo 15 phiếu Tháng 5/2025 trong thư mục {out}.\nMở thư mục?"]


def test_unit_list_follows_the_period_and_the_choices(qtbot, demo_db, shown):
    dialog = MakeFormsDialog(demo_db, DataBus(), "H38TS-X02", "2019Q4")
    qtbot.addWidget(dialog)
    assert dialog.period.code() == "2019Q4" and dialog.period_label.text() == ""
    assert dialog.parent_unit.currentData() == "H38TS"  # a commune: its district's units
    assert {"H38TS-X16", "H38TS-X17"} <= set(dialog.chosen_codes())  # still open in 2019
    dialog.units.item(0).setCheckState(Qt.CheckState.Unchecked)
    unticked = dialog.units.item(0).data(Qt.ItemDataRole.UserRole)
    dialog.period.part.setCurrentIndex(dialog.period.part.findText("Cả năm"))
    dialog.period.year.setValue(2024)  # the list follows each choice, no button to press
    assert "H38TS-X16" not in dialog.chosen_codes() and unticked not in dialog.chosen_codes()
    assert dialog.count.text() == f"Đã chọn {dialog.units.count() - 1}/{dialog.units.count()}"
    dialog.tick("agency")
    assert dialog.chosen_codes() == [f"H38TS-P{n:02d}" for n in range(1, 9)]
    dialog.period.year.setValue(2026)  # the district ended with the 2025 reform
    assert dialog.units.count() == 0
    assert dialog.period_label.text() == ("Huyện Triệu Sơn không có đơn vị nào còn hoạt động "
                                          "trong Năm 2026.")


def test_makes_the_forms_of_the_period_chosen(qtbot, demo_db, tmp_path, shown, opened,
                                              monkeypatch):
    dialog = MakeFormsDialog(demo_db, DataBus(), "H38TS", PERIOD)
    qtbot.addWidget(dialog)
    assert dialog.period.code() == PERIOD and dialog.period.part.currentText() == "Tháng 5"
    dialog.period.part.setCurrentIndex(dialog.period.part.findText("Quý II"))
    assert dialog.period_label.text() == ""
    dialog.tick("")
    dialog.units.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.output.setText(str(tmp_path))
    [made] = dialog.make()
    assert made.name == f"{dialog.chosen_codes()[0]}_2025Q2.xlsx" and made.is_file()
    assert shown["error"] == [] and "1 phiếu Quý II/2025" in shown["confirm"][0]


def test_refuses_no_unit_and_an_unwanted_overwrite(qtbot, demo_db, tmp_path, shown, opened,
                                                   monkeypatch):
    dialog = MakeFormsDialog(demo_db, DataBus(), "H38TS", PERIOD)
    qtbot.addWidget(dialog)
    dialog.output.setText(str(tmp_path))
    dialog.tick("")
    assert dialog.make() == [] and shown["error"] == ["Hãy chọn ít nhất một đơn vị."]
    dialog.tick(None)
    kept = tmp_path / f"H38TS-P01_{PERIOD}.xlsx"
    kept.write_bytes(b"a form a commune already returned")
    monkeypatch.setattr(dialogs, "confirm", lambda parent, question: False)
    assert dialog.make() == []
    assert kept.read_bytes() == b"a form a commune already returned" and opened == []


def test_preview_then_load_writes_only_the_good_form(qtbot, qtmodeltester, demo_db, tmp_path,
                                                     shown, opened, monkeypatch):
    made = {path.name.split("_")[0]: path
            for path in make_through_dialog(qtbot, demo_db, tmp_path / "out", monkeypatch)}
    returned = tmp_path / "đã nhận"
    fill(made[GOOD], {"STAFF": 40, "PCS": "1.234"}, returned / made[GOOD].name)
    fill(made[BAD], {"STAFF": -3, "PCS": 5}, returned / "xa" / made[BAD].name)
    bad_cell = f"E{form_rows(made[BAD])['STAFF']}"
    bus, changes = DataBus(), []
    bus.changed.connect(changes.append)
    dialog = LoadFormsDialog(demo_db, bus)
    qtbot.addWidget(dialog)
    assert not dialog.load_button.isEnabled()
    assert drop(dialog, [returned])
    rows = {row.unit: row for row in dialog.files_model.rows}
    assert [rows[GOOD].status(), rows[BAD].status()] == ["Hợp lệ", "Có lỗi"]
    assert rows[GOOD].shown == made[GOOD].name and rows[BAD].shown == f"xa/{made[BAD].name}"
    assert stored(demo_db, GOOD, "STAFF") is None  # the preview wrote nothing
    bad_row = dialog.files_model.rows.index(rows[BAD])
    assert dialog.files.currentIndex().row() == bad_row  # the first file with a problem
    [problem] = dialog.problems_model.rows
    assert (problem.sheet, problem.cell) == (FORM_SHEET, bad_cell) and "âm" in problem.message
    assert dialog.files_model.index(bad_row, 5).data().startswith(f"{bad_cell}: ")
    assert dialog.summary.text().startswith("2 tệp: 1 hợp lệ, 1 có lỗi")
    qtmodeltester.check(dialog.files_model)
    qtmodeltester.check(dialog.problems_model)
    assert changes == []
    qtbot.mouseClick(dialog.load_button, Qt.MouseButton.LeftButton)
    assert stored(demo_db, GOOD, "STAFF") == 40 and stored(demo_db, GOOD, "PCS") == 1234
    assert stored(demo_db, BAD, "STAFF") is None and stored(demo_db, BAD, "PCS") is None
    assert changes == ["values"] and shown["error"] == []
    assert shown["info"] == ["Đã nhập 1 tệp, 2 giá trị (2 mới, 0 sửa, 0 không đổi).\n"
                             "1 tệp có lỗi không được nhập."]
    statuses = {row.unit: row.status() for row in dialog.files_model.rows}
    assert statuses == {GOOD: "Đã nhập", BAD: "Có lỗi, không nhập"}
    assert not dialog.load_button.isEnabled()
    assert dialog.summary.text().startswith("Đã nhập 1 tệp, 2 giá trị")
    qtmodeltester.check(dialog.files_model)
    fixed = fill(made[BAD], {"STAFF": 3, "PCS": 5}, tmp_path / "lần 2" / made[BAD].name)
    assert drop(dialog, [fixed])  # after a load, a drop starts a new batch
    assert dialog.inputs == [fixed] and dialog.load_button.isEnabled()
    dialog.load()
    assert stored(demo_db, BAD, "STAFF") == 3 and changes == ["values", "values"]


def test_add_files_takes_a_zip_and_a_drop_without_files_is_refused(qtbot, demo_db, tmp_path,
                                                                   shown, opened, monkeypatch):
    made = make_through_dialog(qtbot, demo_db, tmp_path / "out", monkeypatch)
    archive = tmp_path / "gửi lại.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.write(fill(made[0], {"STAFF": 7}, tmp_path / "x" / made[0].name), made[0].name)
        bundle.writestr("ghi-chu.txt", "not a form")
    monkeypatch.setattr(file_choosers, "ask_open_files",
                        lambda parent, caption, file_filter="": [str(archive)])
    dialog = LoadFormsDialog(demo_db, DataBus())
    qtbot.addWidget(dialog)
    mime = QMimeData()
    mime.setText("just text")
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(dialog, enter)
    assert not enter.isAccepted()
    real_run, during = jobs.run_job, []

    def run_and_drop(parent, title, function, *args):
        during.append((drop(dialog, [tmp_path / "out"]), dialog.load(), dialog.inputs[:]))
        return real_run(parent, title, function, *args)

    monkeypatch.setattr(jobs, "run_job", run_and_drop)
    dialog._choose_files()
    assert during == [(False, [], [archive])]  # no drop or load while a job runs
    [row] = dialog.files_model.rows
    assert row.ok and row.shown == f"gửi lại.zip/{made[0].name}" and row.values == 1
    empty = tmp_path / "trống"
    empty.mkdir()
    dialog.clear()
    assert dialog.files_model.rows == [] and not dialog.load_button.isEnabled()
    assert drop(dialog, [empty])
    assert shown["error"] == ["Không tìm thấy phiếu nào (.xlsx) trong các mục đã chọn."]
    assert dialog.inputs == [] and stored(demo_db, made[0].name.split("_")[0], "STAFF") is None


def test_english_texts(qtbot, demo_db, shown):
    set_language("en")
    make = MakeFormsDialog(demo_db, DataBus(), "H38TS", PERIOD)
    load = LoadFormsDialog(demo_db, DataBus())
    qtbot.addWidget(make)
    qtbot.addWidget(load)
    assert make.windowTitle() == "Make intake forms"
    assert make.count.text() == "23 of 23 chosen"
    assert load.windowTitle() == "Load intake forms" and load.load_button.text() == "Load"
    headers = [load.files_model.headerData(column, Qt.Orientation.Horizontal)
               for column in range(load.files_model.columnCount())]
    assert headers == ["File", "Unit", "Period", "Values", "Status", "Problems"]


def test_file_rows_name_the_file_where_it_was_found_and_sum_up_problems(tmp_path):
    from desktop.intake.report import FileReport
    from desktop.ui.exchange.intake_model import FileRow, shown_name

    folder = tmp_path / "phiếu"
    (folder / "xa").mkdir(parents=True)
    inside = str(folder.resolve() / "xa" / "a.xlsx")
    archive = str(tmp_path.resolve() / "b.zip")
    assert shown_name(inside, [folder]) == "xa/a.xlsx"
    assert shown_name(f"{archive}/con/c.xlsx", [Path(archive)]) == "b.zip/con/c.xlsx"
    assert shown_name(str(tmp_path / "d.xlsx"), [tmp_path / "d.xlsx"]) == "d.xlsx"
    report = FileReport(inside, unit="H38TS-X02", unit_name="Xã Dân Lực", period="2026Q1",
                        values=3)
    report.add("giá trị âm.", FORM_SHEET, "E11")
    report.add("giá trị âm.", FORM_SHEET, "E12")
    report.add("tệp hỏng.")
    row = FileRow.from_report(report, [folder])
    assert (row.shown, row.unit_text(), row.period_text(), row.status()) == (
        "xa/a.xlsx", "Xã Dân Lực (H38TS-X02)", "Quý I/2026", "Có lỗi")
    assert row.problem_summary() == "E11: giá trị âm. (và 2 lỗi khác)"
    empty = FileRow.from_report(FileReport("e.xlsx", unit="X", period="20x6"), loaded=True)
    assert (empty.period_text(), empty.status(), empty.problem_summary()) == (
        "20x6", "Không ghi", "Phiếu chưa điền số liệu nào.")


def test_menu_actions_open_the_dialogs_on_the_window_context(qtbot, demo_db):
    from PySide6.QtWidgets import QMainWindow

    from desktop.ui.exchange.intake_dialogs import add_intake_actions

    window = QMainWindow()
    qtbot.addWidget(window)
    window.database, window.bus = demo_db, DataBus()
    window.unit_code, window.period_code = "H38TS-X03", "2025"
    menu = window.menuBar().addMenu("Dữ liệu")
    add_intake_actions(window, menu)
    make, load = menu.actions()
    assert (make.text(), load.text()) == ("Tạo phiếu…", "Nhập phiếu…")
    make.trigger()
    load.trigger()
    [made] = window.findChildren(MakeFormsDialog)
    [loading] = window.findChildren(LoadFormsDialog)
    assert made.isVisible() and loading.isVisible()
    assert made.parent_unit.currentData() == "H38TS" and made.period.code() == "2025"
    assert loading.bus is window.bus
    made.close()
    loading.close()
