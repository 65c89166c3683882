"""Organisation units: add, list, rename, close, merge, import from CSV.

The hierarchy is data with validity dates, never hard-coded levels. Each
unit keeps a materialised path ("/1/5/23/") so that "every unit below" is
one indexed prefix match. A merge closes the old units the day before the
merge date and points them at their successor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data import audit, authz
from desktop.data.models import LEVELS, UNIT_KINDS, OrgUnit
from desktop.errors import UserError
from desktop.i18n import t
from desktop.text import control_character, normalise, search_key, sort_key

LEVEL_NAMES = {"tinh": ("Cấp tỉnh", "Province level"), "huyen": ("Cấp huyện", "District level"),
               "xa": ("Cấp xã", "Commune level"), "all": ("Các cấp", "All levels")}


@dataclass(frozen=True)
class UnitRow:
    """A unit as plain data, for views and the command line."""

    id: int
    code: str
    name: str
    level: str
    kind: str
    parent: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    successor: str | None

    def as_json(self) -> dict:
        data = asdict(self)
        data.pop("id")
        for key in ("valid_from", "valid_to"):
            data[key] = data[key].isoformat() if data[key] else None
        return data

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to)


def level_name(level: str) -> str:
    vi, en = LEVEL_NAMES.get(level, (level, level))
    return t(vi, en)


def unit_by_code(session: Session, code: str) -> OrgUnit:
    unit = session.scalar(select(OrgUnit).where(OrgUnit.code == code.strip()))
    if unit is None:
        raise UserError(t(f"Không có đơn vị mã “{code}”.", f"No unit with code “{code}”."))
    return unit


def add_unit(session: Session, code: str, name: str, level: str, kind: str = "area",
             parent_code: str | None = None, valid_from: dt.date | None = None,
             valid_to: dt.date | None = None, order: int = 0) -> OrgUnit:
    """Add one unit under `parent_code` (or as a root)."""
    authz.require(session, "edit_units")
    code, name = normalise(code), normalise(name)
    _check_unit_fields(code, name, level, kind)
    if valid_from and valid_to and valid_to < valid_from:
        raise UserError(t(f"“{code}”: ngày kết thúc {valid_to:%d/%m/%Y} trước ngày bắt đầu "
                          f"{valid_from:%d/%m/%Y}.",
                          f"“{code}”: end date {valid_to} is before start date {valid_from}."))
    if session.scalar(select(OrgUnit.id).where(OrgUnit.code == code)) is not None:
        raise UserError(t(f"Mã đơn vị “{code}” đã có.", f"Unit code “{code}” already exists."))
    parent = unit_by_code(session, parent_code) if parent_code else None
    unit = OrgUnit(code=code, name=name, search_key=search_key(name), level=level, kind=kind,
                   parent_id=parent.id if parent else None, path="", valid_from=valid_from,
                   valid_to=valid_to, sort_order=order)
    session.add(unit)
    session.flush()
    unit.path = f"{parent.path if parent else '/'}{unit.id}/"
    audit.record(session, "unit", code, "add", new=name)
    return unit


def _check_unit_fields(code: str, name: str, level: str, kind: str) -> None:
    if not code or not name:
        raise UserError(t("Đơn vị cần có mã và tên.", "A unit needs a code and a name."))
    _check_length("code", code)
    _check_length("name", name)
    if level not in LEVELS:
        raise UserError(t(f"Cấp “{level}” không hợp lệ (tinh, huyen, xa).",
                          f"Invalid level “{level}” (tinh, huyen, xa)."))
    if kind not in UNIT_KINDS:
        raise UserError(t(f"Loại đơn vị “{kind}” không hợp lệ (area, agency).",
                          f"Invalid unit kind “{kind}” (area, agency)."))


def _check_length(field: str, value: str) -> None:
    """Column lengths hold on PostgreSQL (SQLite would store anything)."""
    limit = OrgUnit.__table__.c[field].type.length
    bad = control_character(value)
    if bad:
        raise UserError(t(f"{'Mã' if field == 'code' else 'Tên'} đơn vị chứa ký tự điều khiển "
                          f"{bad}: “{value[:40]!r}”.",
                          f"The unit {field} holds the control character {bad}: "
                          f"“{value[:40]!r}”."))
    if len(value) > limit:
        raise UserError(t(f"{'Mã' if field == 'code' else 'Tên'} đơn vị dài quá {limit} ký tự: "
                          f"“{value[:40]}…”.",
                          f"Unit {field} longer than {limit} characters: “{value[:40]}…”."))


def list_units(session: Session, under: str | None = None) -> list[UnitRow]:
    """Every unit (or every unit below `under`, itself included), tree order."""
    query = select(OrgUnit)
    if under:
        query = query.where(OrgUnit.path.startswith(unit_by_code(session, under).path))
    units = list(session.scalars(query))
    codes = {unit.id: unit.code for unit in units}
    missing = {u.parent_id for u in units} | {u.successor_id for u in units}
    missing -= set(codes) | {None}
    if missing:
        codes.update(dict(session.execute(
            select(OrgUnit.id, OrgUnit.code).where(OrgUnit.id.in_(missing))).all()))
    rows = [UnitRow(u.id, u.code, u.name, u.level, u.kind, codes.get(u.parent_id),
                    u.valid_from, u.valid_to, codes.get(u.successor_id)) for u in units]
    return _tree_order(rows, units)


def _tree_order(rows: list[UnitRow], units: list[OrgUnit]) -> list[UnitRow]:
    by_id = {unit.id: unit for unit in units}

    def key(pair):
        unit = pair[1]
        chain = [int(part) for part in unit.path.strip("/").split("/")]
        return [(by_id[i].sort_order, sort_key(by_id[i].name)) if i in by_id else (0, ())
                for i in chain]

    return [row for row, _ in sorted(zip(rows, units), key=key)]


def children(session: Session, code: str, on: dt.date | None = None) -> list[UnitRow]:
    """The units directly under `code` (valid on `on` when given)."""
    parent = unit_by_code(session, code)
    rows = [row for row in list_units(session, code) if row.parent == parent.code]
    return [row for row in rows if on is None or row.is_valid_on(on)]


def rename_unit(session: Session, code: str, new_name: str) -> None:
    authz.require(session, "edit_units")
    unit = unit_by_code(session, code)
    new_name = normalise(new_name)
    if not new_name:
        raise UserError(t("Tên đơn vị không được để trống.", "A unit name cannot be empty."))
    _check_length("name", new_name)
    audit.record(session, "unit", code, "rename", old=unit.name, new=new_name)
    unit.name, unit.search_key = new_name, search_key(new_name)


def close_unit(session: Session, code: str, last_day: dt.date) -> None:
    authz.require(session, "edit_units")
    unit = unit_by_code(session, code)
    if unit.valid_from and last_day < unit.valid_from:
        raise UserError(t(f"Ngày đóng {last_day:%d/%m/%Y} trước ngày thành lập của “{code}”.",
                          f"Closing date {last_day} is before “{code}” began."))
    _refuse_cutting_approvals(session, unit, last_day)
    audit.record(session, "unit", code, "close", old=unit.valid_to, new=last_day)
    unit.valid_to = last_day


def _refuse_cutting_approvals(session: Session, unit: OrgUnit, last_day: dt.date) -> None:
    """Closing a unit changes what counts in every period after its last day, its own and
    those of the units above it: an approved one is then an approver's to change
    (`authz` "unlock"), as unlocking it would be."""
    from desktop.data.models import Period, Submission

    above = [int(part) for part in unit.path.strip("/").split("/") if part]
    found = session.execute(
        select(OrgUnit.code, Period.code).join(Submission, Submission.unit_id == OrgUnit.id)
        .join(Period, Period.id == Submission.period_id)
        .where(Submission.state == "approved", Period.end > last_day, OrgUnit.id.in_(above))
        .order_by(Period.start, OrgUnit.path).limit(1)).first()
    answer = authz.permission(session, "unlock") if found else None
    if answer is not None and not answer.allowed:
        owner, period = found
        raise UserError(t(
            f"Đóng “{unit.code}” từ sau {last_day:%d/%m/%Y} làm thay đổi kỳ đã duyệt {period} "
            f"của “{owner}”: {answer.reason.rstrip('.')}; không thay đổi gì.",
            f"Closing “{unit.code}” after {last_day:%d/%m/%Y} changes the approved {period} of "
            f"“{owner}”: {answer.reason.rstrip('.')}; nothing was changed."))


def merge_units(session: Session, old_codes: list[str], into_code: str,
                merge_date: dt.date) -> None:
    """Close `old_codes` the day before `merge_date`; their successor is `into_code`."""
    successor = unit_by_code(session, into_code)
    for code in old_codes:
        unit = unit_by_code(session, code)
        if unit.id == successor.id:
            raise UserError(t(f"Không thể sáp nhập “{code}” vào chính nó.",
                              f"Cannot merge “{code}” into itself."))
        if successor.path.startswith(unit.path):
            raise UserError(t(f"“{into_code}” nằm dưới “{code}”; không thể sáp nhập.",
                              f"“{into_code}” lies under “{code}”; cannot merge."))
        close_unit(session, code, merge_date - dt.timedelta(days=1))
        unit.successor_id = successor.id
        audit.record(session, "unit", code, "merge", new=into_code)


def predecessors(session: Session, unit_id: int) -> set[int]:
    """Every unit whose chain of successors ends at `unit_id` (itself excluded)."""
    successor_of = dict(session.execute(
        select(OrgUnit.id, OrgUnit.successor_id).where(OrgUnit.successor_id.is_not(None))).all())
    found: set[int] = set()
    frontier = {unit_id}
    while frontier:
        frontier = {old for old, new in successor_of.items() if new in frontier} - found
        found |= frontier
    return found


def import_units_csv(session: Session, path: Path, warnings: list[str] | None = None) -> int:
    """Add the units of a CSV (code,name,level,kind,parent[,valid_from,valid_to]).

    A guessed encoding (Windows-1258) adds a sentence to `warnings`.
    """
    rows = _read_unit_rows(path, warnings)
    for line, row in rows:
        try:
            add_unit(session, row.get("code", ""), row.get("name", ""), row.get("level", ""),
                     row.get("kind") or "area",
                     row.get("parent") or None, _date(row.get("valid_from"), path, line),
                     _date(row.get("valid_to"), path, line))
        except UserError as exc:
            raise UserError(f"{path.name}, {t('dòng', 'line')} {line}: {exc.message}") from exc
    return len(rows)


def _read_unit_rows(path: Path, warnings: list[str] | None = None) -> list[tuple[int, dict]]:
    from desktop.data.csvfiles import read_csv_rows

    required = ("code", "name", "level")
    header, rows = read_csv_rows(path, warnings)
    missing = [name for name in required if name not in header]
    if missing:
        raise UserError(t(f"{path.name}: thiếu cột {', '.join(missing)} ở dòng tiêu đề.",
                          f"{path.name}: header lacks column(s) {', '.join(missing)}."))
    return [(line, dict(zip(header, values))) for line, values in rows]


def _date(text: str | None, path: Path, line: int) -> dt.date | None:
    if not text or not text.strip():
        return None
    raw = text.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise UserError(t(f"{path.name}, dòng {line}: ngày “{raw}” không hợp lệ (dd/mm/yyyy).",
                      f"{path.name}, line {line}: invalid date “{raw}” (yyyy-mm-dd)."))

