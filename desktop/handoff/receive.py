"""`itplan plans import FILE`: verify the province's hand-off file, show what it
changes, apply it.

Verification is the data packages' (signature, seal, trusted and unrevoked
key). A file older than the one already received for the plan is refused.
The preview lists targets added, changed and removed against the plan here;
applying goes through the plan editor (audited). Indicators and elements
already present under the same code are used as they are (never duplicated,
never redefined), so recorded values stay; templates are saved in the data
folder's `templates`; missing units are added; extra sections are applied
or kept (sections.py).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.data import audit, plan_editor
from desktop.data.definitions import element_problem, indicator_problem
from desktop.data.models import DataElement, Indicator, OrgUnit, Plan, Target
from desktop.data.office import get_office
from desktop.data.settings import get_setting, set_setting
from desktop.data.units import add_unit
from desktop.errors import UserError
from desktop.handoff import HANDOFF_FORMAT, HANDOFF_VERSION
from desktop.handoff.export import ELEMENT_FIELDS, INDICATOR_FIELDS, TARGET_FIELDS
from desktop.handoff.sections import apply_sections
from desktop.i18n import t
from desktop.packages.container import VerifiedPackage, open_package
from desktop.packages.keys import PackageError, is_above_here, trusted_key
from desktop.paths import data_dir

COMPARED = tuple(f for f in TARGET_FIELDS if f not in ("year", "level"))
_TEMPLATE_NAME = re.compile(r"^[\w .()\-]{1,120}\.xlsx$")


@dataclass
class HandoffImport:
    """What a hand-off file brings, against this database."""

    file: str
    metadata: dict
    document: dict
    units: list[dict]
    added: list[dict] = field(default_factory=list)
    changed: list[tuple[int, dict, dict]] = field(default_factory=list)  # (id, before, after)
    removed: list[dict] = field(default_factory=list)
    new_plan: bool = True
    new_indicators: list[str] = field(default_factory=list)
    new_elements: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # indicator code → name

    @property
    def plan_code(self) -> str:
        return self.document["plan"]["code"]

    def as_json(self) -> dict:
        return {"file": self.file, "plan": self.plan_code, "new_plan": self.new_plan,
                "from": self.metadata.get("office"), "created_at": self.metadata["created_at"],
                "added": self.added, "changed": [{"before": b, "after": a}
                                                 for _i, b, a in self.changed],
                "removed": self.removed, "new_indicators": self.new_indicators,
                "new_elements": self.new_elements,
                "templates": [row["name"] for row in self.document["templates"]],
                "sections": sorted(self.document["sections"]), "units": len(self.units)}


def _bad(path: Path, what: str) -> PackageError:
    return PackageError(t(f"{path.name}: nội dung tệp kế hoạch không hợp lệ ({what}).",
                          f"{path.name}: invalid plan file content ({what})."))


def read_handoff(session: Session, path: Path) -> HandoffImport:
    """Verify the file and compare it with this database; PackageError if refused."""
    package = open_package(session, path)
    metadata = package.json("metadata.json")
    if not isinstance(metadata, dict) or metadata.get("format") != HANDOFF_FORMAT:
        raise PackageError(t(f"{path.name}: không phải tệp kế hoạch của tỉnh (đây là gói số "
                             "liệu; dùng itplan package import).",
                             f"{path.name}: not a province plan file (it is a data package; "
                             "use itplan package import)."))
    _from_above(session, path, package, metadata)
    if metadata.get("version") != HANDOFF_VERSION:
        raise PackageError(t(f"{path.name}: tệp được tạo bởi phiên bản mới hơn; hãy cập nhật "
                             "chương trình.", f"{path.name}: made by a newer version; update "
                             "the program."))
    document, units = _document(package), _units_list(path, package.json("units.json"))
    if not isinstance(metadata.get("created_at"), str):
        raise _bad(path, "metadata.json")
    _check_definitions(session, path, document)
    _check_targets(path, document)
    result = HandoffImport(path.name, metadata, document, units)
    _check_newer(session, path, result)
    _compare(session, result)
    return result


def _from_above(session: Session, path: Path, package: VerifiedPackage, metadata: dict) -> None:
    """Plans flow down: the file must be signed by a key trusted for an office above this
    one (the province, or the district above a commune), and say it comes from there."""
    key = trusted_key(session, package.key_id)
    office = key.office if key else ""
    if not office or not is_above_here(session, office):
        raise PackageError(t(
            f"{path.name}: khóa ký được tin cậy cho {office or 'không đơn vị nào'}, không phải "
            "cấp trên của cơ quan này; chỉ nhận kế hoạch của cấp trên.",
            f"{path.name}: the signing key is trusted for {office or 'no office'}, not an office "
            "above this one; plans are received from above only."))
    if metadata.get("office") != office:
        raise PackageError(t(
            f"{path.name}: tệp ghi là của {metadata.get('office')} nhưng khóa ký chỉ được tin "
            f"cậy cho {office}.",
            f"{path.name}: the file claims to come from {metadata.get('office')} but its key "
            f"is trusted for {office} only."))


def _document(package: VerifiedPackage) -> dict:
    document = package.json("plans.json")
    try:
        plan = document["plan"]
        str(plan["code"]), str(plan["title"]), int(plan["year_from"]), int(plan["year_to"])
        _date_or_none(plan.get("decision_date"))
        for key in ("targets", "indicators", "elements", "templates"):
            if not isinstance(document[key], list):
                raise TypeError(key)
        if not isinstance(document.get("sections", {}), dict):
            raise TypeError("sections")
        for row in document["targets"]:
            _text(row["indicator"]), int(row["year"]), str(row["level"])
        for row in document["templates"]:
            _text(row["name"]), _text(row["data"])
        codes = [row["code"] for row in document["elements"]]
        if len(set(map(str, codes))) != len(codes):
            raise ValueError("an element listed twice")
    except (KeyError, TypeError, ValueError, OverflowError):
        raise _bad(package.path, "plans.json") from None
    problem = plan_editor.plan_code_problem(plan["code"])
    if problem:
        raise PackageError(f"{package.path.name}: {problem}")
    document.setdefault("sections", {})
    return document


def _units_list(path: Path, units: object) -> list[dict]:
    """The file's units: rows of text codes, names and ISO dates (or none)."""
    try:
        if not isinstance(units, list):
            raise TypeError("units")
        for row in units:
            _text(row["code"])
            for key in ("name", "level", "kind", "parent"):
                if row.get(key) is not None:
                    _text(row[key])
            _date_or_none(row.get("valid_from")), _date_or_none(row.get("valid_to"))
    except (KeyError, TypeError, ValueError, OverflowError):
        raise _bad(path, "units.json") from None
    return units


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(repr(value))
    return value


