"""Score and rank the units directly under a unit for one year.

Figures come from desktop.engine: an indicator over each unit's scope (its
subtree and the units merged into it, summed first and then divided, like
progress), an element summed over the scope (a yes/no element: the unit's
own answer, else whether any unit of its scope answered yes). Assessors'
scores come from the store. A criterion without data scores 0 and is
flagged `missing`. A group's weight multiplies its criteria's points in the
group subtotals and the total. Units are ranked by total; equal totals
share a rank (1, 2, 2, 4). The band is the highest whose minimum the total
reaches.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.assess.model import AssessmentSet, Criterion
from desktop.assess.rules import next_points, points_for, rank_points, ranks
from desktop.assess.store import entered_scores
from desktop.data.cache import cached
from desktop.data.models import DataElement
from desktop.data.office import require_office
from desktop.engine.measure import measure
from desktop.engine.progress import _drop_closed_stocks, indicator_defs
from desktop.engine.readings import read_period, read_years
from desktop.engine.scope import Unit, UnitTree
from desktop.errors import UserError
from desktop.i18n import t
from desktop.periods import PeriodSpec, parse_period
from desktop.text import sort_key


@dataclass(frozen=True)
class CriterionScore:
    code: str
    name: str
    group: str
    rule: str
    max_points: float
    points: float
    value: float | None
    measure: str
    missing: bool
    note: str = ""       # the assessor's note, or why nothing was scored
    evidence: str = ""
    next_points: str = ""  # what the unit lacks for more points

    def as_json(self) -> dict:
        return {"code": self.code, "name": self.name, "group": self.group, "rule": self.rule,
                "points": self.points, "max_points": self.max_points, "value": self.value,
                "missing": self.missing, "note": self.note, "evidence": self.evidence}


@dataclass
class UnitScore:
    unit: str
    unit_name: str
    unit_id: int
    total: float
    max_total: float
    criteria: list[CriterionScore]
    groups: dict[str, float]  # top group code -> weighted subtotal
    rank: int = 0
    band: str = ""
    previous_rank: int | None = None
    missing: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"unit": self.unit, "unit_name": self.unit_name, "total": self.total,
                "max_total": self.max_total, "rank": self.rank, "class": self.band,
                "previous_rank": self.previous_rank, "groups": self.groups,
                "missing": self.missing, "criteria": [c.as_json() for c in self.criteria]}


def year_of(period_code: str) -> PeriodSpec:
    spec = parse_period(period_code)
    if spec.kind != "year":
        raise UserError(t(f"Đánh giá, xếp hạng theo năm: “{period_code}” không phải một năm.",
                          f"Assessments are yearly: “{period_code}” is not a year."))
    return spec


def score_units(session: Session, assessment: AssessmentSet, period_code: str,
                unit_code: str | None = None, *, with_previous: bool = False) -> list[UnitScore]:
    """One row per unit the set applies to directly under the unit, best first."""
    spec = year_of(period_code)
    if not assessment.year_from <= spec.year <= assessment.year_to:
        raise UserError(t(f"Bộ tiêu chí “{assessment.code}” dùng cho các năm "
                          f"{assessment.year_from}–{assessment.year_to}, không có năm {spec.year}.",
                          f"Assessment set “{assessment.code}” is for "
                          f"{assessment.year_from}–{assessment.year_to}, not {spec.year}."))
    tree = UnitTree.of(session)
    parent = tree.get(unit_code or require_office(session).unit_code)
    units = assessed_units(tree, parent, assessment, spec)
    codes = {c.rule.indicator for c in assessment.criteria if c.rule.indicator}
    figures = Figures(session, tree, spec, codes, [unit.id for unit in units])
    entered = entered_scores(session, assessment.code, spec.year)
    scores = [_score_unit(assessment, unit, figures, entered) for unit in units]
    _apply_rank_rules(assessment, scores)
    _rank(assessment, scores)
    if with_previous and spec.year - 1 >= assessment.year_from:
        before = {s.unit: s.rank for s in score_units(session, assessment, str(spec.year - 1),
                                                      parent.code)}
        for score in scores:
            score.previous_rank = before.get(score.unit)
    return sorted(scores, key=lambda s: (s.rank, sort_key(s.unit_name)))


def assessed_units(tree: UnitTree, parent: Unit, assessment: AssessmentSet,
                   spec: PeriodSpec) -> list[Unit]:
    return [child for child in tree.children(parent.id)
            if child.valid_during(spec.start, spec.end)
            and not tree.merged_before(child, spec.end)
            and assessment.applies_to(child.level, child.kind)]


class Figures:
    """Indicator and element values of the assessed units for one year, read once: only
    the elements that the given indicator and element codes need, and only the units
    whose values count for them (their scopes), so that ranking a district's communes
    costs the same in a province's database as in the nation's."""

    def __init__(self, session: Session, tree: UnitTree, spec: PeriodSpec, codes: set[str],
                 assessed: list[int]):
        self.tree, self.spec = tree, spec
        self._scopes: dict[int, list[int]] = {}
        counted = set().union(*(self.scope(unit_id) for unit_id in assessed))
        self.indicators, self.elements, self.levels = cached(
            session, "assessment_definitions", lambda: _definitions(session))
        plain, milestones = set(), set()
        for code in codes:
            if code in self.indicators:
                indicator = self.indicators[code]
                wanted = milestones if indicator.kind == "milestone" else plain
                wanted |= indicator.element_ids()
            elif code in self.elements:
                plain.add(self.elements[code][0])
        self.readings = read_period(session, spec, plain, counted)
        _drop_closed_stocks(session, self.readings, tree.closed_before(spec.end))
        self.milestones = read_years(session, 1900, spec.year, milestones, counted, "max") \
            if milestones else {}

    def scope(self, unit_id: int) -> list[int]:
        if unit_id not in self._scopes:
            self._scopes[unit_id] = self.tree.scope(unit_id, self.spec.end)
        return self._scopes[unit_id]

    def measure_of(self, code: str) -> str:
        if code in self.indicators:
            return self.indicators[code].measure
        return self.elements[code][3]

    def value(self, code: str, unit_id: int) -> float | None:
        if code in self.indicators:
            indicator = self.indicators[code]
            levels = frozenset.intersection(*[self.levels[e] for e in indicator.element_ids()])
            units = [u for u in self.scope(unit_id) if self.tree.units[u].level in levels]
            readings = self.milestones if indicator.kind == "milestone" else self.readings
            return measure(indicator, readings, units).actual
        element_id, _levels, kind, _measure = self.elements[code]
        values = self.readings.get(element_id, {})
        if kind == "yesno" and unit_id in values:
            return values[unit_id]
        present = [values[u] for u in self.scope(unit_id) if u in values]
        if not present:
            return None
        return max(present) if kind == "yesno" else sum(present)


def _definitions(session: Session) -> tuple[dict, dict, dict]:
    """(indicator code -> definition, element code -> (id, levels, kind, measure),
    element id -> levels): what a ranking looks its criteria up in, kept with the caches."""
    indicators = {d.code: d for d in indicator_defs(session).values()}
    rows = session.execute(select(DataElement.code, DataElement.id, DataElement.levels,
                                  DataElement.kind, DataElement.measure))
    elements = {code: (eid, frozenset(levels.split(",")), kind, unit)
                for code, eid, levels, kind, unit in rows}
    return indicators, elements, {eid: levels for eid, levels, _k, _m in elements.values()}


def _score_unit(assessment: AssessmentSet, unit: Unit, figures: Figures,
                entered: dict) -> UnitScore:
    criteria = [_criterion_score(c, unit, figures, entered) for c in assessment.criteria]
    score = UnitScore(unit.code, unit.name, unit.id, 0.0, assessment.total, criteria, {})
    _add_up(assessment, score)
    return score


def _criterion_score(criterion: Criterion, unit: Unit, figures: Figures,
                     entered: dict) -> CriterionScore:
    rule = criterion.rule
    if rule.kind == "assessor":
        given = entered.get((criterion.code, unit.id))
        points = given.points if given else 0.0
        return CriterionScore(criterion.code, criterion.name, criterion.group, rule.kind,
                              criterion.max_points, points, None, "", given is None,
                              given.note if given else "", given.evidence if given else "",
                              next_points(criterion, None, points))
    value = figures.value(rule.indicator, unit.id)
    unit_of = figures.measure_of(rule.indicator)
    points = 0.0 if value is None or rule.kind == "rank" else points_for(criterion, value)
    return CriterionScore(criterion.code, criterion.name, criterion.group, rule.kind,
                          criterion.max_points, points, value, unit_of, value is None,
                          t("Thiếu số liệu", "No data") if value is None else "",
                          "", next_points(criterion, value, points, unit_of))


def _apply_rank_rules(assessment: AssessmentSet, scores: list[UnitScore]) -> None:
    """Rank-rule criteria: points by the unit's place among the units with a figure."""
    for index, criterion in enumerate(assessment.criteria):
        if criterion.rule.kind != "rank":
            continue
        values = {s.unit: s.criteria[index].value for s in scores
                  if s.criteria[index].value is not None}
        places = ranks(values, criterion.rule.lower_is_better)
        for score in scores:
            old = score.criteria[index]
            if old.value is None:
                continue
            points = rank_points(criterion, places[score.unit])
            score.criteria[index] = CriterionScore(
                old.code, old.name, old.group, old.rule, old.max_points, points, old.value,
                old.measure, False, t(f"Hạng {places[score.unit]}", f"Rank {places[score.unit]}"),
                "", next_points(criterion, old.value, points, old.measure))
        for score in scores:
            _add_up(assessment, score)


def _add_up(assessment: AssessmentSet, score: UnitScore) -> None:
    groups = {g.code: 0.0 for g in assessment.top_groups()}
    for (top, weight), result in zip(assessment.criterion_shares, score.criteria):
        groups[top] += result.points * weight
    score.groups = {code: round(value, 2) for code, value in groups.items()}
    score.total = round(sum(groups.values()), 2)
    score.missing = [c.code for c in score.criteria if c.missing]


def _rank(assessment: AssessmentSet, scores: list[UnitScore]) -> None:
    places = ranks({s.unit: s.total for s in scores})
    for score in scores:
        score.rank = places[score.unit]
        score.band = assessment.band_for(score.total)
