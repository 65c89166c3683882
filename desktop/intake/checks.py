"""A read form against the database: is it ours, current, open, and sound?

File-level checks come first (form version, seal, office, unit, element
list, heading, locked period); when they pass, `form_values` gives the
form's values with `where` = "file, sheet, cell", so that each broken rule
`write_values` (the one write path) finds — a negative, a part above its
whole — comes back located (`locate_problems`). desktop.intake.load checks
and writes the values of a whole batch together.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Container
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.models import OrgUnit
from desktop.data.office import get_office
from desktop.data.submission import locked_pairs
from desktop.data.values import RatioRule, ratio_rules
from desktop.engine.scope import Unit, UnitTree
from desktop.errors import UserError
from desktop.i18n import t
from desktop.intake import layout
from desktop.intake.content import elements_for_level
from desktop.intake.interpret import ElementSpec, Interpreted, interpret
from desktop.intake.read import RawForm
from desktop.intake.report import FileReport
from desktop.intake.seal import seal_key, seal_matches
from desktop.periods import PeriodSpec, parse_period
from desktop.text import search_key


@dataclass
class BatchContext:
    """Facts looked up once per batch: the office, the seal key, each level's
    elements, the rules, the approved (locked) unit periods of the batch."""

    office: tuple[str, str] | None = None  # code, path
    levels: dict[str, list[ElementSpec]] = field(default_factory=dict)
    rules: list[RatioRule] | None = None
    seal: bytes | None = None
    locked: set[tuple[int, PeriodSpec]] | None = None

    def office_of(self, session: Session) -> tuple[str, str] | None:
        if self.office is None:
            office = get_office(session)
            if office is not None:
                path = session.scalar(select(OrgUnit.path).where(OrgUnit.code == office.unit_code))
                self.office = (office.unit_code, path or "")
        return self.office

    def seal_of(self, session: Session) -> bytes | None:
        if self.seal is None:
            self.seal = seal_key(session)
        return self.seal

    def rules_of(self, session: Session) -> list[RatioRule]:
        """The part-of-whole rules, read once for the batch."""
        if self.rules is None:
            self.rules = ratio_rules(session)
        return self.rules

    def elements(self, session: Session, level: str) -> list[ElementSpec]:
        if level not in self.levels:
            self.levels[level] = [ElementSpec(e.code, e.name, e.kind, e.decimals)
                                  for e in elements_for_level(session, level)]
        return self.levels[level]

    def note_locks(self, session: Session, forms: list[tuple[str, str]]) -> None:
        """Read at once which of the batch's (unit code, period code) are approved."""
        tree = UnitTree.of(session)
        pairs = set()
        for unit, period in forms:
            with contextlib.suppress(UserError):
                pairs.add((tree.get(unit).id, parse_period(period)))
        self.locked = locked_pairs(session, pairs) if pairs else set()

    def is_locked(self, session: Session, unit_id: int, spec: PeriodSpec) -> bool:
        if self.locked is None:
            return bool(locked_pairs(session, {(unit_id, spec)}))
        return (unit_id, spec) in self.locked


def form_values(session: Session, raw: RawForm, report: FileReport,
                context: BatchContext) -> Interpreted | None:
    """The form's readable values, after its file-level checks; None when refused.

    Cell problems (an Excel error, text in a number cell) go into `report`;
    the other values are still returned, so that their own problems can be
    found too (the form is not written)."""
    unit = _check_form(session, raw, report, context)
    if unit is None:
        return None
    elements = {e.code: e for e in context.elements(session, unit.level)}
    values = interpret(raw, elements, report)
    report.values = len(values.items)
    return values


def locate_problems(report: FileReport, sheet: str, problems: list[str],
                    cells: dict[str, str]) -> None:
    """Each `where: message` problem at its cell, in the form's order."""
    for problem in problems:
        _add_located(report, sheet, problem, cells)
    report.problems.sort(key=_form_order)


def count_outcomes(report: FileReport, outcomes: dict[str, str], cells: dict[str, str]) -> None:
    """The form's inserted, updated and unchanged values, from a write's outcomes."""
    found = Counter(outcomes.get(where) for where in cells)
    report.inserted, report.updated, report.unchanged = (
        found["inserted"], found["updated"], found["unchanged"])


def _form_order(problem) -> tuple:
    digits = "".join(ch for ch in problem.cell if ch.isdigit())
    return (problem.sheet != "", problem.sheet, int(digits or 0))


def _add_located(report: FileReport, sheet: str, problem: str, cells: dict[str, str]) -> None:
    where = problem_origin(problem, cells)
    if where is None:
        report.add(problem)
    else:
        report.add(problem[len(where) + 2:], sheet, cells[where])


def problem_origin(problem: str, wheres: Container[str]) -> str | None:
    """The `where` a `where: message` problem starts with, if it is one of `wheres`."""
    at = problem.find(": ")
    while at != -1:
        if problem[:at] in wheres:
            return problem[:at]
        at = problem.find(": ", at + 1)
    return None


def _meta_problem(report: FileReport, message: str, key: str) -> None:
    report.add(message, layout.META_SHEET, f"B{layout.META_KEYS.index(key) + 1}")


