"""Adding and editing plans and their targets, every change audited.

Used by the Plans tab. Targets are matched by id; each change records the
old and new values in the audit trail (entity "plan" or "target").
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data import audit
from desktop.data.models import COMPARATORS, TARGET_LEVELS, Indicator, Plan, Target
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
    plan = plan_by_code(session, code)
    _check_years(int(fields.get("year_from", plan.year_from)),
                 int(fields.get("year_to", plan.year_to)))
    for name, value in fields.items():
        if name in PLAN_EDIT_FIELDS and getattr(plan, name) != value:
            audit.record(session, "plan", code, f"set:{name}", old=getattr(plan, name), new=value)
            setattr(plan, name, value)


def _indicator_id(session: Session, code: str) -> int:
    found = session.scalar(select(Indicator.id).where(Indicator.code == code))
    if found is None:
        raise UserError(t(f"Không có chỉ tiêu mã “{code}”.", f"No indicator with code “{code}”."))
    return found


def _check_target(fields: dict) -> None:
    if fields.get("level") not in TARGET_LEVELS:
        raise UserError(t(f"Cấp “{fields.get('level')}” không hợp lệ.",
                          f"Invalid level “{fields.get('level')}”."))
    comparator = fields.get("comparator")
    if comparator not in COMPARATORS:
        raise UserError(t(f"Phép so sánh “{comparator}” không hợp lệ.",
                          f"Invalid comparator “{comparator}”."))
    if comparator == "between" and (fields.get("min_value") is None
                                    or fields.get("max_value") is None):
        raise UserError(t("Mục tiêu dạng khoảng cần giá trị từ và đến.",
                          "A range target needs a lower and an upper value."))
    if comparator not in ("between", "done") and fields.get("value") is None:
        raise UserError(t("Mục tiêu cần một giá trị.", "A target needs a value."))


def _target_text(target: Target) -> str:
    return (f"{target.indicator_id}|{target.year}|{target.level}|{target.comparator}|"
            f"{target.value}|{target.min_value}|{target.max_value}|{target.source}")


def add_target(session: Session, plan_code: str, **fields) -> Target:
    plan = plan_by_code(session, plan_code)
    _check_target(fields)
    target = Target(plan_id=plan.id, indicator_id=_indicator_id(session, fields["indicator"]),
                    **{k: v for k, v in fields.items() if k in TARGET_EDIT_FIELDS
                       and k != "indicator"})
    session.add(target)
    session.flush()
    audit.record(session, "target", f"{plan_code}/{target.id}", "add", new=_target_text(target))
    return target


def update_target(session: Session, target_id: int, **fields) -> None:
    target = session.get(Target, target_id)
    if target is None:
        raise UserError(t(f"Không có mục tiêu số {target_id}.", f"No target number {target_id}."))
    merged = {k: getattr(target, k) for k in TARGET_EDIT_FIELDS if k != "indicator"}
    merged |= fields
    _check_target(merged)
    old = _target_text(target)
    if "indicator" in fields:
        target.indicator_id = _indicator_id(session, fields["indicator"])
    for name, value in fields.items():
        if name in TARGET_EDIT_FIELDS and name != "indicator":
            setattr(target, name, value)
    audit.record(session, "target", f"{target.plan.code}/{target.id}", "update", old=old,
                 new=_target_text(target))


def delete_target(session: Session, target_id: int) -> None:
    target = session.get(Target, target_id)
    if target is None:
        raise UserError(t(f"Không có mục tiêu số {target_id}.", f"No target number {target_id}."))
    audit.record(session, "target", f"{target.plan.code}/{target.id}", "delete",
                 old=_target_text(target))
    session.delete(target)


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
