"""Score and rank the units directly under a unit for one year.

Figures come from desktop.assess.figures (the engine's scopes and
measures), assessors' scores from the store. A criterion without data
scores 0 and is flagged `missing`. A group's weight multiplies its
criteria's points in the group subtotals and the total. Units are ranked by total; equal totals
share a rank (1, 2, 2, 4). The band is the highest whose minimum the total
reaches. The units are scored one criterion at a time, for all of them at
once (what a criterion fixes is looked at once), then made into rows. A
unit's card — each criterion's points, figure, note and what the next
points need — is made when first asked for (`UnitScore.criteria`): the
ranking's table shows totals, the screen one unit's card, an export every
card.
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy.orm import Session

from desktop.assess.figures import Figures
from desktop.assess.model import AssessmentSet, Criterion
from desktop.assess.rules import hint_writer, rank_points, ranks, scorer
from desktop.assess.store import entered_scores
from desktop.data.office import require_office
from desktop.engine.scope import Unit, UnitTree
from desktop.errors import UserError
from desktop.i18n import t
from desktop.periods import PeriodSpec, parse_period
from desktop.text import sort_key


class CriterionScore(NamedTuple):
    """One criterion of one unit (made for every criterion of every unit shown)."""

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
    groups: dict[str, float]  # top group code -> weighted subtotal
    card: Callable[[], list[CriterionScore]] = field(repr=False, compare=False)
    rank: int = 0
    band: str = ""
    previous_rank: int | None = None
    missing: list[str] = field(default_factory=list)  # criteria without data or score

    @functools.cached_property
    def criteria(self) -> list[CriterionScore]:
        """Every criterion's score, in the set's order, made when first asked for."""
        return self.card()

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
    _check_year(assessment, spec)
    tree = UnitTree.of(session)
    parent = tree.get(unit_code or require_office(session).unit_code)
    units = assessed_units(tree, parent, assessment, spec)
    scores = _unit_scores(assessment, units, _columns(session, tree, assessment, spec, units))
    places = ranks({s.unit: s.total for s in scores})
    for score in scores:
        score.rank, score.band = places[score.unit], assessment.band_for(score.total)
    if with_previous and spec.year - 1 >= assessment.year_from:
        before = _ranks_only(session, tree, assessment, year_of(str(spec.year - 1)), parent)
        for score in scores:
            score.previous_rank = before.get(score.unit)
    return sorted(scores, key=lambda s: (s.rank, sort_key(s.unit_name)))


def _unit_scores(assessment: AssessmentSet, units: list[Unit],
                 columns: list[_Column]) -> list[UnitScore]:
    """The units' rows in their order: totals, subtotals and what is missing; each
    unit's card made when first asked for."""
    cards = _Cards(assessment.criteria, columns)
    missing = _missing(assessment.criteria, columns, len(units))
    totals = _group_totals(assessment, columns)
    return [UnitScore(unit.code, unit.name, unit.id, _total(groups), assessment.total,
                      {code: round(value, 2) for code, value in groups.items()},
                      functools.partial(cards.of, index), missing=missing[index])
            for index, (unit, groups) in enumerate(zip(units, totals))]


def _check_year(assessment: AssessmentSet, spec: PeriodSpec) -> None:
    if not assessment.year_from <= spec.year <= assessment.year_to:
        raise UserError(t(f"Bộ tiêu chí “{assessment.code}” dùng cho các năm "
                          f"{assessment.year_from}–{assessment.year_to}, không có năm {spec.year}.",
                          f"Assessment set “{assessment.code}” is for "
                          f"{assessment.year_from}–{assessment.year_to}, not {spec.year}."))


def assessed_units(tree: UnitTree, parent: Unit, assessment: AssessmentSet,
                   spec: PeriodSpec) -> list[Unit]:
    return [child for child in tree.children(parent.id)
            if child.valid_during(spec.start, spec.end)
            and not tree.merged_before(child, spec.end)
            and assessment.applies_to(child.level, child.kind)]


class _Column(NamedTuple):
    """One criterion for every assessed unit, in their order."""

    values: list[float | None]  # the figure (None: no data, or an assessor's criterion)
    points: list[float]
    places: list[int | None]  # a rank rule's place among the units with a figure
    given: list  # an assessor's entered score, or None
    measure: str


def _columns(session: Session, tree: UnitTree, assessment: AssessmentSet, spec: PeriodSpec,
             units: list[Unit]) -> list[_Column]:
    """Every criterion's figures and points for the units, one criterion at a time: what
    a criterion fixes (its figure's definition, its rule) is looked at once."""
    codes = {c.rule.indicator for c in assessment.criteria if c.rule.indicator}
    figures = Figures(session, tree, spec, codes, [unit.id for unit in units])
    entered = entered_scores(session, assessment.code, spec.year)
    return [_column(criterion, units, figures, entered) for criterion in assessment.criteria]


