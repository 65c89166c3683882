"""Plans have an end: the note for a period outside a plan's years."""

from desktop.engine.plan_span import covering_plans, plan_span_note

PLANS = [
    {"code": "OLD", "decision": "22/KH-UBND", "title": "Kế hoạch cũ", "year_from": 2016,
     "year_to": 2020},
    {"code": "DX", "decision": None, "title": "Kế hoạch chuyển đổi số", "year_from": 2021,
     "year_to": 2025},
    {"code": "NEW", "decision": None, "title": "Kế hoạch mới", "year_from": 2026,
     "year_to": 2030},
]


def test_inside_the_plan_says_nothing():
    assert plan_span_note(PLANS, "OLD", "2018Q3") == ""


def test_after_the_end_says_so_and_names_the_covering_plan():
    note = plan_span_note(PLANS, "OLD", "2026")
    assert note.startswith("Kế hoạch số 22/KH-UBND đã kết thúc năm 2020: Năm 2026 được so")
    assert note.endswith("Kế hoạch áp dụng cho kỳ này: Kế hoạch mới (2026–2030).")
    assert "chuyển đổi số" not in note and "OLD" not in note and "NEW" not in note


def test_no_covering_plan_points_to_the_plans_tab():
    assert "thẻ Kế hoạch" in plan_span_note(PLANS, "NEW", "2031")


def test_covering_plans_newest_first():
    assert [row["code"] for row in covering_plans(PLANS + [
        {"code": "WIDE", "year_from": 2016, "year_to": 2030}], 2026)] == ["NEW", "WIDE"]
