"""Tiến độ: per indicator the target, the actual, % of target and the status;
expand a row for the units under it (lagging first); double-click shows the
values behind a number in the entry grid."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLabel, QTreeView, QVBoxLayout, QWidget

from desktop.data.database import Database
from desktop.data.office import get_office
from desktop.data.queries import in_language, indicators, plans
from desktop.i18n import t
from desktop.periods import parse_period
from desktop.ui import dialogs, settings
from desktop.ui.bus import DataBus
from desktop.ui.progress.progress_model import ProgressModel


def read_ahead(session) -> None:  # noqa: ANN001 - a Session
    """What the tab's first showing reads, read in idle time after start-up (the main
    window's warm-up): the plans and indicators, their statements compiled once."""
    plans(session)
    indicators(session)


class ProgressTab(QWidget):
    jump_requested = Signal(str, str, str)  # unit, period, element

    def __init__(self, database: Database, bus: DataBus, parent: QWidget | None = None):
        super().__init__(parent)
        self.database, self.bus = database, bus
        self.unit_code = self.period_code = ""
        self.elements: dict[str, str] = {}
        self.plan_box = dialogs.compact_combo(QComboBox(), 30)
        self.plan_box.currentIndexChanged.connect(lambda _i: self._plan_chosen())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.plan_note = QLabel()
        self.plan_note.setWordWrap(True)
        self.plan_note.setStyleSheet("color: #7a4b00; background: #fff3cd; padding: 4px;")
        self.plan_note.hide()
        self.model = ProgressModel()
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformRowHeights(True)
        self.view.setExpandsOnDoubleClick(False)
        self.view.doubleClicked.connect(self._jump)
        self.view.header().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)  # a click on a header sorts; lagging first until then
        top = QHBoxLayout()
        top.addWidget(QLabel(t("Kế hoạch:", "Plan:")))
        top.addWidget(self.plan_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.plan_note)
        layout.addWidget(self.summary)
        layout.addWidget(self.view)
        self._plans_loaded = False

    def set_context(self, unit_code: str, period_code: str) -> None:
        self.unit_code, self.period_code = unit_code, period_code
        self.refresh("values")  # the plans list is loaded once, then on plan changes

    def refresh(self, what: str = "all") -> None:
        if what in ("plans", "all") or not self._plans_loaded:
            self._load_plans()
        self._load_rows()

    def _load_plans(self) -> None:
        with self.database.session() as session:
            rows = plans(session)
            office = get_office(session)
            rows_of_indicators = indicators(session)
        self.elements = {i["code"]: i["numerator"] or i["element"] or ""
                         for i in rows_of_indicators}
        self.model.names = {i["code"]: i["name"] for i in rows_of_indicators}
        wanted = self.plan_box.currentData() or settings.get("plan") or (
            office.plans[0] if office and office.plans else "")
        self.plan_box.blockSignals(True)
        self.plan_box.clear()
        for row in rows:
            dialogs.add_named_item(self.plan_box, row["title"], row["code"])
        found = self.plan_box.findData(wanted)
        self.plan_box.setCurrentIndex(max(found, 0))
        self.plan_box.blockSignals(False)
        self._plans_loaded = True

    def _plan_chosen(self) -> None:
        settings.put("plan", self.plan_box.currentData() or "")
        self._load_rows()

    def _load_rows(self) -> None:
        from desktop.engine.progress import progress

        plan = self.plan_box.currentData()
        if not plan or not self.unit_code:
            self.model.load([])
            return
        from desktop.engine.plan_span import plan_note_for

        with self.database.session() as session:
            rows = in_language(session, progress(session, plan, self.unit_code,
                                                 self.period_code, by_unit=True))
            note = plan_note_for(session, plan, self.period_code)
        self.plan_note.setText(note)
        self.plan_note.setVisible(bool(note))
        self.model.load(rows)
        header = self.view.header()
        if header.sortIndicatorSection() >= 0:
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self._show_summary(rows)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def _show_summary(self, rows) -> None:
        main = [r for r in rows if r.parent is None]
        counts = {s: sum(1 for r in main if r.status == s)
                  for s in ("achieved", "on_track", "at_risk", "behind", "no_data", "no_target")}
        label = parse_period(self.period_code).label()
        self.summary.setText(t(
            f"{label}: {len(main)} chỉ tiêu — đạt {counts['achieved']}, đúng tiến độ "
            f"{counts['on_track']}, có nguy cơ {counts['at_risk']}, chậm {counts['behind']}, "
            f"chưa có số liệu {counts['no_data']}, chưa có mục tiêu {counts['no_target']}. Mở một dòng để xem từng đơn vị (chậm nhất "
            "trước); nhấp đúp để xem số liệu.",
            f"{label}: {len(main)} indicators — achieved {counts['achieved']}, on track "
            f"{counts['on_track']}, at risk {counts['at_risk']}, behind {counts['behind']}, "
            f"no data {counts['no_data']}, no target {counts['no_target']}. Expand a row for each unit (lagging first); "
            "double-click to see the values."))

    def _jump(self, index) -> None:
        row = self.model.row_at(index)
        if row is not None:
            self.jump_requested.emit(row.unit, self.period_code,
                                     self.elements.get(row.indicator, ""))
