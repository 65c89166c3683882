"""Previewing and loading filled forms: every problem by file, sheet and cell.

Both passes read every file first (safety checks, then python-calamine),
find the same unit and period sent twice, then check each file against the
database: the form's version, office, unit (it must exist and lie under this
office), element list, the period's lock; then the values of every form that
passed are checked together (`check_values`), which names the file and cell of
each broken rule (such a form is left out). `preview_files` writes nothing.
`load_files` writes the good forms' values in one transaction; a file with
any problem writes nothing; loading the same file again changes nothing
(write_values counts the values as unchanged).
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.data.database import server_loss_told
from desktop.data.values import CheckedBatch, check_values, write_checked, write_values
from desktop.errors import UserError
from desktop.i18n import t
from desktop.intake.checks import (BatchContext, count_outcomes, form_values, locate_problems,
                                   problem_origin)
from desktop.intake.interpret import Interpreted
from desktop.intake.layout import META_SHEET
from desktop.intake.read import RawForm, read_form
from desktop.intake.report import FileProblem, FileReport
from desktop.intake.sources import expand_inputs
from desktop.periods import parse_period

__all__ = ["FileProblem", "FileReport", "load_files", "preview_files"]

Progress = Callable[[int, int], None]


@dataclass
class _Candidate:
    report: FileReport
    raw: RawForm | None
    values: Interpreted | None = None


def preview_files(session: Session, paths: Iterable[Path | str],
                  progress: Progress | None = None) -> list[FileReport]:
    """Check every form against the database; write nothing."""
    candidates = _read_all(paths, progress)
    nested = session.begin_nested()
    try:
        _check_and_write(session, candidates, progress)
    finally:
        nested.rollback()
    return [candidate.report for candidate in candidates]


def load_files(database, paths: Iterable[Path | str], dry_run: bool = False,
               progress: Progress | None = None) -> list[FileReport]:
    """Write the good forms in one transaction (none with `dry_run`): a file with
    a problem writes nothing, the others are committed together at the end."""
    candidates = _read_all(paths, progress)
    with _transaction(database) as session:
        loaded = _check_and_write(session, candidates, progress)
        if loaded and not dry_run:
            session.commit()
            for report in loaded:
                report.written = True
    return [candidate.report for candidate in candidates]


def _check_and_write(session: Session, candidates: list[_Candidate],
                     progress: Progress | None) -> list[FileReport]:
    """`_check_then_write`, its last progress step once the batch is written."""
    try:
        return _check_then_write(session, candidates, progress)
    finally:
        _tick(progress, _steps(len(candidates)), _steps(len(candidates)))


def _check_then_write(session: Session, candidates: list[_Candidate],
                      progress: Progress | None) -> list[FileReport]:
    """Check each form, then write the good ones' values together; their reports.

    The values of every form that passed its own checks are checked as one
    batch (each problem names its file and cell; a form with one is left
    out and the rest checked again), then that checked batch is written
    (`write_checked`). Should it still be refused, each form is written alone
    in its own savepoint instead.
    """
    context = BatchContext()
    context.note_locks(session, [(c.report.unit, c.report.period) for c in candidates
                                 if c.raw is not None])
    ready = []
    for done, candidate in enumerate(candidates, len(candidates) + 1):
        if candidate.raw is not None:
            candidate.values = form_values(session, candidate.raw, candidate.report, context)
            if candidate.values is not None:
                ready.append(candidate)
        _tick(progress, done, _steps(len(candidates)))
    passed, checked = _without_value_problems(session, ready, context)
    ready = [c for c in passed if c.report.ok]  # not those with a cell problem
    if not ready:
        return []
    savepoint = session.begin_nested()
    try:
        if checked is None or len(ready) != len(passed):  # check exactly what is written
            checked = check_values(session, _items(ready), rules=context.rules_of(session))
        result = write_checked(session, checked)
    except UserError:
        savepoint.rollback()
        return _one_by_one(session, ready, context)
    for candidate in ready:
        count_outcomes(candidate.report, result.outcomes, candidate.values.cells)
        candidate.report.warnings = consistency_of(session, candidate.report)
    savepoint.commit()
    return [candidate.report for candidate in ready]


def _items(candidates: list[_Candidate]) -> list:
    # Each form bottom-up: write_values names a broken part-of-whole rule at the first of
    # the pair it meets, and parts (numerators) sit below their wholes on the form.
    return [item for candidate in candidates for item in candidate.values.items[::-1]]


def _without_value_problems(session: Session, ready: list[_Candidate], context: BatchContext
                            ) -> tuple[list[_Candidate], CheckedBatch | None]:
    """The forms whose values pass every rule, and the check of exactly those (None if
    a problem was not tied to a cell). The others get their problems by cell."""
    while ready:
        try:
            return ready, check_values(session, _items(ready), rules=context.rules_of(session))
        except UserError as exc:
            by_where = {where: c for c in ready for where in c.values.cells}
            refused: dict[int, list[str]] = defaultdict(list)
            for problem in exc.problems or [exc.message]:
                where = problem_origin(problem, by_where)
                if where is None:  # not tied to a cell: the forms are written one by one
                    return ready, None
                refused[id(by_where[where])].append(problem)
            for candidate in ready:
                if id(candidate) in refused:
                    locate_problems(candidate.report, candidate.raw.sheet,
                                    refused[id(candidate)], candidate.values.cells)
            ready = [c for c in ready if id(c) not in refused]
    return ready, None


def _one_by_one(session: Session, ready: list[_Candidate],
                context: BatchContext) -> list[FileReport]:
    """Each form written in its own savepoint: a refused one writes nothing."""
    loaded = []
    for candidate in ready:
        report = candidate.report
        savepoint = session.begin_nested()
        try:
            result = write_values(session, candidate.values.items[::-1],
                                  rules=context.rules_of(session))
        except UserError as exc:
            savepoint.rollback()
            locate_problems(report, candidate.raw.sheet, exc.problems or [exc.message],
                            candidate.values.cells)
            continue
        count_outcomes(report, result.outcomes, candidate.values.cells)
        report.warnings = consistency_of(session, report)
        savepoint.commit()
        loaded.append(report)
    return loaded


def consistency_of(session: Session, report: FileReport) -> list[str]:
    """The form's cross-period inconsistencies, with its values in the session."""
    from desktop.engine.checks import year_consistency

    return [finding.message for finding in year_consistency(session, report.unit,
                                                            report.period)]


