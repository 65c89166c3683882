"""What the data-entry grid shows: elements × units for one period, as plain rows.

Columns are the units directly under the chosen one that exist during the
period (or the unit alone when it has none); rows are the data elements
collected at those units' levels. Also returned: the recorded values and
comments, the previous period's values (for the jump warning) and which
units are locked for the period.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desktop.data.cache import cached
from desktop.data.keyed import id_table, join_by_unit, run_inline
from desktop.data.models import DataElement, OrgUnit, Period
from desktop.data.periods_db import period_id as period_id_of
from desktop.data.submission import locked_pairs
from desktop.engine.scope import UnitTree
from desktop.i18n import t
from desktop.periods import parse_period


@dataclass(frozen=True)
class GridElement:
    code: str
    name: str
    measure: str
    kind: str
    decimals: int
    levels: tuple[str, ...]


@dataclass(frozen=True)
class GridUnit:
    code: str
    name: str
    level: str


@dataclass
class GridData:
    period: str
    elements: list[GridElement]
    units: list[GridUnit]
    values: dict[tuple[str, str], float] = field(default_factory=dict)  # (element, unit)
    comments: dict[tuple[str, str], str] = field(default_factory=dict)
    # The version of each recorded value, sent back on save so that a value
    # another clerk changed meanwhile is refused, not overwritten.
    versions: dict[tuple[str, str], int] = field(default_factory=dict)
    previous: dict[tuple[str, str], float] = field(default_factory=dict)
    locked: set[str] = field(default_factory=set)  # unit codes
    # For a year: the value built from its quarters where no yearly value was entered.
    derived: dict[tuple[str, str], float] = field(default_factory=dict)


def grid_data(session: Session, unit_code: str, period_code: str) -> GridData:
    """The grid for the units under `unit_code` (or itself) in `period_code`."""
    spec = parse_period(period_code)
    tree = UnitTree.of(session)
    unit = tree.get(unit_code)
    columns = [child for child in tree.children(unit.id)
               if child.valid_during(spec.start, spec.end)] or [unit]
    levels = {column.level for column in columns}
    elements = [GridElement(e.code, t(e.name, e.name_en or e.name),
                            t(e.measure, e.measure_en or e.measure), e.kind, e.decimals,
                            e.levels)
                for e in _element_rows(session) if levels & set(e.levels)]
    data = GridData(spec.code, elements, [GridUnit(c.code, c.name, c.level) for c in columns])
    ids = {c.id: c.code for c in columns}
    data.values, data.comments, data.versions = _values(session, ids, spec.code)
    data.previous, _, _ = _values(session, ids, spec.previous().code)
    if spec.kind == "year":
        data.derived = {key: value for key, value in _year_values(
            session, ids, [e.code for e in elements], spec.year).items() if key not in data.values}
    data.locked = {ids[unit_id] for unit_id, _ in locked_pairs(
        session, {(unit_id, spec) for unit_id in ids})}
    return data


def _element_rows(session: Session) -> list:
    """Every element in display order as plain rows (levels split), kept until the
    database changes (desktop.data.cache); the language is applied by the caller."""
    return cached(session, "grid_elements", lambda: [
        _ElementRow(*row[:-1], tuple(row[-1].split(","))) for row in session.execute(select(
            DataElement.code, DataElement.name, DataElement.name_en, DataElement.measure,
            DataElement.measure_en, DataElement.kind, DataElement.decimals,
            DataElement.levels).order_by(DataElement.sort_order))])


class _ElementRow(NamedTuple):
    code: str
    name: str
    name_en: str | None
    measure: str
    measure_en: str | None
    kind: str
    decimals: int
    levels: tuple[str, ...]


def _values(session: Session, ids: dict[int, str], period_code: str):
    """The columns' values in one period, read by the (unit, period) index."""
    values, comments, versions = {}, {}, {}
    period_id = period_id_of(session, period_code)
    if period_id is None:
        return values, comments, versions
    join = join_by_unit(session.get_bind().dialect.name, "s", "data_value", "v",
                        f"v.period_id = {int(period_id)}")
    rows = run_inline(
        session, f"WITH {id_table('scope', ['unit_id'], [(u,) for u in sorted(ids)])} "
                 f"SELECT e.code, v.unit_id, v.value, v.comment, v.version FROM scope s{join} "
                 f"JOIN data_element e ON e.id = v.element_id")
    for element, unit_id, value, comment, version in rows:
        values[(element, ids[unit_id])] = value
        versions[(element, ids[unit_id])] = version
        if comment:
            comments[(element, ids[unit_id])] = comment
    return values, comments, versions


def value_versions(session: Session, period_code: str,
                   cells: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """(element, unit) -> version now recorded, for the given cells of one period.

    Codes are resolved first, so the values are read by their full key."""
    elements = dict(session.execute(select(DataElement.id, DataElement.code).where(
        DataElement.code.in_({element for element, _ in cells}))).all())
    units = dict(session.execute(select(OrgUnit.id, OrgUnit.code).where(
        OrgUnit.code.in_({unit for _, unit in cells}))).all())
    period_id = session.scalar(select(Period.id).where(Period.code == period_code))
    if period_id is None or not elements or not units:
        return {}
    listed = ", ".join(str(int(e)) for e in sorted(elements))
    join = join_by_unit(session.get_bind().dialect.name, "s", "data_value", "v",
                        f"v.period_id = {int(period_id)} AND v.element_id IN ({listed})")
    rows = session.execute(text(
        f"WITH {id_table('scope', ['unit_id'], [(u,) for u in sorted(units)])} "
        f"SELECT v.element_id, v.unit_id, v.version FROM scope s{join}"))
    return {(elements[element], units[unit]): version for element, unit, version in rows}


def _year_values(session: Session, ids: dict[int, str], codes: list[str],
                 year: int) -> dict[tuple[str, str], float]:
    """The columns' yearly values, read by unit (desktop.engine.readings)."""
    from desktop.engine.readings import read_years

    elements = dict(session.execute(
        select(DataElement.id, DataElement.code).where(DataElement.code.in_(codes))).all())
    readings = read_years(session, year, year, set(elements), set(ids))
    return {(elements[element], ids[unit_id]): value
            for element, by_unit in readings.items() for unit_id, value in by_unit.items()}


def unit_names(session: Session) -> dict[str, str]:
    """code -> name of every unit."""
    return dict(session.execute(select(OrgUnit.code, OrgUnit.name)).all())


@dataclass(frozen=True)
class SubmissionRow:
    code: str
    name: str
    state: str
    changed_by: str
    changed_at: object  # datetime or None
    reason: str
    locked: bool  # also true when a covering year is approved


def submission_rows(session: Session, unit_code: str, period_code: str) -> list[SubmissionRow]:
    """The submission state of each unit of the grid (the units under `unit_code`)."""
    from desktop.data.models import Submission

    spec = parse_period(period_code)
    tree = UnitTree.of(session)
    unit = tree.get(unit_code)
    columns = [child for child in tree.children(unit.id)
               if child.valid_during(spec.start, spec.end)] or [unit]
    found = {row.unit_id: row for row in session.scalars(
        select(Submission).join(Period, Period.id == Submission.period_id).where(
            Period.code == spec.code, Submission.unit_id.in_([c.id for c in columns])))}
    locked = {unit_id for unit_id, _ in locked_pairs(session, {(c.id, spec) for c in columns})}
    rows = []
    for column in columns:
        row = found.get(column.id)
        rows.append(SubmissionRow(column.code, column.name, row.state if row else "draft",
                                  row.changed_by if row else "", row.changed_at if row else None,
                                  row.reason if row else "", column.id in locked))
    return rows
