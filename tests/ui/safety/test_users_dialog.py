"""The user name, named users, and signing in."""

from __future__ import annotations

from desktop.data import audit, users
from desktop.data.settings import get_setting
from desktop.ui.safety import users_dialog
from desktop.ui.bus import DataBus
from desktop.ui.safety.users_dialog import SignInDialog, UsersDialog, ask_sign_in, users_model


def test_user_name_and_named_users(qtbot, office_db, answers, monkeypatch):
    bus = DataBus()
    dialog = UsersDialog(office_db, bus)
    qtbot.addWidget(dialog)
    assert dialog.user_name.text() == "tester"
    dialog.user_name.setText("Nguyễn Thị Lan")
    with qtbot.waitSignal(bus.changed, timeout=1000) as signal:
        assert dialog.save_name()
    assert signal.args == ["settings"]
    with office_db.session() as session:
        assert get_setting(session, "user_name") == "Nguyễn Thị Lan"

    monkeypatch.setattr(users_dialog, "ask_new_user", lambda parent: ("Hùng", "officer", "matkhau1"))
    assert not dialog.add_user() and "người duyệt" in answers.errors[-1]
    monkeypatch.setattr(users_dialog, "ask_new_user", lambda parent: ("Hùng", "approver", "matkhau1"))
    assert dialog.add_user()
    assert audit.signed_in_user() == "Hùng"  # the first approver is signed in
    assert not dialog.save_name_button.isEnabled()
    monkeypatch.setattr(users_dialog, "ask_new_user", lambda parent: ("An", "officer", "ngan"))
    assert not dialog.add_user() and "ít nhất 6 ký tự" in answers.errors[-1]
    assert [dialog.model.data(dialog.model.index(0, c)) for c in (0, 1)] == ["Hùng", "Người duyệt"]

    dialog.view.selectRow(0)
    monkeypatch.setattr(users_dialog, "ask_new_password", lambda parent, name: "matkhau2")
    assert dialog.change_password()
    with office_db.session() as session:
        assert users.verify_password(session, "Hùng", "matkhau2")["role"] == "approver"
    dialog.view.selectRow(0)  # a reload clears the selection
    assert dialog.remove_user() and dialog.model.rowCount() == 0
    assert "Hùng" in answers.questions[-1]


def test_an_officer_cannot_manage_users_in_the_dialog(qtbot, office_db, answers, monkeypatch,
                                                      table_hashes):
    with office_db.session() as session:
        users.add_user(session, "Hùng", "approver", "matkhau1")
        users.sign_in(session, "Hùng", "matkhau1")
        users.add_user(session, "An", "officer", "matkhau2")
        users.sign_in(session, "An", "matkhau2")
    before = table_hashes(office_db)
    dialog = UsersDialog(office_db, DataBus())
    qtbot.addWidget(dialog)
    assert not dialog.add_button.isEnabled() and not dialog.remove_button.isEnabled()
    assert "“An” là cán bộ, không có quyền quản lý người dùng" in dialog.add_button.toolTip()
    assert dialog.password_button.isEnabled()  # for one's own password
    dialog.view.selectRow(1)  # Hùng (An comes first)
    monkeypatch.setattr(users_dialog, "ask_new_password", lambda parent, name: "chiemquyen")
    assert not dialog.change_password() and "không có quyền" in answers.errors[-1]
    monkeypatch.setattr(users_dialog, "ask_new_user", lambda parent: ("Tèo", "approver", "matkhau3"))
    assert not dialog.add_user()
    assert table_hashes(office_db) == before


def test_sign_in_until_the_password_is_right(qtbot, office_db, monkeypatch):
    with office_db.session() as session:
        users.add_user(session, "Hùng", "approver", "matkhau1")
    tries = []

    def typed(dialog):
        qtbot.addWidget(dialog)
        for password in ("sai-roi", "matkhau1"):
            dialog.password.setText(password)
            tries.append(dialog.try_sign_in())
            if dialog.problem.text():
                assert "Sai tên người dùng hoặc mật khẩu" in dialog.problem.text()
        return dialog.result()

    monkeypatch.setattr(SignInDialog, "exec", typed)
    assert ask_sign_in(None, office_db.session) == "Hùng"
    assert tries == [False, True] and audit.signed_in_user() == "Hùng"


def test_cancelled_sign_in(qtbot, office_db, monkeypatch):
    with office_db.session() as session:
        users.add_user(session, "Hùng", "approver", "matkhau1")
    monkeypatch.setattr(SignInDialog, "exec", lambda dialog: qtbot.addWidget(dialog) or 0)
    assert ask_sign_in(None, office_db.session) is None and audit.signed_in_user() is None


def test_users_model(qtmodeltester):
    model = users_model([{"name": "Hùng", "role": "approver"}, {"name": "Lan", "role": "officer"}])
    qtmodeltester.check(model, force_py=True)
    assert model.data(model.index(1, 1)) == "Cán bộ"


def test_sign_in_is_needed_only_with_named_users(qtbot, office_db, monkeypatch):
    from desktop.ui.safety.users_dialog import sign_in_if_needed

    monkeypatch.setattr(users_dialog, "ask_sign_in", lambda parent, factory: None)
    assert sign_in_if_needed(None, office_db)  # one officer's PC: no prompt
    with office_db.session() as session:
        users.add_user(session, "Hùng", "approver", "matkhau1")
    audit.set_active_user(None)
    assert not sign_in_if_needed(None, office_db)  # cancelled
    monkeypatch.setattr(users_dialog, "ask_sign_in", lambda parent, factory: "Hùng")
    assert sign_in_if_needed(None, office_db)
