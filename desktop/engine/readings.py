"""Per-unit values of elements for a period, read in one query each.

Years come from the derived `year_value` table; quarters and months from
the recorded values (a quarter without its own value is built from its
months the same way a year is built from quarters).
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.data.models import DataElement, DataValue, Period, YearValue
from desktop.data.yearvalues import derive_year_value
from desktop.periods import PeriodSpec

SMALL_SCOPE = 400  # below this many units, filter in SQL; above, in Python
Readings = dict[int, dict[int, float]]  # element id -> unit id -> value


def read_period(session: Session, spec: PeriodSpec, element_ids: set[int],
                unit_ids: set[int] | None = None) -> Readings:
    """Each unit's value of each element for the period."""
    if not element_ids:
        return {}
    if spec.kind == "year":
        return read_years(session, spec.year, spec.year, element_ids, unit_ids)
    return _read_sub_year(session, spec, element_ids, unit_ids)


def read_years(session: Session, first: int, last: int, element_ids: set[int],
               unit_ids: set[int] | None = None, combine: str = "sum") -> Readings:
    """Yearly values, summed (or the maximum, for milestones) over first..last."""
    value = func.sum(YearValue.value) if combine == "sum" else func.max(YearValue.value)
    query = (select(YearValue.element_id, YearValue.unit_id, value)
             .where(YearValue.year.between(first, last), YearValue.element_id.in_(element_ids))
             .group_by(YearValue.element_id, YearValue.unit_id))
    if first == last and combine == "sum":
        query = (select(YearValue.element_id, YearValue.unit_id, YearValue.value)
                 .where(YearValue.year == first, YearValue.element_id.in_(element_ids)))
    if unit_ids is not None and len(unit_ids) <= SMALL_SCOPE:
        query = query.where(YearValue.unit_id.in_(unit_ids))
    readings: Readings = defaultdict(dict)
    for element_id, unit_id, amount in session.execute(query):
        if unit_ids is None or unit_id in unit_ids:
            readings[element_id][unit_id] = amount
    return readings


def _read_sub_year(session: Session, spec: PeriodSpec, element_ids: set[int],
                   unit_ids: set[int] | None) -> Readings:
    codes = [spec.code] + [sub.code for sub in spec.sub_periods()]
    query = (select(DataValue.element_id, DataValue.unit_id, Period.kind, Period.number,
                    DataValue.value)
             .join(Period, Period.id == DataValue.period_id)
             .where(Period.code.in_(codes), DataValue.element_id.in_(element_ids)))
    recorded: dict[tuple[int, int], dict] = defaultdict(dict)
    for element_id, unit_id, kind, number, value in session.execute(query):
        if unit_ids is None or unit_id in unit_ids:
            recorded[(element_id, unit_id)][(kind, number)] = value
    temporal = dict(session.execute(select(DataElement.id, DataElement.temporal)).all())
    readings: Readings = defaultdict(dict)
    for (element_id, unit_id), values in recorded.items():
        value = _sub_year_value(spec, temporal[element_id], values)
        if value is not None:
            readings[element_id][unit_id] = value
    return readings


def _sub_year_value(spec: PeriodSpec, temporal: str, values: dict) -> float | None:
    if spec.kind == "month":
        return values.get(("month", spec.number))
    if ("quarter", spec.number) in values:
        return values[("quarter", spec.number)]
    # Re-use the year rule on a quarter: treat its months as the "quarters" of a year.
    months = {("quarter", index + 1): values[("month", m)]
              for index, m in enumerate(range(3 * spec.number - 2, 3 * spec.number + 1))
              if ("month", m) in values}
    return derive_year_value(temporal, months)
