"""The two intake dialogs of the menu "Dữ liệu": Tạo phiếu… and Nhập phiếu….

- `MakeFormsDialog(database, bus, unit_code, period_code, parent=None)`
  (desktop/ui/intake_make_dialog.py): one Excel form per unit under a unit;
- `LoadFormsDialog(database, bus, parent=None)`
  (desktop/ui/intake_load_dialog.py): drop filled forms, preview every file
  and its problems, load the good ones, emit `bus.changed("values")`.
"""

from __future__ import annotations

from desktop.ui.intake_load_dialog import LoadFormsDialog
from desktop.ui.intake_make_dialog import MakeFormsDialog

__all__ = ["LoadFormsDialog", "MakeFormsDialog"]
