"""The benchmark builder: one district records one quarter as its months, adding up to it."""

from __future__ import annotations

from sqlalchemy import select

from desktop.bench.province import PLAN, Size, _as_months, build, monthly_quarter
from desktop.data.database import open_database
from desktop.data.models import DataValue, OrgUnit, Period
from desktop.engine.progress import progress


def test_months_add_up_to_their_quarter():
    for value in (0.0, 1.0, 2.0, 7.0, 100.0, 12345.0):
        flows = _as_months(value, "number", "flow")
        assert sum(flows) == value and all(part >= 0 and part == int(part) for part in flows)
        assert _as_months(value, "number", "stock") == [value] * 3
    assert _as_months(1.0, "yesno", "flow") == [1.0] * 3


def test_the_first_district_records_one_quarter_as_months(tmp_path):
    years = range(2023, 2025)
    assert monthly_quarter(years) == "2023Q4" and monthly_quarter(range(2025, 2026)) is None
    database = open_database(tmp_path / "bench.sqlite")
    try:
        with database.session() as session:
            build(session, Size(2, 2), years=years)
            by_unit: dict[str, set[str]] = {}
            for unit, period in session.execute(
                    select(OrgUnit.code, Period.code).join(DataValue, DataValue.unit_id == OrgUnit.id)
                    .join(Period, Period.id == DataValue.period_id)
                    .where(Period.code.in_(["2023Q4", "2023-10", "2023-12"])).distinct()):
                by_unit.setdefault(unit, set()).add(period)
            assert by_unit["H01"] == by_unit["H01X01"] == {"2023-10", "2023-12"}
            assert by_unit["H02"] == by_unit["H02X02"] == {"2023Q4"}
            rows = progress(session, PLAN, "H01", "2023Q4", by_unit=True)
            # each commune's quarter is built from its months
            assert {r.unit for r in rows if r.parent == "H01" and r.reporting} == {"H01X01",
                                                                                  "H01X02"}
    finally:
        database.close()