def _date_or_none(value: object) -> dt.date | None:
    return None if value in (None, "") else dt.date.fromisoformat(_text(value))


def _check_definitions(session: Session, path: Path, document: dict) -> None:
    """Refuse the file when an element or indicator it brings is malformed (checked
    as the catalogue's are: desktop.data.definitions), before anything is written."""
    rows = [row for key in ("elements", "indicators") for row in document[key]]
    if not all(isinstance(row, dict) for row in rows):
        raise _bad(path, "plans.json")
    codes = {row.get("code") for row in document["elements"] if isinstance(row.get("code"), str)}
    codes |= set(session.scalars(select(DataElement.code)))
    problems = [element_problem(row) for row in document["elements"]]
    problems += [indicator_problem(row, codes) for row in document["indicators"]]
    problem = next((p for p in problems if p is not None), None)
    if problem is not None:
        problem = problem.rstrip(".")
        raise PackageError(t(f"{path.name}: {problem}; không nhận tệp kế hoạch này.",
                             f"{path.name}: {problem}; the plan file is refused."))


def _check_targets(path: Path, document: dict) -> None:
    """Refuse the file when a target it brings is not one the plan editor takes."""
    for row in document["targets"]:
        try:
            plan_editor.check_target({field: row.get(field) for field in plan_editor.EDITABLE})
        except UserError as exc:
            raise PackageError(t(f"{path.name}: chỉ tiêu “{row['indicator']}” năm {row['year']}: "
                                 f"{exc.message}",
                                 f"{path.name}: target “{row['indicator']}” for {row['year']}: "
                                 f"{exc.message}")) from None


def _received_key(plan_code: str) -> str:
    return f"handoff:{plan_code}"[:64]


def _check_newer(session: Session, path: Path, result: HandoffImport) -> None:
    before = get_setting(session, _received_key(result.plan_code))
    if before and json.loads(before)["created_at"] > result.metadata["created_at"]:
        seen = json.loads(before)["created_at"][:10]
        raise PackageError(t(f"{path.name}: đây là bản cũ hơn bản kế hoạch {result.plan_code} đã "
                             f"nhận (ngày {seen}); không nhận.",
                             f"{path.name}: older than the version of plan {result.plan_code} "
                             f"already received ({seen}); refused."))


def _key(row: dict) -> tuple:
    return row["indicator"], int(row["year"]), row["level"]


def _compare(session: Session, result: HandoffImport) -> None:
    plan = session.scalar(select(Plan).where(Plan.code == result.plan_code))
    incoming = {_key(row): row for row in result.document["targets"]}
    here: dict[tuple, tuple[int, dict]] = {}
    if plan is not None:
        result.new_plan = False
        for target in plan.targets:
            fields = plan_editor.target_fields(target)
            here[_key(fields)] = (target.id, fields)
    for key, row in incoming.items():
        if key not in here:
            result.added.append(row)
            continue
        target_id, fields = here[key]
        if any(fields.get(f) != row.get(f) for f in COMPARED):
            result.changed.append((target_id, fields, row))
    result.removed = [fields for key, (_id, fields) in here.items() if key not in incoming]
    result.names = dict(session.execute(select(Indicator.code, Indicator.name)).all())
    result.names.update({row["code"]: row.get("name") or row["code"]
                         for row in result.document["indicators"]})
    known = set(session.scalars(select(Indicator.code)))
    result.new_indicators = [row["code"] for row in result.document["indicators"]
                             if row["code"] not in known]
    known_elements = set(session.scalars(select(DataElement.code)))
    result.new_elements = [row["code"] for row in result.document["elements"]
                           if row["code"] not in known_elements]


