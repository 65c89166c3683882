"""Checks shared by the crash tests: do the stored year values agree with the values?"""

from __future__ import annotations

from sqlalchemy import select, text

from desktop.data.models import YearValue
from desktop.data.yearvalues import refresh_year_values


def year_value_problems(session) -> list[str]:  # noqa: ANN001
    """The stored year values are what the values give (recomputed, then compared)."""
    def snapshot() -> list[tuple]:
        return sorted(tuple(row) for row in session.execute(
            select(YearValue.unit_id, YearValue.element_id, YearValue.year, YearValue.value)))

    before = snapshot()
    keys = {(unit, element, year) for unit, element, year, _value in before}
    keys |= {(unit, element, int(code[:4])) for unit, element, code in session.execute(
        text("SELECT v.unit_id, v.element_id, p.code FROM data_value v "
             "JOIN period p ON p.id = v.period_id"))}
    refresh_year_values(session, keys)
    session.flush()
    return [] if snapshot() == before else ["year values disagree with the values"]
