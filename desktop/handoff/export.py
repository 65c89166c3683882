"""`itplan plans export CODE --out FILE`: the province's plan as one signed file."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop import __version__
from desktop.data import audit
from desktop.data.models import DataElement, Indicator
from desktop.data.office import get_office
from desktop.data.queries import plan_by_code
from desktop.data.units import list_units
from desktop.errors import UserError
from desktop.handoff import HANDOFF_FORMAT, HANDOFF_VERSION
from desktop.handoff.sections import export_sections
from desktop.i18n import t
from desktop.packages.container import build_package

PLAN_FIELDS = ("code", "title", "title_en", "issuer", "decision", "province", "year_from",
               "year_to", "source_text")
TARGET_FIELDS = ("year", "period_from", "level", "comparator", "value", "min_value",
                 "max_value", "baseline_year", "baseline_value", "source", "note")
ELEMENT_FIELDS = ("code", "name", "name_en", "measure", "measure_en", "kind", "temporal",
                  "decimals", "levels", "group")
INDICATOR_FIELDS = ("code", "name", "name_en", "kind", "factor", "measure", "decimals",
                    "direction", "capped")
MAX_TEMPLATE = 10 * 1024 * 1024


def plan_document(session: Session, code: str, templates: list[Path]) -> dict:
    plan = plan_by_code(session, code)
    data = {field: getattr(plan, field) for field in PLAN_FIELDS}
    data["decision_date"] = plan.decision_date.isoformat() if plan.decision_date else None
    targets = [{"indicator": target.indicator.code,
                **{field: getattr(target, field) for field in TARGET_FIELDS}}
               for target in plan.targets]
    indicators = _indicators(session, sorted({row["indicator"] for row in targets}))
    return {"plan": data, "targets": targets, "indicators": indicators,
            "elements": _elements(session, indicators),
            "templates": [_template(path) for path in templates],
            "sections": export_sections(session, plan.code)}


def _indicators(session: Session, codes: list[str]) -> list[dict]:
    rows = session.scalars(select(Indicator).where(Indicator.code.in_(codes))
                           .order_by(Indicator.sort_order))
    return [{**{field: getattr(row, field) for field in INDICATOR_FIELDS},
             "numerator": row.numerator.code if row.numerator else None,
             "denominator": row.denominator.code if row.denominator else None,
             "element": row.element.code if row.element else None} for row in rows]


def _elements(session: Session, indicators: list[dict]) -> list[dict]:
    codes = {row[key] for row in indicators for key in ("numerator", "denominator", "element")
             if row[key]}
    rows = session.scalars(select(DataElement).where(DataElement.code.in_(codes))
                           .order_by(DataElement.sort_order))
    return [{field: getattr(row, field) for field in ELEMENT_FIELDS} for row in rows]


def _template(path: Path) -> dict:
    if path.suffix.lower() != ".xlsx" or not path.is_file():
        raise UserError(t(f"{path.name}: không phải tệp mẫu báo cáo .xlsx.",
                          f"{path.name}: not an .xlsx report template."))
    if path.stat().st_size > MAX_TEMPLATE:
        raise UserError(t(f"{path.name}: mẫu báo cáo quá lớn (tối đa 10 MB).",
                          f"{path.name}: the report template is too large (at most 10 MB)."))
    return {"name": path.name, "data": base64.b64encode(path.read_bytes()).decode("ascii")}


def handoff_contents(session: Session, code: str, templates: list[Path],
                     with_units: bool) -> dict[str, object]:
    office = get_office(session)
    if office is None:
        raise UserError(t("Cơ sở dữ liệu chưa được khởi tạo cho cơ quan nào (itplan init).",
                          "The database is not set up for an office (itplan init)."))
    document = plan_document(session, code, templates)
    units = [row.as_json() for row in list_units(session)] if with_units else []
    metadata = {
        "format": HANDOFF_FORMAT, "version": HANDOFF_VERSION, "program": __version__,
        "office": office.unit_code, "office_name": office.unit_name,
        "province": office.province, "plan": document["plan"]["code"],
        "plan_title": document["plan"]["title"],
        "created_at": dt.datetime.now().isoformat(timespec="microseconds"),
        "created_by": audit.current_user(session), "targets": len(document["targets"]),
        "templates": [row["name"] for row in document["templates"]], "units": len(units),
        "sections": sorted(document["sections"]),
    }
    return {"metadata.json": metadata, "units.json": units, "values.json": [],
            "plans.json": document}


def export_handoff(session: Session, code: str, out: Path, templates: list[Path] = (),
                   with_units: bool = False) -> dict:
    """Write the signed hand-off file of plan `code`; return its metadata."""
    contents = handoff_contents(session, code, list(templates), with_units)
    metadata = contents["metadata.json"]
    data = build_package(contents, {"office": metadata["office"],
                                    "office_name": metadata["office_name"]})
    partial = out.with_name(out.name + ".partial")
    partial.write_bytes(data)
    partial.replace(out)
    return metadata
