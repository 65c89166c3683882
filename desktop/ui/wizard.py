"""The first-run wizard: province, the office's own unit, plans, subordinate units.

Offers "Mở bản demo" for a first look: the demo is built in a new file in
the data folder and opened instead.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from desktop.data.backup import auto_backup
from desktop.data.database import Database, open_database
from desktop.data.models import LEVELS
from desktop.data.units import level_name
from desktop.errors import UserError
from desktop.i18n import t
from desktop.paths import data_dir
from desktop.text import loose_key
from desktop.ui import dialogs


def official_provinces() -> list[tuple[str, int]]:
    from vietnam_provinces import Province

    return [(p.name, int(p.code)) for p in Province.iter_all()]


def official_wards(province_code: int) -> list[tuple[str, str]]:
    """(code, name) of the current wards and communes of a province (2-level structure)."""
    from vietnam_provinces import Province, Ward

    code = next(p.code for p in Province.iter_all() if int(p.code) == province_code)
    return [(f"X{int(w.code):05d}", w.name) for w in Ward.iter_by_province(code)]


def parse_typed_units(text: str, default_level: str) -> list[tuple[str, str, str]]:
    """Lines "CODE; Name[; level]" → (code, name, level); UserError naming a bad line."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.replace("\t", ";").split(";")]
        if len(parts) < 2 or not parts[0] or not parts[1]:
            raise UserError(t(f"Dòng {number}: cần “Mã; Tên” (ví dụ “X01; Xã An Nông”).",
                              f"Line {number}: expected “Code; Name” (e.g. “X01; An Nong”)."))
        typed = parts[2] if len(parts) > 2 and parts[2] else default_level
        level = loose_key(typed)  # "huyện", "Huyện" and "huyen" alike
        if level not in LEVELS:
            raise UserError(t(f"Dòng {number}: cấp “{typed}” không hợp lệ (tỉnh, huyện, xã).",
                              f"Line {number}: invalid level “{typed}” (tinh, huyen, xa)."))
        found.append((parts[0], parts[1], level))
    return found


