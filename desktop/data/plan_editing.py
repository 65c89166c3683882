"""Adding and editing plans and their targets, every change audited.

Used by the Plans tab. Plans are edited here; targets through
desktop.data.plans_edit, which checks them and audits the fields that
changed (entity "target").
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data import audit, authz, plans_edit
from desktop.data.models import Plan, Target
from desktop.data.queries import plan_by_code
from desktop.errors import UserError
from desktop.i18n import t
from desktop.text import normalise

PLAN_EDIT_FIELDS = ("title", "issuer", "decision", "province", "year_from", "year_to")
TARGET_EDIT_FIELDS = ("indicator", "year", "level", "comparator", "value", "min_value",
                      "max_value", "baseline_year", "baseline_value", "source")


def _check_years(year_from: int, year_to: int) -> None:
    if not 1990 <= year_from <= year_to <= 2100:
        raise UserError(t(f"Năm không hợp lệ: {year_from}–{year_to}.",
                          f"Invalid years: {year_from}–{year_to}."))


def add_plan(session: Session, code: str, title: str, year_from: int, year_to: int,
             **fields) -> Plan:
    authz.require(session, "edit_plans")
    code, title = normalise(code), normalise(title)
    if not code or not title:
        raise UserError(t("Kế hoạch cần có mã và tên.", "A plan needs a code and a title."))
    if session.scalar(select(Plan.id).where(Plan.code == code)) is not None:
        raise UserError(t(f"Mã kế hoạch “{code}” đã có.", f"Plan code “{code}” already exists."))
    _check_years(year_from, year_to)
    plan = Plan(code=code, title=title, year_from=year_from, year_to=year_to,
                **{k: v for k, v in fields.items() if k in PLAN_EDIT_FIELDS})
    session.add(plan)
    session.flush()
    audit.record(session, "plan", code, "add", new=title)
    return plan


def update_plan(session: Session, code: str, **fields) -> None:
    authz.require(session, "edit_plans")
    plan = plan_by_code(session, code)
    _check_years(int(fields.get("year_from", plan.year_from)),
                 int(fields.get("year_to", plan.year_to)))
    for name, value in fields.items():
        if name in PLAN_EDIT_FIELDS and getattr(plan, name) != value:
            audit.record(session, "plan", code, f"set:{name}", old=getattr(plan, name), new=value)
            setattr(plan, name, value)


def add_target(session: Session, plan_code: str, **fields) -> Target:
    """Add a target (`indicator` by code, and the fields of TARGET_EDIT_FIELDS)."""
    indicator = fields.pop("indicator", None)
    return plans_edit.add_target(session, plan_code, indicator or "",
                                 **{k: v for k, v in fields.items() if k in TARGET_EDIT_FIELDS})


def update_target(session: Session, target_id: int, **fields) -> None:
    plans_edit.update_target(session, target_id,
                             **{k: v for k, v in fields.items() if k in TARGET_EDIT_FIELDS})


def delete_target(session: Session, target_id: int) -> None:
    plans_edit.delete_target(session, target_id)


def target_rows(session: Session, plan_code: str) -> list[dict]:
    """The plan's targets as plain rows, by indicator, year and level."""
    plan = plan_by_code(session, plan_code)
    rows = [{"id": tg.id, "indicator": tg.indicator.code,
             "indicator_name": t(tg.indicator.name, tg.indicator.name_en or tg.indicator.name),
             "measure": tg.indicator.measure, "year": tg.year, "level": tg.level,
             "comparator": tg.comparator, "value": tg.value, "min_value": tg.min_value,
             "max_value": tg.max_value, "baseline_year": tg.baseline_year,
             "baseline_value": tg.baseline_value, "period_from": tg.period_from,
             "source": tg.source, "order": tg.indicator.sort_order} for tg in plan.targets]
    level_order = {"all": 0, "tinh": 1, "huyen": 2, "xa": 3}
    return sorted(rows, key=lambda r: (r["order"], r["year"], level_order.get(r["level"], 9)))
