"""The main window's menus for the jobs beside the tabs: reports, forms,
packages, backups, checks. Each action imports its dialog only when used,
so none of them costs anything at start-up.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMenu


def add_report_menu(window, menu: QMenu) -> None:
    """Báo cáo: the Excel export in the province's template."""
    from desktop.i18n import t

    export = menu.addAction(t("Xuất báo cáo Excel…", "Export Excel report…"))
    export.setShortcut("Ctrl+E")
    export.triggered.connect(lambda: open_export_dialog(window))


def open_export_dialog(window):
    from desktop.ui.export_dialog import ExportDialog

    dialog = ExportDialog(window.database, window.bus, window.unit_code, window.period_code, window)
    dialog.open()
    return dialog
