"""Render every tab and dialog of the program on the demo database into PNG files.

Usage:
    QT_SCALE_FACTOR=1.25 python scripts/screenshots.py --screen 1366x768
    python scripts/screenshots.py --screen 1024x768
Each run writes docs/screenshots/<screen>/*.png: the main window filling the
screen (1366×768 at Windows' 125 % scaling is 1093×614 logical pixels, the
commonest office laptop; 1024×768 at 100 % the smallest), every tab, every
dialog and the first-run wizard. Without --db a fresh demo is built in a
temporary folder. Runs offscreen.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LOGICAL = {"1366x768": (1093, 614), "1024x768": (1024, 768)}  # the usable logical screen
TASKBAR = 40  # the Windows task bar, in logical pixels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--screen", choices=list(LOGICAL), default="1366x768")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as home:
        os.environ["ITPLAN_HOME"] = home
        database = args.db or build_demo_file(Path(home) / "demo.sqlite")
        return render(database, args.screen, Path(args.out) / args.screen)


def build_demo_file(path: Path) -> str:
    from desktop.data.backup import auto_backup
    from desktop.data.database import open_database
    from desktop.data.demo import build_demo

    database = open_database(path)
    with database.session() as session:
        build_demo(session)
    database.close()
    auto_backup(path, "setup")  # as `itplan demo` does
    return str(path)


TABS = [  # file, tab, unit, period
    ("0-tong-quan", "overview", "T38", "2026Q3"),
    ("1-nhap-lieu", "entry", "T38", "2026Q3"),
    ("2-tien-do", "progress", "H38TS", "2020"),
    ("2b-tien-do-ke-hoach-het-han", "progress", "T38", "2026"),
    ("3-ke-hoach", "plans", "T38", "2026"),
    ("4-don-vi", "units", "T38", "2026"),
    ("5-duyet-so-lieu", "submission", "H38TS", "2024"),
    ("6-nhap-lieu-nam", "entry", "H38TS", "2024"),
    ("7-bieu-do", "charts", "H38TS", "2020"),
    ("8-xep-hang", "score", "H38TS", "2024"),
    ("9-xep-hang-bieu-do", "score", "H38TS", "2024"),
]


def render(db_path: str, screen: str, out: Path) -> int:
    from PySide6.QtWidgets import QApplication

    from desktop.data.database import open_database
    from desktop.i18n import set_language
    from desktop.ui import dialogs
    from desktop.ui.main_window import MainWindow

    width, height = LOGICAL[screen]
    dialogs.available_size = lambda widget=None: (width, height - TASKBAR)
    app = QApplication.instance() or QApplication([])
    set_language("vi")
    dialogs.apply_locale()
    out.mkdir(parents=True, exist_ok=True)
    window = MainWindow(open_database(db_path))
    window.resize(width, height - TASKBAR - 30)
    window.show()
    for name, tab, unit, period in TABS:
        window.set_context(unit, period)
        widget = window.show_tab(tab)
        prepare(name, widget)
        settle(app)
        save(window, out / f"{name}.png")
    render_dialogs(app, window, out)
    render_wizard(app, out)
    render_designer(app, window.database, (width, height - TASKBAR - 30), out)
    return 0


def settle(app) -> None:  # noqa: ANN001
    """Let timers (the overview's chart, the charts tab's drawing) run."""
    from PySide6.QtCore import QEventLoop, QTimer

    for _ in range(3):
        loop = QEventLoop()
        QTimer.singleShot(200, loop.quit)
        loop.exec()
        app.processEvents()


def save(widget, path: Path) -> None:  # noqa: ANN001
    widget.grab().save(str(path))
    print(path)


def prepare(name: str, widget) -> None:  # noqa: ANN001
    """Put each tab in the state that shows what it does."""
    if name.startswith("2-tien-do"):
        widget.plan_box.setCurrentIndex(widget.plan_box.findData("TH-2016"))
        widget.view.expand(widget.model.index(0, 0))
    if name == "2b-tien-do-ke-hoach-het-han":
        widget.plan_box.setCurrentIndex(widget.plan_box.findData("TH-2016"))
    if name in ("1-nhap-lieu", "6-nhap-lieu-nam"):
        widget.view.setCurrentIndex(widget.model.index(0, 0))
    if name == "3-ke-hoach":
        widget.plan_box.setCurrentIndex(widget.plan_box.findData("DEMO-CDS-2026"))
    if name == "5-duyet-so-lieu":
        widget.element_box.setCurrentIndex(widget.element_box.findData("BUDGET_SPENT"))
    if name.startswith("8-xep-hang") or name.startswith("9-xep-hang"):
        widget.set_box.setCurrentIndex(widget.set_box.findData("VD-DTI-XA"))
        widget.view.selectRow(2)
        widget.right_tabs.setCurrentIndex(1 if name.startswith("9") else 0)


PLAN_TEXT = """Kế hoạch chuyển đổi số xã Thọ Bình năm 2026
Phấn đấu đến hết năm 2026 đạt 100% văn bản giữa các cơ quan được gửi nhận dưới dạng
điện tử; tối thiểu 85% hồ sơ thủ tục hành chính được xử lý trực tuyến.
Ít nhất 90% cán bộ, công chức được bồi dưỡng kỹ năng số (năm 2025 là 70%).
"""


def render_dialogs(app, window, out: Path) -> None:  # noqa: ANN001
    import importlib

    from PySide6.QtWidgets import QMessageBox

    from desktop.ui import dialogs
    from desktop.ui.help_window import guide_dialog

    w = window
    window.set_context("T38", "2026Q3")
    shots = [
        ("d-xuat-bao-cao", "desktop.ui.exchange.export_dialog", "ExportDialog",
         (w.database, w.bus, "T38", "2026", w)),
        ("d-tao-phieu", "desktop.ui.exchange.intake_dialogs", "MakeFormsDialog",
         (w.database, w.bus, "T38", "2026Q4", w)),
        ("d-nhap-phieu", "desktop.ui.exchange.intake_dialogs", "LoadFormsDialog", (w.database, w.bus, w)),
        ("d-gui-goi", "desktop.ui.exchange.package_dialogs", "ExportPackageDialog",
         (w.database, w, "T38", "2026Q3")),
        ("d-nhan-goi", "desktop.ui.exchange.package_dialogs", "ImportPackagesDialog",
         (w.database, w.bus, w)),
        ("d-khoa-tin-cay", "desktop.ui.exchange.keys_dialog", "TrustedKeysDialog", (w.database, w.bus, w)),
        ("d-cac-ban-sao-luu", "desktop.ui.safety.backup_dialogs", "BackupListDialog", (w.database, w)),
        ("d-khoi-phuc", "desktop.ui.safety.backup_dialogs", "RestoreDialog",
         (w.database.path, lambda: None, lambda: None, w)),
        ("d-kiem-tra-du-lieu", "desktop.ui.safety.health", "CheckDialog", (w.database.path, w)),
        ("d-nhat-ky", "desktop.ui.safety.audit_view", "AuditDialog", (w.database, w)),
        ("d-nguoi-dung", "desktop.ui.safety.users_dialog", "UsersDialog", (w.database, w.bus, w)),
        ("d-thong-tin-co-quan", "desktop.ui.office_dialog", "OfficeTextsDialog", (w.database, w)),
    ]
    shots.append(("d-nhap-ke-hoach-van-ban", "desktop.ui.plans.plan_text_dialog", "PlanTextDialog",
                  (w.database, w)))
    for name, module, cls, arguments in shots:
        dialog = getattr(importlib.import_module(module), cls)(*arguments)
        if cls == "PlanTextDialog":
            dialog.text.setPlainText(PLAN_TEXT)
            dialog.read_text()
        if cls == "CheckDialog":
            dialog._checked = True
            dialog.show()
            dialog.run_check()
        dialog.show()
        settle(app)
        save(dialog, out / f"{name}.png")
        dialog.close()
    from desktop.ui.office_dialog import show_about  # noqa: F401 - the same box, not run

    about = dialogs.message_box(window, QMessageBox.Icon.Information, "")
    from desktop import __version__

    about.setText(f"<b>{dialogs.app_title()}</b><br>Phiên bản {__version__}<br><br>Theo dõi kế "
                  "hoạch ứng dụng CNTT và chuyển đổi số trong cơ quan nhà nước, hoàn toàn "
                  "ngoại tuyến.")
    about.show()
    settle(app)
    save(about, out / "d-gioi-thieu.png")
    about.close()
    guide = guide_dialog(window)
    guide.show()
    settle(app)
    save(guide, out / "d-huong-dan.png")
    guide.close()
    render_print_preview(app, window, out)


def render_print_preview(app, window, out: Path) -> None:  # noqa: ANN001
    """The print preview of a chart, with Qt's own toolbar in Vietnamese."""
    from desktop.ui.charts import chart_printing

    window.set_context("H38TS", "2020")
    charts = window.show_tab("charts")
    settle(app)
    chart_printing.open_preview = lambda dialog: dialog.show()
    preview = chart_printing.print_with_preview(window, charts.paper_figure())
    settle(app)
    save(preview, out / "d-xem-truoc-khi-in.png")
    preview.close()


