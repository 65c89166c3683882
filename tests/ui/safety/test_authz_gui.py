"""Every role × action on the GUI paths: buttons disabled with the reason as their
tooltip, and the action itself refused (one message, every table unchanged) when
called anyway; allowed roles succeed. The rule is desktop/data/authz.py."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desktop.data import audit, backup, users
from desktop.data.submission import get_state, set_state
from desktop.data.values import ValueInput, write_values
from desktop.errors import UserError
from desktop.packages import keys
from desktop.packages.container import build_package
from desktop.ui.plans import plans_tab, units_tab
from desktop.ui.safety.approval_loss import confirm_loss
from desktop.ui.safety.backup_dialogs import RestoreDialog
from desktop.ui.bus import DataBus
from desktop.ui.exchange.keys_dialog import TrustedKeysDialog
from desktop.ui.exchange.package_dialogs import ImportPackagesDialog
from desktop.ui.entry.submission_tab import SubmissionTab
from desktop.ui.safety.users_dialog import UsersDialog

pytestmark = pytest.mark.sqlite_only
WHO = [None, "Cán", "Duyệt"]
PASSWORDS = {"Duyệt": "matkhau-1", "Cán": "matkhau-2"}
MAY = {"enter_values": {"Cán", "Duyệt"}, "edit_units": {"Cán", "Duyệt"},
       "submit": {"Cán", "Duyệt"}, "approve": {"Duyệt"}, "unlock": {"Duyệt"},
       "edit_plans": {"Duyệt"}, "manage_users": {"Duyệt"}, "manage_keys": {"Duyệt"},
       "import_packages": {"Cán", "Duyệt"}, "restore": {"Cán", "Duyệt"},
       "drop_approvals": {"Duyệt"}}


@pytest.fixture
def shared_pc(office_db):
    """The office with 2023 of X01 approved, an approver and an officer; signed out."""
    with office_db.session() as session:
        write_values(session, [ValueInput("X01", "STAFF", "2023", 12)])
        set_state(session, "X01", "2023", "approved")
        users.add_user(session, "Duyệt", "approver", PASSWORDS["Duyệt"])
        users.sign_in(session, "Duyệt", PASSWORDS["Duyệt"])
        users.add_user(session, "Cán", "officer", PASSWORDS["Cán"])
    users.sign_out()
    return office_db


def sign_in(database, who):
    if who is None:
        users.sign_out()
        return
    with database.session() as session:
        users.sign_in(session, who, PASSWORDS[who])


def submission_tab(qtbot, database, unit="X01", period="2024"):
    tab = SubmissionTab(database, DataBus())
    qtbot.addWidget(tab)
    tab.set_context("H01", period)
    tab.view.selectRow(next(i for i, r in enumerate(tab.model.rows) if r.code == unit))
    return tab


def button(tab, action):
    return next(b for a, b in tab.action_buttons if a == action)


def run_submission(qtbot, database, action, monkeypatch):
    from desktop.ui import dialogs

    if action == "unlock":
        tab = submission_tab(qtbot, database, period="2023")
        monkeypatch.setattr(dialogs, "ask_text", lambda *a, **k: "sửa số liệu")
        return tab, tab.unlock
    tab = submission_tab(qtbot, database)
    return tab, {"submit": tab.submit, "approve": tab.approve}[action]


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("action", ["submit", "approve", "unlock"])
def test_submission_tab(action, who, qtbot, shared_pc, answers, monkeypatch, table_hashes):
    sign_in(shared_pc, who)
    tab, slot = run_submission(qtbot, shared_pc, action, monkeypatch)
    allowed = who in MAY[action]
    assert button(tab, action).isEnabled() == allowed
    before = table_hashes(shared_pc)
    assert slot() == allowed
    if allowed:
        assert table_hashes(shared_pc) != before
        return
    assert button(tab, action).toolTip() == answers.errors[-1]
    assert ("Cần đăng nhập" if who is None else "là cán bộ") in answers.errors[-1]
    assert table_hashes(shared_pc) == before


@pytest.mark.parametrize("who", WHO)
def test_entry_grid(who, window_on, answers, table_hashes, qtbot):
    database, window = window_on
    sign_in(database, who)
    tab = window.show_tab("entry")  # the window opens on the overview
    tab.refresh("all")  # as after Tools → Sign in as someone else…
    before = table_hashes(database)
    grid = tab.model.grid
    row = next(i for i, e in enumerate(grid.elements) if e.code == "STAFF")
    column = next(i for i, u in enumerate(grid.units) if u.code == "X02")
    index = tab.model.index(row, column)
    allowed = who in MAY["enter_values"]
    assert bool(tab.model.flags(index) & Qt.ItemFlag.ItemIsEditable) == allowed
    tab.model.setData(index, "15")
    if allowed:
        assert table_hashes(database) != before and not answers.errors
        return
    assert "Cần đăng nhập để nhập hoặc nhập khẩu số liệu" in answers.errors[-1]
    assert answers.errors[-1] in tab.model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert table_hashes(database) == before
    with database.session() as session:  # the data function refuses it too
        with pytest.raises(UserError, match="Cần đăng nhập"):
            write_values(session, [ValueInput("X02", "STAFF", "2024", 15)])


@pytest.fixture
def window_on(qtbot, shared_pc):
    from desktop.ui.main_window import MainWindow

    main = MainWindow(shared_pc)
    qtbot.addWidget(main)
    main.set_context("H01", "2024")
    return shared_pc, main


@pytest.mark.parametrize("who", WHO)
def test_units_tab(who, window_on, answers, monkeypatch, table_hashes):
    database, window = window_on
    sign_in(database, who)
    tab = window.show_tab("units")
    monkeypatch.setattr(units_tab, "ask_new_unit", lambda parent, under: {
        "code": "X03", "name": "Xã Ba", "level": "xa", "kind": "area", "valid_from": None})
    assert all(b.isEnabled() == (who in MAY["edit_units"]) for b in tab.edit_buttons)
    before = table_hashes(database)
    tab.add()
    if who in MAY["edit_units"]:
        assert table_hashes(database) != before
        return
    assert "sửa danh sách đơn vị" in answers.errors[-1] == tab.edit_buttons[0].toolTip()
    assert table_hashes(database) == before


@pytest.mark.parametrize("who", WHO)
def test_plans_tab(who, window_on, answers, monkeypatch, table_hashes):
    database, window = window_on
    sign_in(database, who)
    tab = window.show_tab("plans")
    monkeypatch.setattr(plans_tab, "ask_target", lambda parent, current, choices: {
        "indicator": "MAILBOX_RATE", "year": "2019", "level": "xa", "comparator": ">=",
        "value": "75", "min_value": "", "max_value": "", "source": "thử"})
    assert all(b.isEnabled() == (who in MAY["edit_plans"]) for b in tab.edit_buttons)
    before = table_hashes(database)
    tab.add_target()
    if who in MAY["edit_plans"]:
        assert table_hashes(database) != before
        return
    assert "sửa kế hoạch và chỉ tiêu" in answers.errors[-1] == tab.edit_buttons[0].toolTip()
    assert table_hashes(database) == before


@pytest.mark.parametrize("who", WHO)
def test_users_dialog(who, qtbot, shared_pc, answers, monkeypatch, table_hashes):
    from desktop.ui.safety import users_dialog

    sign_in(shared_pc, who)
    dialog = UsersDialog(shared_pc, DataBus())
    qtbot.addWidget(dialog)
    allowed = who in MAY["manage_users"]
    assert dialog.add_button.isEnabled() == allowed
    monkeypatch.setattr(users_dialog, "ask_new_user", lambda parent: ("Mới", "officer", "matkhau-3"))
    before = table_hashes(shared_pc)
    assert dialog.add_user() == allowed
    if not allowed:
        assert dialog.add_button.toolTip() == answers.errors[-1]
        assert table_hashes(shared_pc) == before


@pytest.mark.parametrize("who", WHO)
def test_keys_dialog(who, qtbot, shared_pc, answers, tmp_path, table_hashes, commune_package):
    sign_in(shared_pc, who)
    dialog = TrustedKeysDialog(shared_pc)
    qtbot.addWidget(dialog)
    allowed = who in MAY["manage_keys"]
    assert dialog.trust_button.isEnabled() == allowed
    answers.open_file = str(commune_package[0])
    before = table_hashes(shared_pc)
    key = dialog.trust_file()
    if allowed:
        assert key.office == "X01" and "cho đơn vị X01" in answers.infos[-1]
        return
    assert key is None and dialog.trust_button.toolTip() == answers.errors[-1]
    assert table_hashes(shared_pc) == before


@pytest.fixture
def commune_package(tmp_path, monkeypatch):
    """(key file, package) of commune X01's own key, made in the commune's home."""
    office_home = tmp_path / "home"
    monkeypatch.setenv("ITPLAN_HOME", str(tmp_path / "commune-home"))
    key_file = tmp_path / "x01-key.json"
    keys.export_public_key(key_file, "X01", "Xã Một")
    contents = {
        "metadata.json": {"format": "itplan-package", "version": 1, "office": "X01",
                          "office_name": "Xã Một", "unit": "X01", "period": "2024"},
        "units.json": [{"code": "X01", "name": "Xã Một", "level": "xa", "kind": "area",
                        "parent": "H01"}],
        "values.json": [{"unit": "X01", "element": "STAFF", "period": "2024", "value": 9,
                         "comment": "", "changed_at": "2024-03-01T08:00:00", "changed_by": "xa"}],
        "plans.json": []}
    package = tmp_path / "x01.zip"
    package.write_bytes(build_package(contents, {"office": "X01"}))
    monkeypatch.setenv("ITPLAN_HOME", str(office_home))
    return key_file, package


@pytest.mark.parametrize("who", WHO)
def test_receive_dialog(who, qtbot, shared_pc, answers, table_hashes, commune_package):
    sign_in(shared_pc, "Duyệt")
    with shared_pc.session() as session:
        keys.trust(session, commune_package[0])
    sign_in(shared_pc, who)
    dialog = ImportPackagesDialog(shared_pc, DataBus())
    qtbot.addWidget(dialog)
    choose = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Chọn gói…")
    assert choose.isEnabled() == (who in MAY["import_packages"])
    before = table_hashes(shared_pc)
    plans = dialog.preview([commune_package[1]])
    if who in MAY["import_packages"]:
        assert "khóa tin cậy cho X01" in dialog.summary.text()
        assert dialog.apply() and table_hashes(shared_pc) != before
        return
    assert plans == [] and "Cần đăng nhập để nhận gói dữ liệu" in answers.errors[-1]
    assert table_hashes(shared_pc) == before


class Owner:
    def __init__(self, database):
        self.database = database

    def release(self):
        self.database.close()

    def reopen(self):
        pass


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("losing", [False, True])
def test_restore_dialog(who, losing, qtbot, shared_pc, answers, monkeypatch, tmp_path,
                        table_hashes):
    from desktop.ui.safety import approval_loss

    source = backup.backup_to(shared_pc.path, tmp_path / "sao-luu.sqlite")
    sign_in(shared_pc, "Duyệt")
    with shared_pc.session() as session:
        if losing:  # approved after the backup: restoring it loses the approval
            set_state(session, "X01", "2024", "approved")
        else:
            write_values(session, [ValueInput("X02", "STAFF", "2024", 3)])
    sign_in(shared_pc, who)
    typed = []
    monkeypatch.setattr(approval_loss, "ask_password",
                        lambda parent, question: typed.append(question) or PASSWORDS.get(who))
    before = table_hashes(shared_pc.path)
    dialog = RestoreDialog(shared_pc.path, Owner(shared_pc).release, lambda: None)
    qtbot.addWidget(dialog)
    dialog.set_source(source)
    action = "drop_approvals" if losing else "restore"
    done = dialog.restore()
    assert done == (who in MAY[action]), answers.errors
    if done:
        assert table_hashes(shared_pc.path) != before
        if losing:
            assert "X01 kỳ 2024: mất duyệt" in typed[-1]
            with shared_pc.session() as session:
                assert get_state(session, "X01", "2024") == "draft"
                row = audit.entries(session, "lock", "restore:sao-luu.sqlite")[0]
            assert row["action"] == "approvals-dropped" and row["user"] == "Duyệt"
        return
    assert table_hashes(shared_pc.path) == before and not typed


def test_a_wrong_password_does_not_confirm_a_loss(qtbot, shared_pc, answers, monkeypatch):
    from desktop.ui.safety import approval_loss

    sign_in(shared_pc, "Duyệt")
    monkeypatch.setattr(approval_loss, "ask_password", lambda parent, question: "sai")
    assert not confirm_loss(None, shared_pc, ["X01 kỳ 2024: mất duyệt"])
    assert "Sai tên người dùng hoặc mật khẩu" in answers.errors[-1]


def test_switching_user_from_the_menu_enables_what_the_role_may(window_on, monkeypatch, answers):
    from desktop.ui import menus

    from desktop.ui.safety import users_dialog
    database, window = window_on
    tab = window.show_tab("submission")
    assert not button(tab, "approve").isEnabled()  # nobody signed in
    monkeypatch.setattr(users_dialog, "ask_sign_in",
                        lambda parent, factory: sign_in(database, "Duyệt") or "Duyệt")
    assert menus.switch_user(window) == "Duyệt"
    assert window.windowTitle().endswith(" — Đăng nhập: Duyệt")
    assert button(tab, "approve").isEnabled() and button(tab, "approve").toolTip() == ""


@pytest.mark.parametrize("who", WHO)
def test_load_forms_dialog(who, qtbot, shared_pc):
    from desktop.ui.exchange.intake_load_dialog import LoadFormsDialog

    sign_in(shared_pc, who)
    dialog = LoadFormsDialog(shared_pc, DataBus())
    qtbot.addWidget(dialog)
    allowed = who in MAY["enter_values"]
    assert dialog.may_load.allowed == allowed
    assert dialog.load_button.toolTip() == ("" if allowed else dialog.may_load.reason)
    assert allowed or "Cần đăng nhập để nhập hoặc nhập khẩu số liệu" in dialog.may_load.reason


@pytest.mark.parametrize("who", WHO)
def test_office_texts_backup_settings_and_set_editor(who, qtbot, shared_pc):
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.ui.assess.score_set_dialog import SetEditor
    from desktop.ui.office_dialog import OfficeTextsDialog
    from desktop.ui.safety.backup_dialogs import BackupListDialog

    sign_in(shared_pc, who)
    office, kept = OfficeTextsDialog(shared_pc), BackupListDialog(shared_pc)
    editor = SetEditor(shared_pc, "code = \"X\"\n")
    for dialog in (office, kept, editor):
        qtbot.addWidget(dialog)
    save = editor.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    assert office.ok_button.isEnabled() == kept.save_button.isEnabled() == (who is not None)
    assert save.isEnabled() == (who == "Duyệt")
    if who is None:
        assert office.ok_button.toolTip() == kept.save_button.toolTip() == (
            "Cần đăng nhập để sửa thông tin cơ quan và cài đặt sao lưu.")
    if who == "Cán":
        assert save.toolTip() == "“Cán” là cán bộ, không có quyền sửa bộ tiêu chí đánh giá."
