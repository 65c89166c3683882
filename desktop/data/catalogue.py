"""The plan catalogue: data elements, indicators and plans shipped in resources/.

Files (TOML, see resources/README.md): catalogue/elements.toml,
catalogue/indicators.toml and plans/<CODE>.toml. Loading is idempotent:
rows are matched by code and updated in place, so a newer catalogue can be
loaded over an older one without losing recorded values.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.models import DataElement, Indicator, Plan, Target
from desktop.errors import UserError
from desktop.i18n import t
from desktop.paths import resources_dir

ELEMENT_FIELDS = ("name", "name_en", "measure", "measure_en", "kind", "temporal",
                  "decimals", "group")
INDICATOR_FIELDS = ("name", "name_en", "kind", "factor", "measure", "decimals", "direction",
                    "capped")
PLAN_FIELDS = ("title", "title_en", "issuer", "decision", "decision_date", "province",
               "year_from", "year_to")
TARGET_FIELDS = ("year", "period_from", "level", "comparator", "value", "baseline_year",
                 "baseline_value", "source", "note")


def catalogue_dir() -> Path:
    return resources_dir() / "catalogue"


def plans_dir() -> Path:
    return resources_dir() / "plans"


@cache
def read_toml(path: Path) -> dict:
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def plan_files() -> dict[str, Path]:
    """Plan code -> file, for every plan shipped with the program."""
    return {read_toml(path)["code"]: path for path in sorted(plans_dir().glob("*.toml"))}


def load_catalogue(session: Session) -> None:
    """Insert or update every data element and indicator of the catalogue."""
    elements = _upsert(session, DataElement, read_toml(catalogue_dir() / "elements.toml")["element"],
                       ELEMENT_FIELDS, _element_extras)
    _upsert(session, Indicator, read_toml(catalogue_dir() / "indicators.toml")["indicator"],
            INDICATOR_FIELDS, lambda row, spec: _indicator_links(row, spec, elements))


def _upsert(session: Session, model, specs: list[dict], fields: tuple[str, ...], extras) -> dict:
    """Rows of `model` matched by code, created or updated from `specs`, in file order."""
    by_code = {row.code: row for row in session.scalars(select(model))}
    for order, spec in enumerate(specs):
        row = by_code.get(spec["code"]) or model(code=spec["code"])
        for field in fields:
            if field in spec:
                setattr(row, field, spec[field])
        extras(row, spec)
        row.sort_order = order
        session.add(row)
        by_code[row.code] = row
    session.flush()
    return by_code


def _element_extras(row: DataElement, spec: dict) -> None:
    row.levels = ",".join(spec.get("levels", ["tinh", "huyen", "xa"]))


def _indicator_links(row: Indicator, spec: dict, elements: dict[str, DataElement]) -> None:
    for role in ("numerator", "denominator", "element"):
        code = spec.get(role)
        setattr(row, f"{role}_id", elements[code].id if code else None)


def load_plan(session: Session, code: str) -> Plan:
    """Insert or replace one shipped plan and its targets."""
    files = plan_files()
    if code not in files:
        raise UserError(t(f"Không có kế hoạch mã “{code}” trong danh mục.",
                          f"No plan with code “{code}” in the catalogue."))
    spec = read_toml(files[code])
    plan = session.scalar(select(Plan).where(Plan.code == code)) or Plan(code=code)
    for field in PLAN_FIELDS:
        if field in spec:
            setattr(plan, field, spec[field])
    seed = files[code].parent / "seeds" / spec.get("seed", "")
    plan.source_text = seed.read_text(encoding="utf-8") if seed.is_file() else ""
    indicators = {row.code: row.id for row in session.scalars(select(Indicator))}
    plan.targets = [_target(spec_target, indicators) for spec_target in spec.get("target", [])]
    session.add(plan)
    session.flush()
    return plan


def _target(spec: dict, indicators: dict[str, int]) -> Target:
    target = Target(indicator_id=indicators[spec["indicator"]])
    for field in TARGET_FIELDS:
        if field in spec:
            setattr(target, field, spec[field])
    target.min_value = spec.get("min")
    target.max_value = spec.get("max")
    return target


def load_all_plans(session: Session) -> list[Plan]:
    return [load_plan(session, code) for code in plan_files()]
