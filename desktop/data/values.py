"""Writing and reading recorded values: the one path every change takes.

`write_values` takes a batch (a grid edit, a CSV file, an intake form),
resolves codes, refuses the whole batch on the first kind of problem
(unknown code, locked period, a rule broken) with every problem named by
where it came from, then upserts, writes the audit trail and refreshes the
derived yearly values. Nothing is written unless everything is sound.
Several clerks may write at once on a server: see desktop.data.concurrency.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import select, text
from sqlalchemy.orm import Session, joinedload

from desktop.data import audit, authz, sent
from desktop.data.cache import cached
from desktop.data.concurrency import changed_meanwhile, conflicts_reported, lock_units
from desktop.data.keyed import chunks, id_table, join_by_unit
from desktop.data.models import DataElement, DataValue, Indicator, OrgUnit, Period
from desktop.data.periods_db import ensure_periods
from desktop.data.submission import locked_pairs
from desktop.data.yearvalues import refresh_year_values
from desktop.engine.validation import ElementInfo, check_ratio, check_value
from desktop.errors import ConflictError, UserError
from desktop.formats import format_plain
from desktop.i18n import t
from desktop.periods import PeriodSpec, parse_period
from desktop.text import control_character


@dataclass
class ValueInput:
    """One value to write. `value=None` deletes it. `where` names its origin.

    `expected_version` is the version of the value the clerk was shown
    (DataValue.version; 0 when the cell was empty): when the value has
    changed since, the batch is refused with a ConflictError. None skips
    the check (imports, which replace whatever is there).
    """

    unit: str
    element: str
    period: str
    value: float | None
    comment: str = ""
    where: str = ""
    expected_version: int | None = None


class Stored(NamedTuple):
    """A data_value row as read for a write."""

    id: int
    unit_id: int
    element_id: int
    period_id: int
    value: float | None
    comment: str | None
    changed_by: str | None
    version: int


STORED_COLUMNS = ", ".join(Stored._fields)


@dataclass
class WriteResult:
    inserted: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)
    outcomes: dict[str, str] = field(default_factory=dict)  # item.where -> what happened

    @property
    def changed(self) -> int:
        return self.inserted + self.updated + self.deleted


@dataclass(frozen=True)
class ElementRecord:
    """A data element's facts as plain data (what checking and writing need)."""

    id: int
    code: str
    name: str
    kind: str
    decimals: int
    temporal: str


def element_records(session: Session) -> dict[str, ElementRecord]:
    """Every data element by code, kept until the elements change (desktop.data.cache)."""
    return cached(session, "element_records", lambda: {
        row.code: ElementRecord(*row) for row in session.execute(select(
            DataElement.id, DataElement.code, DataElement.name, DataElement.kind,
            DataElement.decimals, DataElement.temporal))})


@dataclass
class _Resolved:
    item: ValueInput
    unit_id: int
    element: ElementRecord
    spec: PeriodSpec


@dataclass(frozen=True)
class RatioRule:
    """A part that may not exceed its whole (a capped ratio indicator's elements)."""

    numerator_id: int
    numerator: ElementInfo
    denominator_id: int
    denominator: ElementInfo


def ratio_rules(session: Session) -> list[RatioRule]:
    """Every part-of-whole rule, as plain data, kept until the database changes."""
    return cached(session, "ratio_rules", lambda: [
        RatioRule(num.id, element_info(num), den.id, element_info(den))
        for num, den in ratio_pairs(session)])


def write_values(session: Session, items: list[ValueInput], *, user: str | None = None,
                 rules: list[RatioRule] | None = None) -> WriteResult:
    """Validate and write a batch; raise UserError (listing problems) and write nothing.

    `rules`: the part-of-whole rules when the caller loaded them once for many
    batches (an intake of many forms); read here otherwise. The result says,
    for each item with a `where`, whether it was inserted, updated, deleted
    or unchanged. `check_values` then `write_checked` is the same in two steps.
    """
    return write_checked(session, check_values(session, items, user=user, rules=rules))


