"""Run the validation rules over what is stored for a unit's scope and a period.

The same rules as on entry (desktop.engine.validation), applied to the
recorded values of every unit below the one asked for, plus the jump
warning against the previous period of the same kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.models import DataElement, DataValue, Period
from desktop.data.values import element_info, ratio_pairs
from desktop.engine.scope import UnitTree
from desktop.engine.validation import (DEFAULT_JUMP_FACTOR, Problem, check_jump, check_ratio,
                                       check_value)
from desktop.periods import parse_period


@dataclass(frozen=True)
class Finding:
    unit: str
    unit_name: str
    element: str
    severity: str
    rule: str
    message: str

    def as_json(self) -> dict:
        return self.__dict__.copy()


def validate_period(session: Session, unit_code: str, period_code: str,
                    jump_factor: float = DEFAULT_JUMP_FACTOR) -> list[Finding]:
    """Every problem in the recorded values of the period, errors first."""
    spec = parse_period(period_code)
    tree = UnitTree.of(session)
    unit_ids = set(tree.scope(tree.get(unit_code).id, spec.end))
    elements = {e.id: e for e in session.scalars(select(DataElement))}
    current = _values(session, spec.code, unit_ids)
    previous = _values(session, spec.previous().code, unit_ids)
    findings = []
    for (unit_id, element_id), value in sorted(current.items()):
        info = element_info(elements[element_id])
        problems = check_value(info, value) + check_jump(
            info, value, previous.get((unit_id, element_id)), jump_factor)
        findings += _findings(tree, unit_id, info.code, problems)
    for num, den in ratio_pairs(session):
        for unit_id in sorted(unit_ids):
            problems = check_ratio(element_info(num), current.get((unit_id, num.id)),
                                   element_info(den), current.get((unit_id, den.id)))
            findings += _findings(tree, unit_id, num.code, problems)
    return sorted(findings, key=lambda f: (f.severity != "error", f.unit, f.element))


def _values(session: Session, code: str, unit_ids: set[int]) -> dict[tuple[int, int], float]:
    rows = session.execute(
        select(DataValue.unit_id, DataValue.element_id, DataValue.value)
        .join(Period, Period.id == DataValue.period_id).where(Period.code == code))
    return {(u, e): v for u, e, v in rows if u in unit_ids}


def _findings(tree: UnitTree, unit_id: int, element: str, problems: list[Problem]) -> list[Finding]:
    unit = tree.units[unit_id]
    return [Finding(unit.code, unit.name, element, p.severity, p.rule, p.message)
            for p in problems]
