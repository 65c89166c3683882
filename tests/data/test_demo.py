"""The demo database: units, plans, values 2016–2026, merges, the 2025 reform and locks."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from desktop.data import queries
from desktop.data.demo import build_demo
from desktop.data.models import DataElement, DataValue, OrgUnit, Period, YearValue
from desktop.data.office import get_office
from desktop.data.submission import get_state, is_locked
from desktop.data.units import children, list_units
from desktop.errors import UserError

AGENCIES = [f"H38TS-P{i:02d}" for i in range(1, 9)]
COMMUNES = [f"H38TS-X{i:02d}" for i in range(1, 18)]
MERGED = ["H38TS-X16", "H38TS-X17"]
# The new communes under the province from 1/7/2025: official names and codes.
NEW = {"X15664": "Xã Triệu Sơn", "X15766": "Xã An Nông", "X15667": "Xã Thọ Bình",
       "X15754": "Xã Thọ Ngọc", "X15682": "Xã Hợp Tiến", "X15763": "Xã Thọ Phú"}
REFORM = dt.date(2025, 7, 1)


def test_units(demo_db):
    with demo_db.session() as session:
        rows = {row.code: row for row in list_units(session)}
        assert set(rows) == {"T38", "H38TS", *AGENCIES, *COMMUNES, *NEW}
        assert rows["T38"].name == "Tỉnh Thanh Hóa" and rows["T38"].level == "tinh"
        assert rows["H38TS"].name == "Huyện Triệu Sơn" and rows["H38TS"].parent == "T38"
        assert all(rows[c].kind == "agency" and rows[c].level == "huyen" for c in AGENCIES)
        assert all(rows[c].kind == "area" and rows[c].level == "xa" for c in COMMUNES)
        assert all(rows[c].parent == "H38TS" for c in AGENCIES + COMMUNES)
        before = children(session, "H38TS", on=dt.date(2025, 1, 1))
        assert len(before) == 8 + 15
        assert len(children(session, "H38TS", on=dt.date(2019, 6, 1))) == 8 + 17
        assert children(session, "H38TS", on=REFORM) == []


def test_the_2025_reform(demo_db):
    """The district and its agencies close on 30/6/2025; its communes merge into six new
    communes directly under the province, named and coded as in the official list."""
    from vietnam_provinces import Ward

    official = {f"X{int(w.code):05d}": w.name for w in Ward.iter_all()}
    with demo_db.session() as session:
        rows = {row.code: row for row in list_units(session)}
        for code, name in NEW.items():
            assert official[code] == name == rows[code].name
            assert rows[code].parent == "T38" and rows[code].valid_from == REFORM
        last_day = REFORM - dt.timedelta(days=1)
        assert rows["H38TS"].valid_to == last_day
        assert all(rows[c].valid_to == last_day for c in AGENCIES)
        assert all(rows[c].valid_to == last_day and rows[c].successor in NEW
                   for c in COMMUNES[:15])
        assert {row.code for row in children(session, "T38", on=REFORM)} == set(NEW)
        # the old structure reports until 2025Q2, the new one from 2025Q3 through 2026Q3
        assert _count(session, OrgUnit.code == "H38TS-X01", Period.code == "2025Q2") > 0
        assert _count(session, OrgUnit.code == "H38TS-X01", Period.code == "2025Q3") == 0
        for code in NEW:
            assert _count(session, OrgUnit.code == code, Period.code == "2025Q3") > 0
            assert _count(session, OrgUnit.code == code, Period.code == "2026") > 0
        late = {code for code in NEW
                if _count(session, OrgUnit.code == code, Period.code == "2026Q3") == 0}
        assert {NEW[code] for code in late} == {"Xã Hợp Tiến", "Xã Thọ Phú"}


def test_merged_communes(demo_db):
    with demo_db.session() as session:
        rows = {row.code: row for row in list_units(session)}
        for code in MERGED:
            assert rows[code].valid_to == dt.date(2019, 12, 31)
            assert rows[code].successor == "H38TS-X12"
        assert rows["H38TS-X12"].name == "Xã Minh Sơn"


def test_office_and_plans(demo_db):
    with demo_db.session() as session:
        office = get_office(session)
        assert (office.unit_code, office.unit_name, office.province, office.plans) == (
            "H38TS", "Huyện Triệu Sơn", "Thanh Hóa", ("TH-2016", "DEMO-CDS-2026"))
        plans = {p["code"]: p for p in queries.plans(session)}
        assert set(plans) == {"KT-2009", "NA-2020", "TH-2016", "TTH-2020", "LD-2014",
                              "DEMO-CDS-2026"}
        current = plans["DEMO-CDS-2026"]
        assert (current["year_from"], current["year_to"]) == (2026, 2030) and current["targets"]


def _count(session, *where) -> int:
    query = (select(func.count()).select_from(DataValue)
             .join(Period, Period.id == DataValue.period_id)
             .join(OrgUnit, OrgUnit.id == DataValue.unit_id))
    return session.scalar(query.where(*where))


def test_values_every_year_quarterly_and_yearly(demo_db):
    with demo_db.session() as session:
        years = session.scalars(select(Period.year).join(
            DataValue, DataValue.period_id == Period.id).distinct().order_by(Period.year)).all()
        assert years == list(range(2016, 2027))
        kinds = set(session.scalars(select(Period.kind).join(
            DataValue, DataValue.period_id == Period.id).distinct()))
        assert kinds == {"quarter", "year"}
        for year in (2016, 2020, 2024):
            for code in ("H38TS-P01", "H38TS-X01", "H38TS-X12"):
                assert _count(session, OrgUnit.code == code, Period.year == year,
                              Period.kind == "quarter") > 0
                assert _count(session, OrgUnit.code == code, Period.code == str(year)) > 0
        derived = session.scalar(select(func.count(func.distinct(YearValue.year))))
        assert derived == 11


def test_merged_communes_stop_reporting_and_the_2025_merger_ends_the_old_reports(demo_db):
    with demo_db.session() as session:
        for code in MERGED:
            assert _count(session, OrgUnit.code == code, Period.year == 2019) > 0
            assert _count(session, OrgUnit.code == code, Period.year >= 2020) == 0
        assert all(_count(session, OrgUnit.code == code, Period.code == "2025Q2") > 0
                   for code in COMMUNES[:15])
        assert all(_count(session, OrgUnit.code == code, Period.year == 2025,
                          Period.kind == "year") == 0 for code in COMMUNES[:15])


def _rate(session, numerator: str, denominator: str, year: int, codes: list[str]) -> float:
    def total(element: str) -> float:
        return session.scalar(select(func.sum(YearValue.value))
                              .join(DataElement, DataElement.id == YearValue.element_id)
                              .join(OrgUnit, OrgUnit.id == YearValue.unit_id)
                              .where(DataElement.code == element, YearValue.year == year,
                                     OrgUnit.code.in_(codes)))
    return total(numerator) / total(denominator)


def test_progress_rises_and_two_communes_lag(demo_db):
    with demo_db.session() as session:
        everyone = AGENCIES + COMMUNES[:15]
        early = _rate(session, "STAFF_MAILBOX", "STAFF", 2016, everyone)
        late = _rate(session, "STAFF_MAILBOX", "STAFF", 2024, everyone)
        assert 0 < early < late <= 1
        lagging = ["H38TS-X09", "H38TS-X13"]  # Thọ Ngọc, Đồng Tiến
        others = [c for c in COMMUNES[:15] if c not in lagging]
        assert _rate(session, "DOCS_SENT_ELEC", "DOCS_SENT", 2021, lagging) < _rate(
            session, "DOCS_SENT_ELEC", "DOCS_SENT", 2021, others)


def test_locks(demo_db):
    with demo_db.session() as session:
        for code in ("H38TS-P01", "H38TS-X01", "H38TS-X12"):
            for year in range(2016, 2024):
                assert get_state(session, code, str(year)) == "approved"
            assert is_locked(session, code, "2023Q2") and is_locked(session, code, "2016-05")
            assert get_state(session, code, "2024") == "submitted"
            assert not is_locked(session, code, "2024Q2")
            assert get_state(session, code, "2025") == "draft"
        assert get_state(session, "H38TS-X16", "2019") == "approved"
        assert get_state(session, "H38TS-X16", "2020") == "draft"


# That every demo is the same is checked in tests/cli/test_cli.py, which builds
# a second one through the command line (a demo build takes seconds).


def test_the_demo_refuses_a_database_that_holds_data(office_db, table_dump):
    before = table_dump(office_db)
    with pytest.raises(UserError) as caught, office_db.session() as session:
        build_demo(session)
    assert "đã có dữ liệu" in caught.value.message
    assert table_dump(office_db) == before