@dataclass
class CheckedBatch:
    """A batch that passed every check, with what the checks read: written by
    `write_checked` in the same transaction, nothing having been written between."""

    resolved: list[_Resolved]
    period_ids: dict[str, int]
    existing: dict[tuple, Stored]
    user: str


def check_values(session: Session, items: list[ValueInput], *, user: str | None = None,
                 rules: list[RatioRule] | None = None) -> CheckedBatch:
    """Every check of `write_values`; UserError (listing problems) when one fails."""
    authz.require(session, "enter_values")
    resolved = _resolve(session, items)
    with conflicts_reported():
        lock_units(session, {r.unit_id for r in resolved})
        _refuse_locked(session, resolved)
        _refuse_duplicates(resolved)
        period_ids = ensure_periods(session, {r.spec for r in resolved})
        existing = _existing(session, resolved, period_ids)
        _refuse_changed(resolved, period_ids, existing)
        _refuse_invalid(resolved, period_ids, existing,
                        ratio_rules(session) if rules is None else rules)
    return CheckedBatch(resolved, period_ids, existing,
                        user if user is not None else audit.current_user(session))


def write_checked(session: Session, checked: CheckedBatch) -> WriteResult:
    """Write a batch `check_values` passed: values, audit rows, yearly values."""
    with conflicts_reported():
        return _apply(session, checked.resolved, checked.period_ids, checked.existing,
                      checked.user)


def _fail(problems: list[str]) -> None:
    if problems:
        head = problems[0] if len(problems) == 1 else t(
            f"{len(problems)} lỗi, không ghi gì. Lỗi đầu: {problems[0]}",
            f"{len(problems)} problems, nothing written. First: {problems[0]}")
        raise UserError(head, problems)


def _where(item: ValueInput) -> str:
    return f"{item.where}: " if item.where else ""


def _resolve(session: Session, items: list[ValueInput]) -> list[_Resolved]:
    codes = sorted({i.unit for i in items})
    lives = {code: (unit_id, sent.date_of(session, start), sent.date_of(session, end))
             for code, unit_id, start, end in sent.fetch(
                 session, "SELECT code, id, valid_from, valid_to FROM org_unit "
                 f"WHERE code IN ({sent.markers(len(codes))})", codes)} if codes else {}
    units = {code: life[0] for code, life in lives.items()}
    elements = element_records(session)
    problems, resolved = [], []
    for item in items:
        if item.unit not in units:
            problems.append(_where(item) + t(f"không có đơn vị mã “{item.unit}”.",
                                             f"no unit with code “{item.unit}”."))
            continue
        if item.element not in elements:
            problems.append(_where(item) + t(f"không có chỉ tiêu dữ liệu mã “{item.element}”.",
                                             f"no data element with code “{item.element}”."))
            continue
        try:
            spec = parse_period(item.period)
        except UserError as exc:
            problems.append(_where(item) + exc.message)
            continue
        bad = control_character(item.comment or "")
        if bad:
            problems.append(_where(item) + t(
                f"ghi chú chứa ký tự điều khiển {bad}, không lưu được.",
                f"the comment holds the control character {bad}."))
            continue
        outside = _outside_lifetime(item, spec, *lives[item.unit][1:])
        if outside:
            problems.append(_where(item) + outside)
            continue
        resolved.append(_Resolved(item, units[item.unit], elements[item.element], spec))
    _fail(problems)
    return resolved


def _outside_lifetime(item: ValueInput, spec: PeriodSpec, start: dt.date | None,
                      end: dt.date | None) -> str | None:
    """A value for a period the unit did not exist in (deleting one stays allowed)."""
    if item.value is None or ((start is None or start <= spec.end)
                              and (end is None or end >= spec.start)):
        return None
    since = start.strftime("%d/%m/%Y") if start else "…"
    until = end.strftime("%d/%m/%Y") if end else "…"
    return t(f"đơn vị “{item.unit}” không tồn tại trong kỳ {spec.label()} "
             f"(hiệu lực {since} – {until}).",
             f"unit “{item.unit}” did not exist in {spec.label()} (valid {since} – {until}).")


