"""Benchmark databases of several sizes.

Every size has one province with districts and communes (the historical
three levels), 60 data elements (the catalogue's plus synthetic ones up to
60) and every quarter of 2016–2025:

- demo: 2 districts of 12 communes (27 units, 65 thousand values);
- province: 25 districts of 28 communes (726 units, 1.7 million values);
- national: that province plus the 2025 structure, 34 provinces with 3,321
  communes directly under them (4,081 units, 9.8 million values);
- x10: one province of 250 districts of 28 communes (7,251 units, 17 million).

The first district (H01: 29 units) records the fourth quarter of the year
before the last (2024) as its three months instead: flows split into
three parts, stocks the same each month, so every yearly value is the
same as with the quarter; that quarter of that district is built from its
months, the way an office entering monthly forms has it.

Values are inserted in bulk through the DBAPI cursor (the benchmark
measures reading, not the audited write path), with the value table's
secondary indexes dropped meanwhile and made again at the end, then the
derived yearly values are rebuilt. The file is kept and reused while
its build key matches; a file of another build key is refused, to be
deleted by hand.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from desktop.data.catalogue import load_catalogue
from desktop.data.database import Database, open_database
from desktop.data.models import DataElement, DataValue, OrgUnit
from desktop.data.office import init_office
from desktop.data.periods_db import ensure_periods
from desktop.data.settings import get_setting, set_setting
from desktop.data.yearvalues import rebuild_year_values
from desktop.periods import month_period, quarter_period

ELEMENTS = 60
YEARS = range(2016, 2026)
PLAN = "TH-2016"
MONTHLY_DISTRICT = "H01"  # records one quarter as its months (the module's docstring)
PROVINCE = "P00"


@dataclass(frozen=True)
class Size:
    districts: int
    communes_per_district: int
    new_provinces: int = 0  # the 2025 structure: provinces with communes directly under them
    new_communes: int = 0

    @property
    def units(self) -> int:
        return (1 + self.districts * (1 + self.communes_per_district)
                + self.new_provinces + self.new_communes)

    def build_key(self) -> str:
        return (f"bench-v3:{self.districts}x{self.communes_per_district}"
                f"+{self.new_provinces}/{self.new_communes}:{ELEMENTS}:"
                f"{YEARS.start}-{YEARS.stop - 1}")


SIZES = {"demo": Size(2, 12), "province": Size(25, 28),
         "national": Size(25, 28, 34, 3321), "x10": Size(250, 28)}
DISTRICTS = SIZES["province"].districts
COMMUNES_PER_DISTRICT = SIZES["province"].communes_per_district


def province_database(target: str | Path, size: str = "province") -> Database:
    """Open the benchmark database of `size` at `target`, building it first if needed."""
    database = open_database(target)
    shape = SIZES[size]
    with database.session() as session:
        built = get_setting(session, "bench_build")
        if built == shape.build_key():
            return database
        if built:
            raise RuntimeError(f"{target} was built by another version of the benchmark "
                               f"({built}); delete it to have it built again")
        if get_setting(session, "office_unit"):
            raise RuntimeError(f"{target} holds other data; give the benchmark a new file")
        build(session, shape)
        set_setting(session, "bench_build", shape.build_key())
    return database


def build(session, shape: Size, years: range = YEARS) -> None:
    init_office(session, province="Tỉnh Mẫu", unit_code=PROVINCE, unit_name="Tỉnh Mẫu",
                level="tinh", plans=[PLAN])
    load_catalogue(session)
    _add_synthetic_elements(session)
    unit_ids = _add_units(session, shape) + _add_new_provinces(session, shape)
    periods = ensure_periods(session, {quarter_period(y, q) for y in years for q in range(1, 5)})
    monthly = _monthly(session, periods, years)
    elements = list(session.execute(select(DataElement.id, DataElement.code, DataElement.kind,
                                           DataElement.temporal)))
    indexes = list(DataValue.__table__.indexes)  # built once at the end: far faster in bulk
    connection = session.connection()
    for index in indexes:
        index.drop(connection)
    _insert_values(session, unit_ids, elements, periods, years, monthly)
    for index in indexes:
        index.create(connection)
    rebuild_year_values(session)


def _add_synthetic_elements(session) -> None:
    count = session.scalar(select(func.count()).select_from(DataElement))
    for index in range(count, ELEMENTS):
        session.add(DataElement(code=f"BENCH_{index:02d}", name=f"Chỉ tiêu thử {index}",
                                name_en=f"Benchmark element {index}", measure="", kind="number",
                                temporal="flow", decimals=0, levels="tinh,huyen,xa",
                                sort_order=index))
    session.flush()


def _add_units(session, shape: Size) -> list[tuple[int, str]]:
    """Insert the province, districts and communes; return (id, level) of each."""
    province = session.scalar(select(OrgUnit).where(OrgUnit.code == PROVINCE))
    rows = [(province.id, "tinh")]
    for d in range(1, shape.districts + 1):
        district = OrgUnit(code=f"H{d:02d}", name=f"Huyện số {d}", search_key=f"huyện số {d}",
                           level="huyen", kind="area", parent_id=province.id, path="", sort_order=d)
        session.add(district)
        session.flush()
        district.path = f"{province.path}{district.id}/"
        rows.append((district.id, "huyen"))
        communes = [OrgUnit(code=f"H{d:02d}X{c:02d}", name=f"Xã {c} huyện {d}",
                            search_key=f"xã {c} huyện {d}", level="xa", kind="area",
                            parent_id=district.id, path="", sort_order=c)
                    for c in range(1, shape.communes_per_district + 1)]
        session.add_all(communes)
        session.flush()
        for commune in communes:
            commune.path = f"{district.path}{commune.id}/"
            rows.append((commune.id, "xa"))
    session.flush()
    return rows


def _add_new_provinces(session, shape: Size) -> list[tuple[int, str]]:
    """The 2025 structure: provinces with their communes directly under them."""
    rows = []
    for p in range(1, shape.new_provinces + 1):
        province = OrgUnit(code=f"T{p:02d}", name=f"Tỉnh số {p}", search_key=f"tỉnh số {p}",
                           level="tinh", kind="area", parent_id=None, path="", sort_order=p)
        session.add(province)
        session.flush()
        province.path = f"/{province.id}/"
        rows.append((province.id, "tinh"))
        numbers = range(p, shape.new_communes + 1, shape.new_provinces)
        communes = [OrgUnit(code=f"T{p:02d}X{c:04d}", name=f"Xã {c} tỉnh {p}",
                            search_key=f"xã {c} tỉnh {p}", level="xa", kind="area",
                            parent_id=province.id, path="", sort_order=c) for c in numbers]
        session.add_all(communes)
        session.flush()
        for commune in communes:
            commune.path = f"{province.path}{commune.id}/"
            rows.append((commune.id, "xa"))
    session.flush()
    return rows


def monthly_quarter(years: range = YEARS) -> str | None:
    """The quarter the first district records as months: the last of the year before
    the last (None when the years have no such year)."""
    year = years.stop - 2
    return quarter_period(year, 4).code if year in years else None


def _monthly(session, periods: dict, years: range) -> tuple[set[int], int | None, list[int]]:
    """(the monthly district's unit ids, its quarter's id, the ids of that quarter's
    months in order), the months' periods added."""
    code = monthly_quarter(years)
    district = session.scalar(select(OrgUnit).where(OrgUnit.code == MONTHLY_DISTRICT))
    if code is None or district is None:
        return set(), None, []
    months = [month_period(years.stop - 2, m) for m in (10, 11, 12)]
    ids = ensure_periods(session, set(months))
    units = set(session.scalars(select(OrgUnit.id).where(OrgUnit.path.like(f"{district.path}%"))))
    return units, periods[code], [ids[m.code] for m in months]


