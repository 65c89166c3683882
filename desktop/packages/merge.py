"""`itplan package import`: what a verified package would change, and merging it.

The rule, per value (unit × element × period):
- not here yet → added;
- the same number here → unchanged;
- the period is approved (locked) here → never overwritten; reported;
- a different number here that was changed later than the package's value
  (its `changed_at`) → a conflict: reported, not overwritten;
- otherwise (a different, older number here) → replaced by the package's.
Values written by an import keep the sender's time and name, so the next
package from the same office compares against the sender's own edits, and
only local edits made after them count as conflicts. Packages never delete.

Units missing here are created under their parent; the package's top unit,
when its parent is unknown here, goes under this office's own unit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from desktop.data import audit, authz
from desktop.data.models import DataElement, DataValue, OrgUnit, Period, Plan
from desktop.data.office import get_office
from desktop.data.submission import locked_pairs
from desktop.data.units import add_unit
from desktop.data.values import ValueInput, write_values
from desktop.formats import parse_number
from desktop.i18n import t
from desktop.packages.container import PACKAGE_FORMAT, VerifiedPackage
from desktop.packages.keys import PackageError, trusted_key
from desktop.packages.trust import check_package
from desktop.periods import parse_period
from desktop.text import normalise


@dataclass
class ValueChange:
    unit: str
    element: str
    period: str
    here: float | None
    package: float
    action: str  # insert | update | unchanged | conflict | locked
    changed_at: str = ""
    changed_by: str = ""
    comment: str = ""


@dataclass
class NewUnit:
    code: str
    name: str
    level: str
    kind: str
    parent: str | None
    valid_from: str | None = None
    valid_to: str | None = None
    successor: str | None = None


@dataclass
class ImportPlan:
    """What importing one package does, as plain data."""

    file: str
    office: str
    office_name: str
    unit: str
    period: str
    key_id: str
    new_units: list[NewUnit] = field(default_factory=list)
    changes: list[ValueChange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for change in self.changes if change.action == action)

    def as_json(self) -> dict:
        data = asdict(self)
        data["counts"] = {a: self.count(a)
                          for a in ("insert", "update", "unchanged", "conflict", "locked")}
        return data


def plan_import(session: Session, package: VerifiedPackage) -> ImportPlan:
    """Compare a verified package with this database; nothing is written.

    The trust rules (`desktop.packages.trust`) and the right to receive
    packages (`desktop.data.authz`) are checked first."""
    authz.require(session, "import_packages")
    metadata = _metadata(package)
    check_package(session, package, trusted_key(session, package.key_id))
    plan = ImportPlan(package.path.name, metadata["office"], metadata.get("office_name", ""),
                      metadata["unit"], metadata["period"], package.key_id)
    plan.new_units = _new_units(session, package, plan)
    values = _values(package)
    _check_elements(session, package, values)
    plan.changes = _value_changes(session, values, {u.code for u in plan.new_units})
    plan.notes += _plan_notes(session, package)
    return plan


def _plan_notes(session: Session, package: VerifiedPackage) -> list[str]:
    codes = package.json("plans.json")
    if not isinstance(codes, list):
        raise _bad(package, "plans.json")
    known = set(session.scalars(select(Plan.code)))
    return [t(f"Kế hoạch {code} của đơn vị gửi chưa có ở đây.",
              f"The sender's plan {code} is not known here.")
            for code in codes if str(code) not in known]


def _bad(package: VerifiedPackage, what: str) -> PackageError:
    return PackageError(t(f"{package.path.name}: nội dung không hợp lệ ({what}).",
                          f"{package.path.name}: invalid content ({what})."))


def _metadata(package: VerifiedPackage) -> dict:
    metadata = package.json("metadata.json")
    if not isinstance(metadata, dict) or metadata.get("format") != PACKAGE_FORMAT:
        raise _bad(package, "metadata.json")
    if metadata.get("version") != 1:
        raise PackageError(t(
            f"{package.path.name}: gói được tạo bởi phiên bản mới hơn; hãy cập nhật chương trình.",
            f"{package.path.name}: made by a newer version; update the program."))
    return metadata


def _number(value: object) -> float:
    """A value of values.json: a JSON number, finite (the one parser decides)."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise ValueError(value)
    parsed = parse_number(value)
    if parsed is None:
        raise ValueError(value)
    return parsed


def _values(package: VerifiedPackage) -> list[dict]:
    values = package.json("values.json")
    if not isinstance(values, list):
        raise _bad(package, "values.json")
    for row in values:
        try:
            row["value"] = _number(row["value"])
            parse_period(row["period"])
            dt.datetime.fromisoformat(row["changed_at"])
            str(row["unit"]), str(row["element"])
        except (KeyError, TypeError, ValueError):
            raise _bad(package, "values.json") from None
    return values


def _new_units(session: Session, package: VerifiedPackage, plan: ImportPlan) -> list[NewUnit]:
    units = package.json("units.json")
    if not isinstance(units, list) or not all(isinstance(u, dict) and u.get("code") for u in units):
        raise _bad(package, "units.json")
    here = dict(session.execute(select(OrgUnit.code, OrgUnit.name)).all())
    office = get_office(session)
    created: list[NewUnit] = []
    for row in units:
        if row["code"] in here:
            if here[row["code"]] != row.get("name"):
                plan.notes.append(t(f"Đơn vị {row['code']} ở đây tên “{here[row['code']]}”, "
                                    f"trong gói “{row.get('name')}”; giữ tên ở đây.",
                                    f"Unit {row['code']} is named “{here[row['code']]}” here and "
                                    f"“{row.get('name')}” in the package; the name here is kept."))
            continue
        parent = row.get("parent")
        if parent not in here and parent not in {u.code for u in created}:
            if office is None:
                raise PackageError(t(
                    f"{package.path.name}: không biết đặt đơn vị {row['code']} dưới đơn vị nào; "
                    "hãy chạy itplan init trước.",
                    f"{package.path.name}: no place for unit {row['code']}; run itplan init first."))
            parent = office.unit_code
        created.append(NewUnit(row["code"], row.get("name") or row["code"], row.get("level"),
                               row.get("kind") or "area", parent, row.get("valid_from"),
                               row.get("valid_to"), row.get("successor")))
    return created