def _refuse_duplicates(resolved: list[_Resolved]) -> None:
    seen: dict[tuple, str] = {}
    problems = []
    for r in resolved:
        key = (r.unit_id, r.element.id, r.spec.code)
        if key in seen:
            problems.append(_where(r.item) + t(
                f"trùng với {seen[key]} ({r.item.unit}, {r.item.element}, {r.spec.code}).",
                f"duplicates {seen[key]} ({r.item.unit}, {r.item.element}, {r.spec.code})."))
        seen.setdefault(key, r.item.where or "?")
    _fail(problems)


def _refuse_locked(session: Session, resolved: list[_Resolved]) -> None:
    locked = locked_pairs(session, {(r.unit_id, r.spec) for r in resolved})
    problems = [_where(r.item) + t(
        f"kỳ {r.spec.label()} của đơn vị “{r.item.unit}” đã được duyệt (khóa).",
        f"{r.spec.label()} of unit “{r.item.unit}” is approved (locked).")
        for r in resolved if (r.unit_id, r.spec) in locked]
    _fail(problems)


def _existing(session: Session, resolved: list[_Resolved],
              period_ids: dict[str, int]) -> dict[tuple, Stored]:
    """Current rows for every (unit, period) touched, all elements (for ratio checks).

    Read by the (unit, period) index: units × periods of the batch, then
    kept only for the pairs the batch touches.
    """
    pairs = {(r.unit_id, period_ids[r.spec.code]) for r in resolved}
    periods = sent.id_list(sorted({period for _, period in pairs}))
    found: dict[tuple, Stored] = {}
    for units in chunks({unit for unit, _ in pairs}):
        rows = sent.fetch(session, f"SELECT {STORED_COLUMNS} FROM data_value WHERE unit_id IN "
                                   f"({sent.id_list(units)}) AND period_id IN ({periods})")
        for row in map(Stored._make, rows):
            if (row.unit_id, row.period_id) in pairs:
                found[(row.unit_id, row.element_id, row.period_id)] = row
    return found


def _refuse_changed(resolved: list[_Resolved], period_ids: dict[str, int],
                    existing: dict[tuple, Stored]) -> None:
    """Refuse the batch when a value changed after the clerk was shown it."""
    problems = []
    for r in resolved:
        if r.item.expected_version is None:
            continue
        row = existing.get((r.unit_id, r.element.id, period_ids[r.spec.code]))
        if (row.version if row else 0) != r.item.expected_version:
            problems.append(_where(r.item) + _changed_message(r, row))
    if problems:
        head = problems[0] if len(problems) == 1 else t(
            f"{len(problems)} giá trị đã bị người khác sửa, không ghi gì. Đầu tiên: {problems[0]}",
            f"{len(problems)} values were changed by someone else, nothing written. "
            f"First: {problems[0]}")
        raise ConflictError(head, problems)


def _changed_message(r: _Resolved, row: Stored | None) -> str:
    what = t(f"giá trị “{r.element.name}” của đơn vị “{r.item.unit}”, {r.spec.label()}",
             f"the value “{r.element.code}” of unit “{r.item.unit}”, {r.spec.label()}")
    if row is None:
        return t(f"{what} đã bị người khác xóa sau khi bạn mở; không ghi gì. Hãy tải lại.",
                 f"{what} was deleted by someone else after you opened it; nothing was "
                 "written. Reload.")
    by, new = row.changed_by or "?", format_plain(row.value)
    return t(f"{what} đã được {by} sửa thành {new} sau khi bạn mở; không ghi gì. "
             "Hãy tải lại để xem giá trị mới.",
             f"{what} was changed to {new} by {by} after you opened it; nothing was "
             "written. Reload to see the new value.")


