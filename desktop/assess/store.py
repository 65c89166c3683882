"""Where assessment sets and assessors' scores live.

Shipped sets are TOML files in resources/assessment/; a set edited in the
program is stored whole (its TOML text) in the `assessment_set` table and
takes the place of the shipped set of the same code. Saving a set checks it
first (nothing is saved when it is refused) and audits the old and new text.
Assessors' scores are rows of `assessor_score`, audited, and refused for a
unit whose year is approved (locked), like its values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.assess.model import TOLERANCE, AssessmentSet, Criterion, parse_set
from desktop.data import audit, authz
from desktop.data.cache import cached
from desktop.data.models import (
    AssessorScore,
    DataElement,
    Indicator,
    StoredAssessmentSet,
)
from desktop.data.submission import locked_pairs
from desktop.data.units import unit_by_code
from desktop.errors import UserError
from desktop.formats import format_plain
from desktop.i18n import t
from desktop.paths import resources_dir
from desktop.periods import year_period


def shipped_files() -> dict[str, Path]:
    """code -> file of each set shipped in resources/assessment/ (file stem = code)."""
    folder = resources_dir() / "assessment"
    return {path.stem: path for path in sorted(folder.glob("*.toml"))}


def known_codes(session: Session):
    """code -> its kind ('yesno' for yes/no elements, 'milestone', 'ratio', … for
    indicators, 'number' … for other elements), None for an unknown code."""
    kinds = dict(session.execute(select(DataElement.code, DataElement.kind)).all())
    kinds |= dict(session.execute(select(Indicator.code, Indicator.kind)).all())
    return kinds.get


def all_sets(session: Session) -> list[AssessmentSet]:
    """Every set: the shipped ones, replaced by their edited copies, and new ones; read
    and checked once per change of the structure (desktop.data.cache), not at every
    ranking."""
    return list(cached(session, "assessment_sets", lambda: tuple(_read_sets(session))))


def _read_sets(session: Session) -> list[AssessmentSet]:
    known = known_codes(session)
    texts = {code: (path.read_text(encoding="utf-8"), path.name)
             for code, path in shipped_files().items()}
    for row in session.scalars(select(StoredAssessmentSet)):
        texts[row.code] = (row.body, row.code)
    return [parse_set(text, known, where) for text, where in texts.values()]


def get_set(session: Session, code: str) -> AssessmentSet:
    for found in all_sets(session):
        if found.code == code.strip():
            return found
    raise UserError(t(f"Không có bộ tiêu chí mã “{code}” (xem “itplan score sets”).",
                      f"No assessment set with code “{code}” (see “itplan score sets”)."))


def is_edited(session: Session, code: str) -> bool:
    return session.get(StoredAssessmentSet, code) is not None


def save_set(session: Session, text: str) -> AssessmentSet:
    """Check and store a set's TOML text (a new set or an edit); audited."""
    authz.require(session, "edit_score_sets")
    checked = parse_set(text, known_codes(session), t("đang sửa", "being edited"))
    row = session.get(StoredAssessmentSet, checked.code)
    old = row.body if row else _shipped_text(checked.code)
    if old == text:
        return checked
    user = audit.current_user(session)
    if row is None:
        row = StoredAssessmentSet(code=checked.code)
        session.add(row)
    row.body, row.changed_by, row.changed_at = text, user, dt.datetime.now()
    audit.record(session, "score_set", checked.code, "update" if old else "insert",
                 old=old, new=text, user=user)
    return checked


def _shipped_text(code: str) -> str | None:
    path = shipped_files().get(code)
    return path.read_text(encoding="utf-8") if path else None


@dataclass(frozen=True)
class EnteredScore:
    points: float
    note: str
    evidence: str
    changed_by: str
    changed_at: dt.datetime


