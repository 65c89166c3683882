"""A province-size database for the benchmark.

One province, 25 districts, 700 communes (28 each), 60 data elements (the
catalogue's plus synthetic ones up to 60), every quarter of 2016–2025:
about 1.7 million values. Values are inserted in bulk through the DBAPI
cursor (the benchmark measures reading, not the audited write path), then
the derived yearly values are rebuilt. The file is kept and reused while
its build key matches.
"""

from __future__ import annotations

import random
from pathlib import Path

from sqlalchemy import func, select

from desktop.data.catalogue import load_catalogue
from desktop.data.database import Database, open_database
from desktop.data.models import DataElement, DataValue, OrgUnit
from desktop.data.office import init_office
from desktop.data.periods_db import ensure_periods
from desktop.data.settings import get_setting, set_setting
from desktop.data.yearvalues import rebuild_year_values
from desktop.periods import quarter_period

DISTRICTS = 25
COMMUNES_PER_DISTRICT = 28
ELEMENTS = 60
YEARS = range(2016, 2026)
BUILD_KEY = f"province-v1:{DISTRICTS}x{COMMUNES_PER_DISTRICT}:{ELEMENTS}:{YEARS.start}-{YEARS.stop - 1}"
PLAN = "TH-2016"
PROVINCE = "P00"


def province_database(target: str | Path) -> Database:
    """Open the benchmark database at `target`, building it first if needed."""
    database = open_database(target)
    with database.session() as session:
        if get_setting(session, "bench_build") == BUILD_KEY:
            return database
        if get_setting(session, "office_unit"):
            raise RuntimeError(f"{target} holds other data; give the benchmark a new file")
        _build(database, session)
        set_setting(session, "bench_build", BUILD_KEY)
    return database


def _build(database: Database, session) -> None:
    init_office(session, province="Tỉnh Mẫu", unit_code=PROVINCE, unit_name="Tỉnh Mẫu",
                level="tinh", plans=[PLAN])
    load_catalogue(session)
    _add_synthetic_elements(session)
    unit_ids = _add_units(session)
    periods = ensure_periods(session, {quarter_period(y, q) for y in YEARS for q in range(1, 5)})
    elements = list(session.execute(select(DataElement.id, DataElement.code, DataElement.kind,
                                           DataElement.temporal)))
    _insert_values(session, unit_ids, elements, periods)
    rebuild_year_values(session)


def _add_synthetic_elements(session) -> None:
    count = session.scalar(select(func.count()).select_from(DataElement))
    for index in range(count, ELEMENTS):
        session.add(DataElement(code=f"BENCH_{index:02d}", name=f"Chỉ tiêu thử {index}",
                                name_en=f"Benchmark element {index}", measure="", kind="number",
                                temporal="flow", decimals=0, levels="tinh,huyen,xa",
                                sort_order=index))
    session.flush()


def _add_units(session) -> list[tuple[int, str]]:
    """Insert the province, districts and communes; return (id, level) of each."""
    province = session.scalar(select(OrgUnit).where(OrgUnit.code == PROVINCE))
    rows = [(province.id, "tinh")]
    for d in range(1, DISTRICTS + 1):
        district = OrgUnit(code=f"H{d:02d}", name=f"Huyện số {d}", search_key=f"huyện số {d}",
                           level="huyen", kind="area", parent_id=province.id, path="", sort_order=d)
        session.add(district)
        session.flush()
        district.path = f"{province.path}{district.id}/"
        rows.append((district.id, "huyen"))
        communes = [OrgUnit(code=f"H{d:02d}X{c:02d}", name=f"Xã {c} huyện {d}",
                            search_key=f"xã {c} huyện {d}", level="xa", kind="area",
                            parent_id=district.id, path="", sort_order=c)
                    for c in range(1, COMMUNES_PER_DISTRICT + 1)]
        session.add_all(communes)
        session.flush()
        for commune in communes:
            commune.path = f"{district.path}{commune.id}/"
            rows.append((commune.id, "xa"))
    session.flush()
    return rows


def _insert_values(session, units: list[tuple[int, str]], elements: list, periods: dict) -> None:
    """Plausible quarterly values for every unit, element and quarter, in bulk."""
    rng = random.Random(7)
    connection = session.connection()
    marker = "?" if connection.dialect.name == "sqlite" else "%s"
    statement = (f"INSERT INTO {DataValue.__tablename__} (unit_id, element_id, period_id, value, "
                 f"comment, changed_by, changed_at, version) VALUES "
                 f"({marker}, {marker}, {marker}, {marker}, '', 'bench', CURRENT_TIMESTAMP, 1)")
    period_list = [(periods[quarter_period(y, q).code], (y - YEARS.start) * 4 + q)
                   for y in YEARS for q in range(1, 5)]
    batch = []
    for unit_id, level in units:
        size = 40 if level == "xa" else 120
        for element_id, code, kind, temporal in elements:
            base = rng.uniform(0.5, 1.5) * size
            for period_id, step in period_list:
                batch.append((unit_id, element_id, period_id,
                              _value(rng, kind, base, step)))
            if len(batch) >= 50_000:
                connection.exec_driver_sql(statement, batch)
                batch = []
    if batch:
        connection.exec_driver_sql(statement, batch)


def _value(rng: random.Random, kind: str, base: float, step: int) -> float:
    if kind == "yesno":
        return 1.0 if rng.random() < step / 40 else 0.0
    return float(int(base * (0.6 + step / 100) * rng.uniform(0.9, 1.1)))
