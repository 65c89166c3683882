"""Every window and dialog fits the small office screens: 1366×768 at 125 % (1093×614
logical pixels) and 1024×768, with room for the task bar and the title bar.

Each is opened offscreen as the program opens it, on the demo database, with the
screen's usable size set to the small screen; its minimum size, its size hint (for
dialogs) and its size once shown must fit.
"""

from __future__ import annotations

import importlib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop.ui import dialogs

SCREENS = dialogs.SMALL_SCREENS


@pytest.fixture(params=list(SCREENS))
def screen(request, monkeypatch):
    width, height = SCREENS[request.param]
    monkeypatch.setattr(dialogs, "available_size", lambda widget=None: (width, height))
    return width - 16, height - dialogs.TASKBAR_AND_TITLE


def fits(widget: QWidget, room: tuple[int, int], hint: bool = True) -> list[str]:
    width, height = room
    sizes = {"minimum": widget.minimumSizeHint(), "shown": widget.size()}
    if hint:
        sizes["hint"] = widget.sizeHint()
    return [f"{type(widget).__name__} {name} {size.width()}×{size.height()} > {width}×{height}"
            for name, size in sizes.items() if size.width() > width or size.height() > height]


def test_main_window_and_every_tab(qtbot, demo_db, screen):
    from desktop.ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    problems = []
    for name in ("overview", "entry", "progress", "charts", "plans", "units", "submission",
                 "score"):
        window.show_tab(name)
        qtbot.wait(1)
        problems += [f"{name}: {p}" for p in fits(window, screen, hint=False)]
    assert problems == []


DIALOGS = [
    ("desktop.ui.safety.backup_dialogs", "BackupListDialog", lambda w: (w.database, w)),
    ("desktop.ui.safety.backup_dialogs", "RestoreDialog",
     lambda w: (w.database.path, lambda: None, lambda: None, w)),
    ("desktop.ui.safety.health", "CheckDialog", lambda w: (w.database.path, w)),
    ("desktop.ui.exchange.intake_dialogs", "MakeFormsDialog",
     lambda w: (w.database, w.bus, w.unit_code, w.period_code, w)),
    ("desktop.ui.exchange.intake_dialogs", "LoadFormsDialog", lambda w: (w.database, w.bus, w)),
    ("desktop.ui.exchange.package_dialogs", "ExportPackageDialog",
     lambda w: (w.database, w, w.unit_code, w.period_code)),
    ("desktop.ui.exchange.package_dialogs", "ImportPackagesDialog", lambda w: (w.database, w.bus, w)),
    ("desktop.ui.exchange.keys_dialog", "TrustedKeysDialog", lambda w: (w.database, w.bus, w)),
    ("desktop.ui.exchange.export_dialog", "ExportDialog",
     lambda w: (w.database, w.bus, w.unit_code, w.period_code, w)),
    ("desktop.ui.safety.audit_view", "AuditDialog", lambda w: (w.database, w)),
    ("desktop.ui.safety.users_dialog", "UsersDialog", lambda w: (w.database, w.bus, w)),
    ("desktop.ui.office_dialog", "OfficeTextsDialog", lambda w: (w.database, w)),
    ("desktop.ui.plans.plan_text_dialog", "PlanTextDialog", lambda w: (w.database, w)),
    ("desktop.ui.exchange.template_designer", "TemplateDesigner",
     lambda w: (w.database, w.unit_code, w.period_code, w)),
    ("desktop.ui.assess.score_set_dialog", "SetEditor", lambda w: (w.database, "", w)),
]


@pytest.mark.parametrize("module, name, arguments", DIALOGS, ids=[d[1] for d in DIALOGS])
def test_every_dialog(qtbot, demo_db, screen, module, name, arguments):
    from desktop.ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    dialog = getattr(importlib.import_module(module), name)(*arguments(window))
    qtbot.addWidget(dialog)
    if name == "CheckDialog":
        dialog._checked = True  # the check itself is tested elsewhere
    dialog.show()
    assert fits(dialog, screen) == []
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc closes every dialog
    assert not dialog.isVisible()


def test_wizard_and_guide(qtbot, tmp_path, screen):
    from desktop.data.database import open_database
    from desktop.ui.help_window import guide_dialog
    from desktop.ui.wizard import SetupWizard

    database = open_database(tmp_path / "new.sqlite")
    wizard = SetupWizard(database)
    qtbot.addWidget(wizard)
    wizard.show()
    problems = []
    for _page in range(4):
        problems += fits(wizard, screen)
        wizard.next()
    guide = guide_dialog(None)
    qtbot.addWidget(guide)
    guide.show()
    problems += fits(guide, screen)
    database.close()
    assert problems == []
