"""Saving a plan read from its text: the plan, its accepted targets and any new
indicators (with their data elements), in the caller's transaction, audited.

The rows come from the review dialog (desktop.plantext proposals the user
accepted or edited); every target goes through the plan editor's checks.
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.data import audit, plan_editor
from desktop.data.models import DataElement, Indicator, Plan

TARGET_KEYS = ("year", "level", "comparator", "value", "min_value", "max_value",
               "baseline_year", "baseline_value", "source")


def _code(text: str, prefix: str, session: Session, model) -> str:
    ascii_text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(c for c in ascii_text if unicodedata.category(c) != "Mn")
    words = re.findall(r"[A-Za-z0-9]+", ascii_text.upper())
    base = (prefix + "_".join(words[:5]))[:40] or prefix + "NEW"
    code, number = base, 1
    while session.scalar(select(model.id).where(model.code == code)) is not None:
        number += 1
        code = f"{base}_{number}"
    return code


def _element(session: Session, name: str, kind: str, measure: str) -> DataElement:
    order = (session.scalar(select(func.max(DataElement.sort_order))) or 0) + 1
    element = DataElement(code=_code(name, "E_", session, DataElement), name=name[:300],
                          measure=measure[:40], kind=kind, temporal="stock", sort_order=order)
    session.add(element)
    session.flush()
    audit.record(session, "element", element.code, "add", new=element.name)
    return element


def create_indicator(session: Session, proposal: dict) -> Indicator:
    """A new indicator (and its elements) for a target the catalogue has none for."""
    name = (proposal.get("name") or "").strip() or "Chỉ số mới"
    unit = proposal.get("unit") or ""
    kind = proposal.get("kind") or ("ratio" if unit == "%" else "total")
    order = (session.scalar(select(func.max(Indicator.sort_order))) or 0) + 1
    indicator = Indicator(code=_code(name, "I_", session, Indicator), name=name[:300],
                          kind=kind, measure=unit[:40], sort_order=order,
                          factor=100.0 if kind == "ratio" else 1.0)
    if kind == "ratio":
        indicator.numerator_id = _element(session, proposal.get("numerator") or name,
                                          "number", "").id
        indicator.denominator_id = _element(session, proposal.get("denominator") or name,
                                            "number", "").id
    else:
        element_kind = {"milestone": "yesno", "triệu đồng": "money"}.get(
            kind if kind == "milestone" else unit, "number")
        indicator.element_id = _element(session, proposal.get("element") or name,
                                        element_kind, "" if kind == "milestone" else unit).id
    session.add(indicator)
    session.flush()
    audit.record(session, "indicator", indicator.code, "add", new=indicator.name)
    return indicator


def proposal_row(proposal, body_level: str) -> dict:
    """A proposal (desktop.plantext.extract.Proposal) as a target row to save."""
    p = proposal
    return {"indicator": p.indicator, "indicator_name": p.indicator_name,
            "new_indicator": p.new_indicator or {"name": p.indicator_name, "unit": p.unit},
            "year": p.year, "level": p.level or body_level, "comparator": p.comparator,
            "value": p.value, "min_value": p.min, "max_value": p.max,
            "baseline_year": p.baseline_year, "baseline_value": p.baseline_value,
            "source": p.quote}


def save_plan_from_text(session: Session, plan: dict, targets: list[dict]) -> Plan:
    """Create the plan and its targets; a target with `indicator` None and a
    `new_indicator` proposal gets a new indicator first."""
    fields = {k: plan.get(k) for k in ("issuer", "decision", "province", "decision_date",
                                       "source_text") if plan.get(k) is not None}
    created = plan_editor.add_plan(session, plan["code"], plan["title"], int(plan["year_from"]),
                                   int(plan["year_to"]), **fields)
    made: dict[str, str] = {}
    for row in targets:
        code = row.get("indicator")
        if not code:
            proposal = row.get("new_indicator") or {"name": row.get("indicator_name", "")}
            key = proposal.get("name", "")
            code = made.get(key) or create_indicator(session, proposal).code
            made[key] = code
        values = {k: row[k] for k in TARGET_KEYS if row.get(k) is not None}
        values.setdefault("level", "all")
        plan_editor.add_target_fields(session, created.code, code, **values)
    return created
