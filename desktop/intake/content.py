"""What goes on a unit's form: its elements, grouped, with last period's values.

An element is on the form when it is reported at the unit's level
(`DataElement.levels` holds the level). The reference value is what the unit
recorded for the previous period of the same kind, else its yearly value of
the previous period's year.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.models import DataElement, DataValue, OrgUnit, Period, YearValue
from desktop.data.office import require_office
from desktop.data.units import unit_by_code
from desktop.periods import PeriodSpec


@dataclass(frozen=True)
class FormRow:
    code: str
    name: str
    measure: str
    kind: str
    decimals: int
    group: str
    reference: float | None


@dataclass(frozen=True)
class FormContent:
    unit_code: str
    unit_name: str
    office_code: str
    office_name: str
    period: PeriodSpec
    rows: tuple[FormRow, ...]
    seal_key: bytes = b""


def elements_for_level(session: Session, level: str) -> list[DataElement]:
    """The data elements reported at `level`, in catalogue order."""
    found = session.scalars(select(DataElement).order_by(DataElement.sort_order, DataElement.id))
    return [e for e in found if level in [part.strip() for part in e.levels.split(",")]]


def form_content(session: Session, unit_code: str, period: PeriodSpec) -> FormContent:
    office = require_office(session)
    unit = unit_by_code(session, unit_code)
    elements = elements_for_level(session, unit.level)
    reference = _reference_values(session, unit, period)
    rows = tuple(FormRow(e.code, e.name, e.measure, e.kind, e.decimals, e.group,
                         reference.get(e.id)) for e in elements)
    from desktop.intake.seal import seal_key

    return FormContent(unit.code, unit.name, office.unit_code, office.unit_name, period, rows,
                       seal_key(session, create=True))


def _reference_values(session: Session, unit: OrgUnit, period: PeriodSpec) -> dict[int, float]:
    previous = period.previous()
    values = dict(session.execute(
        select(YearValue.element_id, YearValue.value).where(
            YearValue.unit_id == unit.id, YearValue.year == previous.year)).all())
    values.update(session.execute(
        select(DataValue.element_id, DataValue.value).join(Period, Period.id == DataValue.period_id)
        .where(DataValue.unit_id == unit.id, Period.code == previous.code)).all())
    return values