def _check_elements(session: Session, package: VerifiedPackage, values: list[dict]) -> None:
    codes = {row["element"] for row in values}
    known = set(session.scalars(select(DataElement.code).where(DataElement.code.in_(codes))))
    unknown = sorted(codes - known)
    if unknown:
        raise PackageError(t(
            f"{package.path.name}: chỉ tiêu dữ liệu {', '.join(unknown[:5])} chưa có ở đây; "
            "hãy cập nhật chương trình.",
            f"{package.path.name}: data element(s) {', '.join(unknown[:5])} unknown here; "
            "update the program."))


def _value_changes(session: Session, values: list[dict], new_units: set[str]) -> list[ValueChange]:
    existing = _existing(session, values)
    unit_ids = dict(session.execute(select(OrgUnit.code, OrgUnit.id)).all())
    pairs = {(unit_ids[r["unit"]], parse_period(r["period"])) for r in values
             if r["unit"] in unit_ids}
    locked = {(unit, spec.code) for unit, spec in locked_pairs(session, pairs)}
    changes = []
    for row in values:
        period = parse_period(row["period"]).code
        here = existing.get((row["unit"], row["element"], period))
        change = ValueChange(row["unit"], row["element"], period,
                             None if here is None else here[0], row["value"], "insert",
                             row["changed_at"], row.get("changed_by", ""), row.get("comment", ""))
        if here is not None and here[0] == row["value"]:
            change.action = "unchanged"
        elif row["unit"] not in new_units and (unit_ids.get(row["unit"]), period) in locked:
            change.action = "locked"
        elif here is not None:
            newer_here = here[1] > dt.datetime.fromisoformat(row["changed_at"])
            change.action = "conflict" if newer_here else "update"
        changes.append(change)
    return changes


def _existing(session: Session, values: list[dict]) -> dict[tuple, tuple[float, dt.datetime]]:
    """(unit, element, period) -> (value, changed_at) here, for the package's keys."""
    wanted = {(r["unit"], parse_period(r["period"]).code) for r in values}
    found: dict[tuple, tuple[float, dt.datetime]] = {}
    pairs = list(wanted)
    for start in range(0, len(pairs), 400):
        query = (select(OrgUnit.code, DataElement.code, Period.code, DataValue.value,
                        DataValue.changed_at)
                 .join(OrgUnit, OrgUnit.id == DataValue.unit_id)
                 .join(DataElement, DataElement.id == DataValue.element_id)
                 .join(Period, Period.id == DataValue.period_id)
                 .where(tuple_(OrgUnit.code, Period.code).in_(pairs[start:start + 400])))
        for unit, element, period, value, changed_at in session.execute(query):
            found[(unit, element, period)] = (value, changed_at)
    return found


def apply_import(session: Session, plan: ImportPlan) -> None:
    """Write what `plan_import` found: new units, then added and replaced values."""
    for unit in plan.new_units:
        add_unit(session, unit.code, unit.name, unit.level, unit.kind, unit.parent,
                 _day(unit.valid_from), _day(unit.valid_to))
    for unit in plan.new_units:
        if unit.successor:
            _link_successor(session, unit.code, unit.successor)
    writes = [c for c in plan.changes if c.action in ("insert", "update")]
    if not writes:
        return
    write_values(session, [ValueInput(c.unit, c.element, c.period, c.package, c.comment,
                                      f"{plan.file}: {c.unit}/{c.element}/{c.period}")
                           for c in writes], user=f"{audit.current_user(session)} ← {plan.office}"[:80])
    _keep_sender_times(session, plan.office, writes)


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _link_successor(session: Session, code: str, successor: str) -> None:
    code, successor = normalise(code), normalise(successor)  # as add_unit stored them
    units = {u.code: u for u in session.scalars(select(OrgUnit).where(
        OrgUnit.code.in_([code, successor])))}
    if code in units and successor in units:
        units[code].successor_id = units[successor].id
        audit.record(session, "unit", code, "merge", new=successor)


def _keep_sender_times(session: Session, office: str, writes: list[ValueChange]) -> None:
    """Imported rows carry the sender's changed_at and name, not the import's."""
    by_key = {(c.unit, c.element, c.period): c for c in writes}
    pairs = list({(c.unit, c.period) for c in writes})
    for start in range(0, len(pairs), 400):
        rows = session.execute(
            select(DataValue, OrgUnit.code, DataElement.code, Period.code)
            .join(OrgUnit, OrgUnit.id == DataValue.unit_id)
            .join(DataElement, DataElement.id == DataValue.element_id)
            .join(Period, Period.id == DataValue.period_id)
            .where(tuple_(OrgUnit.code, Period.code).in_(pairs[start:start + 400])))
        for row, unit, element, period in rows:
            change = by_key.get((unit, element, period))
            if change is not None:
                row.changed_at = dt.datetime.fromisoformat(change.changed_at)
                row.changed_by = f"{change.changed_by} ({office})"[:80]
    session.flush()