def entered_scores(session: Session, set_code: str, year: int
                   ) -> dict[tuple[str, int], EnteredScore]:
    """(criterion, unit id) -> the assessor's score, for one set and year: kept with the
    caches (desktop.data.cache), which a score entered, changed or removed drops."""
    def load() -> dict[tuple[str, int], EnteredScore]:
        rows = session.scalars(select(AssessorScore).where(
            AssessorScore.set_code == set_code, AssessorScore.year == year))
        return {(r.criterion, r.unit_id): EnteredScore(r.points, r.note, r.evidence,
                                                       r.changed_by, r.changed_at) for r in rows}
    return cached(session, ("entered_scores", set_code, year), load)


def enter_score(session: Session, assessment: AssessmentSet, criterion_code: str,
                unit_code: str, year: int, points: float | None, note: str = "",
                evidence: str = "") -> None:
    """Record (or, with points None, remove) an assessor's score; audited."""
    authz.require(session, "enter_scores")
    criterion = _assessor_criterion(assessment, criterion_code)
    unit = unit_by_code(session, unit_code)
    if not assessment.applies_to(unit.level, unit.kind):
        raise UserError(t(f"Bộ “{assessment.code}” không đánh giá {unit.name} (cấp, loại đơn vị "
                          f"khác): không chấm được tiêu chí “{criterion.code}”.",
                          f"Set “{assessment.code}” does not assess {unit.name} (another level "
                          f"or kind of unit): criterion “{criterion.code}” cannot be scored."))
    if points is not None and not (-TOLERANCE <= points <= criterion.max_points + TOLERANCE):
        raise UserError(t(f"Tiêu chí “{criterion.code}”: điểm {format_plain(points)} vượt ngoài "
                          f"0–{format_plain(criterion.max_points)}.",
                          f"Criterion “{criterion.code}”: {format_plain(points)} points is "
                          f"outside 0–{format_plain(criterion.max_points)}."))
    if locked_pairs(session, {(unit.id, year_period(year))}):
        raise UserError(t(f"Năm {year} của {unit.name} đã duyệt (khóa): không sửa được điểm "
                          f"tiêu chí “{criterion.code}”.",
                          f"{year} of {unit.name} is approved (locked): the score of "
                          f"criterion “{criterion.code}” cannot change."))
    row = session.scalar(select(AssessorScore).where(
        AssessorScore.set_code == assessment.code, AssessorScore.criterion == criterion.code,
        AssessorScore.unit_id == unit.id, AssessorScore.year == year))
    key = f"{assessment.code}/{criterion.code}/{unit.code}/{year}"
    user = audit.current_user(session)
    old = None if row is None else _shown(row.points, row.note, row.evidence)
    if points is None:
        if row is not None:
            session.delete(row)
            audit.record(session, "score", key, "delete", old=old, user=user)
        return
    new = _shown(points, note, evidence)
    if old == new:
        return
    if row is None:
        row = AssessorScore(set_code=assessment.code, criterion=criterion.code,
                            unit_id=unit.id, year=year)
        session.add(row)
    row.points, row.note, row.evidence = points, note.strip(), evidence.strip()
    row.changed_by, row.changed_at = user, dt.datetime.now()
    audit.record(session, "score", key, "update" if old else "insert", old=old, new=new,
                 user=user)


def _assessor_criterion(assessment: AssessmentSet, code: str) -> Criterion:
    for criterion in assessment.criteria:
        if criterion.code == code.strip():
            if criterion.rule.kind != "assessor":
                raise UserError(t(f"Tiêu chí “{criterion.code}” được tính từ số liệu, "
                                  "không do hội đồng chấm.",
                                  f"Criterion “{criterion.code}” is scored from figures, "
                                  "not by the assessor."))
            return criterion
    raise UserError(t(f"Bộ “{assessment.code}” không có tiêu chí “{code}”.",
                      f"Set “{assessment.code}” has no criterion “{code}”."))


def _shown(points: float, note: str, evidence: str) -> str:
    """The audit text of a score: points, then note and evidence when given."""
    parts = [format_plain(points)]
    if note.strip():
        parts.append(note.strip())
    if evidence.strip():
        parts.append(t("minh chứng: ", "evidence: ") + evidence.strip())
    return " | ".join(parts)
