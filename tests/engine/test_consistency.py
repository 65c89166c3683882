"""Consistency across periods: a year's stock against its last quarter, and a part
above its whole once the year is put together from different forms."""

from __future__ import annotations

from desktop.engine.checks import consistency_warnings, validate_period
from desktop.engine.validation import ElementInfo, check_part_whole, check_year_stock

STAFF = ElementInfo("STAFF", "Tổng số cán bộ", "number", 0, "stock")
MAILBOX = ElementInfo("STAFF_MAILBOX", "Cán bộ có hộp thư", "number", 0, "stock")
DOCS = ElementInfo("DOCS_SENT", "Văn bản đi", "number", 0, "flow")


def test_a_stock_year_must_equal_its_last_quarter():
    [problem] = check_year_stock(STAFF, 23, 26, "Quý IV/2025")
    assert (problem.severity, problem.rule) == ("warning", "year_stock")
    assert "23" in problem.message and "26" in problem.message and "Quý IV/2025" in problem.message
    assert check_year_stock(STAFF, 26, 26, "Quý IV/2025") == []
    assert check_year_stock(DOCS, 500, 120, "Quý IV/2025") == []  # a flow sums its quarters


def test_a_part_above_its_whole_names_the_ratio():
    [problem] = check_part_whole(MAILBOX, 25, STAFF, 23, "Năm 2025")
    assert problem.rule == "part_whole" and "108,7 %" in problem.message
    assert check_part_whole(MAILBOX, 23, STAFF, 23, "Năm 2025") == []
    assert check_part_whole(MAILBOX, 5, STAFF, None, "Năm 2025") == []


def test_validate_finds_the_yearly_form_that_disagrees_with_the_quarters(world, session):
    world.district("H1", ("A", "B"))
    for quarter in (1, 2, 3, 4):
        world.values("A", f"2025Q{quarter}", STAFF=26, STAFF_MAILBOX=25)
        world.values("B", f"2025Q{quarter}", STAFF=20, STAFF_MAILBOX=18)
    world.values("A", "2025", STAFF=23)  # the yearly form says 23
    findings = validate_period(session, "H1", "2025")
    assert {(f.unit, f.element, f.rule) for f in findings} == {
        ("A", "STAFF", "year_stock"), ("A", "STAFF_MAILBOX", "part_whole")}
    assert all(f.severity == "warning" for f in findings)
    assert {f.rule for f in validate_period(session, "H1", "2025Q4")} == {
        "year_stock", "part_whole"}
    assert validate_period(session, "H1", "2025Q3") == []
    [first, *_] = consistency_warnings(session, "H1", "2025")
    assert first.startswith("Đơn vị A: ")
