"""Names for the codes the data layer keys things by, so screens can show words.

`code_names(session)` maps unit, element, indicator and plan codes to their
names (units closed long ago included); `readable_key` turns an audit key
such as "H38TS-X02/STAFF_IT_TRAINED/2025" into "Xã Dân Lý / Cán bộ được tập
huấn CNTT / Năm 2025". Codes stay available for tooltips.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.data.models import DataElement, Indicator, OrgUnit, Plan
from desktop.errors import UserError
from desktop.i18n import t
from desktop.periods import parse_period


def code_names(session: Session) -> dict[str, str]:
    names: dict[str, str] = {}
    for code, name in session.execute(select(Plan.code, Plan.title)):
        names[code] = name
    for code, name, name_en in session.execute(
            select(Indicator.code, Indicator.name, Indicator.name_en)):
        names[code] = t(name, name_en or name)
    for code, name, name_en in session.execute(
            select(DataElement.code, DataElement.name, DataElement.name_en)):
        names[code] = t(name, name_en or name)
    for code, name in session.execute(select(OrgUnit.code, OrgUnit.name)):
        names[code] = name
    return names


def readable_key(key: str, names: dict[str, str]) -> str:
    """Each "/"-separated part of a key by its name (a period by its label)."""
    return " / ".join(_part(part, names) for part in (key or "").split("/"))


def _part(part: str, names: dict[str, str]) -> str:
    if part in names:
        return names[part]
    try:
        return parse_period(part).label()
    except UserError:
        return part
