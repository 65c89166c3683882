"""The yearly value of each unit and element, derived from what was recorded.

A year's own value wins. Without one, the year is built from its quarters
(each quarter from its own value or else from its months): stock elements
(staff, computers) take the last quarter that has a value, flow elements
(documents sent, money spent) take the sum. The result is stored in
`year_value` and refreshed on every write, so reading a province's year is
one indexed scan.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from desktop.data import sent
from desktop.data.cache import cached
from desktop.data.keyed import chunks
from desktop.data.models import DataElement, DataValue, Period, YearValue

Recorded = dict[tuple[str, int], float]  # (period kind, number) -> value


_QUARTERS = tuple((("quarter", q), tuple(("month", m) for m in range(3 * q - 2, 3 * q + 1)))
                  for q in range(1, 5))


def derive_year_value(temporal: str, recorded: Recorded) -> float | None:
    """The value that counts for the year, or None when nothing was recorded."""
    if ("year", 0) in recorded:
        return recorded[("year", 0)]
    quarters = []
    for quarter, months in _QUARTERS:
        value = recorded.get(quarter)
        if value is None:
            value = combine_parts(temporal, [recorded[m] for m in months if m in recorded])
        if value is not None:
            quarters.append(value)
    return combine_parts(temporal, quarters)


def combine_parts(temporal: str, values: list[float]) -> float | None:
    """A period built from its parts' values, in order (a quarter from its months, a
    year from its quarters): the last for a stock, the sum for a flow; None for none."""
    if not values:
        return None
    return values[-1] if temporal == "stock" else sum(values)


def element_temporal(session: Session) -> dict[int, str]:
    """Element id -> 'stock' or 'flow', kept until the elements change."""
    return cached(session, "element_temporal", lambda: dict(session.execute(
        select(DataElement.id, DataElement.temporal)).all()))


def refresh_year_values(session: Session, keys: Iterable[tuple[int, int, int]]) -> None:
    """Recompute year_value for the given (unit_id, element_id, year) keys.

    Reads by the (unit, element, period) key of data_value, so a refresh
    costs what it touches, however many values the year holds.
    """
    by_year: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    for unit_id, element_id, year in keys:
        by_year[year][unit_id].add(element_id)
    if not by_year:
        return
    temporal = element_temporal(session)
    for year, elements_by_unit in by_year.items():
        periods = {pid: (kind, number) for pid, kind, number in sent.fetch(
            session, "SELECT id, kind, number FROM period WHERE year = ?", (int(year),))}
        for units in chunks(elements_by_unit, 50):
            elements = set().union(*(elements_by_unit[u] for u in units))
            for element_chunk in chunks(elements):
                _refresh_chunk(session, year, units, element_chunk, periods, temporal)


def _refresh_chunk(session: Session, year: int, units: list[int], elements: list[int],
                   periods: dict[int, tuple[str, int]], temporal: dict[int, str]) -> None:
    """Recompute every (unit, element) of units × elements for the year."""
    recorded: dict[tuple[int, int], Recorded] = defaultdict(dict)
    unit_list, element_list = sent.id_list(units), sent.id_list(elements)
    if periods:
        rows = sent.fetch(session, "SELECT unit_id, element_id, period_id, value FROM data_value "
                                   f"WHERE unit_id IN ({unit_list}) AND element_id IN "
                                   f"({element_list}) AND period_id IN "
                                   f"({sent.id_list(sorted(periods))})")
        for unit_id, element_id, period_id, value in rows:
            recorded[(unit_id, element_id)][periods[period_id]] = value
    sent.run(session, f"DELETE FROM year_value WHERE year = {int(year)} AND element_id IN "
                      f"({element_list}) AND unit_id IN ({unit_list})")
    new_rows = []
    for (unit_id, element_id), values in recorded.items():
        value = derive_year_value(temporal[element_id], values)
        if value is not None:
            new_rows.append((year, element_id, unit_id, value))
    sent.run_many(session, "INSERT INTO year_value (year, element_id, unit_id, value) "
                           "VALUES (?, ?, ?, ?)", new_rows)


def rebuild_year_values(session: Session) -> int:
    """Recompute every yearly value from scratch (after a bulk load); return the count."""
    session.execute(delete(YearValue))
    temporal = dict(session.execute(select(DataElement.id, DataElement.temporal)).all())
    rows = session.execute(
        select(DataValue.unit_id, DataValue.element_id, Period.year, Period.kind, Period.number,
               DataValue.value)
        .join(Period, Period.id == DataValue.period_id)
        .order_by(DataValue.unit_id, DataValue.element_id, Period.year))
    batch, count, current, recorded = [], 0, None, {}
    for unit_id, element_id, year, kind, number, value in rows:
        key = (unit_id, element_id, year)
        if key != current:
            if current is not None:
                batch.append(_year_row(current, temporal, recorded))
            current, recorded = key, {}
        recorded[(kind, number)] = value
        if len(batch) >= 20000:
            session.execute(insert(YearValue.__table__), [b for b in batch if b])
            count += len(batch)
            batch = []
    if current is not None:
        batch.append(_year_row(current, temporal, recorded))
    if batch:
        session.execute(insert(YearValue.__table__), [b for b in batch if b])
        count += len(batch)
    return count


def _year_row(key: tuple[int, int, int], temporal: dict[int, str], recorded: Recorded) -> dict:
    unit_id, element_id, year = key
    return {"unit_id": unit_id, "element_id": element_id, "year": year,
            "value": derive_year_value(temporal[element_id], recorded)}
