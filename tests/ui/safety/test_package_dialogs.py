"""District → province through the dialogs: send, trust, preview, receive, conflicts."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from desktop.data.database import open_database
from desktop.data.office import init_office
from desktop.data.values import ValueInput, write_values
from desktop.data.values_csv import export_values_csv
from desktop.i18n import set_language
from desktop.ui import dialogs
from desktop.ui.exchange.package_dialogs import (
    ExportPackageDialog,
    ImportPackagesDialog,
    TrustedKeysDialog,
    changes_model,
    change_rows,
    keys_model,
)
from desktop.ui.bus import DataBus

ITEMS = [("X01", "STAFF", 40), ("X02", "STAFF", 25), ("P01", "PCS", 38),
         ("X01", "STAFF_EMAIL_USE", 30)]


def district_values(database, period, shift=0):
    with database.session() as session:
        write_values(session, [ValueInput(u, e, period, v + shift) for u, e, v in ITEMS])


def under_h01(database):
    with database.session() as session:
        return sorted(export_values_csv(session, "H01").splitlines())


def make_province(tmp_path):
    database = open_database(tmp_path / "province.sqlite")
    with database.session() as session:
        init_office(session, province="Thanh Hóa", unit_code="T01", unit_name="Tỉnh Thanh Hóa",
                    level="tinh", plans=["TH-2016"])
    return database


def send(qtbot, district, answers, path):
    dialog = ExportPackageDialog(district, unit_code="H01", period_code="2024")
    qtbot.addWidget(dialog)
    answers.save_file = str(path)
    metadata = dialog.export()
    assert metadata is not None and path.is_file()
    return metadata


def receive_preview(qtbot, province, answers, path, bus=None):
    dialog = ImportPackagesDialog(province, bus)
    qtbot.addWidget(dialog)
    answers.open_files = [str(path)]
    dialog.choose_files()
    return dialog


def test_package_round_trip_and_a_conflict(qtbot, office_db, tmp_path, answers):
    district_values(office_db, "2024")
    district_values(office_db, "2024Q1", shift=1)
    first = tmp_path / "H01-2024.zip"
    metadata = send(qtbot, office_db, answers, first)
    assert metadata["values"] == 8 and "8 giá trị" in answers.infos[-1]

    province = make_province(tmp_path)
    keys_dialog = TrustedKeysDialog(province)
    qtbot.addWidget(keys_dialog)
    answers.open_file = str(first)  # trust the key the package was signed with
    assert keys_dialog.trust_file() is not None and keys_dialog.model.rowCount() == 1

    bus = DataBus()
    dialog = receive_preview(qtbot, province, answers, first, bus)
    assert answers.errors == [] and dialog.model.rowCount() == 8
    assert {dialog.model.data(dialog.model.index(r, 0)) for r in range(8)} == {"thêm mới"}
    assert "8 giá trị mới" in dialog.summary.text()
    with province.session() as session:  # the preview wrote nothing
        assert export_values_csv(session).count("\n") == 1
    with qtbot.waitSignal(bus.changed, timeout=5000) as signal:
        assert dialog.apply() is not None
    assert signal.args == ["all"]
    assert under_h01(province) == under_h01(office_db) and len(under_h01(province)) == 9

    with office_db.session() as session:  # the district corrects a number…
        write_values(session, [ValueInput("X01", "STAFF", "2024", 41)])
    with province.session() as session:  # …and the province, later, types another
        write_values(session, [ValueInput("X01", "STAFF", "2024", 99)])
    second = tmp_path / "H01-2024-b.zip"
    send(qtbot, office_db, answers, second)
    again = receive_preview(qtbot, province, answers, second)
    model = again.model
    first_row = [model.data(model.index(0, c)) for c in range(7)]
    assert first_row == ["XUNG ĐỘT", "H01-2024-b.zip", "Xã Một", "Tổng số cán bộ, công chức",
                         "Năm 2024", "99", "41"]  # names on screen, codes in the tooltip
    assert "1 xung đột" in again.summary.text() and "sửa tay" in again.summary.text()
    assert not again.apply_button.isEnabled()  # nothing else to write
    province.close()


def test_a_package_from_an_untrusted_key_is_refused_before_anything(qtbot, office_db, tmp_path,
                                                                     answers):
    district_values(office_db, "2024")
    path = tmp_path / "pkg.zip"
    send(qtbot, office_db, answers, path)
    province = make_province(tmp_path)
    dialog = receive_preview(qtbot, province, answers, path)
    assert len(answers.errors) == 1 and "chưa tin cậy" in answers.errors[0]
    assert dialog.model.rowCount() == 0 and not dialog.apply_button.isEnabled()
    with province.session() as session:
        assert export_values_csv(session).count("\n") == 1
    province.close()


def test_revoke_a_trusted_key(qtbot, office_db, tmp_path, answers):
    district_values(office_db, "2024")
    path = tmp_path / "pkg.zip"
    send(qtbot, office_db, answers, path)
    province = make_province(tmp_path)
    dialog = TrustedKeysDialog(province)
    qtbot.addWidget(dialog)
    answers.open_file = str(path)
    dialog.trust_file()
    dialog.view.selectRow(0)
    revoked = dialog.revoke_selected()
    assert revoked is not None and revoked.revoked_at
    assert dialog.model.data(dialog.model.index(0, 2)) == "đã thu hồi"
    answers.save_file = str(tmp_path / "khoa.json")
    assert dialog.export_own().is_file()
    province.close()


def test_a_key_is_never_trusted_for_this_offices_own_unit(qtbot, office_db, tmp_path, answers,
                                                          table_hashes):
    district_values(office_db, "2024")
    path = tmp_path / "pkg.zip"
    send(qtbot, office_db, answers, path)
    before = table_hashes(office_db)
    dialog = TrustedKeysDialog(office_db)
    qtbot.addWidget(dialog)
    answers.open_file = str(path)
    dialog.trust_file()
    assert "chỉ tin cậy khóa của đơn vị cấp dưới" in answers.errors[-1]
    assert table_hashes(office_db) == before


def test_export_sends_the_period_chosen(qtbot, office_db, tmp_path, answers, monkeypatch):
    district_values(office_db, "2024Q1")
    dialog = ExportPackageDialog(office_db, unit_code="H01", period_code="2024")
    qtbot.addWidget(dialog)
    assert dialog.period.code() == "2024" and dialog.period.part.currentText() == "Cả năm"
    dialog.period.part.setCurrentIndex(dialog.period.part.findText("Quý I"))
    suggested = []
    monkeypatch.setattr(dialogs, "ask_save_file",
                        lambda parent, caption, name, file_filter: suggested.append(name)
                        or str(tmp_path / name))
    metadata = dialog.export()
    assert suggested == ["H01-2024Q1.zip"] and (tmp_path / "H01-2024Q1.zip").is_file()
    assert metadata["period"] == "2024Q1" and metadata["values"] == 4 and answers.errors == []


def test_export_opens_on_the_current_year_without_a_readable_period(qtbot, office_db):
    for code in ("", "2024Q7"):
        dialog = ExportPackageDialog(office_db, unit_code="X01", period_code=code)
        qtbot.addWidget(dialog)
        assert dialog.period.code() == str(dt.date.today().year)


def test_package_models(qtmodeltester, qtbot, office_db, tmp_path, answers):
    district_values(office_db, "2024")
    path = tmp_path / "pkg.zip"
    send(qtbot, office_db, answers, path)
    province = make_province(tmp_path)
    keys_dialog = TrustedKeysDialog(province)
    qtbot.addWidget(keys_dialog)
    answers.open_file = str(path)
    keys_dialog.trust_file()
    dialog = receive_preview(qtbot, province, answers, path)
    assert dialog.model.rowCount() == 4  # the four new values
    qtmodeltester.check(changes_model(change_rows(dialog.plans)), force_py=True)
    qtmodeltester.check(keys_model(keys_dialog.model.rows), force_py=True)
    set_language("en")
    assert changes_model().headerData(0, Qt.Orientation.Horizontal) == "Action"
    province.close()