def _column(criterion: Criterion, units: list[Unit], figures: Figures,
            entered: dict) -> _Column:
    rule, nothing = criterion.rule, [None] * len(units)
    if rule.kind == "assessor":
        given = [entered.get((criterion.code, unit.id)) for unit in units]
        return _Column(nothing, [g.points if g else 0.0 for g in given], nothing, given, "")
    values = figures.values(rule.indicator)
    measure = figures.measure_of(rule.indicator)
    if rule.kind != "rank":
        score = scorer(criterion)
        points = [0.0 if v is None else score(v) for v in values]
        return _Column(values, points, nothing, nothing, measure)
    places = ranks({i: v for i, v in enumerate(values) if v is not None}, rule.lower_is_better)
    ordered = [places.get(i) for i in range(len(values))]
    points = [0.0 if p is None else rank_points(criterion, p) for p in ordered]
    return _Column(values, points, ordered, nothing, measure)


class _Cards:
    """The units' cards, made one unit at a time from the criteria's columns; the hint
    of a criterion written once for all the units that share it."""

    def __init__(self, criteria: list[Criterion], columns: list[_Column]):
        self.criteria = [(c, column, (c.code, c.name, c.group, c.rule.kind, c.max_points),
                          hint_writer(c, column.measure), _lacking(c, column))
                         for c, column in zip(criteria, columns)]
        self.no_data = t("Thiếu số liệu", "No data")

    def of(self, index: int) -> list[CriterionScore]:
        """The card of the unit at `index` in the ranked units' order."""
        new, card = tuple.__new__, []  # the fields in order, as CriterionScore(...) takes them
        for criterion, column, fixed, hint, lacking in self.criteria:
            points, missing = column.points[index], lacking[index] is None
            if criterion.rule.kind == "assessor":
                given = column.given[index]
                card.append(new(CriterionScore, fixed + (
                    points, None, "", missing, given.note if given else "",
                    given.evidence if given else "", hint(None, points))))
                continue
            value = column.values[index]
            note = self.no_data if missing else _place_note(column.places[index])
            card.append(new(CriterionScore, fixed + (
                points, value, column.measure, missing, note, "", hint(value, points))))
        return card


def _missing(criteria: list[Criterion], columns: list[_Column], count: int) -> list[list[str]]:
    """Each unit's criteria without a figure (or without an assessor's score), in order."""
    missing: list[list[str]] = [[] for _ in range(count)]
    for criterion, column in zip(criteria, columns):
        for index, flag in enumerate(_lacking(criterion, column)):
            if flag is None:
                missing[index].append(criterion.code)
    return missing


def _lacking(criterion: Criterion, column: _Column) -> list:
    """The column whose None marks a unit's criterion as missing: the assessor's score for
    an assessor's criterion, else the figure."""
    return column.given if criterion.rule.kind == "assessor" else column.values


def _place_note(place: int | None) -> str:
    return "" if place is None else t(f"Hạng {place}", f"Rank {place}")


def _group_totals(assessment: AssessmentSet, columns: list[_Column]) -> list[dict[str, float]]:
    """Each unit's weighted subtotal of each top group, in the units' order, added up
    criterion by criterion (the total is their sum, rounded once): a criterion's points
    times its weight added to its group's running sums, for all the units at once."""
    count = len(columns[0].points) if columns else 0
    tops = [group.code for group in assessment.top_groups()]
    if not tops:
        return [{} for _ in range(count)]
    sums = {code: [0.0] * count for code in tops}
    for (top, weight), column in zip(assessment.criterion_shares, columns):
        weighted = map(operator.mul, column.points, itertools.repeat(weight))
        sums[top] = list(map(operator.add, sums[top], weighted))
    return [dict(zip(tops, subtotals)) for subtotals in zip(*sums.values())]


def _ranks_only(session: Session, tree: UnitTree, assessment: AssessmentSet, spec: PeriodSpec,
                parent: Unit) -> dict[str, int]:
    """The units' ranks for a year (last year's, shown beside this year's): their totals
    alone, without the notes and hints of each criterion."""
    units = assessed_units(tree, parent, assessment, spec)
    totals = _group_totals(assessment, _columns(session, tree, assessment, spec, units))
    return ranks({unit.code: _total(groups) for unit, groups in zip(units, totals)})


def _total(groups: dict[str, float]) -> float:
    """A unit's total: its unrounded group subtotals added up, rounded once."""
    return round(sum(groups.values()), 2)
