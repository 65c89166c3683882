"""The plan editor: add and change plans, add, change and delete targets; audited.

The one place where plans and their targets are edited, by the Plans tab,
the import of a plan from its text and the province's hand-off file. A
plan change writes an audit entry (entity "plan", action "add" or
"set:FIELD"); each target change writes one (entity "target", key
"PLAN/INDICATOR/YEAR/LEVEL") with the target's fields before and after as
JSON, so the trail shows exactly what was changed.
"""

from __future__ import annotations

import json
import math

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data import audit, authz
from desktop.data.models import COMPARATORS, TARGET_LEVELS, Indicator, Plan, Target
from desktop.data.queries import plan_by_code
from desktop.errors import UserError
from desktop.i18n import t
from desktop.periods import MAX_YEAR, MIN_YEAR
from desktop.text import normalise, quoted

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


def check_target(fields: dict) -> None:
    """Refuse (UserError, one sentence) a target whose fields are not sound."""
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
    _check_numbers(fields, year)


# A target's other numbers (Vietnamese and English names for a refusal).
_NUMBERS = {"value": ("giá trị", "value"), "min_value": ("giá trị nhỏ nhất", "minimum"),
            "max_value": ("giá trị lớn nhất", "maximum"),
            "baseline_value": ("giá trị năm gốc", "baseline value")}


def _check_numbers(fields: dict, year: int) -> None:
    """Numbers are finite numbers, the first year of a cumulative target and the baseline
    year whole years (the first not after the target's year), or absent."""
    for field, (vi, en) in _NUMBERS.items():
        value = fields.get(field)
        if value is not None and not (isinstance(value, (int, float))
                                      and not isinstance(value, bool) and math.isfinite(value)):
            raise UserError(t(f"{vi.capitalize()} “{quoted(value)}” của chỉ tiêu không phải "
                              "một số.", f"The target's {en} “{quoted(value)}” is not a number."))
    for field, last, vi, en in (("period_from", year, "Năm bắt đầu cộng dồn", "first year"),
                                ("baseline_year", MAX_YEAR, "Năm gốc", "baseline year")):
        value = fields.get(field)
        if value is not None and not (isinstance(value, int) and not isinstance(value, bool)
                                      and MIN_YEAR <= value <= last):
            raise UserError(t(f"{vi} “{quoted(value)}” không hợp lệ ({MIN_YEAR}–{last}).",
                              f"Invalid {en} “{quoted(value)}” ({MIN_YEAR}–{last})."))


def add_target_fields(session: Session, plan_code: str, indicator_code: str,
                      **fields: object) -> Target:
    """Add a target to a plan; `fields` are those of EDITABLE (year, level, comparator, …)."""
    authz.require(session, "edit_plans")
    plan = plan_by_code(session, plan_code)
    indicator = _indicator(session, indicator_code)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"unknown target fields: {sorted(unknown)}")
    values = {"source": "", "note": "", **fields}
    check_target(values)
    target = Target(plan_id=plan.id, indicator_id=indicator.id, **values)
    session.add(target)
    session.flush()
    audit.record(session, "target", _key(plan.code, indicator.code, target.year, target.level),
                 "add", new=_dump(target_fields(target)))
    return target


def update_target_fields(session: Session, target_id: int, **changes: object) -> Target:
    """Change some fields of a target; audited with the fields before and after."""
    authz.require(session, "edit_plans")
    target = _target(session, target_id)
    unknown = set(changes) - set(EDITABLE) - {"indicator"}
    if unknown:
        raise ValueError(f"unknown target fields: {sorted(unknown)}")
    before = target_fields(target)
    after = {**before, **changes}
    check_target(after)
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
    """Delete a target; audited with all its fields."""
    authz.require(session, "edit_plans")
    target = _target(session, target_id)
    before = target_fields(target)
    audit.record(session, "target",
                 _key(target.plan.code, before["indicator"], before["year"], before["level"]),
                 "delete", old=_dump(before))
    session.delete(target)
    session.flush()