def _refuse_invalid(resolved: list[_Resolved], period_ids: dict[str, int],
                    existing: dict[tuple, Stored], rules: list[RatioRule]) -> None:
    problems = []
    after: dict[tuple, float | None] = {k: v.value for k, v in existing.items()}
    infos: dict[int, ElementInfo] = {}
    for r in resolved:
        key = (r.unit_id, r.element.id, period_ids[r.spec.code])
        after[key] = r.item.value
        if r.item.value is not None:
            info = infos.get(r.element.id) or infos.setdefault(r.element.id,
                                                               element_info(r.element))
            problems += [_where(r.item) + p.message for p in check_value(info, r.item.value)]
    problems += _ratio_problems(rules, resolved, period_ids, after)
    _fail(problems)


def _ratio_problems(rules: list[RatioRule], resolved: list[_Resolved],
                    period_ids: dict[str, int], after: dict[tuple, float | None]) -> list[str]:
    touched = defaultdict(list)
    for r in resolved:
        touched[(r.unit_id, period_ids[r.spec.code])].append(r)
    problems = []
    for (unit_id, period_id), items in touched.items():
        codes = {r.element.id for r in items}
        for rule in rules:
            num, den = rule.numerator_id, rule.denominator_id
            if num in codes or den in codes:
                found = check_ratio(rule.numerator, after.get((unit_id, num, period_id)),
                                    rule.denominator, after.get((unit_id, den, period_id)))
                # Name the numerator's line when it is in the batch: the message starts with it.
                origin = next((r for r in items if r.element.id == num), None) or next(
                    r for r in items if r.element.id == den)
                origin = origin.item
                problems += [_where(origin) + p.message for p in found]
    return problems


def element_info(element: DataElement | ElementRecord) -> ElementInfo:
    return ElementInfo(element.code, element.name, element.kind, element.decimals,
                       element.temporal)


def ratio_pairs(session: Session) -> list[tuple[DataElement, DataElement]]:
    """(numerator, denominator) of every capped ratio indicator, without repeats.

    Loaded with the elements in one query (not one lazy load per indicator):
    every write asks for them.
    """
    rows = session.scalars(select(Indicator).where(
        Indicator.kind == "ratio", Indicator.capped.is_(True)).options(
        joinedload(Indicator.numerator), joinedload(Indicator.denominator)))
    seen, pairs = set(), []
    for ind in rows:
        if ind.numerator and ind.denominator and (ind.numerator_id, ind.denominator_id) not in seen:
            seen.add((ind.numerator_id, ind.denominator_id))
            pairs.append((ind.numerator, ind.denominator))
    return pairs


_INSERT_VALUE = ("INSERT INTO data_value (unit_id, element_id, period_id, value, comment, "
                 "changed_by, changed_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, 1)")
# The version read with the row must still be there: another clerk's change in between
# makes the count fall short (ConflictError), as the ORM's version check did.
_UPDATE_VALUE = ("UPDATE data_value SET value = ?, comment = ?, changed_by = ?, changed_at = ?, "
                 "version = ? WHERE id = ? AND version = ?")
_DELETE_VALUE = "DELETE FROM data_value WHERE id = ? AND version = ?"
_INSERT_AUDIT = ('INSERT INTO audit_entry (at, "user", entity, entity_key, action, old, new, '
                 "reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")


@dataclass
class _Changes:
    """What a batch sends, as the statements' parameter rows."""

    inserts: list[tuple] = field(default_factory=list)
    updates: list[tuple] = field(default_factory=list)
    deletes: list[tuple] = field(default_factory=list)
    audit: list[dict] = field(default_factory=list)
    years: set[tuple] = field(default_factory=set)


