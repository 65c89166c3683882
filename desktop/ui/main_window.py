"""The main window: the unit tree, the period picker and the tabs.

Tabs follow the GUI protocol: `SomeTab(database, bus, parent)`, optional
`set_context(unit_code, period_code)` and `refresh(what)`. Only the visible
tab is loaded; the others are refreshed when first shown after a change, so
start-up reads almost nothing. Switching the language rebuilds every widget.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.data.database import Database
from desktop.data.office import get_office
from desktop.data.units import list_units
from desktop.errors import UserError
from desktop.i18n import language, set_language, t
from desktop.ui import dialogs, menus, settings
from desktop.ui.bus import DataBus
from desktop.ui.period_picker import PeriodPicker


LATER_TAB_MODULES = ("desktop.ui.progress.progress_tab", "desktop.ui.charts.charts_tab",
                     "desktop.ui.charts.chart_view", "desktop.ui.plans.plans_tab",
                     "desktop.ui.plans.units_tab", "desktop.ui.assess.score_tab",
                     "desktop.ui.entry.submission_tab")
CONTEXT_AND_DATA = "context+all"  # a hidden tab whose context and data both changed


class MainWindow(QMainWindow):
    def __init__(self, database: Database, instance_lock=None):  # noqa: ANN001
        super().__init__()
        self.database = database
        self.instance_lock = instance_lock
        self.bus = DataBus(self)
        self.bus.changed.connect(self._on_data_changed)
        self.tabs_widget: QTabWidget | None = None
        self._stale: dict[QWidget, str] = {}
        with database.session() as session:
            office = get_office(session)
        self.office_code = office.unit_code if office else ""
        self.office_name = office.unit_name if office else ""
        self.period_code = settings.get("period", "") or self._latest_period()
        self.unit_code = settings.get("unit", "") or self._open_office_unit()
        self._build()
        geometry = settings.app_settings().value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            dialogs.fit_to_screen(self, 1366, 768)

    # --- building ---------------------------------------------------------
    def _build(self) -> None:
        dialogs.apply_locale()
        from desktop.ui.permissions import signed_in_suffix

        self.setWindowTitle(f"{dialogs.app_title()} — {self.office_name}{signed_in_suffix()}")
        self._build_tree()
        self._check_remembered_context()
        self._build_toolbar()
        self.tabs_widget = QTabWidget()
        self.tabs_widget.currentChanged.connect(self._on_tab_shown)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        self.banner = menus.build_banner(self)
        column.addWidget(self.banner)
        column.addWidget(self.tabs_widget, 1)
        self.setCentralWidget(central)
        self._add_standard_tabs()
        self._build_menus()
        self.statusBar().showMessage(t("Sẵn sàng.", "Ready."))
        self.set_context(self.unit_code, self.period_code)

    def _build_tree(self) -> None:
        from desktop.ui.unit_panel import UnitPanel

        self.unit_panel = UnitPanel(self._unit_rows())
        self.unit_panel.unit_chosen.connect(self._on_unit_chosen)
        self.tree, self.tree_model = self.unit_panel.tree, self.unit_panel.source
        self.dock = QDockWidget(t("Đơn vị", "Units"), self)
        self.dock.setObjectName("units_dock")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        self.dock.setWidget(self.unit_panel)
        self.dock.setMinimumWidth(150)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.resizeDocks([self.dock], [220], Qt.Orientation.Horizontal)

    def _check_remembered_context(self) -> None:
        """A unit or period remembered from another data file falls back to the office's."""
        from desktop.periods import parse_period

        if not self.unit_panel.has(self.unit_code):
            self.unit_code = self.office_code
        try:
            parse_period(self.period_code)
        except UserError:
            self.period_code = str(dt.date.today().year)

    def _latest_period(self) -> str:
        """The latest year or quarter holding data (this year in an empty database)."""
        from desktop.engine.overview import latest_period_with_data

        with self.database.session() as session:
            return latest_period_with_data(session) or str(dt.date.today().year)

    def _open_office_unit(self) -> str:
        """The office's unit, or the province once the office's district has closed."""
        from desktop.engine.overview import open_unit_for

        if not self.office_code:
            return ""
        try:
            with self.database.session() as session:
                return open_unit_for(session, self.office_code, self.period_code)
        except UserError:
            return self.office_code

    def _unit_rows(self):
        with self.database.session() as session:
            return list_units(session)

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(t("Kỳ báo cáo", "Period"), self)
        self.toolbar.setObjectName("period_toolbar")
        self.toolbar.setMovable(False)
        self.period_picker = PeriodPicker()
        self.period_picker.changed.connect(lambda code: self.set_context(self.unit_code, code))
        self.toolbar.addWidget(self.period_picker)
        self.toolbar.addSeparator()
        self.tree_action = QAction(t("Cây đơn vị", "Unit tree"), self, checkable=True,
                                   checked=True)  # fold the unit tree away for more columns
        self.tree_action.toggled.connect(self.dock.setVisible)
        self.tree_action.setToolTip(t("Ẩn hoặc hiện cây đơn vị (Ctrl+T)", "Hide or show the unit tree (Ctrl+T)"))
        self.tree_action.setShortcut("Ctrl+T")
        self.toolbar.addAction(self.tree_action)
        self.addToolBar(self.toolbar)

    def _add_standard_tabs(self) -> None:
        from desktop.ui.entry.entry_tab import EntryTab
        from desktop.ui.lazy_tab import LazyTab

        self.entry_tab = EntryTab(self.database, self.bus)
        self.entry_tab.message.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.tabs_widget.blockSignals(True)
        self._lazy = {"overview": LazyTab(lambda: self._make_tab("overview"))}
        self.add_tab(self._lazy["overview"], t("Tổng quan", "Overview"))
        self.add_tab(self.entry_tab, t("Nhập liệu", "Data entry"))
        self._lazy |= {name: LazyTab(lambda name=name: self._make_tab(name))
                       for name in ("progress", "charts", "plans", "units", "submission",
                                    "score")}
        titles = {"progress": t("Tiến độ", "Progress"), "charts": t("Biểu đồ", "Charts"),
                  "plans": t("Kế hoạch", "Plans"), "units": t("Đơn vị", "Units"),
                  "submission": t("Duyệt số liệu", "Submission"),
                  "score": t("Đánh giá, xếp hạng", "Assessment")}
        for name, tab in self._lazy.items():
            if name in titles:
                self.add_tab(tab, titles[name])
        self.tabs_widget.blockSignals(False)

    def warm_up(self) -> None:
        """In idle time after start-up: import the modules of the tabs not shown yet
        (building and loading them waits for their first showing), so that a first
        switch to one does not pay for its imports, and read what their first showing
        reads (each module's `read_ahead`)."""
        import importlib

        for name in LATER_TAB_MODULES:
            module = importlib.import_module(name)
            if hasattr(module, "read_ahead"):
                self._read_ahead(module.read_ahead)

    def _read_ahead(self, read) -> None:  # noqa: ANN001 - a function of a Session
        """`read(session)` in a session of its own; what cannot be read (a stored
        assessment set that no longer parses) is named by the tab when it is shown."""
        try:
            with self.database.session() as session:
                read(session)
        except UserError:
            pass

    def _make_tab(self, name: str) -> QWidget:
        if name == "overview":
            from desktop.ui.progress.overview_tab import OverviewTab

            tab = OverviewTab(self.database, self.bus)
            tab.unit_requested.connect(lambda code: self.set_context(code, self.period_code))
            return tab
        if name == "progress":
            from desktop.ui.progress.progress_tab import ProgressTab

            tab = ProgressTab(self.database, self.bus)
            tab.jump_requested.connect(self.jump_to_values)
            return tab
        if name == "charts":
            from desktop.ui.charts.charts_tab import ChartsTab  # matplotlib waits for paper

            return ChartsTab(self.database, self.bus)
        if name == "plans":
            from desktop.ui.plans.plans_tab import PlansTab

            return PlansTab(self.database, self.bus)
        if name == "units":
            from desktop.ui.plans.units_tab import UnitsTab

            return UnitsTab(self.database, self.bus)
        if name == "score":
            from desktop.ui.assess.score_tab import ScoreTab

            return ScoreTab(self.database, self.bus)
        from desktop.ui.entry.submission_tab import SubmissionTab

        return SubmissionTab(self.database, self.bus)

    @property
    def overview_tab(self):
        return self._lazy["overview"].widget

    @property
    def progress_tab(self):
        return self._lazy["progress"].widget

    @property
    def charts_tab(self):
        return self._lazy["charts"].widget

    @property
    def plans_tab(self):
        return self._lazy["plans"].widget

    @property
    def units_tab(self):
        return self._lazy["units"].widget

    @property
    def submission_tab(self):
        return self._lazy["submission"].widget

    @property
    def score_tab(self):
        return self._lazy["score"].widget

    def show_tab(self, name: str) -> QWidget:
        """Bring a tab to the front by name ("entry", "progress", …); the tab's widget."""
        if name == "entry":
            self.tabs_widget.setCurrentWidget(self.entry_tab)
            return self.entry_tab
        self.tabs_widget.setCurrentWidget(self._lazy[name])
        return self._lazy[name].widget

    def add_tab(self, widget: QWidget, title: str) -> None:
        """Add a tab; it gets the current context when first shown."""
        self._stale[widget] = "context"
        self.tabs_widget.addTab(widget, title)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu(t("&Tệp", "&File"))
        open_action = file_menu.addAction(t("Mở tệp dữ liệu khác…", "Open another data file…"))
        open_action.triggered.connect(self.open_other)
        file_menu.addSeparator()
        menus.add_file_actions(self, file_menu)
        quit_action = file_menu.addAction(t("Thoát", "Quit"))
        quit_action.triggered.connect(self.close)
        edit_menu = bar.addMenu(t("&Sửa", "&Edit"))
        edit_menu.addAction(self.entry_tab.undo_stack.createUndoAction(edit_menu, t("Hoàn tác", "Undo")))
        edit_menu.addAction(self.entry_tab.undo_stack.createRedoAction(edit_menu, t("Làm lại", "Redo")))
        menus.add_data_menu(self, bar.addMenu(t("&Dữ liệu", "&Data")))
        menus.add_report_menu(self, bar.addMenu(t("&Báo cáo", "&Reports")))
        menus.add_tools_menu(self, bar.addMenu(t("&Công cụ", "&Tools")))
        self._build_language_menu(bar.addMenu(t("&Ngôn ngữ", "&Language")))
        help_menu = bar.addMenu(t("&Trợ giúp", "&Help"))
        guide = help_menu.addAction(t("Hướng dẫn sử dụng", "User guide"))
        guide.setShortcut("F1")
        guide.triggered.connect(lambda: open_user_guide(self))
        about = help_menu.addAction(t("Giới thiệu", "About"))
        about.triggered.connect(lambda: open_about(self))

    def _build_language_menu(self, menu) -> None:
        group = QActionGroup(menu)
        self.language_actions = {}
        for code, label in (("vi", "Tiếng Việt"), ("en", "English")):
            action = QAction(label, menu, checkable=True)
            action.setChecked(language() == code)
            action.triggered.connect(lambda _=False, c=code: self.switch_language(c))
            group.addAction(action)
            menu.addAction(action)
            self.language_actions[code] = action

    def open_other(self) -> MainWindow | None:
        """Open another data file in a new window and close this one."""
        from desktop.ui.app import open_main_window

        path = dialogs.ask_open_file(self, t("Mở tệp dữ liệu", "Open data file"),
                                     t("Tệp dữ liệu (*.sqlite *.db);;Mọi tệp (*)",
                                       "Data files (*.sqlite *.db);;All files (*)"))
        if not path:
            return None
        window = open_main_window(path)
        if window is not None:
            window.show()
            self.close()
        return window

    def switch_language(self, code: str) -> None:
        """Switch and rebuild every widget so every text is in the new language."""
        if code == language():
            return
        set_language(code)
        settings.put("language", code)
        shown = self.tabs_widget.currentIndex()
        self._teardown()
        self._build()
        self.tabs_widget.setCurrentIndex(shown)  # the same tab, now in the new language

    def _teardown(self) -> None:
        for widget in list(self._stale) + [self.tabs_widget, self.dock, self.toolbar]:
            if widget is not None:
                widget.deleteLater()
        self.removeDockWidget(self.dock)
        self.removeToolBar(self.toolbar)
        self._stale = {}

    # --- context ----------------------------------------------------------
    def set_context(self, unit_code: str, period_code: str) -> None:
        self.unit_code, self.period_code = unit_code, period_code
        if self.period_picker.code() != period_code:
            self.period_picker.blockSignals(True)
            self.period_picker.set_code(period_code)
            self.period_picker.blockSignals(False)
        self._select_in_tree(unit_code)
        for widget in self._stale:
            self._stale[widget] = "context"
        self._refresh_current()

    def _select_in_tree(self, code: str) -> None:
        self.unit_panel.select(code)

    def _on_unit_chosen(self, code: str) -> None:
        if code != self.unit_code:
            self.set_context(code, self.period_code)

    def _on_tab_shown(self, _index: int) -> None:
        self._refresh_current()

    def _refresh_current(self) -> None:
        widget = self.tabs_widget.currentWidget() if self.tabs_widget else None
        what = self._stale.get(widget)
        if widget is None or not what:
            return
        self._stale[widget] = ""
        try:
            if what.startswith("context") and hasattr(widget, "set_context"):
                widget.set_context(self.unit_code, self.period_code)
                if what == CONTEXT_AND_DATA and hasattr(widget, "refresh"):
                    widget.refresh("all")  # data changed too while it was hidden
            elif hasattr(widget, "refresh"):
                widget.refresh(what)
        except UserError as exc:
            self.statusBar().showMessage(exc.message)

    def _on_data_changed(self, what: str) -> None:
        current = self.tabs_widget.currentWidget() if self.tabs_widget else None
        for widget in self._stale:
            if widget is current:
                continue
            if self._stale[widget].startswith("context"):
                self._stale[widget] = CONTEXT_AND_DATA
            else:
                self._stale[widget] = "all" if self._stale[widget] else what
        if current is not None and not self._announcing(current) and hasattr(current, "refresh"):
            try:
                current.refresh(what)
            except UserError as exc:
                self.statusBar().showMessage(exc.message)
        if what in ("units", "all"):
            self.unit_panel.load(self._unit_rows())
            self._select_in_tree(self.unit_code)

    @staticmethod
    def _announcing(widget: QWidget) -> bool:
        inner = getattr(widget, "_widget", None)  # a LazyTab's real tab
        return bool(widget.property("announcing") or (inner and inner.property("announcing")))

    def jump_to_values(self, unit_code: str, period_code: str, element_code: str) -> None:
        """Show the values behind a number: the entry grid of that unit and period."""
        self.tabs_widget.setCurrentWidget(self.entry_tab)
        self.set_context(unit_code, period_code)
        self.entry_tab.select_element(element_code)
        self.entry_tab.view.setFocus()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        store = settings.app_settings()
        store.setValue("geometry", self.saveGeometry())
        store.setValue("unit", self.unit_code)
        store.setValue("period", self.period_code)
        store.sync()
        if self.instance_lock is not None or self.database.path is not None:
            from desktop.ui.lifecycle import close_for_gui

            close_for_gui(self.database, self.instance_lock)
            self.instance_lock = None
        super().closeEvent(event)


def open_about(parent: QWidget | None) -> None:
    """The About box (tests patch this)."""
    from desktop.ui.office_dialog import show_about

    show_about(parent)


def open_user_guide(parent: QWidget | None) -> None:
    """Show docs/huong-dan.md in a help window (tests patch this)."""
    from desktop.ui.help_window import show_guide

    show_guide(parent)
