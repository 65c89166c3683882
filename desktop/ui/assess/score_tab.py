"""Đánh giá, xếp hạng: the ranking of the units under the chosen unit for a year.

Left, the ranking (sortable; one subtotal per group, class, rank change
since last year). Right, the chosen unit's score card (each criterion, its
value, its points, what the next points need) with the assessor's entry
below it, and the ranking chart. Writes go through desktop.assess.store
(checked, audited, refused for an approved year).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.assess.model import AssessmentSet
from desktop.assess.scoring import UnitScore
from desktop.data.database import Database
from desktop.errors import UserError
from desktop.formats import format_plain, parse_typed
from desktop.i18n import t
from desktop.periods import parse_period
from desktop.ui import dialogs
from desktop.ui.bus import DataBus, announce
from desktop.ui.permissions import follow_rule
from desktop.ui.assess.score_model import SORT_ROLE, RankingModel, ScoreCardModel, rank_change
from desktop.ui.row_table import fit_columns_to_texts


class ScoreTab(QWidget):
    def __init__(self, database: Database, bus: DataBus, parent: QWidget | None = None):
        super().__init__(parent)
        self.database, self.bus = database, bus
        self.unit_code = self.period_code = ""
        self.assessment: AssessmentSet | None = None
        self.rows: list[UnitScore] = []
        self.chart_view = None
        self.sets: dict[str, AssessmentSet] = {}
        self._chart_stale = True
        self._build()

    # --- building -------------------------------------------------------------
    def _build(self) -> None:
        self.set_box = dialogs.compact_combo(QComboBox(), 24)
        self.set_box.currentIndexChanged.connect(lambda _i: self.reload())
        edit = QPushButton(t("Sửa bộ tiêu chí…", "Edit the set…"))
        edit.clicked.connect(self.edit_set)
        export = QPushButton(t("Xuất Excel (mẫu xếp hạng)…", "Export to Excel (ranking form)…"))
        export.clicked.connect(self.export)
        top = QHBoxLayout()
        top.addWidget(QLabel(t("Bộ tiêu chí:", "Assessment set:")))
        top.addWidget(self.set_box, 1)
        top.addWidget(edit)
        top.addWidget(export)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.ranking = RankingModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.ranking)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = _table(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setMinimumSectionSize(60)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.show_card())
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(self._right_side())
        splitter.setSizes([600, 660])
        layout.addWidget(splitter, 1)

    def _right_side(self) -> QWidget:
        self.card_label = QLabel()
        self.card_label.setWordWrap(True)
        self.card = ScoreCardModel()
        self.card_view = _table(self.card)
        # Wrapped cells grow when their column does, once the columns have settled.
        self.fit_card_rows = QTimer(self)
        self.fit_card_rows.setSingleShot(True)
        self.fit_card_rows.timeout.connect(self.card_view.resizeRowsToContents)
        self.card_view.horizontalHeader().sectionResized.connect(
            lambda column, _old, _new: column in (1, 4) and self.fit_card_rows.start(0))
        self.card_view.selectionModel().currentRowChanged.connect(lambda *_: self._pick_row())
        card_page = QWidget()
        card_layout = QVBoxLayout(card_page)
        card_layout.addWidget(self.card_label)
        card_layout.addWidget(self.card_view, 1)
        card_layout.addWidget(self._entry_box())
        chart_holder = QWidget()
        self.chart_area = QVBoxLayout(chart_holder)
        self.chart_area.setContentsMargins(0, 0, 0, 0)
        self.chart_page = QScrollArea()  # a chart of many units is as tall as they need
        self.chart_page.setWidgetResizable(True)
        self.chart_page.setFrameShape(QScrollArea.Shape.NoFrame)
        self.chart_page.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.chart_page.setWidget(chart_holder)
        self.right_tabs = QTabWidget()
        card_scroll = QScrollArea()  # the card and the entry form scroll on a small screen
        card_scroll.setWidgetResizable(True)
        card_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        card_scroll.setWidget(card_page)
        self.right_tabs.addTab(card_scroll, t("Phiếu điểm", "Score card"))
        self.right_tabs.addTab(self.chart_page, t("Biểu đồ xếp hạng", "Ranking chart"))
        self.right_tabs.currentChanged.connect(lambda _i: self.draw_chart())
        return self.right_tabs

    def _entry_box(self) -> QGroupBox:
        box = QGroupBox(t("Hội đồng chấm điểm (tiêu chí không đo bằng số liệu)",
                          "Assessor's score (criteria not measured by figures)"))
        form = QFormLayout(box)
        self.criterion_box = dialogs.compact_combo(QComboBox(), 20)
        self.points_edit = QLineEdit()
        self.note_edit = QLineEdit()
        self.evidence_edit = QLineEdit()
        self.save_button = QPushButton(t("Ghi điểm", "Record the score"))
        self.save_button.clicked.connect(self.save_score)
        form.addRow(t("Tiêu chí:", "Criterion:"), self.criterion_box)
        form.addRow(t("Điểm:", "Points:"), self.points_edit)
        form.addRow(t("Nhận xét:", "Note:"), self.note_edit)
        form.addRow(t("Minh chứng:", "Evidence:"), self.evidence_edit)
        form.addRow("", self.save_button)
        return box

    # --- context and loading ----------------------------------------------------
    def set_context(self, unit_code: str, period_code: str) -> None:
        self.unit_code, self.period_code = unit_code, period_code
        self.refresh("all")

    def refresh(self, what: str = "all") -> None:
        from desktop.assess.store import all_sets

        try:
            with self.database.session() as session:
                sets = all_sets(session)
        except UserError as exc:
            self.heading.setText(exc.message)
            return
        follow_rule(self.database, "enter_scores", [self.save_button])
        chosen = self.set_box.currentData()
        self.set_box.blockSignals(True)
        self.set_box.clear()
        for found in sets:
            self.set_box.addItem(found.name, found.code)
        index = max(self.set_box.findData(chosen), 0)
        self.set_box.setCurrentIndex(index)
        self.set_box.blockSignals(False)
        self.sets = {found.code: found for found in sets}
        self.reload()

    @property
    def year(self) -> str:
        return str(parse_period(self.period_code).year)

    def reload(self) -> None:
        from desktop.assess.scoring import score_units

        self.assessment = self.sets.get(self.set_box.currentData()) if self.set_box.count() else None
        if not (self.assessment and self.unit_code and self.period_code):
            return
        chosen = self.selected()
        try:
            with self.database.session() as session:
                self.rows = score_units(session, self.assessment, self.year, self.unit_code,
                                        with_previous=True)
        except UserError as exc:
            self.rows = []
            self.heading.setText(exc.message)
        else:
            self.heading.setText(self._heading_text())
        self.ranking.load(self.assessment, self.rows)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        fit_columns_to_texts(self.view, [self.ranking.texts(column) for column in
                                         range(self.ranking.columnCount())], most=None)
        self._load_criteria_box()
        self._select(chosen.unit if chosen else None)
        self._chart_stale = True
        self.draw_chart()

    def _heading_text(self) -> str:
        found = self.assessment
        example = t(" <b>Bộ ví dụ</b>: sao chép, đổi mã và điều chỉnh trước khi dùng.",
                    " <b>An example set</b>: copy, recode and adjust it before use.") \
            if found.example else ""
        if not self.rows:
            return t(f"Năm {self.year}: bộ này không áp dụng cho đơn vị nào trực thuộc đơn vị "
                     "đang chọn.", f"{self.year}: this set applies to no unit directly under "
                     "the chosen one.") + example
        lacking = sum(1 for row in self.rows if row.missing)
        return t(f"<b>Năm {self.year}</b> — {len(self.rows)} đơn vị, tối đa "
                 f"{format_plain(found.total)} điểm; {lacking} đơn vị còn tiêu chí thiếu số "
                 "liệu hoặc chưa chấm (tính 0 điểm, tô vàng).",
                 f"<b>{self.year}</b> — {len(self.rows)} units, at most "
                 f"{format_plain(found.total)} points; {lacking} units have criteria without "
                 "data or not scored (0 points, shaded).") + example

    def _load_criteria_box(self) -> None:
        self.criterion_box.clear()
        for criterion in self.assessment.criteria if self.assessment else []:
            if criterion.rule.kind == "assessor":
                self.criterion_box.addItem(f"{criterion.code} — {criterion.name} "
                                           f"(≤ {format_plain(criterion.max_points)})",
                                           criterion.code)

    def _select(self, unit: str | None) -> None:
        for number in range(self.proxy.rowCount()):
            row = self.ranking.rows[self.proxy.mapToSource(self.proxy.index(number, 0)).row()]
            if unit is None or row.unit == unit:
                self.view.selectRow(number)
                return
        self.show_card()

    def selected(self) -> UnitScore | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.ranking.rows[self.proxy.mapToSource(index).row()]

    # --- the score card -----------------------------------------------------------
    def show_card(self) -> None:
        row = self.selected()
        if row is None:
            self.card.load([])
            self.card_label.setText("")
            return
        self.card.load(row.criteria)
        header = self.card_view.horizontalHeader()
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 4):  # the criterion and what the next points need share the rest
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.card_view.setWordWrap(True)
        self.fit_card_rows.start(0)  # once the columns have settled (see _right_side)
        change = rank_change(row)
        since = t(f" (năm trước: hạng {row.previous_rank}, {change})",
                  f" (last year: rank {row.previous_rank}, {change})") if change else ""
        self.card_label.setText(t(
            f"<b>{row.unit_name}</b>: {format_plain(row.total)}/{format_plain(row.max_total)} "
            f"điểm, hạng {row.rank}{since}, xếp loại {row.band}.",
            f"<b>{row.unit_name}</b>: {format_plain(row.total)}/{format_plain(row.max_total)} "
            f"points, rank {row.rank}{since}, class {row.band}."))

    def _pick_row(self) -> None:
        """Choosing an assessor criterion in the card fills the entry with its score."""
        index = self.card_view.currentIndex()
        if not index.isValid():
            return
        criterion = self.card.rows[index.row()]
        at = self.criterion_box.findData(criterion.code)
        if at >= 0:
            self.criterion_box.setCurrentIndex(at)
            self.points_edit.setText("" if criterion.missing else format_plain(criterion.points))
            self.note_edit.setText(criterion.note)
            self.evidence_edit.setText(criterion.evidence)

    def save_score(self) -> bool:
        from desktop.assess.store import enter_score

        row, code = self.selected(), self.criterion_box.currentData()
        if row is None or not code or self.assessment is None:
            return False
        text = self.points_edit.text().strip()
        try:
            points = parse_typed(text)
        except ValueError:
            dialogs.show_error(self, t(f"Điểm “{text}” không phải một số.",
                                       f"Points “{text}” is not a number."))
            return False
        try:
            with self.database.session() as session:
                enter_score(session, self.assessment, code, row.unit, int(self.year), points,
                            self.note_edit.text(), self.evidence_edit.text())
        except UserError as exc:
            dialogs.show_error(self, exc.message, exc.problems)
            return False
        announce(self.bus, self, "values")
        self.reload()
        return True

    # --- the set, the file, the chart -------------------------------------------
    def edit_set(self) -> bool:
        from desktop.ui.assess.score_set_dialog import SetEditor

        if self.assessment is None:
            return False
        editor = SetEditor(self.database, self.assessment.source, self)
        if not editor.exec():
            return False
        announce(self.bus, self, "plans")
        self.refresh("plans")
        at = self.set_box.findData(editor.saved_code)
        if at >= 0:
            self.set_box.setCurrentIndex(at)
        return True

    def export(self, path: str | None = None) -> Path | None:
        from desktop.assess.export import export_ranking

        if self.assessment is None:
            return None
        path = path or dialogs.ask_save_file(
            self, t("Lưu bảng xếp hạng", "Save the ranking"),
            f"xep-hang-{self.assessment.code}-{self.year}.xlsx", "Excel (*.xlsx)")
        if not path:
            return None
        try:
            with self.database.session() as session:
                return export_ranking(session, self.assessment.code, self.year, Path(path),
                                      self.unit_code, force=True)
        except UserError as exc:
            dialogs.show_error(self, exc.message, exc.problems)
            return None

    def draw_chart(self) -> None:
        if self.right_tabs.currentWidget() is not self.chart_page or not self._chart_stale:
            return
        self._chart_stale = False
        if not self.rows or self.assessment is None:
            if self.chart_view is not None:
                self.chart_view.hide()
            return
        from desktop.assess.chart import ranking_chart
        from desktop.ui.charts.chart_view import ChartView

        # As wide as the page (its title wraps to fit), as tall as the bars need.
        chart = ranking_chart(self.assessment, self.rows, self._unit_name(), int(self.year))
        self.chart_view = ChartView.show_in(self.chart_area, self.chart_view, chart)

    def _unit_name(self) -> str:
        from desktop.data.units import unit_by_code

        with self.database.session() as session:
            return unit_by_code(session, self.unit_code).name


def read_ahead(session) -> None:  # noqa: ANN001 - a Session
    """What the tab's first showing reads, read in idle time after start-up (the main
    window's warm-up): the assessment sets, parsed and kept until the database's
    structure changes (desktop.data.cache)."""
    from desktop.assess.store import all_sets

    all_sets(session)


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setStretchLastSection(True)
    return view