PLAN_EDIT_FIELDS = ("title", "issuer", "decision", "province", "year_from", "year_to")
# Set when a plan is made from its text or received from the province.
PLAN_EXTRA_FIELDS = ("title_en", "decision_date", "source_text")
TARGET_EDIT_FIELDS = ("indicator", "year", "level", "comparator", "value", "min_value",
                      "max_value", "baseline_year", "baseline_value", "source")


def _check_years(year_from: int, year_to: int) -> None:
    if not MIN_YEAR <= year_from <= year_to <= MAX_YEAR:
        raise UserError(t(f"Năm không hợp lệ: {year_from}–{year_to}.",
                          f"Invalid years: {year_from}–{year_to}."))


def plan_code_problem(code: object) -> str | None:
    """Why `code` cannot be a plan's code, or None: the office's plans are kept as one
    comma-separated list, so a code holds no comma and no space."""
    if isinstance(code, str) and code and "," not in code and code.isprintable() and not any(
            character.isspace() for character in code):
        return None
    return t(f"Mã kế hoạch “{quoted(code)}” không hợp lệ (không được có dấu phẩy hay "
             "khoảng trắng).", f"The plan code “{quoted(code)}” is not valid (no commas or "
             "spaces).")


def add_plan(session: Session, code: str, title: str, year_from: int, year_to: int,
             **fields) -> Plan:
    authz.require(session, "edit_plans")
    code, title = normalise(code), normalise(title)
    if not code or not title:
        raise UserError(t("Kế hoạch cần có mã và tên.", "A plan needs a code and a title."))
    problem = plan_code_problem(code)
    if problem:
        raise UserError(problem)
    if session.scalar(select(Plan.id).where(Plan.code == code)) is not None:
        raise UserError(t(f"Mã kế hoạch “{code}” đã có.", f"Plan code “{code}” already exists."))
    _check_years(year_from, year_to)
    _check_lengths({"code": code, **fields})
    plan = Plan(code=code, title=title, year_from=year_from, year_to=year_to,
                **{k: v for k, v in fields.items()
                   if k in PLAN_EDIT_FIELDS + PLAN_EXTRA_FIELDS})
    session.add(plan)
    session.flush()
    audit.record(session, "plan", code, "add", new=title)
    return plan


# Column lengths (PostgreSQL enforces them; SQLite does not).
_MAX_LENGTHS = {"code": (32, "Mã kế hoạch", "Plan code"), "issuer": (200, "Cơ quan ban hành",
                                                                       "Issuer"),
                "decision": (80, "Số văn bản", "Decision number"),
                "province": (100, "Tỉnh", "Province")}


def _check_lengths(fields: dict) -> None:
    for name, (limit, vi, en) in _MAX_LENGTHS.items():
        if len(str(fields.get(name) or "")) > limit:
            raise UserError(t(f"{vi} dài quá {limit} ký tự.", f"{en} is longer than {limit} "
                              "characters."))


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def update_plan(session: Session, code: str, **fields) -> None:
    authz.require(session, "edit_plans")
    plan = plan_by_code(session, code)
    _check_years(int(fields.get("year_from", plan.year_from)),
                 int(fields.get("year_to", plan.year_to)))
    _check_lengths(fields)
    for name, value in fields.items():
        if name in PLAN_EDIT_FIELDS + PLAN_EXTRA_FIELDS and getattr(plan, name) != value:
            audit.record(session, "plan", code, f"set:{name}", old=_text(getattr(plan, name)),
                         new=_text(value))
            setattr(plan, name, value)


def add_target(session: Session, plan_code: str, **fields) -> Target:
    """Add a target (`indicator` by code, and the fields of TARGET_EDIT_FIELDS)."""
    indicator = fields.pop("indicator", None)
    return add_target_fields(session, plan_code, indicator or "",
                             **{k: v for k, v in fields.items() if k in TARGET_EDIT_FIELDS})


def update_target(session: Session, target_id: int, **fields) -> None:
    update_target_fields(session, target_id,
                         **{k: v for k, v in fields.items() if k in TARGET_EDIT_FIELDS})


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
