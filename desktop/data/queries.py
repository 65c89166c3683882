"""Read-only queries returning plain rows (dicts) for the CLI, GUI and reports."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from desktop.data.models import DataElement, Indicator, Plan, Target
from desktop.errors import UserError
from desktop.i18n import t


def elements(session: Session) -> list[dict]:
    rows = session.scalars(select(DataElement).order_by(DataElement.sort_order))
    return [{"code": e.code, "name": t(e.name, e.name_en or e.name), "name_vi": e.name,
             "name_en": e.name_en, "kind": e.kind, "unit": t(e.measure, e.measure_en or e.measure),
             "temporal": e.temporal, "decimals": e.decimals, "levels": e.levels.split(","),
             "group": e.group} for e in rows]


def indicators(session: Session) -> list[dict]:
    rows = session.scalars(select(Indicator).order_by(Indicator.sort_order).options(
        joinedload(Indicator.numerator), joinedload(Indicator.denominator),
        joinedload(Indicator.element)))  # one query, not three per indicator
    return [_indicator_row(i) for i in rows]


def indicator_names(session: Session) -> dict[str, str]:
    """Indicator code -> its name in the current language (charts show these: the engine's
    rows carry the Vietnamese name), kept until the indicators change."""
    from desktop.data.cache import cached
    from desktop.i18n import language

    return cached(session, ("indicator_names", language()), lambda: {
        code: t(name, name_en or name) for code, name, name_en in session.execute(
            select(Indicator.code, Indicator.name, Indicator.name_en))})


def measure_names(session: Session) -> dict[str, str]:
    """A unit of measure as the engine's rows carry it (Vietnamese: “người”, “triệu đồng”)
    -> as the current language shows it, from the data elements' own English units;
    empty in Vietnamese. Kept until the elements change."""
    from desktop.data.cache import cached
    from desktop.i18n import language

    if language() != "en":
        return {}
    return cached(session, "measure_names_en", lambda: {
        measure: measure_en for measure, measure_en in session.execute(
            select(DataElement.measure, DataElement.measure_en).distinct()
            .order_by(DataElement.measure, DataElement.measure_en))
        if measure and measure_en})


def in_language(session: Session | None, rows: list) -> list:
    """Rows (named tuples with a `measure`, as the engine's progress rows) with their
    unit of measure in the current language: the engine's rows keep the Vietnamese
    one, which the Excel reports write; screens and charts show these."""
    names = measure_names(session) if session is not None else {}
    if not names:
        return rows
    return [row._replace(measure=names.get(row.measure, row.measure)) for row in rows]


def _indicator_row(i: Indicator) -> dict:
    return {"code": i.code, "name": t(i.name, i.name_en or i.name), "name_vi": i.name,
            "name_en": i.name_en, "kind": i.kind, "unit": i.measure,
            "numerator": i.numerator.code if i.numerator else None,
            "denominator": i.denominator.code if i.denominator else None,
            "element": i.element.code if i.element else None,
            "factor": i.factor, "decimals": i.decimals, "direction": i.direction}


def plans(session: Session) -> list[dict]:
    counts = dict(session.execute(select(Target.plan_id, func.count(Target.id))
                                  .group_by(Target.plan_id)).all())
    rows = session.scalars(select(Plan).order_by(Plan.year_from, Plan.code))
    return [_plan_row(p, counts.get(p.id, 0)) for p in rows]


def _plan_row(p: Plan, targets: int | None = None) -> dict:
    """A plan as plain data; `targets`: its number of targets when already counted."""
    return {"code": p.code, "title": t(p.title, p.title_en or p.title), "title_vi": p.title,
            "decision": p.decision, "decision_date": p.decision_date.isoformat()
            if p.decision_date else None, "issuer": p.issuer, "province": p.province,
            "year_from": p.year_from, "year_to": p.year_to,
            "targets": len(p.targets) if targets is None else targets}


def plan_by_code(session: Session, code: str) -> Plan:
    plan = session.scalar(select(Plan).where(Plan.code == code))
    if plan is None:
        raise UserError(t(f"Không có kế hoạch mã “{code}”.", f"No plan with code “{code}”."))
    return plan


def plan_detail(session: Session, code: str) -> dict:
    """A plan with every target and its source sentence."""
    plan = plan_by_code(session, code)
    row = _plan_row(plan)
    row["targets"] = [{
        "indicator": target.indicator.code,
        "indicator_name": t(target.indicator.name, target.indicator.name_en or target.indicator.name),
        "year": target.year, "period_from": target.period_from, "level": target.level,
        "value": target.value, "min": target.min_value, "max": target.max_value,
        "comparator": target.comparator, "baseline_year": target.baseline_year,
        "baseline_value": target.baseline_value, "unit": target.indicator.measure,
        "source": target.source, "note": target.note,
    } for target in plan.targets]
    return row