def _apply(session: Session, resolved: list[_Resolved], period_ids: dict[str, int],
           existing: dict[tuple, Stored], user: str) -> WriteResult:
    """Write the batch (desktop.data.sent): new values, version-checked changes and
    deletions, audit rows, then refresh the derived yearly values."""
    result, changes = WriteResult(), _Changes()
    now = sent.timestamp(session, dt.datetime.now())
    for r in resolved:
        key = (r.unit_id, r.element.id, period_ids[r.spec.code])
        what = _change(r, key, existing.get(key), user, now, changes)
        setattr(result, what, getattr(result, what) + 1)
        _outcome(result, r, what)
    sent.run_many(session, _INSERT_VALUE, changes.inserts)
    _versioned(session, _UPDATE_VALUE, changes.updates)
    _versioned(session, _DELETE_VALUE, changes.deletes)
    if changes.updates or changes.deletes:
        _forget_loaded_values(session)
    sent.run_many(session, _INSERT_AUDIT, [(
        sent.timestamp(session, e["at"]), e["user"], e["entity"], e["entity_key"], e["action"],
        e["old"], e["new"], e["reason"]) for e in changes.audit])
    refresh_year_values(session, changes.years)
    return result


def _change(r: _Resolved, key: tuple, row: Stored | None, user: str, now,  # noqa: ANN001
            changes: _Changes) -> str:
    """Add one item's statements to `changes`; what happens to it (a WriteResult field)."""
    new = r.item.value
    comment = r.item.comment or (row.comment if row is not None else "")
    if (row is None and new is None) or (
            row is not None and new is not None and row.value == new and row.comment == comment):
        return "unchanged"
    changes.years.add((r.unit_id, r.element.id, r.spec.year))
    audit_key = f"{r.item.unit}/{r.item.element}/{r.spec.code}"
    if row is None:
        changes.inserts.append((*key, new, comment, user, now))
        changes.audit.append(audit.entry("value", audit_key, "insert", new=new, user=user))
        return "inserted"
    if new is None:
        changes.deletes.append((row.id, row.version))
        changes.audit.append(audit.entry("value", audit_key, "delete", old=row.value, user=user))
        return "deleted"
    if row.value == new:  # only the comment changed
        changes.audit.append(audit.entry("value", audit_key, "comment", old=row.comment,
                                         new=r.item.comment, user=user))
    else:
        changes.audit.append(audit.entry("value", audit_key, "update", old=row.value, new=new,
                                         user=user))
    changes.updates.append((new, comment, user, now, row.version + 1, row.id, row.version))
    return "updated"


def _versioned(session: Session, statement: str, rows: list[tuple]) -> None:
    """Send version-checked changes; ConflictError when a row changed meanwhile."""
    if not rows:
        return
    if sent.counts_many(session):
        if sent.run_many(session, statement, rows) != len(rows):
            raise changed_meanwhile()
        return
    for row in rows:
        if sent.run(session, statement, row) != 1:
            raise changed_meanwhile()


def _forget_loaded_values(session: Session) -> None:
    """Values the session had loaded as objects are stale now: read them again when used."""
    for loaded in list(session.identity_map.values()):
        if isinstance(loaded, DataValue):
            session.expire(loaded)


def _outcome(result: WriteResult, resolved: _Resolved, what: str) -> None:
    if resolved.item.where:
        result.outcomes[resolved.item.where] = what


def recorded_versions(session: Session, unit_code: str, period_code: str
                      ) -> dict[str, tuple[float, int]]:
    """Element code -> (value, version) recorded for one unit and period.

    What an entry grid shows, and the version it sends back as
    `ValueInput.expected_version` (0 for an element not in the map).
    """
    unit_id = session.scalar(select(OrgUnit.id).where(OrgUnit.code == unit_code))
    period_id = session.scalar(select(Period.id).where(
        Period.code == parse_period(period_code).code))
    if unit_id is None or period_id is None:
        return {}
    join = join_by_unit(session.get_bind().dialect.name, "s", "data_value", "v",
                        f"v.period_id = {int(period_id)}")
    rows = session.execute(text(
        f"WITH {id_table('scope', ['unit_id'], [(unit_id,)])} SELECT e.code, v.value, v.version "
        f"FROM scope s{join} JOIN data_element e ON e.id = v.element_id"))
    return {code: (value, version) for code, value, version in rows}