def _as_months(value: float, kind: str, temporal: str) -> list[float]:
    """Three months whose quarter is `value`: a stock (or yes/no) the same each month,
    a flow split in whole parts that add up to it exactly."""
    if temporal == "stock" or kind == "yesno":
        return [value] * 3
    part = float(int(value // 3))
    return [part, part, value - 2 * part]


def _insert_values(session, units: list[tuple[int, str]], elements: list, periods: dict,
                   years: range, monthly: tuple[set[int], int | None, list[int]]) -> None:
    """Plausible quarterly values for every unit, element and quarter, in bulk (the
    monthly district's one quarter as its months)."""
    monthly_units, monthly_quarter_id, month_ids = monthly
    rng = random.Random(7)
    connection = session.connection()
    marker = "?" if connection.dialect.name == "sqlite" else "%s"
    statement = (f"INSERT INTO {DataValue.__tablename__} (unit_id, element_id, period_id, value, "
                 f"comment, changed_by, changed_at, version) VALUES "
                 f"({marker}, {marker}, {marker}, {marker}, '', 'bench', CURRENT_TIMESTAMP, 1)")
    period_list = [(periods[quarter_period(y, q).code], (y - YEARS.start) * 4 + q)
                   for y in years for q in range(1, 5)]
    batch = []
    for unit_id, level in units:
        size = 40 if level == "xa" else 120
        for element_id, code, kind, temporal in elements:
            base = rng.uniform(0.5, 1.5) * size
            for period_id, step in period_list:
                value = _value(rng, kind, base, step)
                if period_id == monthly_quarter_id and unit_id in monthly_units:
                    batch += [(unit_id, element_id, month_id, part) for month_id, part
                              in zip(month_ids, _as_months(value, kind, temporal))]
                else:
                    batch.append((unit_id, element_id, period_id, value))
            if len(batch) >= 50_000:
                connection.exec_driver_sql(statement, batch)
                batch = []
    if batch:
        connection.exec_driver_sql(statement, batch)


def _value(rng: random.Random, kind: str, base: float, step: int) -> float:
    if kind == "yesno":
        return 1.0 if rng.random() < step / 40 else 0.0
    return float(int(base * (0.6 + step / 100) * rng.uniform(0.9, 1.1)))
