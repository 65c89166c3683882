"""Run the validation rules over what is stored for a unit's scope and a period.

The same rules as on entry (desktop.engine.validation), applied to the
recorded values of every unit below the one asked for, plus the jump
warning against the previous period of the same kind, and — for a year or
its fourth quarter — the consistency of the year: stock values against
their last quarter, parts above wholes in the values that count for the
year. `consistency_warnings` is the short list shown before a report or a
meeting pack is made, and after a value is entered.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desktop.data.keyed import id_table, join_by_unit
from desktop.data.models import DataElement, Period
from desktop.data.cache import cached
from desktop.data.values import element_info, ratio_rules
from desktop.engine.scope import UnitTree
from desktop.engine.validation import (DEFAULT_JUMP_FACTOR, ElementInfo, Problem, check_jump,
                                       check_part_whole, check_ratio, check_value,
                                       check_year_stock)
from desktop.periods import parse_period, quarter_period, year_period


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
    elements = _elements(session)
    current = _values(session, spec.code, unit_ids)
    previous = _values(session, spec.previous().code, unit_ids)
    findings = []
    for (unit_id, element_id), value in sorted(current.items()):
        info = elements[element_id]
        problems = check_value(info, value) + check_jump(
            info, value, previous.get((unit_id, element_id)), jump_factor)
        findings += _findings(tree, unit_id, info.code, problems)
    for rule in ratio_rules(session):
        for unit_id in sorted(unit_ids):
            problems = check_ratio(rule.numerator, current.get((unit_id, rule.numerator_id)),
                                   rule.denominator, current.get((unit_id, rule.denominator_id)))
            findings += _findings(tree, unit_id, rule.numerator.code, problems)
    if _closes_year(spec):
        findings += year_findings(session, tree, unit_ids, spec.year, elements)
    return sorted(findings, key=lambda f: (f.severity != "error", f.unit, f.element))


def year_consistency(session: Session, unit_code: str, period_code: str) -> list[Finding]:
    """The year's consistency findings `validate_period` gives for this unit and period
    (none unless the period closes a year: the year itself or its fourth quarter)."""
    spec = parse_period(period_code)
    if not _closes_year(spec):
        return []
    tree = UnitTree.of(session)
    unit_ids = set(tree.scope(tree.get(unit_code).id, spec.end))
    findings = year_findings(session, tree, unit_ids, spec.year, _elements(session))
    return sorted(findings, key=lambda f: (f.severity != "error", f.unit, f.element))


def _closes_year(spec) -> bool:  # noqa: ANN001 - a PeriodSpec
    return spec.kind == "year" or (spec.kind == "quarter" and spec.number == 4)


def year_findings(session: Session, tree: UnitTree, unit_ids: set[int], year: int,
                  elements: dict[int, ElementInfo] | None = None) -> list[Finding]:
    """The year's consistency: stocks against their last quarter, parts above wholes."""
    elements = elements or _elements(session)
    own = _values(session, str(year), unit_ids)
    quarters = {q: _values(session, quarter_period(year, q).code, unit_ids) for q in range(1, 5)}
    findings = []
    for (unit_id, element_id), value in sorted(own.items()):
        info = elements[element_id]
        last = next(((q, quarters[q][(unit_id, element_id)]) for q in (4, 3, 2, 1)
                     if (unit_id, element_id) in quarters[q]), None)
        if last is not None:
            label = quarter_period(year, last[0]).label()
            findings += _findings(tree, unit_id, info.code,
                                  check_year_stock(info, value, last[1], label))
    counted = _year_values(session, year, unit_ids)
    label = year_period(year).label()
    for rule in ratio_rules(session):
        for unit_id in sorted(unit_ids):
            problems = check_part_whole(
                rule.numerator, counted.get((unit_id, rule.numerator_id)),
                rule.denominator, counted.get((unit_id, rule.denominator_id)), label)
            findings += _findings(tree, unit_id, rule.numerator.code, problems)
    return findings


def consistency_warnings(session: Session, unit_code: str, period_code: str,
                         limit: int = 5) -> list[str]:
    """The period's errors and inconsistencies in words — not the jumps, which are
    often real — for the warning before a report or pack is made."""
    findings = [f for f in validate_period(session, unit_code, period_code) if f.rule != "jump"]
    return [f"{f.unit_name}: {f.message}" for f in findings[:limit]]


def _year_values(session: Session, year: int, unit_ids: set[int]) -> dict[tuple[int, int], float]:
    """The units' values that count for the year, read by unit (desktop.data.keyed)."""
    return _by_unit(session, "year_value", f"x.year = {int(year)}", unit_ids)


def _values(session: Session, code: str, unit_ids: set[int]) -> dict[tuple[int, int], float]:
    """The units' recorded values of one period, read by (unit, period)."""
    period_id = session.scalar(select(Period.id).where(Period.code == code))
    if period_id is None:
        return {}
    return _by_unit(session, "data_value", f"x.period_id = {int(period_id)}", unit_ids)


def _by_unit(session: Session, table: str, condition: str,
             unit_ids: set[int]) -> dict[tuple[int, int], float]:
    """(unit, element) -> value of `table`'s rows of the units meeting `condition` (on x)."""
    if not unit_ids:
        return {}
    join = join_by_unit(session.get_bind().dialect.name, "s", table, "x", condition)
    rows = session.execute(text(
        f"WITH {id_table('scope', ['unit_id'], [(u,) for u in sorted(unit_ids)])} "
        f"SELECT x.unit_id, x.element_id, x.value FROM scope s{join}"))
    return {(unit, element): value for unit, element, value in rows}


def _elements(session: Session) -> dict[int, ElementInfo]:
    """Each element's checking facts by id, kept until the elements change."""
    return cached(session, "element_infos", lambda: {
        e.id: element_info(e) for e in session.scalars(select(DataElement))})


def _findings(tree: UnitTree, unit_id: int, element: str, problems: list[Problem]) -> list[Finding]:
    unit = tree.units[unit_id]
    return [Finding(unit.code, unit.name, element, p.severity, p.rule, p.message)
            for p in problems]
