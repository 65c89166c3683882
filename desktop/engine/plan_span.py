"""Plans have an end: what to say when a period lies outside a plan's years.

A plan runs from `year_from` to `year_to`. A period after its last year is
still judged against the plan's last targets (that is what the progress
engine does), but every screen, report and meeting pack says so, and names
the plans of the catalogue that do cover the period. One rule, used by the
progress tab, the overview, the Excel export and the meeting pack.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop.i18n import t
from desktop.periods import parse_period


def covering_plans(plan_rows: list[dict], year: int) -> list[dict]:
    """The plans whose years include `year`, newest first."""
    found = [row for row in plan_rows if row["year_from"] <= year <= row["year_to"]]
    return sorted(found, key=lambda row: (-row["year_from"], row["code"]))


def plan_reference(plan: dict) -> str:
    """A plan as officials cite it: by its document number (“Kế hoạch số 22/KH-UBND”),
    else by its title, else by its code (the code alone means nothing on paper)."""
    if plan.get("decision"):
        return t(f"Kế hoạch số {plan['decision']}", f"Plan no. {plan['decision']}")
    return plan.get("title") or plan["code"]


def plan_span_note(plan_rows: list[dict], plan_code: str, period_code: str) -> str:
    """One sentence when the period lies outside the plan's years (else "")."""
    plan = next((row for row in plan_rows if row["code"] == plan_code), None)
    if plan is None:
        return ""
    spec = parse_period(period_code)
    if plan["year_from"] <= spec.year <= plan["year_to"]:
        return ""
    others = "; ".join(f"{plan_reference(row)} ({row['year_from']}–{row['year_to']})"
                       for row in covering_plans(plan_rows, spec.year))
    label, name = spec.label(), plan_reference(plan)
    if spec.year > plan["year_to"]:
        text = t(f"{name} đã kết thúc năm {plan['year_to']}: {label} được so "
                 f"với mục tiêu năm cuối của kế hoạch.",
                 f"{name} ended in {plan['year_to']}: {label} is compared with "
                 f"the plan's last targets.")
    else:
        text = t(f"{name} bắt đầu từ năm {plan['year_from']}: {label} nằm "
                 "ngoài thời gian của kế hoạch.",
                 f"{name} starts in {plan['year_from']}: {label} lies outside "
                 "its years.")
    if others:
        return text + t(f" Kế hoạch áp dụng cho kỳ này: {others}.",
                        f" Plans covering this period: {others}.")
    return text + t(" Chưa có kế hoạch nào cho kỳ này: thêm kế hoạch mới ở thẻ Kế hoạch.",
                    " No plan covers this period yet: add the new plan on the Plans tab.")


def plan_note_for(session: Session, plan_code: str | None, period_code: str) -> str:
    """`plan_span_note` read from the database."""
    from desktop.data.queries import plans

    if not plan_code:
        return ""
    return plan_span_note(plans(session), plan_code, period_code)
