"""The export dialog: fills a built-in template or the raw export off the GUI thread, then opens it."""

from __future__ import annotations

import os
import shutil

import openpyxl
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.data.database import open_database  # noqa: E402
from desktop.ui import dialogs  # noqa: E402
from desktop.ui.exchange import export_dialog
from desktop.ui.bus import DataBus  # noqa: E402
from desktop.ui.exchange.export_dialog import RAW, ExportDialog  # noqa: E402


@pytest.fixture
def database(demo_template, tmp_path):
    shutil.copy(demo_template, tmp_path / "demo.sqlite")
    database = open_database(tmp_path / "demo.sqlite")
    yield database
    database.close()


@pytest.fixture
def opened(monkeypatch):
    calls = []
    monkeypatch.setattr(export_dialog, "open_path", lambda path: calls.append(path) or True)
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, message, problems=None: errors.append(message))
    return calls, errors


def test_exports_a_builtin_template_and_opens_it(qtbot, database, tmp_path, opened):
    calls, errors = opened
    dialog = ExportDialog(database, DataBus(), "H38TS", "2024")
    qtbot.addWidget(dialog)
    assert dialog.unit.currentData() == "H38TS" and dialog.plan.currentData() == "TH-2016"
    dialog.template.setCurrentIndex(dialog.template.findData("bao-cao-chi-tieu"))
    out = tmp_path / "bao-cao.xlsx"
    dialog.output.setText(str(out))
    assert dialog.export() == out
    assert errors == [] and calls == [out]
    sheet = openpyxl.load_workbook(out).active
    assert sheet["A2"].value == "Đơn vị báo cáo: Huyện Triệu Sơn"


def test_raw_export_shows_the_folder(qtbot, database, tmp_path, opened):
    calls, errors = opened
    dialog = ExportDialog(database, DataBus(), "H38TS", "2024Q2")
    qtbot.addWidget(dialog)
    dialog.template.setCurrentIndex(dialog.template.findData(RAW))
    dialog.when_done.setCurrentIndex(dialog.when_done.findData("folder"))
    out = tmp_path / "raw.xlsx"
    dialog.output.setText(str(out))
    dialog.export()
    assert errors == [] and calls == [tmp_path]
    assert openpyxl.load_workbook(out).sheetnames == ["Số liệu", "Bảng tổng hợp"]


def test_opens_on_the_period_and_exports_the_one_chosen(qtbot, database, tmp_path, opened,
                                                      monkeypatch):
    calls, errors = opened
    dialog = ExportDialog(database, DataBus(), "H38TS", "2024Q2")
    qtbot.addWidget(dialog)
    assert dialog.period.code() == "2024Q2" and dialog.period.part.currentText() == "Quý II"
    dialog.period.part.setCurrentIndex(dialog.period.part.findText("Tháng 5"))
    dialog.period.year.setValue(2023)
    suggested = []
    monkeypatch.setattr(dialogs, "ask_save_file",
                        lambda parent, caption, name, file_filter: suggested.append(name))
    dialog._choose_output()
    assert suggested[0].endswith("_H38TS_2023-05.xlsx")
    jobs_run = []
    monkeypatch.setattr(export_dialog.jobs, "run_job", lambda *args: jobs_run.append(args))
    monkeypatch.setattr(dialogs, "confirm", lambda parent, question: True)
    dialog.output.setText(str(tmp_path / "a.xlsx"))
    assert dialog.export() is None and errors == [] and calls == []
    assert jobs_run[0][5:7] == ("H38TS", "2023-05")  # after parent, title, job, database, template


def test_refused_overwrite(qtbot, database, tmp_path, opened, monkeypatch):
    calls, errors = opened
    dialog = ExportDialog(database, DataBus(), "H38TS", "2024")
    qtbot.addWidget(dialog)
    existing = tmp_path / "b.xlsx"
    existing.write_bytes(b"keep")
    dialog.output.setText(str(existing))
    monkeypatch.setattr(dialogs, "confirm", lambda parent, question: False)
    assert dialog.export() is None
    assert existing.read_bytes() == b"keep" and calls == [] and errors == []


def test_chosen_template_shows_what_check_says(qtbot, database, tmp_path, monkeypatch):
    """The dialog says, before filling, the same sentences as `template check`."""
    import zipfile

    from desktop.reports.check import check_template

    wb = openpyxl.Workbook()
    wb.active["A2"] = "{{ each:units }}{{ unit.name }}"
    wb.save(tmp_path / "plain.xlsx")
    with zipfile.ZipFile(tmp_path / "plain.xlsx") as source, \
            zipfile.ZipFile(tmp_path / "odd.xlsx", "w") as target:
        for name in source.namelist():
            target.writestr(name, source.read(name))
        target.writestr("xl/worksheets/_rels/sheet1.xml.rels",
                        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                        '<Relationship Id="rId9" Type="urn:x/gizmo" Target="../gizmos/g1.xml"/></Relationships>')
        target.writestr("xl/gizmos/g1.xml", "<g/>")
    dialog = ExportDialog(database, DataBus(), "H38TS", "2024")
    qtbot.addWidget(dialog)
    for name, expected in (("odd.xlsx", True), ("plain.xlsx", False)):
        monkeypatch.setattr(dialogs, "ask_open_file", lambda *a, n=name: str(tmp_path / n))
        dialog.template.setCurrentIndex(dialog.template.findData(export_dialog.FILE))
        dialog._template_chosen()
        assert dialog.template_notes.isVisibleTo(dialog) is expected
        for warning in check_template(tmp_path / name).warnings:
            assert warning in dialog.template_notes.text()
    assert "xl/gizmos/g1.xml" not in dialog.template_notes.text()