def apply_handoff(session: Session, result: HandoffImport) -> dict[str, list[str]]:
    """Apply the file in the caller's transaction: the templates saved, units
    added and sections applied or kept."""
    _add_elements(session, result)
    _add_indicators(session, result)
    _plan(session, result)
    for target_id, _before, after in result.changed:
        plan_editor.update_target_fields(session, target_id,
                                         **{f: after.get(f) for f in COMPARED})
    for fields in result.removed:
        target = session.scalar(select(Target).join(Plan).join(Indicator).where(
            Plan.code == result.plan_code, Indicator.code == fields["indicator"],
            Target.year == fields["year"], Target.level == fields["level"]))
        plan_editor.delete_target(session, target.id)
    for row in result.added:
        plan_editor.add_target_fields(session, result.plan_code, row["indicator"],
                                      **{f: row.get(f) for f in TARGET_FIELDS})
    done = {"templates": _templates(result), "units": _units(session, result),
            "sections": apply_sections(session, result.plan_code, result.document["sections"])}
    _remember(session, result)
    return done


def _plan(session: Session, result: HandoffImport) -> None:
    data = dict(result.document["plan"])
    day = data.pop("decision_date", None)
    fields = {k: data.get(k) or "" for k in ("issuer", "decision", "province", "title_en",
                                             "source_text")}
    fields["decision_date"] = dt.date.fromisoformat(day) if day else None
    if result.new_plan:
        plan_editor.add_plan(session, data["code"], data["title"], int(data["year_from"]),
                             int(data["year_to"]), **fields)
    else:
        plan_editor.update_plan(session, data["code"], title=data["title"],
                                year_from=int(data["year_from"]), year_to=int(data["year_to"]),
                                **fields)


def _next_order(session: Session, model) -> int:
    return (session.scalar(select(func.max(model.sort_order))) or 0) + 1


def _add_elements(session: Session, result: HandoffImport) -> None:
    for row in result.document["elements"]:
        if row["code"] in result.new_elements:
            session.add(DataElement(**{f: row[f] for f in ELEMENT_FIELDS if f in row},
                                    sort_order=_next_order(session, DataElement)))
            session.flush()
            audit.record(session, "element", row["code"], "add", new=row.get("name"))


def _add_indicators(session: Session, result: HandoffImport) -> None:
    elements = dict(session.execute(select(DataElement.code, DataElement.id)).all())
    for row in result.document["indicators"]:
        if row["code"] not in result.new_indicators:
            continue
        links = {f"{key}_id": elements.get(row.get(key)) for key in
                 ("numerator", "denominator", "element")}
        session.add(Indicator(**{f: row[f] for f in INDICATOR_FIELDS if f in row}, **links,
                              sort_order=_next_order(session, Indicator)))
        session.flush()
        audit.record(session, "indicator", row["code"], "add", new=row.get("name"))


def templates_folder() -> Path:
    return data_dir() / "templates"


def _templates(result: HandoffImport) -> list[str]:
    saved = []
    for row in result.document["templates"]:
        name = Path(str(row.get("name", ""))).name
        try:
            data = base64.b64decode(row.get("data", ""), validate=True)
        except (binascii.Error, ValueError, TypeError):
            data = b""
        if not _TEMPLATE_NAME.match(name) or not data.startswith(b"PK"):
            raise PackageError(t(f"{result.file}: mẫu báo cáo “{name}” không hợp lệ.",
                                 f"{result.file}: report template “{name}” is invalid."))
        folder = templates_folder()
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / (name + ".partial")
        partial.write_bytes(data)
        partial.replace(folder / name)
        saved.append(str(folder / name))
    return saved


def _units(session: Session, result: HandoffImport) -> list[str]:
    here = set(session.scalars(select(OrgUnit.code)))
    added = []
    for row in result.units:
        code, parent = row.get("code"), row.get("parent")
        if not code or code in here or (parent and parent not in here):
            continue
        add_unit(session, code, row.get("name") or code, row.get("level") or "xa",
                 row.get("kind") or "area", parent,
                 dt.date.fromisoformat(row["valid_from"]) if row.get("valid_from") else None,
                 dt.date.fromisoformat(row["valid_to"]) if row.get("valid_to") else None)
        here.add(code)
        added.append(code)
    return added


def _remember(session: Session, result: HandoffImport) -> None:
    set_setting(session, _received_key(result.plan_code), json.dumps(
        {"created_at": result.metadata["created_at"], "office": result.metadata.get("office"),
         "file": result.file}, ensure_ascii=False))
    office = get_office(session)
    if office is not None and result.plan_code not in office.plans:
        set_setting(session, "plans", ",".join((result.plan_code, *office.plans)))
