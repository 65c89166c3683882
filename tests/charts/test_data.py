"""Chart data from the demo: what each chart shows, matching the engine."""

from __future__ import annotations

import pytest

from desktop.charts import data
from desktop.engine.progress import progress
from desktop.engine.status import status_name
from desktop.errors import UserError


def test_targets_data_has_one_bar_per_indicator_with_its_target(demo):
    with demo.session() as session:
        chart = data.targets_data(session, "TH-2016", "H38TS", "2024")
        rows = progress(session, "TH-2016", "H38TS", "2024")
    assert chart.title == "Kết quả thực hiện các chỉ tiêu so với mục tiêu"
    assert chart.subtitle == "Huyện Triệu Sơn — Năm 2024"
    assert chart.axis_label == "Tỷ lệ thực hiện (%)"
    assert [bar.label for bar in chart.bars] == [row.indicator_name for row in rows]
    assert len(chart.bars) == 11
    for bar, row in zip(chart.bars, rows):
        assert bar.value == row.actual and bar.status == row.status
        assert bar.goal.low == row.target.reference
        assert bar.text.endswith(status_name(row.status))
    docs = chart.bars[[r.indicator for r in rows].index("DOCS_ELEC_RATE")]
    assert docs.text == "94,7 % · Đạt" and docs.goal.low == 80


def test_in_english_the_charts_name_the_indicators_in_english(demo):
    from desktop.data.queries import indicators
    from desktop.i18n import set_language

    set_language("en")
    with demo.session() as session:
        english = {row["code"]: row["name_en"] for row in indicators(session)}
        rows = progress(session, "TH-2016", "H38TS", "2024", by_unit=True)
        targets = data.targets_data(session, "TH-2016", "H38TS", "2024", rows)
        ranking = data.ranking_data(session, "TH-2016", "H38TS", "2024", "DOCS_ELEC_RATE",
                                    rows=rows)
        trend = data.trend_data(session, "TH-2016", "H38TS", "2024", "DOCS_ELEC_RATE")
    main = [row for row in rows if row.parent is None]
    assert [bar.label for bar in targets.bars] == [english[row.indicator] for row in main]
    vietnamese = next(row.indicator_name for row in main if row.indicator == "DOCS_ELEC_RATE")
    assert ranking.title == trend.title == english["DOCS_ELEC_RATE"] != vietnamese
    assert targets.title == "Indicators: actual against target"


def test_in_english_the_charts_give_units_of_measure_in_english(demo):
    """Charts and the pack's summary: “persons”, not “người”; the engine's rows (which
    the Excel reports write) keep the Vietnamese unit."""
    from desktop.charts.pack import gather
    from desktop.i18n import set_language

    set_language("en")
    with demo.session() as session:
        trend = data.trend_data(session, "NA-2020", "T38", "2015", "IT_HIGHSKILL_COUNT")
        budget = data.trend_data(session, "KT-2009", "T38", "2010", "BUDGET_SPENT_TOTAL")
        rows = progress(session, "NA-2020", "T38", "2015")
        content = gather(session, "NA-2020", "T38", "2015")
    assert trend.axis_label == "Value (persons)"
    assert [goal.text for goal in trend.targets][0] == "Target ≈ 1,500 persons (by 2015)"
    assert budget.axis_label == "Value (million VND)"
    assert "Target ≥ 15,945 million VND" in budget.targets[0].text
    summary = " ".join(" ".join(row.cells) for row in content.summary)
    assert "persons" in summary and "người" not in summary
    assert {row.measure for row in rows} >= {"người"}  # the engine's own rows


def test_targets_data_marks_the_path_value_before_the_target_year(demo):
    with demo.session() as session:
        chart = data.targets_data(session, "TH-2016", "H38TS", "2018")
    ps_l4 = next(bar for bar in chart.bars if bar.label == "Tỷ lệ dịch vụ công trực tuyến mức độ 4")
    assert ps_l4.goal.low == 30 and ps_l4.goal.year == 2020
    assert ps_l4.goal.expected == pytest.approx(5 + (30 - 5) / 3)
    assert "(năm 2020)" in ps_l4.goal.text