def render_wizard(app, out: Path) -> None:  # noqa: ANN001
    from desktop.data.database import open_database
    from desktop.ui.wizard import SetupWizard

    with tempfile.TemporaryDirectory() as folder:
        database = open_database(Path(folder) / "new.sqlite")
        wizard = SetupWizard(database)
        wizard.show()
        save(wizard, out / "0-thiet-lap-1.png")
        wizard.next()
        wizard.unit_code.setText("X15667")
        wizard.unit_name.setText("Xã Thọ Bình")
        wizard.province_box.setCurrentIndex(wizard.province_box.findText("Thanh Hóa"))
        wizard.level_box.setCurrentIndex(wizard.level_box.findData("xa"))
        app.processEvents()
        save(wizard, out / "0-thiet-lap-2.png")
        wizard.next()
        app.processEvents()
        save(wizard, out / "0-thiet-lap-3.png")
        wizard.done(0)
        database.close()


def render_designer(app, database, size: tuple[int, int], out: Path) -> None:  # noqa: ANN001
    """Báo cáo → Thiết kế mẫu… on a sample form, with a units row being designed."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill

    from desktop.ui.exchange.template_designer import TemplateDesigner

    with tempfile.TemporaryDirectory() as folder:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Biểu 02"
        ws["A1"], ws["E1"] = "UBND HUYỆN ……", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        ws.merge_cells("E1:H1")
        ws["A3"] = "BÁO CÁO KẾT QUẢ ỨNG DỤNG CNTT"
        ws.merge_cells("A3:H3")
        ws["A3"].alignment = Alignment(horizontal="center")
        ws["A4"] = "Kỳ báo cáo: ……"
        ws.merge_cells("A4:H4")
        for column, text in enumerate(["STT", "Đơn vị", "Cán bộ có máy tính", "Tổng số cán bộ",
                                       "Tỷ lệ (%)", "Mục tiêu", "Đánh giá", "Ghi chú"], 1):
            cell = ws.cell(6, column, text)
            cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
        for cell in ("A1", "E1", "A3"):
            ws[cell].font = Font(bold=True)
        ws["A9"], ws["C9"] = "Tổng cộng", "=SUM(C7:C7)"
        ws["F11"] = "……, ngày … tháng … năm …"
        ws.merge_cells("F11:H11")
        for letter, width in zip("ABCDEFGH", (6, 34, 12, 12, 10, 10, 14, 14), strict=True):
            ws.column_dimensions[letter].width = width
        wb.save(Path(folder) / "bieu-02.xlsx")
        designer = TemplateDesigner(database, "H38TS", "2024", path=Path(folder) / "bieu-02.xlsx")
        designer.resize(*size)
        designer.show()
        for row, column, key, code in [(4, 1, "period.label", None), (7, 1, "row.no", None),
                                       (7, 2, "unit.name", None), (7, 3, "num", "STAFF_PC_RATE"),
                                       (7, 4, "den", "STAFF_PC_RATE"), (7, 5, "value", "STAFF_PC_RATE"),
                                       (7, 1, "each:units", None)]:
            designer.grid.setCurrentCell(row - 1, column - 1)
            designer.choose(key, code)
            designer.place_choice()
        designer.grid.setCurrentCell(6, 5)
        designer.choose("target", "STAFF_PC_RATE")
        designer.grid.scrollToTop()
        app.processEvents()
        designer.grab().save(str(out / "8-thiet-ke-mau.png"))
        designer.done(0)


if __name__ == "__main__":
    sys.exit(main())
