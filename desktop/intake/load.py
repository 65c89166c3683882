"""Previewing and loading filled forms: every problem by file, sheet and cell.

Both passes read every file first (safety checks, then python-calamine),
find the same unit and period sent twice, then check each file against the
database: the form's version, office, unit (it must exist and lie under this
office), element list, the period's lock, and every value through
`write_values`, which names the cell of each broken rule. `preview_files`
writes nothing. `load_files` writes the batch in one transaction, each good
file in its own savepoint; a file with any problem writes nothing; loading the same file again
changes nothing (write_values counts the values as unchanged).
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.errors import UserError
from desktop.i18n import t
from desktop.intake.checks import BatchContext, check_against_database
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


def preview_files(session: Session, paths: Iterable[Path | str],
                  progress: Progress | None = None) -> list[FileReport]:
    """Check every form against the database; write nothing."""
    candidates = _read_all(paths, progress)
    context = BatchContext()
    for done, candidate in enumerate(candidates, len(candidates) + 1):
        if candidate.raw is not None:
            nested = session.begin_nested()
            try:
                check_against_database(session, candidate.raw, candidate.report, context)
            finally:
                nested.rollback()
        _tick(progress, done, 2 * len(candidates))
    return [candidate.report for candidate in candidates]


def load_files(database, paths: Iterable[Path | str], dry_run: bool = False,
               progress: Progress | None = None) -> list[FileReport]:
    """Write the good forms in one transaction, each file in its own savepoint
    (none with `dry_run`): a file with a problem writes nothing, the others
    are committed together at the end."""
    candidates = _read_all(paths, progress)
    context = BatchContext()
    loaded = []
    with _transaction(database) as session:
        for done, candidate in enumerate(candidates, len(candidates) + 1):
            if candidate.raw is not None:
                savepoint = session.begin_nested()
                result = check_against_database(session, candidate.raw, candidate.report,
                                                context)
                if candidate.report.ok and result is not None:
                    candidate.report.warnings = consistency_of(session, candidate.report)
                if candidate.report.ok and not dry_run and result is not None:
                    savepoint.commit()
                    loaded.append(candidate.report)
                else:
                    savepoint.rollback()
            _tick(progress, done, 2 * len(candidates))
        if loaded:
            session.commit()
            for report in loaded:
                report.written = True
    return [candidate.report for candidate in candidates]


def consistency_of(session: Session, report: FileReport) -> list[str]:
    """The form's cross-period inconsistencies, with its values in the session."""
    from desktop.engine.checks import validate_period

    return [finding.message for finding in validate_period(session, report.unit, report.period)
            if finding.rule in ("year_stock", "part_whole")]


@contextlib.contextmanager
def _transaction(database) -> Iterator[Session]:
    """A session from a Database or a session factory, rolled back unless committed."""
    session = database.make_session() if hasattr(database, "make_session") else database()
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
        _tick(progress, done, 2 * len(sources))
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


def _tick(progress: Progress | None, done: int, total: int) -> None:
    if progress:
        progress(done, total)
