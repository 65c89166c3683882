"""Editing a plan's targets (the GUI's plan editor): add, change, delete, audited.

Each change writes one audit entry (entity "target", key
"PLAN/INDICATOR/YEAR/LEVEL") with the target's fields before and after as
JSON, so the trail shows exactly what was changed.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data import audit, authz
from desktop.data.models import COMPARATORS, TARGET_LEVELS, Indicator, Target
from desktop.data.queries import plan_by_code
from desktop.errors import UserError
from desktop.i18n import t
from desktop.periods import MAX_YEAR, MIN_YEAR

EDITABLE = ("year", "period_from", "level", "comparator", "value", "min_value", "max_value",
            "baseline_year", "baseline_value", "source", "note")


def target_fields(target: Target) -> dict:
    """The target as plain data (indicator by code)."""
    data = {field: getattr(target, field) for field in EDITABLE}
    data["indicator"] = target.indicator.code if target.indicator else None
    return data


def _key(plan_code: str, indicator_code: str, year: int, level: str) -> str:
    return f"{plan_code}/{indicator_code}/{year}/{level}"


def _dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _indicator(session: Session, code: str) -> Indicator:
    row = session.scalar(select(Indicator).where(Indicator.code == code))
    if row is None:
        raise UserError(t(f"Không có chỉ số mã “{code}”.", f"No indicator with code “{code}”."))
    return row


def _target(session: Session, target_id: int) -> Target:
    row = session.get(Target, target_id)
    if row is None:
        raise UserError(t(f"Không có chỉ tiêu số {target_id}.", f"No target number {target_id}."))
    return row


def _validate(fields: dict) -> None:
    year = fields.get("year")
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise UserError(t(f"Năm “{year}” không hợp lệ ({MIN_YEAR}–{MAX_YEAR}).",
                          f"Invalid year “{year}” ({MIN_YEAR}–{MAX_YEAR})."))
    if fields.get("level") not in TARGET_LEVELS:
        raise UserError(t(f"Cấp “{fields.get('level')}” không hợp lệ ({', '.join(TARGET_LEVELS)}).",
                          f"Invalid level “{fields.get('level')}” ({', '.join(TARGET_LEVELS)})."))
    comparator = fields.get("comparator")
    if comparator not in COMPARATORS:
        raise UserError(t(f"Phép so sánh “{comparator}” không hợp lệ ({', '.join(COMPARATORS)}).",
                          f"Invalid comparator “{comparator}” ({', '.join(COMPARATORS)})."))
    if comparator == "between" and (fields.get("min_value") is None
                                    or fields.get("max_value") is None):
        raise UserError(t("Chỉ tiêu “trong khoảng” cần giá trị nhỏ nhất và lớn nhất.",
                          "A “between” target needs a minimum and a maximum."))
    if comparator not in ("between", "done") and fields.get("value") is None:
        raise UserError(t("Chỉ tiêu cần có giá trị.", "The target needs a value."))


def add_target(session: Session, plan_code: str, indicator_code: str, **fields: object) -> Target:
    """Add a target to a plan; `fields` are those of EDITABLE (year, level, comparator, …)."""
    authz.require(session, "edit_plans")
    plan = plan_by_code(session, plan_code)
    indicator = _indicator(session, indicator_code)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"unknown target fields: {sorted(unknown)}")
    values = {"source": "", "note": "", **fields}
    _validate(values)
    target = Target(plan_id=plan.id, indicator_id=indicator.id, **values)
    session.add(target)
    session.flush()
    audit.record(session, "target", _key(plan.code, indicator.code, target.year, target.level),
                 "add", new=_dump(target_fields(target)))
    return target


def update_target(session: Session, target_id: int, **changes: object) -> Target:
    """Change some fields of a target; audited with the fields before and after."""
    authz.require(session, "edit_plans")
    target = _target(session, target_id)
    unknown = set(changes) - set(EDITABLE) - {"indicator"}
    if unknown:
        raise ValueError(f"unknown target fields: {sorted(unknown)}")
    before = target_fields(target)
    after = {**before, **changes}
    _validate(after)
    if after == before:
        return target
    for field, value in changes.items():
        if field == "indicator":
            target.indicator_id = _indicator(session, value).id
        else:
            setattr(target, field, value)
    session.flush()
    changed = sorted(field for field in before if before[field] != after[field])
    audit.record(session, "target",
                 _key(target.plan.code, before["indicator"], before["year"], before["level"]),
                 "update", old=_dump({f: before[f] for f in changed}),
                 new=_dump({f: after[f] for f in changed}))
    return target


def delete_target(session: Session, target_id: int) -> None:
    authz.require(session, "edit_plans")
    target = _target(session, target_id)
    before = target_fields(target)
    audit.record(session, "target",
                 _key(target.plan.code, before["indicator"], before["year"], before["level"]),
                 "delete", old=_dump(before))
    session.delete(target)
    session.flush()