class SetupWizard(QWizard):
    def __init__(self, database: Database):
        super().__init__()
        self.database = database
        self.result_database: Database | None = None
        self.setWindowTitle(t("Thiết lập lần đầu", "First-run setup"))
        dialogs.fit_to_screen(self, 760, 560)
        self.setButtonText(QWizard.WizardButton.NextButton, t("Tiếp >", "Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, t("< Quay lại", "< Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, t("Hoàn tất", "Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, t("Hủy", "Cancel"))
        self.addPage(self._welcome_page())
        self.addPage(self._office_page())
        self.plans_page_id = self.addPage(self._plans_page())
        self.addPage(self._units_page())
        self.currentIdChanged.connect(self._page_shown)

    def _welcome_page(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(t("Chào mừng", "Welcome"))
        layout = QVBoxLayout(page)
        text = QLabel(t("Chương trình theo dõi việc thực hiện kế hoạch ứng dụng CNTT của tỉnh "
                        "theo các chỉ tiêu hằng năm. Hãy khai báo cơ quan của bạn, hoặc mở bản "
                        "demo (Huyện Triệu Sơn, Thanh Hóa) để xem thử.",
                        "This program tracks the province's IT application plan against its "
                        "yearly targets. Set up your office, or open the demo (Triệu Sơn "
                        "district, Thanh Hóa) for a first look."))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.demo_button = QPushButton(t("Mở bản demo", "Open demo"))
        self.demo_button.clicked.connect(self.open_demo)
        layout.addWidget(self.demo_button)
        layout.addStretch(1)
        return page

    def _office_page(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(t("Tỉnh và cơ quan của bạn", "Province and your office"))
        form = QFormLayout(page)
        self.province_box = dialogs.compact_combo(QComboBox())
        self.province_box.setEditable(True)
        for name, code in official_provinces():
            self.province_box.addItem(name, code)
        self.province_box.setToolTip(t("Chọn từ danh mục hiện hành, hoặc gõ tên tỉnh cũ.",
                                       "Pick from the current list, or type a historical name."))
        self.unit_code = QLineEdit()
        self.unit_name = QLineEdit()
        self.level_box = QComboBox()
        for level in LEVELS:
            self.level_box.addItem(level_name(level), level)
        form.addRow(t("Tỉnh / thành phố:", "Province:"), self.province_box)
        form.addRow(t("Mã đơn vị của bạn:", "Your unit's code:"), self.unit_code)
        form.addRow(t("Tên đơn vị của bạn:", "Your unit's name:"), self.unit_name)
        form.addRow(t("Cấp:", "Level:"), self.level_box)
        return page

    def _plans_page(self) -> QWizardPage:
        from desktop.data.catalogue import plan_files, read_toml

        page = QWizardPage()
        page.setTitle(t("Kế hoạch cần theo dõi", "Plans to track"))
        layout = QVBoxLayout(page)
        self.plan_list = QListWidget()
        self.plan_list.setWordWrap(True)  # long titles on two lines, no sideways scrolling
        self.plan_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.plan_provinces: dict[str, str] = {}
        for code, path in plan_files().items():
            plan = read_toml(path)
            title = plan.get("title", "") or code
            item = QListWidgetItem(t(title, plan.get("title_en") or title))
            item.setToolTip(t(f"Mã: {code}", f"Code: {code}"))
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.plan_list.addItem(item)
            self.plan_provinces[code] = loose_key(str(plan.get("province", "")))
        self.plans_checked_by_hand = False
        self.plan_list.itemChanged.connect(self._plan_checked)
        layout.addWidget(self.plan_list)
        return page

    def _plan_checked(self, _item) -> None:  # noqa: ANN001
        self.plans_checked_by_hand = True

    def _page_shown(self, page_id: int) -> None:
        """On reaching the plans, those of the chosen province are checked, until the
        user checks or unchecks one."""
        if page_id != self.plans_page_id or self.plans_checked_by_hand:
            return
        province = loose_key(self.province_box.currentText())
        self.plan_list.blockSignals(True)
        for index in range(self.plan_list.count()):
            item = self.plan_list.item(index)
            own = self.plan_provinces.get(item.data(Qt.ItemDataRole.UserRole), "")
            item.setCheckState(Qt.CheckState.Checked if own and own in province
                               else Qt.CheckState.Unchecked)
        self.plan_list.blockSignals(False)

    def _units_page(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(t("Các đơn vị trực thuộc", "Subordinate units"))
        layout = QVBoxLayout(page)
        self.load_wards = QPushButton(t("Lấy danh sách xã, phường chính thức của tỉnh",
                                        "Load the province's official communes and wards"))
        self.load_wards.clicked.connect(self.fill_wards)
        self.units_text = QPlainTextEdit()
        self.units_text.setPlaceholderText(t("Mỗi dòng một đơn vị: Mã; Tên; cấp (tỉnh, huyện, xã)",
                                             "One unit per line: Code; Name; level"))
        layout.addWidget(self.load_wards)
        layout.addWidget(self.units_text)
        return page

    def fill_wards(self) -> None:
        code = self.province_box.currentData()
        if self.province_box.currentText() != self.province_box.itemText(
                self.province_box.currentIndex()) or code is None:
            dialogs.show_error(self, t("Danh sách chính thức chỉ có cho tỉnh hiện hành; "
                                       "hãy gõ các đơn vị.", "The official list covers current "
                                       "provinces only; type the units."))
            return
        self.units_text.setPlainText("\n".join(f"{c}; {n}; xã" for c, n in official_wards(code)))

    def chosen_plans(self) -> list[str]:
        return [self.plan_list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.plan_list.count())
                if self.plan_list.item(i).checkState() == Qt.CheckState.Checked]

    def reject(self) -> None:
        """Cancel or Esc: leave only when the officer says so (nothing is kept)."""
        if dialogs.confirm(self, t("Thoát thiết lập? Chưa có gì được lưu; lần mở sau chương "
                                   "trình sẽ hỏi lại.", "Leave the set-up? Nothing has been "
                                   "saved; the program asks again next time.")):
            super().reject()

    def accept(self) -> None:
        try:
            self.save()
        except UserError as exc:
            dialogs.show_error(self, exc.message, exc.problems)
            return
        self.result_database = self.database
        super().accept()

    def save(self) -> None:
        """Set up the office and its units in one transaction."""
        from desktop.data.office import init_office
        from desktop.data.units import add_unit

        level = self.level_box.currentData()
        typed = parse_typed_units(self.units_text.toPlainText(), "xa")
        province = self.province_box.currentText().strip()
        if not province:
            raise UserError(t("Hãy chọn hoặc gõ tên tỉnh.", "Choose or type the province."))
        official = self.province_box.findText(province)
        code = self.province_box.itemData(official) if official >= 0 else None
        with self.database.session() as session:
            init_office(session, province=province, unit_code=self.unit_code.text(),
                        unit_name=self.unit_name.text(), level=level, plans=self.chosen_plans(),
                        province_code=f"T{code:02d}" if code is not None else None)
            for order, (code, name, unit_level) in enumerate(typed, 1):
                add_unit(session, code, name, unit_level, "area", self.unit_code.text().strip(),
                         order=order)
        if self.database.path is not None:
            auto_backup(self.database.path, "setup")  # the first copy, from day one

    def open_demo(self) -> None:
        from desktop.ui.jobs import run_job

        path = data_dir() / f"demo-{dt.datetime.now():%Y%m%d-%H%M%S}.sqlite"
        database = run_job(self, t("Đang tạo bản demo…", "Building the demo…"), build_demo_file,
                           str(path))
        if database is not None:
            self.result_database = open_database(database)
            QWizard.accept(self)


def build_demo_file(path: str, progress=None) -> str:
    """Build the demo in a new file (in a worker thread); its path."""
    from desktop.data.demo import build_demo

    database = open_database(path)
    try:
        with database.session() as session:
            build_demo(session)
    finally:
        database.close()
    auto_backup(Path(path), "setup")
    return path


def run_wizard(database: Database) -> Database | None:
    """Show the wizard; the database to open (this one set up, or the demo), or None."""
    wizard = SetupWizard(database)
    wizard.exec()
    return wizard.result_database
