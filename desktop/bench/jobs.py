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

from sqlalchemy import func, select

from desktop.bench.province import MONTHLY_DISTRICT, PLAN, PROVINCE, monthly_quarter
from desktop.data.grid import grid_data
from desktop.data.models import DataElement, OrgUnit
from desktop.data.periods_db import ensure_periods
from desktop.data.values import ValueInput, write_values
from desktop.engine.completeness import completeness
from desktop.engine.progress import progress
from desktop.periods import parse_period

YEAR, QUARTER = "2024", "2024Q2"
DISTRICT, COMMUNE, NEW_PROVINCE = "H01", "H01X01", "T01"


@dataclass(frozen=True)
class Job:
    name: str
    units: int  # units the job covers
    fixed: bool  # the same work at every size
    run: Callable[[], object]


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


def _write_one_form(database) -> Callable[[], object]:
    """One commune's form for a new month: every element it reports, rolled back."""
    with database.session() as session:
        codes = list(session.scalars(select(DataElement.code).where(
            DataElement.levels.like("%xa%"), DataElement.kind == "number",
            DataElement.code.like("BENCH_%"))))
        ensure_periods(session, {parse_period("2026-01")})  # the month exists: steady state

    def run():
        session = database.make_session()
        try:
            return write_values(session, [ValueInput(COMMUNE, code, "2026-01", 5.0)
                                          for code in codes])
        finally:
            session.rollback()
            session.close()
    return run


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
        Job("write one commune's form (rolled back)", 1, True, _write_one_form(database)),
    ]
    if size == "national":
        units = count_under(database, NEW_PROVINCE)
        jobs.append(Job("progress: a 2025 province by commune, year", units, False,
                        _read(database, progress, PLAN, NEW_PROVINCE, YEAR, by_unit=True)))
    return jobs