def _check_form(session: Session, raw: RawForm, report: FileReport,
                context: BatchContext) -> Unit | None:
    version = raw.meta.get("version", "")
    if version != layout.FORM_VERSION:
        _meta_problem(report, t(
            f"phiếu mẫu phiên bản “{version}”, chương trình cần phiên bản {layout.FORM_VERSION}; "
            "hãy tạo phiếu mới.",
            f"form version “{version}”, this program needs version {layout.FORM_VERSION}; "
            "make a new form."), "version")
        return None
    if not seal_matches(context.seal_of(session), raw.meta, raw.rows):
        _meta_problem(report, t(
            "dấu niêm phong của phiếu không khớp: trang “_meta” đã bị sửa hoặc phiếu không do "
            "cơ sở dữ liệu này tạo; hãy dùng phiếu gốc hoặc tạo phiếu mới.",
            "the form's seal does not match: its “_meta” sheet was edited or it was not made "
            "by this database; use the original form or make a new one."), "seal")
        return None
    office = context.office_of(session)
    if office is None:
        report.add(t("cơ sở dữ liệu chưa khởi tạo cơ quan.", "the database has no office yet."))
        return None
    unit = UnitTree.of(session).by_code.get(report.unit.strip())
    if unit is None:
        _meta_problem(report, t(f"không có đơn vị mã “{report.unit}”.",
                                f"no unit with code “{report.unit}”."), "unit")
        return None
    report.unit_name = unit.name
    if raw.meta.get("office") != office[0] or not unit.path.startswith(office[1]):
        _meta_problem(report, t(
            f"phiếu của cơ quan khác (“{raw.meta.get('office')}”, đơn vị “{unit.code}”), "
            f"không thuộc “{office[0]}”.",
            f"a form for another office (“{raw.meta.get('office')}”, unit “{unit.code}”), "
            f"not under “{office[0]}”."), "office")
        return None
    if not _same_elements(session, raw, report, context, unit) or not _rows_in_place(raw, report):
        return None
    spec = parse_period(report.period)
    if not _heading_agrees(raw, report, unit, spec):
        return None
    if context.is_locked(session, unit.id, spec):
        _meta_problem(report, t(f"kỳ {spec.label()} của “{unit.name}” đã được duyệt (khóa).",
                                f"{spec.label()} of “{unit.name}” is approved (locked)."),
                      "period")
        return None
    return unit


def _heading_agrees(raw: RawForm, report: FileReport, unit: Unit, spec) -> bool:  # noqa: ANN001
    """The visible heading names the unit and period that `_meta` names."""
    period_line, unit_line = raw.heading
    problems = []
    if not period_line.endswith(f": {spec.vi_label()}"):
        problems.append(("A6", t(f"tiêu đề ghi “{period_line[:60]}” nhưng phiếu là của kỳ "
                                 f"{spec.label()}; hãy dùng phiếu gốc.",
                                 f"the heading says “{period_line[:60]}” but the form is for "
                                 f"{spec.label()}; use the original form.")))
    if not unit_line.endswith(f"(mã {unit.code})"):
        problems.append(("A7", t(f"tiêu đề ghi “{unit_line[:60]}” nhưng phiếu là của đơn vị "
                                 f"“{unit.name}” (mã {unit.code}); hãy dùng phiếu gốc.",
                                 f"the heading says “{unit_line[:60]}” but the form is for "
                                 f"“{unit.name}” (code {unit.code}); use the original form.")))
    for cell, message in problems:
        report.add(message, raw.sheet, cell)
    return not problems


def _rows_in_place(raw: RawForm, report: FileReport) -> bool:
    """Each input row still shows its element: no row was inserted, deleted or sorted."""
    moved = [row for _code, row in raw.rows if not _same_label(raw.labels.get(row, ""),
                                                                raw.names.get(row, ""))]
    for row in moved[:3]:
        report.add(t(f"dòng {row} không còn là chỉ tiêu “{raw.names.get(row, '')}” (dòng bị chèn, "
                     "xóa hoặc sắp xếp lại?); hãy dùng phiếu gốc.",
                     f"row {row} no longer holds “{raw.names.get(row, '')}” (rows inserted, "
                     "deleted or sorted?); use the original form."), raw.sheet, f"B{row}")
    return not moved


def _same_label(label: str, name: str) -> bool:
    return label == name or search_key(label) == search_key(name)


def _same_elements(session: Session, raw: RawForm, report: FileReport, context: BatchContext,
                   unit: Unit) -> bool:
    expected = [e.code for e in context.elements(session, unit.level)]
    found = [code for code, _row in raw.rows]
    if found == expected and raw.meta.get("count") == str(len(found)):
        return True
    missing = [code for code in expected if code not in found]
    extra = [code for code in found if code not in expected]
    detail = ", ".join(missing[:3] + extra[:3]) or t("thứ tự", "order")
    report.add(t(f"danh sách chỉ tiêu của phiếu khác với cơ sở dữ liệu ({detail}); "
                 "hãy tạo phiếu mới.",
                 f"the form's element list differs from the database ({detail}); "
                 "make a new form."), layout.META_SHEET, f"A{layout.META_ELEMENTS_ROW}")
    return False
