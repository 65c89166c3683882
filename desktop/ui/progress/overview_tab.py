"""Tổng quan: the first screen, answering "where do we stand".

The plan that applies to the period (and a note when it has ended), the
status counts of its indicators, the units lagging most (double-click one
to make it the current unit), how complete the latest period's reports
are, and the target chart — drawn a moment after the tab shows, so that
start-up does not wait for matplotlib.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QHeaderView, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.data.database import Database
from desktop.engine.status import STATUSES, status_name
from desktop.errors import UserError
from desktop.formats import format_percent
from desktop.i18n import t
from desktop.periods import parse_period
from desktop.ui.bus import DataBus
from desktop.ui.progress.progress_model import STATUS_COLOURS
from desktop.ui.row_table import Column, RowsModel, rows_view

CHART_HEIGHT = 420  # pixels: the target chart at a readable size on a small screen


class OverviewTab(QWidget):
    unit_requested = Signal(str)

    def __init__(self, database: Database, bus: DataBus, parent: QWidget | None = None):
        super().__init__(parent)
        self.database, self.bus = database, bus
        self.unit_code = self.period_code = ""
        self.result = None
        self.chart_view = None
        self._chart_timer = QTimer(self, singleShot=True, interval=150)
        self._chart_timer.timeout.connect(self.draw_chart)
        self._build()

    def _build(self) -> None:
        body = QWidget()
        self.column = QVBoxLayout(body)
        self.heading = _label()
        self.plan_note = _label("color: #7a4b00; background: #fff3cd; padding: 4px;")
        self.counts = QGridLayout()
        self.count_labels = {}
        for index, status in enumerate(STATUSES):
            label = QLabel()
            label.setStyleSheet(f"background: {STATUS_COLOURS[status]}; padding: 6px;")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.counts.addWidget(label, index // 3, index % 3)
            self.count_labels[status] = label
        self.lagging_title = _label()
        self.lagging = RowsModel([
            Column(lambda: t("Đơn vị", "Unit"), lambda u: u.unit_name),
            Column(lambda: t("Chậm", "Behind"), lambda u: u.behind, right=True),
            Column(lambda: t("Có nguy cơ", "At risk"), lambda u: u.at_risk, right=True),
            Column(lambda: t("Chưa có số liệu", "No data"), lambda u: u.no_data, right=True),
        ])
        self.lagging_view = rows_view(self.lagging)
        header = self.lagging_view.horizontalHeader()  # the names take the room, the counts
        header.setStretchLastSection(False)            # stay beside their headers
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.lagging_view.setMinimumHeight(150)
        self.lagging_view.doubleClicked.connect(self._unit_chosen)
        self.complete = _label()
        self.chart_holder = QVBoxLayout()
        self.chart_message = _label()
        self.chart_holder.addWidget(self.chart_message)
        for item in (self.heading, self.plan_note):
            self.column.addWidget(item)
        self.column.addLayout(self.counts)
        for item in (self.lagging_title, self.lagging_view, self.complete):
            self.column.addWidget(item)
        self.column.addLayout(self.chart_holder)
        self.column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # --- GUI protocol -------------------------------------------------------
    def set_context(self, unit_code: str, period_code: str) -> None:
        self.unit_code, self.period_code = unit_code, period_code
        self.refresh("all")

    def refresh(self, what: str = "all") -> None:
        from desktop.engine.overview import overview

        if not self.unit_code or what not in ("values", "units", "plans", "locks", "all"):
            return
        with self.database.session() as session:
            self.result = overview(session, self.unit_code, self.period_code)
        self._show(self.result)
        self._chart_timer.start()

    # --- showing ------------------------------------------------------------
    def _show(self, result) -> None:  # noqa: ANN001
        label = parse_period(result.period).label()
        total = sum(result.counts.values())
        self.heading.setText(t(
            f"<b>{label}</b> — kế hoạch: {result.plan_title or '—'} ({total} chỉ tiêu)",
            f"<b>{label}</b> — plan: {result.plan_title or '—'} ({total} indicators)"))
        self.heading.setToolTip(result.plan)
        self.plan_note.setText(result.plan_note)
        self.plan_note.setVisible(bool(result.plan_note))
        for status, widget in self.count_labels.items():
            widget.setText(f"{status_name(status)}\n{result.counts.get(status, 0)}")
        self.lagging_title.setText(t(
            "<b>Đơn vị cần đôn đốc</b> (chậm nhất trước; nhấp đúp để chọn đơn vị):",
            "<b>Units to follow up</b> (lagging first; double-click to choose the unit):")
            if result.lagging else t("Không có đơn vị nào chậm.", "No unit is lagging."))
        self.lagging.load(result.lagging)
        self.complete.setText(_completeness_text(result.completeness))

    def draw_chart(self) -> None:
        """The target chart of the plan; a message where there is nothing to draw."""
        if self.result is None or not self.result.plan or not self.isVisible():
            return
        from desktop.charts.data import make_chart
        from desktop.ui.charts.chart_view import ChartView

        try:
            with self.database.session() as session:
                chart = make_chart(session, "targets", self.result.plan, self.unit_code,
                                   self.period_code)
        except UserError as exc:
            self.chart_message.setText(exc.message)
            if self.chart_view is not None:
                self.chart_view.hide()
            return
        self.chart_message.setText(t("<b>Thực hiện so với mục tiêu</b>", "<b>Actual against target</b>"))
        self.chart_view = ChartView.show_in(self.chart_holder, self.chart_view, chart,
                                            shortest=CHART_HEIGHT)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.result is not None and not (self.chart_view and self.chart_view.isVisibleTo(self)):
            self._chart_timer.start()

    def _unit_chosen(self, index) -> None:  # noqa: ANN001
        self.unit_requested.emit(self.lagging.row_at(index.row()).unit)


def _label(style: str = "") -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    if style:
        label.setStyleSheet(style)
    return label


def _completeness_text(found) -> str:  # noqa: ANN001
    if found is None:
        return t("Chưa có số liệu nào.", "No data yet.")
    label = parse_period(found.period).label()
    missing = [u.unit_name for u in found.units if not u.complete]
    text = t(f"<b>Kỳ gần nhất có số liệu ({label})</b>: {found.units_complete}/{len(found.units)} "
             f"đơn vị báo cáo đủ, {format_percent(found.share)} số liệu cần có.",
             f"<b>Latest period with data ({label})</b>: {found.units_complete}/"
             f"{len(found.units)} units complete, {format_percent(found.share)} of the data.")
    if missing:
        shown = ", ".join(missing[:8]) + ("…" if len(missing) > 8 else "")
        text += t(f" Còn thiếu: {shown}.", f" Missing: {shown}.")
    return text
