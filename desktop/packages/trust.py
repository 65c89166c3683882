"""What a trusted key may write: its office's subtree, well-formed, not from the future.

A key is trusted FOR AN OFFICE (the unit code it signs for, kept with the
trusted key in this database, never taken from the package). A package
signed by it is refused — one sentence naming the file and the first
offending row, nothing written — when:
- its `metadata.office` is not the key's office, or any metadata field is
  malformed;
- a unit in units.json lies outside the office's subtree here (an existing
  unit elsewhere, a new unit under a parent outside it, a successor outside
  it), or the office's own unit would be created under anything but this
  office's own unit;
- a value in values.json belongs to a unit outside that subtree;
- a field is malformed: a value that is not a finite JSON number (NaN,
  Infinity, 1e400, text), a `changed_at` that is not a local ISO date-time
  (a time zone is refused) or lies more than CLOCK_ALLOWANCE in the future,
  a code that is not text, a date that is not an ISO date.
`check_package` is called by `merge.plan_import`, so every import path
(CLI, GUI) applies it.
"""

from __future__ import annotations

import datetime as dt
import math

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.models import LEVELS, UNIT_KINDS, OrgUnit
from desktop.data.office import get_office
from desktop.i18n import t
from desktop.packages.container import VerifiedPackage
from desktop.packages.keys import PackageError, TrustedKey, is_above_here
from desktop.periods import parse_period

CLOCK_ALLOWANCE = dt.timedelta(minutes=15)


class _Bad(Exception):
    """One malformed or forbidden row: (file, row number or None, what)."""

    def __init__(self, entry: str, row: int | None, vi: str, en: str):
        super().__init__(en)
        self.entry, self.row, self.vi, self.en = entry, row, vi, en


def check_package(session: Session, package: VerifiedPackage, key: TrustedKey) -> None:
    """Refuse (PackageError) a package its key may not send; see the module docstring."""
    try:
        _check(session, package, key)
    except _Bad as bad:
        where = f"{package.path.name}: {bad.entry}" + ("" if bad.row is None else
                                                       t(f", dòng {bad.row}", f", row {bad.row}"))
        raise PackageError(t(f"{where}: {bad.vi}; không nhận gói.",
                             f"{where}: {bad.en}; package refused.")) from None


def _check(session: Session, package: VerifiedPackage, key: TrustedKey) -> None:
    if not key.office:
        raise _Bad("signer", None, "khóa được tin cậy mà không gắn với đơn vị nào (hãy tin cậy lại)",
                   "the key is trusted for no office (trust it again)")
    metadata = _metadata(package, key)
    _not_above_here(session, key.office)
    allowed = _units(session, package, key.office)
    if metadata["unit"] not in allowed:
        raise _Bad("metadata.json", None, f"đơn vị {metadata['unit']} nằm ngoài {key.office}",
                   f"unit {metadata['unit']} lies outside {key.office}")
    _values(package, allowed, key.office)


def _not_above_here(session: Session, office: str) -> None:
    """Data flows up: a key trusted for this office's own unit (a row made before this
    rule) or for one above it (it sends the plan file, not data) writes no values here."""
    own = get_office(session)
    if own is not None and (office == own.unit_code or is_above_here(session, office)):
        raise _Bad("signer", None, f"khóa được tin cậy cho {office}, là đơn vị của cơ quan này "
                   "hoặc cấp trên; cấp trên chỉ gửi kế hoạch, không gửi số liệu",
                   f"the key is trusted for {office}, this office's own unit or one above it; "
                   "the office above sends plans, not data")


def _metadata(package: VerifiedPackage, key: TrustedKey) -> dict:
    metadata = package.json("metadata.json")
    if not isinstance(metadata, dict):
        raise _Bad("metadata.json", None, "không phải một đối tượng JSON", "not a JSON object")
    for field in ("office", "unit", "period"):
        if not isinstance(metadata.get(field), str) or not metadata[field]:
            raise _Bad("metadata.json", None, f"thiếu hoặc sai trường {field}",
                       f"field {field} is missing or malformed")
    for field in ("office_name", "unit_name"):
        if not isinstance(metadata.get(field, ""), str):
            raise _Bad("metadata.json", None, f"trường {field} không phải chữ",
                       f"field {field} is not text")
    _period(metadata["period"], "metadata.json", None)
    if metadata["office"] != key.office:
        raise _Bad("metadata.json", None,
                   f"gói ghi là của {metadata['office']} nhưng khóa ký chỉ được tin cậy cho "
                   f"{key.office}",
                   f"the package claims to come from {metadata['office']} but its key is "
                   f"trusted for {key.office} only")
    return metadata


def _period(text: object, entry: str, row: int | None) -> None:
    try:
        valid = isinstance(text, str) and bool(parse_period(text))
    except Exception:  # noqa: BLE001 - whatever the parser refuses
        valid = False
    if not valid:
        raise _Bad(entry, row, f"kỳ “{text}” không hợp lệ", f"period “{text}” is invalid")


