"""`itplan package export`: one unit's data for one period, as a signed package.

The package holds every recorded value of the unit and the units under it
in the period and the periods inside it (a year carries its quarters and
months), those units (with their parent, validity dates and successors),
the office's plan codes and a description (metadata.json).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop import __version__
from desktop.data import audit
from desktop.data.models import DataElement, DataValue, OrgUnit, Period, Plan
from desktop.data.office import require_office
from desktop.data.units import list_units, unit_by_code
from desktop.i18n import t
from desktop.packages.container import PACKAGE_FORMAT, build_package
from desktop.packages.keys import PackageError
from desktop.periods import parse_period

FORMAT_VERSION = 1


def package_values(session: Session, unit_code: str, period_code: str) -> list[dict]:
    unit = unit_by_code(session, unit_code)
    spec = parse_period(period_code)
    query = (select(OrgUnit.code, DataElement.code, Period.code, DataValue.value,
                    DataValue.comment, DataValue.changed_at, DataValue.changed_by)
             .join(OrgUnit, OrgUnit.id == DataValue.unit_id)
             .join(DataElement, DataElement.id == DataValue.element_id)
             .join(Period, Period.id == DataValue.period_id)
             .where(OrgUnit.path.startswith(unit.path), Period.start >= spec.start,
                    Period.end <= spec.end)
             .order_by(OrgUnit.path, Period.start, Period.kind, DataElement.sort_order))
    return [{"unit": u, "element": e, "period": p, "value": v, "comment": c or "",
             "changed_at": at.isoformat(timespec="microseconds"), "changed_by": by or ""}
            for u, e, p, v, c, at, by in session.execute(query)]


def package_units(session: Session, unit_code: str) -> list[dict]:
    return [row.as_json() for row in list_units(session, unit_code)]


def package_contents(session: Session, unit_code: str, period_code: str) -> dict[str, object]:
    office = require_office(session)
    unit = unit_by_code(session, unit_code)
    spec = parse_period(period_code)
    values = package_values(session, unit.code, spec.code)
    units = package_units(session, unit.code)
    plan_codes = list(office.plans) or list(session.scalars(select(Plan.code).order_by(Plan.code)))
    metadata = {
        "format": PACKAGE_FORMAT, "version": FORMAT_VERSION, "program": __version__,
        "office": office.unit_code, "office_name": office.unit_name, "province": office.province,
        "unit": unit.code, "unit_name": unit.name, "period": spec.code,
        "created_at": dt.datetime.now().isoformat(timespec="seconds"),
        "created_by": audit.current_user(session), "values": len(values), "units": len(units),
    }
    return {"metadata.json": metadata, "units.json": units, "values.json": values,
            "plans.json": plan_codes}


def export_package(session: Session, unit_code: str, period_code: str, out: Path) -> dict:
    """Write the signed package to `out`; return its metadata."""
    contents = package_contents(session, unit_code, period_code)
    metadata = contents["metadata.json"]
    if not metadata["values"]:
        raise PackageError(t(f"Không có số liệu nào của {unit_code} trong kỳ {metadata['period']}.",
                             f"No values of {unit_code} in {metadata['period']}."))
    signer = {"office": metadata["office"], "office_name": metadata["office_name"]}
    data = build_package(contents, signer)
    partial = out.with_name(out.name + ".partial")
    partial.write_bytes(data)
    partial.replace(out)
    return metadata
