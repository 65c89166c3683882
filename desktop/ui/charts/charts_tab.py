"""The Biểu đồ (charts) tab: one chart on screen, export, print, the meeting pack.

The unit and period come from the main window (`set_context`); the user
picks the chart kind, the plan and the indicator. The screen's chart is
painted by Qt (`ChartView`, a few milliseconds); matplotlib draws the same
chart data for files, the printer and the meeting pack, and is imported only
then.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from desktop.charts.cache import Lru
from desktop.data.database import Database
from desktop.errors import UserError
from desktop.i18n import t
from desktop.ui import dialogs
from desktop.ui.bus import DataBus

NEEDS_INDICATOR = ("trend", "ranking")
VIEW_LEAST_WIDTH = 760  # below this width the chart scrolls rather than squeezing its labels
KEPT_DATA = 24  # charts whose data is kept (plain data, small): going back reads nothing


class ChartsTab(QWidget):
    def __init__(self, database: Database, bus: DataBus, parent: QWidget | None = None):
        super().__init__(parent)
        self.database, self.bus = database, bus
        self.unit_code, self.period_code = "", ""
        self.chart = None  # the chart data on screen (plain data)
        self.view = None  # the ChartView painting it
        self._generation = 0  # goes up at every change of the data: older keys are dead
        self._data = Lru(KEPT_DATA)  # chart key -> chart data, or the UserError to show
        self._stale = True
        self._redraw_timer = _single_shot(self, 0, self._draw_if_stale)
        self._build()
        self._load_choices()
        self._sync_indicator_box()
        bus.changed.connect(self.refresh)

    # --- layout -------------------------------------------------------------
    def _build(self) -> None:
        from desktop.charts.data import kind_names

        self.kind_box = dialogs.compact_combo(QComboBox(), 14)
        for code, name in kind_names().items():
            self.kind_box.addItem(name, code)
        self.plan_box = dialogs.compact_combo(QComboBox(), 12)
        self.indicator_box = dialogs.compact_combo(QComboBox(), 20)
        for box in (self.kind_box, self.plan_box, self.indicator_box):
            box.currentIndexChanged.connect(self._choice_changed)
        choose = QHBoxLayout()  # as narrow as a small screen needs, as wide as there is room
        for label, box, share in ((t("Biểu đồ:", "Chart:"), self.kind_box, 2),
                                  (t("Kế hoạch:", "Plan:"), self.plan_box, 3),
                                  (t("Chỉ tiêu:", "Indicator:"), self.indicator_box, 4)):
            choose.addWidget(QLabel(label))
            choose.addWidget(box, share)
        self.buttons = {}
        actions = QHBoxLayout()
        for key, text, slot in (
                ("png", t("Xuất PNG…", "Export PNG…"), lambda: self.export("png")),
                ("svg", t("Xuất SVG…", "Export SVG…"), lambda: self.export("svg")),
                ("pdf", t("Xuất PDF…", "Export PDF…"), lambda: self.export("pdf")),
                ("print", t("In…", "Print…"), self.print_chart),
                ("pack", t("Tạo tài liệu họp (PDF)…", "Make meeting pack (PDF)…"),
                 self.make_pack)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            actions.addWidget(button)
            self.buttons[key] = button
        actions.addStretch(1)
        self.message = QLabel(t("Biểu đồ hiện khi mở thẻ này.", "The chart shows when this tab opens."))
        self.message.setWordWrap(True)
        holder = QWidget()
        self.area = QVBoxLayout(holder)
        self.area.setContentsMargins(0, 0, 0, 0)
        self.area.addWidget(self.message)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(holder)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addLayout(actions)
        layout.addWidget(self.scroll, 1)

    def _load_choices(self) -> None:
        from desktop.data.office import get_office
        from desktop.data.queries import plans

        with self.database.session() as session:
            office = get_office(session)
            rows = plans(session)
        own = list(office.plans) if office else []
        ordered = [r for r in rows if r["code"] in own] + [r for r in rows if r["code"] not in own]
        current = self.plan_box.currentData()
        self.plan_box.blockSignals(True)
        self.plan_box.clear()
        for row in ordered:
            dialogs.add_named_item(self.plan_box, row["title"], row["code"])
        if current and self.plan_box.findData(current) >= 0:
            self.plan_box.setCurrentIndex(self.plan_box.findData(current))
        self.plan_box.blockSignals(False)
        self._load_indicators()

    def _load_indicators(self) -> None:
        from desktop.data.queries import plan_detail

        plan = self.plan_box.currentData()
        current = self.indicator_box.currentData()
        self.indicator_box.blockSignals(True)
        self.indicator_box.clear()
        if plan:
            with self.database.session() as session:
                targets = plan_detail(session, plan)["targets"]
            seen = {}
            for target in targets:
                seen.setdefault(target["indicator"], target["indicator_name"])
            for code, name in seen.items():
                self.indicator_box.addItem(name, code)
        if current and self.indicator_box.findData(current) >= 0:
            self.indicator_box.setCurrentIndex(self.indicator_box.findData(current))
        self.indicator_box.blockSignals(False)

    # --- the protocol of tabs ---------------------------------------------
    def set_context(self, unit_code: str, period_code: str) -> None:
        self.unit_code, self.period_code = unit_code, period_code
        self._stale = True
        if self.isVisible():
            self.draw()

    def refresh(self, what: str = "all") -> None:
        """Redraw after a change; several calls in a row (the bus and the main window
        both pass changes on) make one redraw."""
        if what in ("plans", "settings", "all"):
            self._load_choices()
        if what in ("values", "units", "plans", "settings", "all"):
            self._generation += 1
            self._data.clear()
            self._stale = True
            if self.isVisible():
                self._redraw_timer.start()

    def _draw_if_stale(self) -> None:
        if self._stale and self.isVisible():
            self.draw()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self.draw()

    def _choice_changed(self) -> None:
        if self.sender() is self.plan_box:
            self._load_indicators()
        self._sync_indicator_box()
        self._stale = True
        if self.isVisible():
            self.draw()

    def _sync_indicator_box(self) -> None:
        self.indicator_box.setEnabled(self.kind_box.currentData() in NEEDS_INDICATOR)

    # --- drawing ------------------------------------------------------------
    def chart_data(self):
        """The chosen chart's data for the current unit and period (a UserError if none)."""
        from desktop.charts.data import make_chart

        if not (self.unit_code and self.period_code and self.plan_box.currentData()):
            raise UserError(t("Chọn đơn vị, kỳ báo cáo và kế hoạch để xem biểu đồ.",
                              "Choose a unit, a period and a plan to see a chart."))
        with self.database.session() as session:
            return make_chart(session, self.kind_box.currentData(), self.plan_box.currentData(),
                              self.unit_code, self.period_code, self.indicator_box.currentData())

    def chart_key(self) -> tuple:
        """Everything the chart on screen depends on, the data's generation included."""
        kind = self.kind_box.currentData()
        indicator = self.indicator_box.currentData() if kind in NEEDS_INDICATOR else None
        return (kind, self.plan_box.currentData(), indicator, self.unit_code,
                self.period_code, self._generation)

    def draw(self) -> None:
        """The chosen chart: its data read once per key (and data generation), painted
        by the view, which paints again at any size by itself."""
        self._stale = False
        key = self.chart_key()
        chart = self._data.get(key)
        if chart is None:
            try:
                chart = self.chart_data()
            except UserError as exc:
                chart = exc
            self._data.put(key, chart)
        if isinstance(chart, UserError):
            self._show_message(chart.message)
            return
        self._show_chart(chart)

    def _show_message(self, text: str) -> None:
        self.chart = None
        if self.view is not None:
            self.view.hide()
        self.message.setText(text)
        self.message.show()
        for key in ("png", "svg", "pdf", "print"):
            self.buttons[key].setEnabled(False)

    def _show_chart(self, chart) -> None:
        from desktop.ui.charts.chart_view import ChartView

        self.message.hide()
        self.chart = chart
        self.view = ChartView.show_in(self.area, self.view, chart, least_width=VIEW_LEAST_WIDTH)
        for key in ("png", "svg", "pdf", "print"):
            self.buttons[key].setEnabled(True)

    # --- files and paper ----------------------------------------------------
    def paper_figure(self):
        """The chart on screen drawn afresh at A4 landscape, for files and the printer."""
        from desktop.charts.figures import build_figure

        return build_figure(self.chart)

    def export(self, fmt: str) -> Path | None:
        from desktop.charts.export import save_figure

        if self.chart is None:
            return None
        filters = {"png": t("Ảnh PNG (*.png)", "PNG image (*.png)"),
                   "svg": t("Ảnh SVG (*.svg)", "SVG image (*.svg)"),
                   "pdf": t("Tệp PDF (*.pdf)", "PDF file (*.pdf)")}
        chosen = dialogs.ask_save_file(self, t("Lưu biểu đồ", "Save the chart"),
                                       f"{self._file_stem()}.{fmt}", filters[fmt])
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(path.name + f".{fmt}")
        try:
            return save_figure(self.paper_figure(), path)
        except UserError as exc:
            dialogs.show_error(self, exc.message)
            return None

    def _file_stem(self) -> str:
        indicator = self.indicator_box.currentData() if self.kind_box.currentData() \
            in NEEDS_INDICATOR else ""
        parts = [self.kind_box.currentData(), indicator, self.unit_code, self.period_code]
        return "-".join(p for p in parts if p)

    def print_chart(self) -> None:
        from desktop.ui.charts.chart_printing import print_with_preview

        if self.chart is not None:
            print_with_preview(self, self.paper_figure())

    def make_pack(self) -> Path | None:
        from desktop.charts.pack import make_pack
        from desktop.ui.jobs import run_job

        plan = self.plan_box.currentData()
        if not (plan and self.unit_code and self.period_code):
            dialogs.show_error(self, t("Chọn đơn vị, kỳ báo cáo và kế hoạch trước.",
                                       "Choose a unit, a period and a plan first."))
            return None
        from desktop.ui.entry.consistency import go_ahead

        if not go_ahead(self, self.database, self.unit_code, self.period_code,
                        t("tạo tài liệu họp", "make the meeting pack")):
            return None
        chosen = dialogs.ask_save_file(
            self, t("Lưu tài liệu họp", "Save the meeting pack"),
            f"tai-lieu-hop-{self.unit_code}-{self.period_code}.pdf",
            t("Tệp PDF (*.pdf)", "PDF file (*.pdf)"))
        if not chosen:
            return None
        path = Path(chosen) if chosen.lower().endswith(".pdf") else Path(chosen + ".pdf")
        pages = run_job(self, t("Đang tạo tài liệu họp…", "Making the meeting pack…"),
                        make_pack, self.database, plan, self.unit_code, self.period_code, path)
        if pages is None:
            return None
        dialogs.show_info(self, t(f"Đã tạo {path} ({pages} trang).",
                                  f"Wrote {path} ({pages} pages)."))
        return path


def read_ahead(session) -> None:  # noqa: ANN001 - a Session
    """What the tab's first showing reads, read in idle time after start-up (the main
    window's warm-up): the plans, the first plan's targets and the indicators' names,
    their statements compiled once (the names kept with the caches)."""
    from desktop.data.queries import indicator_names, plan_detail, plans

    for plan in plans(session)[:1]:
        plan_detail(session, plan["code"])
    indicator_names(session)


def _single_shot(parent: QWidget, interval: int, slot) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval)
    timer.timeout.connect(slot)
    return timer