def _units(session: Session, package: VerifiedPackage, office: str) -> set[str]:
    """The unit codes the key may write: its office's subtree here and the new units in it."""
    rows = package.json("units.json")
    if not isinstance(rows, list):
        raise _Bad("units.json", None, "không phải một danh sách", "not a list")
    rows_here = session.execute(select(OrgUnit.code, OrgUnit.path, OrgUnit.level)).all()
    here = {code: path for code, path, _level in rows_here}
    levels = {code: level for code, _path, level in rows_here}
    allowed = _subtree_here(here, office)
    own = get_office(session)
    for number, row in enumerate(rows, start=1):
        _unit_fields(row, number)
        code, parent = row["code"], row.get("parent")
        if code in here:
            if code not in allowed:
                raise _Bad("units.json", number, f"đơn vị {code} nằm ngoài {office}",
                           f"unit {code} lies outside {office}")
        elif code == office:
            if parent in here and (own is None or parent != own.unit_code):
                raise _Bad("units.json", number,
                           f"đơn vị {code} sẽ được tạo dưới {parent}, không phải dưới đơn vị "
                           "của cơ quan này",
                           f"unit {code} would be created under {parent}, not under this "
                           "office's own unit")
            allowed.add(code)
        elif parent in allowed:
            allowed.add(code)
        else:
            raise _Bad("units.json", number,
                       f"đơn vị mới {code} nằm dưới {parent}, ngoài {office}",
                       f"new unit {code} lies under {parent}, outside {office}")
        if code not in here:  # a new unit: at its parent's level or below
            _not_above_parent(row, levels, number)
            levels.setdefault(code, row["level"])
    for number, row in enumerate(rows, start=1):
        if row.get("successor") and row["successor"] not in allowed:
            raise _Bad("units.json", number,
                       f"đơn vị kế thừa {row['successor']} nằm ngoài {office}",
                       f"successor {row['successor']} lies outside {office}")
    return allowed


def _not_above_parent(row: dict, levels: dict[str, str], number: int) -> None:
    """A new unit is at its parent's level or below (a district's package cannot add a
    province-level unit, whose figures would count at the province's level)."""
    parent_level = levels.get(row.get("parent"))
    if parent_level is not None and LEVELS.index(row["level"]) < LEVELS.index(parent_level):
        raise _Bad("units.json", number,
                   f"đơn vị mới {row['code']} cấp {row['level']} không thể nằm dưới "
                   f"{row['parent']} cấp {parent_level}",
                   f"new unit {row['code']} at level {row['level']} cannot lie under "
                   f"{row['parent']} at level {parent_level}")


def _subtree_here(paths: dict[str, str], office: str) -> set[str]:
    if office not in paths:
        return set()
    root = paths[office]
    return {code for code, path in paths.items() if path.startswith(root)}


def _unit_fields(row: object, number: int) -> None:
    if not isinstance(row, dict):
        raise _Bad("units.json", number, "không phải một đối tượng JSON", "not a JSON object")
    if not isinstance(row.get("code"), str) or not row["code"].strip():
        raise _Bad("units.json", number, "mã đơn vị không phải chữ", "the unit code is not text")
    for field in ("name", "parent", "successor"):
        if row.get(field) is not None and not isinstance(row[field], str):
            raise _Bad("units.json", number, f"trường {field} không phải chữ",
                       f"field {field} is not text")
    if row.get("level") not in LEVELS or row.get("kind", "area") not in UNIT_KINDS:
        raise _Bad("units.json", number, "cấp hoặc loại đơn vị không hợp lệ",
                   "the unit's level or kind is invalid")
    for field in ("valid_from", "valid_to"):
        value = row.get(field)
        try:
            if value is not None:
                dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise _Bad("units.json", number, f"{field} “{value}” không phải ngày (YYYY-MM-DD)",
                       f"{field} “{value}” is not a date (YYYY-MM-DD)") from None


def _values(package: VerifiedPackage, allowed: set[str], office: str) -> None:
    rows = package.json("values.json")
    if not isinstance(rows, list):
        raise _Bad("values.json", None, "không phải một danh sách", "not a list")
    latest = dt.datetime.now() + CLOCK_ALLOWANCE
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise _Bad("values.json", number, "không phải một đối tượng JSON", "not a JSON object")
        for field in ("unit", "element"):
            if not isinstance(row.get(field), str):
                raise _Bad("values.json", number, f"trường {field} không phải chữ",
                           f"field {field} is not text")
        for field in ("comment", "changed_by"):
            if not isinstance(row.get(field, ""), str):
                raise _Bad("values.json", number, f"trường {field} không phải chữ",
                           f"field {field} is not text")
        _period(row.get("period"), "values.json", number)
        _number(row.get("value"), number)
        _changed_at(row.get("changed_at"), number, latest)
        if row["unit"] not in allowed:
            raise _Bad("values.json", number, f"giá trị của đơn vị {row['unit']}, ngoài {office}",
                       f"a value of unit {row['unit']}, outside {office}")


def _number(value: object, number: int) -> None:
    try:
        finite = isinstance(value, (int, float)) and not isinstance(value, bool) and \
            math.isfinite(float(value))
    except OverflowError:  # an integer too large for a float
        finite = False
    if not finite:
        shown = str(value) if len(str(value)) <= 24 else str(value)[:20] + "…"
        raise _Bad("values.json", number, f"giá trị “{shown}” không phải một số hữu hạn",
                   f"value “{shown}” is not a finite number")


def _changed_at(text: object, number: int, latest: dt.datetime) -> None:
    try:
        if not isinstance(text, str):
            raise ValueError
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise _Bad("values.json", number, f"changed_at “{text}” không phải ngày giờ",
                   f"changed_at “{text}” is not a date and time") from None
    if moment.tzinfo is not None:
        raise _Bad("values.json", number, f"changed_at “{text}” có múi giờ (chỉ nhận giờ địa phương)",
                   f"changed_at “{text}” carries a time zone (local time only)")
    if moment > latest:
        raise _Bad("values.json", number, f"changed_at “{text}” ở tương lai",
                   f"changed_at “{text}” lies in the future")