@contextlib.contextmanager
def _transaction(database) -> Iterator[Session]:
    """A session from a Database or a session factory, rolled back unless committed."""
    session = database.make_session() if hasattr(database, "make_session") else database()
    with server_loss_told(session):
        try:
            yield session
        finally:
            session.rollback()
            session.close()


def _read_all(paths: Iterable[Path | str], progress: Progress | None) -> list[_Candidate]:
    sources = expand_inputs(paths)
    candidates = []
    for done, source in enumerate(sources, 1):
        report = FileReport(source.name)
        raw = None
        try:
            raw = read_form(source.read())
            _identify(raw, report)
        except UserError as exc:
            report.add(exc.message)
        candidates.append(_Candidate(report, raw if report.ok else None))
        _tick(progress, done, _steps(len(sources)))
    _flag_duplicates(candidates)
    return candidates


def _identify(raw: RawForm, report: FileReport) -> None:
    report.unit = raw.meta.get("unit", "")
    if not report.unit:
        report.add(t("trang “_meta” không ghi mã đơn vị.", "the “_meta” sheet names no unit."),
                   META_SHEET, "B3")
    try:
        report.period = parse_period(raw.meta.get("period", "")).code
    except UserError as exc:
        report.add(exc.message, META_SHEET, "B4")


def _flag_duplicates(candidates: list[_Candidate]) -> None:
    groups: dict[tuple[str, str], list[_Candidate]] = defaultdict(list)
    for candidate in candidates:
        if candidate.raw is not None:
            groups[(candidate.report.unit, candidate.report.period)].append(candidate)
    for (unit, period), group in groups.items():
        if len(group) < 2:
            continue
        for candidate in group:
            others = ", ".join(Path(c.report.path).name for c in group if c is not candidate)
            candidate.report.add(t(
                f"đơn vị “{unit}”, kỳ {period} có trong nhiều tệp của đợt nhập này ({others}).",
                f"unit “{unit}”, period {period} is in several files of this batch ({others})."))
            candidate.raw = None


def _steps(files: int) -> int:
    """Progress steps of a batch: reading each file, checking each, writing them all."""
    return 2 * files + 1


def _tick(progress: Progress | None, done: int, total: int) -> None:
    if progress:
        progress(done, total)
