"""A realistic demo database: one district office, its agencies and communes,
and what became of them in the 2025 reform.

Huyện Triệu Sơn (Thanh Hóa) with eight district agencies and fifteen
communes, the five plans of the catalogue (Thanh Hóa's 2016–2020 plan as the
office's own), and plausible values 2016 – mid-2025: quarterly counts and
levels, yearly yes/no facts and budgets. Progress rises over the years; two
communes lag; two communes merged into a third on 1/1/2020; 2016–2023 are
approved (locked), 2024 is submitted. From 1/7/2025 the district and its
agencies are closed and the communes merged into six new communes directly
under the province, which report 2025Q3–2026Q3 against a current plan for
2026–2030 (see desktop.data.demo_reform); two 2026Q3 reports are missing.
The numbers come from a seeded generator, so every demo is the same.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.models import OrgUnit
from desktop.data import audit
from desktop.data.office import init_office
from desktop.data.submission import set_state
from desktop.data.units import add_unit, merge_units
from desktop.data.values import ValueInput, write_values
from desktop.errors import UserError
from desktop.i18n import t

OFFICE = "H38TS"
AGENCIES = [
    "Văn phòng HĐND và UBND huyện", "Phòng Nội vụ", "Phòng Tài chính - Kế hoạch",
    "Phòng Văn hóa và Thông tin", "Phòng Giáo dục và Đào tạo",
    "Phòng Tài nguyên và Môi trường", "Phòng Tư pháp", "Phòng Nông nghiệp và PTNT",
]
COMMUNES = [
    "Thị trấn Triệu Sơn", "Xã Dân Lực", "Xã Dân Lý", "Xã Dân Quyền", "Xã An Nông",
    "Xã Thọ Dân", "Xã Thọ Thế", "Xã Thọ Tân", "Xã Thọ Ngọc", "Xã Hợp Thành",
    "Xã Hợp Lý", "Xã Minh Sơn", "Xã Đồng Tiến", "Xã Nông Trường", "Xã Thọ Bình",
]
MERGED_AWAY = ["Xã Minh Dân", "Xã Minh Châu"]  # merged into Xã Minh Sơn on 1/1/2020
LAGGING = {"Xã Thọ Ngọc", "Xã Đồng Tiến"}
YEARS = range(2016, 2026)
LAST_OLD_QUARTER = (2025, 2)  # the old structure reports until 30/6/2025
MERGE_DATE = dt.date(2020, 1, 1)


def build_demo(session: Session) -> None:
    """Fill an empty database with the demo office and its data."""
    if session.scalar(select(OrgUnit.id).limit(1)) is not None:
        raise UserError(t("Cơ sở dữ liệu này đã có dữ liệu; hãy dùng một tệp mới cho bản demo.",
                          "This database already holds data; use a new file for the demo."))
    previous_user = audit.signed_in_user()
    audit.set_active_user("demo")  # every audit row of the demo says who made it
    try:
        _build(session)
    finally:
        audit.set_active_user(previous_user)


def _build(session: Session) -> None:
    from desktop.data import demo_reform

    init_office(session, province="Thanh Hóa", province_code="T38", unit_code=OFFICE,
                unit_name="Huyện Triệu Sơn", level="huyen", plans=["TH-2016"])
    units = _add_units(session)
    rng = random.Random(2016)
    for year in YEARS:
        items = [item for name, code, level in units
                 for item in _unit_year(rng, name, code, level, year)]
        write_values(session, items, user="demo")
    for name, code, _level in units:
        for year in range(2016, 2024):
            if not (name in MERGED_AWAY and year >= MERGE_DATE.year):
                set_state(session, code, str(year), "approved")
        if name not in MERGED_AWAY:
            set_state(session, code, "2024", "submitted")
    merge_units(session, [code for name, code, _ in units if name in MERGED_AWAY],
                _code_of(units, "Xã Minh Sơn"), MERGE_DATE)
    new_communes = demo_reform.add_new_communes(
        session, OFFICE, [code for _name, code, level in units if level == "huyen"],
        {name: code for name, code, level in units if level == "xa"})
    write_values(session, [item for name, code in new_communes
                           for item in demo_reform.new_commune_values(
                               rng, name, code, _quarter_values, _year_values)], user="demo")
    demo_reform.add_current_plan(session, ["TH-2016"])


def _code_of(units: list[tuple[str, str, str]], name: str) -> str:
    return next(code for unit_name, code, _ in units if unit_name == name)


def _add_units(session: Session) -> list[tuple[str, str, str]]:
    units = []
    for index, name in enumerate(AGENCIES, 1):
        code = f"{OFFICE}-P{index:02d}"
        add_unit(session, code, name, "huyen", "agency", OFFICE, order=index)
        units.append((name, code, "huyen"))
    for index, name in enumerate(COMMUNES + MERGED_AWAY, 1):
        code = f"{OFFICE}-X{index:02d}"
        add_unit(session, code, name, "xa", "area", OFFICE, order=100 + index)
        units.append((name, code, "xa"))
    return units


def _unit_year(rng: random.Random, name: str, code: str, level: str, year: int) -> list[ValueInput]:
    if name in MERGED_AWAY and year >= MERGE_DATE.year:
        return []
    pace = 0.6 if name in LAGGING else 1.0
    items: list[ValueInput] = []
    size = zlib.crc32(code.encode())
    staff = 12 + size % 14 if level == "huyen" else 20 + size % 12
    staff = rng.randint(staff - 2, staff + 2)
    for quarter in range(1, 5):
        if (year, quarter) > LAST_OLD_QUARTER:
            continue
        progress = min(1.0, pace * ((year - 2016) + quarter / 4) / 6.0)
        period = f"{year}Q{quarter}"
        items += [ValueInput(code, element, period, value, where="demo")
                  for element, value in _quarter_values(rng, staff, level, progress).items()]
    progress = min(1.0, pace * (year - 2015) / 6.0)
    if year == LAST_OLD_QUARTER[0]:
        return items  # the year's own form is the new communes' (closed on 30/6)
    items += [ValueInput(code, element, str(year), value, where="demo")
              for element, value in _year_values(rng, level, progress).items()]
    return items


def _share(rng: random.Random, whole: float, share: float) -> int:
    share = max(0.0, min(1.0, share + rng.uniform(-0.05, 0.05)))
    return int(round(whole * share))


def _quarter_values(rng: random.Random, staff: int, level: str, p: float) -> dict[str, float]:
    pcs = _share(rng, staff, 0.55 + 0.5 * p) + (1 if level == "huyen" else 0)
    mailbox = _share(rng, staff, 0.45 + 0.55 * p)
    docs = rng.randint(60, 220) if level == "huyen" else rng.randint(30, 120)
    elec = _share(rng, docs, 0.25 + 0.7 * p)
    invites = rng.randint(8, 30)
    services = rng.randint(30, 60) if level == "huyen" else rng.randint(60, 110)
    level3 = _share(rng, services, 0.05 + 0.9 * p)
    values = {
        "STAFF": staff, "PCS": pcs, "PCS_NET": _share(rng, pcs, 0.7 + 0.3 * p),
        "STAFF_WITH_PC": min(staff, _share(rng, staff, 0.6 + 0.4 * p)),
        "STAFF_MAILBOX": mailbox, "STAFF_EMAIL_USE": _share(rng, mailbox, 0.5 + 0.5 * p),
        "STAFF_IT_TRAINED": _share(rng, staff, 0.3 + 0.65 * p),
        "DOCS_SENT": docs, "DOCS_SENT_ELEC": elec,
        "DOCS_SIGNED": _share(rng, elec, max(0.0, 1.2 * p - 0.15)),
        "INVITES": invites, "INVITES_ELEC": _share(rng, invites, 0.2 + 0.8 * p),
        "PS_TOTAL": services, "PS_L3": level3,
        "PS_L4": min(level3, _share(rng, services, max(0.0, 0.45 * p - 0.05))),
    }
    if level == "huyen":
        to_ppc = rng.randint(3, 15)
        values |= {"DOCS_TO_PPC": to_ppc, "DOCS_TO_PPC_ELEC": _share(rng, to_ppc, 0.4 + 0.6 * p)}
    return values


def _year_values(rng: random.Random, level: str, p: float) -> dict[str, float]:
    def yes(threshold: float) -> int:
        return 1 if p + rng.uniform(-0.1, 0.1) >= threshold else 0

    planned = float(round((160 if level == "huyen" else 70) * (0.8 + 0.5 * p) * rng.uniform(0.85, 1.15)))
    it_staff = 1 if level == "huyen" or p > 0.3 else 0
    degree = min(it_staff, yes(0.55))
    return {
        "HAS_LAN": yes(0.15), "HAS_WAN": yes(0.45), "HAS_DMS": yes(0.3),
        "HAS_ONESTOP": yes(0.35), "HAS_DIGSIG": yes(0.5), "HAS_IT_STAFF_DEGREE": degree,
        "IT_STAFF": it_staff, "IT_STAFF_DEGREE": degree,
        "BUDGET_PLANNED": planned, "BUDGET_SPENT": round(planned * rng.uniform(0.7, 1.0)),
    }
