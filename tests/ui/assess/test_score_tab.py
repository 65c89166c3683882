"""The Đánh giá, xếp hạng tab on the demo: ranking, score card, assessor entry, chart, editor."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt

from desktop.data import audit
from desktop.ui.assess.score_model import SORT_ROLE


@pytest.fixture
def tab(qtbot, demo_db):
    from desktop.ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.set_context("H38TS", "2024")
    window.show()
    qtbot.waitExposed(window)
    found = window.show_tab("score")
    found.set_box.setCurrentIndex(found.set_box.findData("VD-DTI-XA"))
    return found


def _column(tab, header: str) -> int:
    return tab.ranking.headers().index(header)


def test_ranking_is_sortable_with_group_subtotals(tab):
    assert tab.proxy.rowCount() == 15
    headers = tab.ranking.headers()
    assert headers[6:10] == ["Nền tảng chuyển đổi số", "Chính quyền số", "Kinh tế số", "Xã hội số"]
    totals = [tab.ranking.rows[tab.proxy.mapToSource(tab.proxy.index(r, 0)).row()].total
              for r in range(15)]
    assert totals == sorted(totals, reverse=True)
    tab.view.sortByColumn(_column(tab, "Tổng điểm"), Qt.SortOrder.AscendingOrder)
    shown = [tab.proxy.index(r, _column(tab, "Tổng điểm")).data(SORT_ROLE) for r in range(15)]
    assert shown == sorted(totals)
    assert "Năm 2024" in tab.heading.text() and "Bộ ví dụ" in tab.heading.text()


def test_the_ranking_columns_fit_their_texts_as_qt_would_fit_them(tab):
    """Fitted from the texts the model keeps: no narrower than Qt's own fitting (nothing
    cut short), at most two pixels wider; the headers fit too."""
    ours = [tab.view.columnWidth(c) for c in range(tab.ranking.columnCount())]
    tab.view.resizeColumnsToContents()
    qts = [tab.view.columnWidth(c) for c in range(len(ours))]
    assert all(qt <= mine <= qt + 2 for mine, qt in zip(ours, qts)), (ours, qts)
    names = tab.ranking.texts(_column(tab, "Đơn vị"))
    assert len(names) == 15 and set(names) == {row.unit_name for row in tab.ranking.rows}


def test_score_card_shows_values_points_and_what_is_missing(tab):
    tab.view.selectRow(0)
    row = tab.selected()
    assert tab.card.rowCount() == 20
    assert row.unit_name in tab.card_label.text() and f"hạng {row.rank}" in tab.card_label.text()
    texts = [[tab.card.index(r, c).data() for c in range(5)] for r in range(20)]
    assessor = next(line for line in texts if line[0] == "NT1.1")
    assert assessor[3] == "0/40" and assessor[4] == "Chờ hội đồng chấm điểm."
    lan = next(line for line in texts if line[0] == "NT3.3")
    assert lan[2] in ("Có", "Không")
    shaded = [tab.card.index(r, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
              for r in range(20)]
    assert shaded == [c.missing for c in row.criteria] and any(shaded)


def test_assessor_entry_is_recorded_audited_and_checked(tab, errors):
    tab.view.selectRow(0)
    unit = tab.selected().unit
    tab.criterion_box.setCurrentIndex(tab.criterion_box.findData("NT1.1"))
    tab.points_edit.setText("45")
    assert not tab.save_score()
    assert len(errors) == 1 and "“NT1.1”" in errors[0]
    tab.points_edit.setText("35,5")
    tab.note_edit.setText("Đã ban hành kế hoạch")
    tab.evidence_edit.setText("KH 15/KH-UBND")
    assert tab.save_score()
    card = next(c for c in next(r for r in tab.rows if r.unit == unit).criteria
                if c.code == "NT1.1")
    assert (card.points, card.note, card.evidence) == (35.5, "Đã ban hành kế hoạch", "KH 15/KH-UBND")
    with tab.database.session() as session:
        [entry] = audit.entries(session, "score")
    assert entry["key"] == f"VD-DTI-XA/NT1.1/{unit}/2024" and entry["user"] == "tester"


def test_an_approved_year_refuses_scores(tab, errors):
    tab.set_context("H38TS", "2023")
    tab.view.selectRow(0)
    tab.criterion_box.setCurrentIndex(tab.criterion_box.findData("NT1.2"))
    tab.points_edit.setText("10")
    assert not tab.save_score()
    assert "đã duyệt" in errors[0]
    with tab.database.session() as session:
        assert audit.entries(session, "score") == []


def test_rank_change_and_chart(tab, qtbot):
    change = _column(tab, "So với\nnăm trước")
    assert all(tab.proxy.index(r, change).data() for r in range(15))  # 2023 was ranked too
    tab.right_tabs.setCurrentWidget(tab.chart_page)
    assert tab.chart_view is not None


def test_export_writes_the_form(tab, tmp_path):
    out = tab.export(str(tmp_path / "xh.xlsx"))
    assert out is not None and openpyxl.load_workbook(out).active["A1"].value == "HUYỆN TRIỆU SƠN"


def test_the_set_editor_refuses_a_bad_set_and_saves_a_copy(tab, errors):
    from desktop.ui.assess.score_set_dialog import SetEditor

    editor = SetEditor(tab.database, tab.assessment.source, tab)
    editor.editor.setPlainText(tab.assessment.source.replace("total = 1000", "total = 900"))
    assert not editor.save() and "1000" in errors[0] and "900" in errors[0]
    editor.editor.setPlainText(tab.assessment.source.replace('code = "VD-DTI-XA"',
                                                             'code = "DTI-XA-2025"'))
    assert editor.save() and editor.saved_code == "DTI-XA-2025"
    tab.refresh("plans")
    assert tab.set_box.findData("DTI-XA-2025") >= 0


def test_the_models_pass_the_model_tester(qtmodeltester, demo_db):
    from desktop.assess.scoring import score_units
    from desktop.assess.store import get_set
    from desktop.ui.assess.score_model import RankingModel, ScoreCardModel

    with demo_db.session() as session:
        assessment = get_set(session, "VD-UDCNTT")
        rows = score_units(session, assessment, "2024", "H38TS", with_previous=True)
    ranking = RankingModel()
    ranking.load(assessment, rows)
    qtmodeltester.check(ranking, force_py=True)
    card = ScoreCardModel()
    card.load(rows[0].criteria)
    qtmodeltester.check(card, force_py=True)
    assert ranking.columnCount() == 6 + 6 and card.rowCount() == 17


def test_the_chart_fits_the_page_width_and_scrolls_for_its_bars(tab, qtbot):
    """On a narrow page the chart is no wider than the page (its title wraps rather than
    being cut), and it is as tall as its bars need (the page scrolls)."""
    from desktop.charts.figures import readable_height

    tab.window().resize(1024, 600)
    tab.right_tabs.setCurrentWidget(tab.chart_page)
    tab._chart_stale = True
    tab.draw_chart()
    qtbot.waitUntil(lambda: tab.chart_view.width() > 0 and tab.chart_view.isVisible())
    assert tab.chart_view.width() <= max(tab.chart_page.viewport().width(), 320)
    least = readable_height(tab.chart_view.chart) * tab.chart_view.logicalDpiY()
    assert tab.chart_view.minimumHeight() >= least - 1
    tab.chart_view.grab()
    assert tab.chart_view.texts[0] == tab.chart_view.chart.title  # painted, the title first

@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("screen", ["1366x768@125%", "1024x768"])
def test_the_score_card_headers_fit_on_a_small_screen(demo_db, small_screen_window, screen,
                                                      language):
    """Each line of each card header fits its column: "Để được thêm điểm" was cut to
    "ể được thêm điể" at both sizes."""
    from PySide6.QtWidgets import QApplication

    window = small_screen_window(demo_db, screen, language, "H38TS", "2024")
    tab = window.show_tab("score")
    tab.set_box.setCurrentIndex(tab.set_box.findData("VD-DTI-XA"))
    tab.view.selectRow(0)
    QApplication.processEvents()
    header = tab.card_view.horizontalHeader()
    metrics = header.fontMetrics()
    for column, title in enumerate(tab.card.headers()):
        widest = max(metrics.horizontalAdvance(line) for line in title.split("\n"))
        assert header.sectionSize(column) >= widest + 2, (title, header.sectionSize(column))
