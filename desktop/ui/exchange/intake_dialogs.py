"""The two intake dialogs of the menu "Dữ liệu": Tạo phiếu… and Nhập phiếu….

- `MakeFormsDialog(database, bus, unit_code, period_code, parent=None)`
  (desktop/ui/exchange/intake_make_dialog.py): one Excel form per unit under a unit;
- `LoadFormsDialog(database, bus, parent=None)`
  (desktop/ui/exchange/intake_load_dialog.py): drop filled forms, preview every file
  and its problems, load the good ones, emit `bus.changed("values")`.

`add_intake_actions(window, menu)` puts both in a menu; the window gives
`database`, `bus`, `unit_code` and `period_code` (as for the export dialog).
"""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from desktop.i18n import t
from desktop.ui.exchange.intake_load_dialog import LoadFormsDialog
from desktop.ui.exchange.intake_make_dialog import MakeFormsDialog

__all__ = ["LoadFormsDialog", "MakeFormsDialog", "add_intake_actions", "open_load_forms_dialog",
           "open_make_forms_dialog"]


def add_intake_actions(window, menu: QMenu) -> None:
    """Dữ liệu → Tạo phiếu… / Nhập phiếu…"""
    make = menu.addAction(t("Tạo phiếu…", "Make forms…"))
    make.triggered.connect(lambda: open_make_forms_dialog(window))
    load = menu.addAction(t("Nhập phiếu…", "Load forms…"))
    load.triggered.connect(lambda: open_load_forms_dialog(window))


def open_make_forms_dialog(window) -> MakeFormsDialog:
    dialog = MakeFormsDialog(window.database, window.bus, window.unit_code, window.period_code,
                             window)
    dialog.open()
    return dialog


def open_load_forms_dialog(window) -> LoadFormsDialog:
    dialog = LoadFormsDialog(window.database, window.bus, window)
    dialog.open()
    return dialog
