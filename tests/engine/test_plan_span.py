"""Plans have an end: the note for a period outside a plan's years."""

from desktop.engine.plan_span import covering_plans, plan_span_note

PLANS = [
    {"code": "OLD", "year_from": 2016, "year_to": 2020},
    {"code": "DX", "year_from": 2021, "year_to": 2025},
    {"code": "NEW", "year_from": 2026, "year_to": 2030},
]


def test_inside_the_plan_says_nothing():
    assert plan_span_note(PLANS, "OLD", "2018Q3") == ""


def test_after_the_end_says_so_and_names_the_covering_plan():
    note = plan_span_note(PLANS, "OLD", "2026")
    assert "đã kết thúc năm 2020" in note and "NEW (2026–2030)" in note
    assert "DX" not in note


def test_no_covering_plan_points_to_the_plans_tab():
    assert "thẻ Kế hoạch" in plan_span_note(PLANS, "NEW", "2031")


def test_covering_plans_newest_first():
    assert [row["code"] for row in covering_plans(PLANS + [
        {"code": "WIDE", "year_from": 2016, "year_to": 2030}], 2026)] == ["NEW", "WIDE"]
