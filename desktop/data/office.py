"""The office a database belongs to: its own unit, province and plans."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from desktop.data.catalogue import load_all_plans, load_catalogue, plan_files
from desktop.data.settings import get_setting, set_setting
from desktop.data.units import add_unit, unit_by_code
from desktop.errors import UserError
from desktop.i18n import t


@dataclass(frozen=True)
class Office:
    unit_code: str
    unit_name: str
    province: str
    plans: tuple[str, ...]


def init_office(session: Session, *, province: str, unit_code: str, unit_name: str,
                level: str, plans: list[str], province_code: str | None = None) -> Office:
    """Set up a new office: the catalogue, its plans, its province and own unit."""
    if get_setting(session, "office_unit"):
        raise UserError(t("Cơ sở dữ liệu này đã được khởi tạo cho một cơ quan.",
                          "This database is already set up for an office."))
    load_catalogue(session)
    load_all_plans(session)
    for code in plans:
        plan_files_check(code)
    parent = None
    if level != "tinh":
        parent = province_code or "TINH"
        add_unit(session, parent, province if province.startswith(("Tỉnh", "Thành phố"))
                 else f"Tỉnh {province}", "tinh")
    add_unit(session, unit_code, unit_name, level, "area", parent)
    set_setting(session, "office_unit", unit_code)
    set_setting(session, "province", province)
    set_setting(session, "plans", ",".join(plans))
    return get_office(session)


def plan_files_check(code: str) -> None:
    if code not in plan_files():
        raise UserError(t(f"Không có kế hoạch mã “{code}” (xem “itplan plans list”).",
                          f"No plan with code “{code}” (see “itplan plans list”)."))


def get_office(session: Session) -> Office | None:
    code = get_setting(session, "office_unit")
    if not code:
        return None
    unit = unit_by_code(session, code)
    plans = tuple(p for p in (get_setting(session, "plans") or "").split(",") if p)
    return Office(code, unit.name, get_setting(session, "province") or "", plans)


def require_office(session: Session) -> Office:
    office = get_office(session)
    if office is None:
        raise UserError(t("Chưa khởi tạo cơ quan: chạy “itplan init” hoặc “itplan demo”.",
                          "No office yet: run “itplan init” or “itplan demo”."))
    return office
