"""The database jobs the benchmark times, each with the units it covers.

Jobs over the whole province grow with the province (the demo's 27 units,
the province's 726, the x10 province's 7,251); jobs over one district (29
units) or one commune do the same work at every size, so in a bigger
database they must cost the same. The national database adds the 2025
structure (34 provinces, 3,321 communes directly under them) around the
same historical province.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, func, select

from desktop.assess.scoring import score_units
from desktop.assess.store import get_set
from desktop.bench.province import MONTHLY_DISTRICT, PLAN, PROVINCE, monthly_quarter
from desktop.data.grid import grid_data
from desktop.data.models import AuditEntry, DataElement, DataValue, OrgUnit, Period, YearValue
from desktop.data.periods_db import ensure_periods
from desktop.data.values import ValueInput, write_values
from desktop.engine.completeness import completeness
from desktop.engine.progress import progress
from desktop.periods import parse_period

YEAR, QUARTER = "2024", "2024Q2"
DISTRICT, COMMUNE, NEW_PROVINCE = "H01", "H01X01", "T01"
FORM_MONTH = "2026-01"  # a month after the built years: the forms' values are new


@dataclass(frozen=True)
class Job:
    name: str
    units: int  # units the job covers
    fixed: bool  # the same work at every size
    run: Callable[[], object]
    reset: Callable[[], object] | None = None  # puts back what `run` committed (untimed)


def count_under(database, code: str) -> int:
    """The units at and under `code`."""
    with database.session() as session:
        path = session.scalar(select(OrgUnit.path).where(OrgUnit.code == code))
        return session.scalar(select(func.count()).select_from(OrgUnit).where(
            OrgUnit.path.like(f"{path}%")))


def _read(database, function, *args, **kwargs):
    def run():
        with database.session() as session:
            return function(session, *args, **kwargs)
    return run


def _ranking(database, set_code: str, unit: str) -> Callable[[], object]:
    """A ranking as the program shows it: the units under `unit` scored by the set for
    the year, with last year's ranks beside them, and the card of the first unit (the
    screen selects it and shows its criteria)."""
    def run():
        with database.session() as session:
            rows = score_units(session, get_set(session, set_code), YEAR, unit,
                               with_previous=True)
        if rows:
            rows[0].criteria  # noqa: B018 - made when asked for, as the screen asks
        return rows
    return run


def _form_codes(database) -> list[str]:
    """The elements a commune reports, its month made to exist (the steady state)."""
    with database.session() as session:
        codes = list(session.scalars(select(DataElement.code).where(
            DataElement.levels.like("%xa%"), DataElement.kind == "number",
            DataElement.code.like("BENCH_%"))))
        ensure_periods(session, {parse_period(FORM_MONTH)})
    return codes


def _write_one_form(database) -> Callable[[], object]:
    """One commune's form for a new month: every element it reports, rolled back (the
    program's own work, without the disk's)."""
    codes = _form_codes(database)

    def run():
        session = database.make_session()
        try:
            return write_values(session, [ValueInput(COMMUNE, code, FORM_MONTH, 5.0)
                                          for code in codes])
        finally:
            session.rollback()
            session.close()
    return run


def _save_one_form(database) -> tuple[Callable[[], object], Callable[[], object]]:
    """The same form saved as a clerk saves it, committed (with the disk's flush), and
    what removes it again: its values, their audit rows and the yearly values made."""
    codes = _form_codes(database)
    with database.session() as session:
        last_audit = session.scalar(select(func.max(AuditEntry.id))) or 0
        unit = session.scalar(select(OrgUnit.id).where(OrgUnit.code == COMMUNE))
        period = session.scalar(select(Period.id).where(Period.code == FORM_MONTH))
        year = parse_period(FORM_MONTH).year

    def run():
        with database.session() as session:
            return write_values(session, [ValueInput(COMMUNE, code, FORM_MONTH, 5.0)
                                          for code in codes])

    def reset():
        with database.session() as session:
            session.execute(delete(DataValue).where(DataValue.unit_id == unit,
                                                    DataValue.period_id == period))
            session.execute(delete(YearValue).where(YearValue.unit_id == unit,
                                                    YearValue.year == year))
            session.execute(delete(AuditEntry).where(AuditEntry.id > last_audit))
    return run, reset


def database_jobs(database, size: str) -> list[Job]:
    province = count_under(database, PROVINCE)
    district = count_under(database, DISTRICT)
    jobs = [
        Job("progress: province, year", province, False, _read(database, progress, PLAN, PROVINCE, YEAR)),
        Job("progress: province by district, year", province, False,
            _read(database, progress, PLAN, PROVINCE, YEAR, by_unit=True)),
        Job("progress: province, quarter", province, False,
            _read(database, progress, PLAN, PROVINCE, QUARTER)),
        Job("completeness: province, quarter", province, False,
            _read(database, completeness, PROVINCE, QUARTER)),
        Job("progress: one district, year", district, True,
            _read(database, progress, PLAN, DISTRICT, YEAR, by_unit=True)),
        Job("progress: one district, quarter", district, True,
            _read(database, progress, PLAN, DISTRICT, QUARTER, by_unit=True)),
        Job("progress: one district, a quarter from months", district, True,
            _read(database, progress, PLAN, MONTHLY_DISTRICT, monthly_quarter(), by_unit=True)),
        Job("completeness: one district, quarter", district, True,
            _read(database, completeness, DISTRICT, QUARTER)),
        Job("entry grid: one district, quarter", district, True,
            _read(database, grid_data, DISTRICT, QUARTER)),
        Job("ranking: the province's districts, year", province, False,
            _ranking(database, "VD-UDCNTT", PROVINCE)),
        Job("ranking: one district's communes, year", district, True,
            _ranking(database, "VD-DTI-XA", DISTRICT)),
        Job("write one commune's form (rolled back)", 1, True, _write_one_form(database)),
        Job("save one commune's form (committed)", 1, True, *_save_one_form(database)),
    ]
    if size == "national":
        units = count_under(database, NEW_PROVINCE)
        jobs.append(Job("progress: a 2025 province by commune, year", units, False,
                        _read(database, progress, PLAN, NEW_PROVINCE, YEAR, by_unit=True)))
    return jobs
