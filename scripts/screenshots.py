"""Render every tab of the program on the demo database into docs/screenshots/*.png.

Usage: python scripts/screenshots.py [--db DEMO.sqlite] [--out docs/screenshots]
                                     [--only NAME …]
Without --db a fresh demo is built in a temporary folder. Runs offscreen at
1366×768, the commonest office laptop screen.
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

SIZE = (1366, 768)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--only", nargs="+", help="render only these shots (e.g. 8-xep-hang)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as home:
        os.environ["ITPLAN_HOME"] = home
        return render(args.db or build_demo_file(Path(home) / "demo.sqlite"), Path(args.out),
                      args.only)


def build_demo_file(path: Path) -> str:
    from desktop.data.database import open_database
    from desktop.data.demo import build_demo

    database = open_database(path)
    with database.session() as session:
        build_demo(session)
    database.close()
    from desktop.data.backup import auto_backup

    auto_backup(path, "setup")  # as `itplan demo` does
    return str(path)


def render(db_path: str, out: Path, only: list[str] | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    from desktop.data.database import open_database
    from desktop.i18n import set_language
    from desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    set_language("vi")
    out.mkdir(parents=True, exist_ok=True)
    window = MainWindow(open_database(db_path))
    window.resize(*SIZE)
    window.show()
    shots = [("1-nhap-lieu", "entry", "H38TS", "2025Q3"),
             ("2-tien-do", "progress", "H38TS", "2020"),
             ("3-ke-hoach", "plans", "H38TS", "2020"),
             ("4-don-vi", "units", "H38TS", "2020"),
             ("5-duyet-so-lieu", "submission", "H38TS", "2024"),
             ("7-bieu-do", "charts", "H38TS", "2020"),
             ("8-xep-hang", "score", "H38TS", "2024"),
             ("9-xep-hang-bieu-do", "score", "H38TS", "2024")]
    for name, tab, unit, period in shots:
        if only and name not in only:
            continue
        window.set_context(unit, period)
        widget = window.show_tab(tab)
        prepare(name, widget)
        for _ in range(3):  # the charts tab draws on the event loop's next turns
            app.processEvents()
        window.grab().save(str(out / f"{name}.png"))
        print(out / f"{name}.png")
    if only:
        return 0
    window.show_tab("entry")
    window.set_context("H38TS", "2025")
    app.processEvents()
    window.grab().save(str(out / "6-nhap-lieu-nam.png"))
    render_wizard(app, out)
    render_designer(app, window.database, out)
    return 0


def prepare(name: str, widget) -> None:
    """Put each tab in the state that shows what it does."""
    if name == "2-tien-do":
        widget.view.expand(widget.model.index(0, 0))
    if name == "1-nhap-lieu":
        widget.view.setCurrentIndex(widget.model.index(0, 0))
    if name == "3-ke-hoach":
        widget.plan_box.setCurrentIndex(widget.plan_box.findData("TH-2016"))
    if name == "5-duyet-so-lieu":
        widget.element_box.setCurrentIndex(widget.element_box.findData("BUDGET_SPENT"))
    if name.startswith("8-xep-hang") or name.startswith("9-xep-hang"):
        widget.set_box.setCurrentIndex(widget.set_box.findData("VD-DTI-XA"))
        widget.view.selectRow(2)
        widget.right_tabs.setCurrentIndex(1 if name.startswith("9") else 0)


def render_wizard(app, out: Path) -> None:
    from desktop.data.database import open_database
    from desktop.ui.wizard import SetupWizard

    with tempfile.TemporaryDirectory() as folder:
        database = open_database(Path(folder) / "new.sqlite")
        wizard = SetupWizard(database)
        wizard.resize(680, 380)
        wizard.show()
        wizard.next()
        wizard.unit_code.setText("H38TS")
        wizard.unit_name.setText("Huyện Triệu Sơn")
        wizard.province_box.setCurrentIndex(wizard.province_box.findText("Thanh Hóa"))
        wizard.level_box.setCurrentIndex(wizard.level_box.findData("huyen"))
        app.processEvents()
        wizard.grab().save(str(out / "0-thiet-lap.png"))
        wizard.close()
        database.close()


def render_designer(app, database, out: Path) -> None:
    """Báo cáo → Thiết kế mẫu… on a sample form, with a units row being designed."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill

    from desktop.ui.template_designer import TemplateDesigner

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
        designer.resize(*SIZE)
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
