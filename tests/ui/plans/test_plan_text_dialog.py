"""The review dialog: paste a plan's text, review proposals, save the plan (audited)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import func, select

from desktop.data.models import AuditEntry, Plan, Target
from desktop.ui.plans.plan_text_dialog import PlanTextDialog

PASSAGE = """Kế hoạch chuyển đổi số tỉnh Bình Sơn giai đoạn 2026-2030
Mục tiêu đến năm 2028 đạt 70%, đến năm 2030 đạt 100% văn bản giữa các cơ quan nhà
nước được ký số và gửi nhận hoàn toàn dưới dạng điện tử.
Tối thiểu 60% hộ gia đình có người sử dụng ví điện tử vào năm 2030.
Đa số máy tính được kết nối mạng.
"""


def _dialog(qtbot, small_db) -> PlanTextDialog:
    dialog = PlanTextDialog(small_db)
    qtbot.addWidget(dialog)
    dialog.text.setPlainText(PASSAGE)
    dialog.read_text()
    return dialog


def test_proposals_fill_the_table_low_confidence_unticked(qtbot, small_db):
    dialog = _dialog(qtbot, small_db)
    table = dialog.table
    assert table.rowCount() == len(dialog.result_.targets) >= 4
    states = {dialog.result_.targets[r].value: table.item(r, 0).checkState()
              for r in range(table.rowCount())}
    assert states[70.0] == Qt.CheckState.Checked
    assert states[50.0] == Qt.CheckState.Unchecked  # "đa số": a reading, left to the user
    assert dialog.year_from.text() == "2026" and dialog.year_to.text() == "2030"
    assert dialog.code.text() == "BS-2026"
    dialog.table.setCurrentCell(1, 8)
    assert "100%" in dialog.text.textCursor().selectedText()


def test_saving_makes_the_plan_with_its_targets_and_a_new_indicator(qtbot, small_db):
    dialog = _dialog(qtbot, small_db)
    dialog.code.setText("BS-2026")
    rows = dialog.accepted_rows()
    dialog.save()
    assert dialog.result() == PlanTextDialog.DialogCode.Accepted
    with small_db.session() as session:
        plan = session.scalar(select(Plan).where(Plan.code == "BS-2026"))
        assert plan.year_from == 2026 and "Bình Sơn" in plan.source_text
        targets = session.scalars(select(Target).where(Target.plan_id == plan.id)).all()
        assert len(targets) == len(rows)
        assert {t.indicator.code for t in targets} >= {"DOCS_ELEC_RATE"}
        assert any(t.indicator.code.startswith("I_") for t in targets)
        audited = session.scalar(select(func.count()).select_from(AuditEntry)
                                 .where(AuditEntry.entity.in_(("plan", "target", "indicator"))))
        assert audited >= len(rows) + 2


def test_a_bad_edit_is_refused_in_one_sentence_and_nothing_saved(qtbot, small_db, errors):
    dialog = _dialog(qtbot, small_db)
    dialog.code.setText("BS-2026")
    dialog.table.item(0, 2).setText("năm sau")
    dialog.save()
    assert errors == ["Năm “năm sau” không hợp lệ (dòng 1)."]
    with small_db.session() as session:
        assert session.scalar(select(Plan).where(Plan.code == "BS-2026")) is None


def test_screenshot(qtbot, small_db, tmp_path):
    dialog = _dialog(qtbot, small_db)
    dialog.resize(1366, 768)
    dialog.show()
    qtbot.waitExposed(dialog)
    out = Path(os.environ.get("ITPLAN_SHOTS", tmp_path)) / "plan-text-dialog.png"
    assert dialog.grab().save(str(out))


def test_plans_tab_receives_the_province_file_after_a_preview(qtbot, small_db, tmp_path,
                                                              monkeypatch):
    from desktop.data.office import init_office
    from desktop.data.database import open_database
    from desktop.data.plan_from_text import save_plan_from_text
    from desktop.handoff.export import export_handoff
    from desktop.packages import keys
    from desktop.ui import dialogs
    from desktop.ui.plans import handoff_dialogs
    from desktop.ui.bus import DataBus
    from desktop.ui.plans.plans_tab import PlansTab

    province = open_database(tmp_path / "province.sqlite")
    with province.session() as session:
        init_office(session, province="Thanh Hóa", unit_code="T38", unit_name="Tỉnh Thanh Hóa",
                    level="tinh", plans=[])
        save_plan_from_text(session, {"code": "TH-2026", "title": "Kế hoạch chuyển đổi số 2026",
                                      "year_from": 2026, "year_to": 2026},
                            [{"indicator": "MAILBOX_RATE", "year": 2026, "level": "huyen",
                              "comparator": ">=", "value": 100.0}])
        export_handoff(session, "TH-2026", tmp_path / "th.itplan")
    province.close()
    keys.export_public_key(tmp_path / "key.json", "T38", "Tỉnh Thanh Hóa")
    with small_db.session() as session:
        keys.trust(session, tmp_path / "key.json")
    tab = PlansTab(small_db, DataBus())
    qtbot.addWidget(tab)
    tab.refresh()
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *a, **k: str(tmp_path / "th.itplan"))
    shown = []
    monkeypatch.setattr(handoff_dialogs.HandoffPreview, "ask",
                        lambda self: shown.append(self.findChild(QLabel).text()) or True)
    tab.receive_plan()
    assert "1 mục tiêu thêm" in shown[0]
    assert tab.plan_box.currentData() == "TH-2026" and len(tab.model.rows) == 1


def test_plans_tab_sends_the_plan_as_one_file(qtbot, small_db, tmp_path, monkeypatch):
    from desktop.ui import dialogs
    from desktop.ui.bus import DataBus
    from desktop.ui.plans.plans_tab import PlansTab

    tab = PlansTab(small_db, DataBus())
    qtbot.addWidget(tab)
    tab.refresh()
    out = tmp_path / "gui.itplan"
    infos = []
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *a, **k: str(out))
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: True)
    monkeypatch.setattr(dialogs, "show_info", lambda parent, message: infos.append(message))
    tab.send_plan()
    assert out.is_file() and infos == [f"Đã ghi {out}."]
