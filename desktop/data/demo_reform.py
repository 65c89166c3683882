"""The demo's 2025 story: the two-level structure from 1 July 2025.

On 1/7/2025 districts were abolished and communes merged into new communes
directly under the province. In the demo, Huyện Triệu Sơn and its agencies
close on 30/6/2025; its communes merge into six new communes under Tỉnh
Thanh Hóa, named as in the official list (the vietnam-provinces package)
and coded by their official code ("X15895"). The new communes report from
the third quarter of 2025 through the third quarter of 2026 (two of them
are late with 2026Q3), and a current plan — a sample digital-transformation
plan for 2026–2030, written for the demo — sits beside the historical one.
Progress of a new commune re-totals the history of the communes merged
into it (the successor links).
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy.orm import Session

from desktop.data.plan_editor import add_plan, add_target
from desktop.data.settings import set_setting
from desktop.data.units import add_unit, close_unit, merge_units
from desktop.data.values import ValueInput

REFORM_DATE = dt.date(2025, 7, 1)
PROVINCE = "T38"
# New commune (official name) ← the old communes merged into it.
NEW_COMMUNES = {
    "Xã Triệu Sơn": ["Thị trấn Triệu Sơn", "Xã Dân Lực", "Xã Dân Lý", "Xã Dân Quyền"],
    "Xã An Nông": ["Xã An Nông", "Xã Thọ Dân"],
    "Xã Thọ Bình": ["Xã Thọ Bình", "Xã Thọ Thế", "Xã Thọ Tân"],
    "Xã Thọ Ngọc": ["Xã Thọ Ngọc", "Xã Đồng Tiến"],
    "Xã Hợp Tiến": ["Xã Hợp Thành", "Xã Hợp Lý"],
    "Xã Thọ Phú": ["Xã Minh Sơn", "Xã Nông Trường"],
}
LAGGING_NEW = {"Xã Thọ Ngọc"}
MISSING_2026Q3 = {"Xã Hợp Tiến", "Xã Thọ Phú"}
NEW_PERIODS = [(2025, 3), (2025, 4), (2026, 1), (2026, 2), (2026, 3)]
CURRENT_PLAN = "DEMO-CDS-2026"


def official_codes(province_name: str = "Thanh Hóa") -> dict[str, str]:
    """Official name → our code ("X" + the 5-digit official code) of the province's
    current communes and wards."""
    from vietnam_provinces import Province, Ward

    province = next(p for p in Province.iter_all() if p.name.endswith(province_name))
    return {w.name: f"X{int(w.code):05d}" for w in Ward.iter_by_province(province.code)}


def add_new_communes(session: Session, office: str, agencies: list[str],
                     old_codes: dict[str, str]) -> list[tuple[str, str]]:
    """Close the district and its agencies, merge the old communes into the new ones;
    (name, code) of the new communes."""
    codes = official_codes()
    new = []
    for order, (name, merged) in enumerate(NEW_COMMUNES.items(), 1):
        code = codes[name]  # KeyError here means the official list changed: update the names
        add_unit(session, code, name, "xa", "area", PROVINCE, order=200 + order,
                 valid_from=REFORM_DATE)
        merge_units(session, [old_codes[old] for old in merged], code, REFORM_DATE)
        new.append((name, code))
    last_day = REFORM_DATE - dt.timedelta(days=1)
    for code in agencies:
        close_unit(session, code, last_day)
    close_unit(session, office, last_day)
    return new


def new_commune_values(rng: random.Random, name: str, code: str, quarter_values,
                       year_values) -> list[ValueInput]:  # noqa: ANN001
    """The values a new commune reports, 2025Q3–2026Q3 and the years 2025 and 2026."""
    pace = 0.75 if name in LAGGING_NEW else 1.0
    staff = 30 + 8 * len(NEW_COMMUNES[name]) + rng.randint(-2, 2)
    items: list[ValueInput] = []
    for year, quarter in NEW_PERIODS:
        if (year, quarter) == (2026, 3) and name in MISSING_2026Q3:
            continue
        progress = min(1.0, pace * (0.82 + 0.05 * (year - 2025) + 0.02 * quarter))
        items += [ValueInput(code, element, f"{year}Q{quarter}", value, where="demo")
                  for element, value in quarter_values(rng, staff, "xa", progress).items()]
    for year in (2025, 2026):
        items += [ValueInput(code, element, str(year), value, where="demo")
                  for element, value in year_values(rng, "xa", pace * 0.95).items()]
    return items


def add_current_plan(session: Session, own_plans: list[str]) -> None:
    """A sample plan for 2026–2030 (the demo's own wording) and the office's plan list."""
    add_plan(session, CURRENT_PLAN,
             "Kế hoạch chuyển đổi số trong cơ quan nhà nước cấp xã giai đoạn 2026–2030 "
             "(kế hoạch mẫu của bản demo)", 2026, 2030,
             issuer="UBND tỉnh Thanh Hóa", province="Thanh Hóa")
    source = "Mục tiêu mẫu, soạn cho bản demo"
    for indicator, first, last in (("MAILBOX_RATE", 95.0, 100.0), ("DOCS_ELEC_RATE", 90.0, 98.0),
                                   ("DOCS_SIGNED_RATE", 75.0, 95.0), ("PS_L4_RATE", 50.0, 80.0),
                                   ("STAFF_TRAINED_RATE", 85.0, 100.0)):
        for year, value in ((2026, first), (2030, last)):
            add_target(session, CURRENT_PLAN, indicator=indicator, year=year, level="xa",
                       comparator=">=", value=value, source=source)
    set_setting(session, "plans", ",".join(own_plans + [CURRENT_PLAN]))
