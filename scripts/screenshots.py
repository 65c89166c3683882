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


if __name__ == "__main__":
    sys.exit(main())