def test_ranking_lists_the_units_below_best_first(demo):
    with demo.session() as session:
        chart = data.ranking_data(session, "TH-2016", "H38TS", "2024", "MAILBOX_RATE")
        agencies = data.ranking_data(session, "TH-2016", "H38TS", "2024", "STAFF_PC_RATE")
    assert chart.title == "Tỷ lệ cán bộ, công chức được cấp hộp thư điện tử công vụ"
    assert len(chart.bars) == 23  # 8 agencies and 15 communes (two merged away in 2020)
    values = [bar.value for bar in chart.bars]
    assert values == sorted(values, reverse=True)
    assert chart.goal.low == 100 and chart.goal.high is None
    assert "chung: 98,1 %" in chart.subtitle
    assert len(agencies.bars) == 8  # a district-level target: agencies only
    assert all(bar.label.startswith(("Phòng", "Văn phòng")) for bar in agencies.bars)


def test_ranking_of_a_unit_without_units_below_is_a_clear_error(demo):
    with demo.session() as session, pytest.raises(UserError, match="không có đơn vị trực thuộc"):
        data.ranking_data(session, "TH-2016", "H38TS-X03", "2024", "MAILBOX_RATE")


def test_trend_follows_the_plan_years_and_the_path(demo):
    with demo.session() as session:
        chart = data.trend_data(session, "TH-2016", "H38TS", "2018", "PS_L4_RATE")
        later = data.trend_data(session, "TH-2016", "H38TS", "2024", "PS_L4_RATE")
        first = data.trend_data(session, "TH-2016", "H38TS", "2016", "PS_L4_RATE")
    assert [p.year for p in chart.points] == [2016, 2017, 2018, 2019, 2020]
    assert [p.actual is None for p in chart.points] == [False, False, False, True, True]
    path = {p.year: p.expected for p in chart.points}
    assert path[2019] == pytest.approx(5 + 2 * (30 - 5) / 3) and path[2020] == 30
    assert [(g.year, g.low) for g in chart.targets] == [(2017, 5), (2020, 30)]
    assert chart.plan_end == 2020 and chart.subtitle == "Huyện Triệu Sơn — số liệu các năm 2016–2018"
    assert [p.year for p in later.points][-1] == 2024  # a target stays in force after its year
    assert all(p.actual is not None for p in later.points)
    assert first.subtitle == "Huyện Triệu Sơn — số liệu năm 2016"  # one year: not 2016–2016


def test_completeness_puts_the_missing_units_first(demo):
    with demo.session() as session:
        # since 1/7/2025 the new communes under the province report; two are late with 2026Q3
        chart = data.completeness_data(session, "T38", "2026Q3")
    assert len(chart.bars) == 6
    first_two = {bar.label for bar in chart.bars[:2]}
    assert first_two == {"Xã Hợp Tiến", "Xã Thọ Phú"}
    assert all(bar.status == "no_data" and bar.value == 0 for bar in chart.bars[:2])
    assert chart.bars[0].text.endswith("chưa báo cáo")
    assert "đã đủ 4/6 đơn vị" in chart.subtitle
    assert chart.legend["no_data"] == "Chưa báo cáo"


def test_make_chart_names_what_is_missing(demo):
    with demo.session() as session:
        with pytest.raises(UserError, match="cần một chỉ tiêu"):
            data.make_chart(session, "trend", "TH-2016", "H38TS", "2024")
        with pytest.raises(UserError, match="Không có loại biểu đồ “pie”"):
            data.make_chart(session, "pie", "TH-2016", "H38TS", "2024")
        with pytest.raises(UserError, match="“NOPE”"):
            data.make_chart(session, "ranking", "TH-2016", "H38TS", "2024", "NOPE")
        with pytest.raises(UserError, match="Không có kế hoạch mã “XX”"):
            data.make_chart(session, "targets", "XX", "H38TS", "2024")
