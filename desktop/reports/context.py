"""What the scalar and row tags of a report stand for: office, period, plan, loop items."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from desktop.data.letterhead import letterhead, receiver
from desktop.data.settings import get_setting
from desktop.engine.plan_span import plan_note_for
from desktop.data.units import level_name
from desktop.engine.scope import Unit, UnitTree
from desktop.errors import UserError
from desktop.formats import format_date, long_date
from desktop.i18n import t
from desktop.periods import PeriodSpec

_PLACE_PREFIX = re.compile(r"^(Tỉnh|Thành phố|Huyện|Quận|Thị xã|Xã|Phường|Thị trấn|Đặc khu)\s+")


def place_of(name: str) -> str:
    """'Huyện Triệu Sơn' -> 'Triệu Sơn', as the date line of a document writes it."""
    return _PLACE_PREFIX.sub("", name)


def scalars(session: Session, tree: UnitTree, unit: Unit, spec: PeriodSpec, plan,
            report_date: dt.date) -> dict[str, str]:
    """The value of every scalar tag for this report."""
    parent = tree.units.get(unit.parent_id) if unit.parent_id else None
    values = {
        "office.name": unit.name, "office.code": unit.code,
        "office.parent": parent.name if parent else "",
        "office.province": get_setting(session, "province") or "",
        "office.place": place_of(unit.name),
        "office.receiver": receiver(session, report_date),
        "office.letterhead": " – ".join(
            line.strip() for line in letterhead(session, unit.name).splitlines() if line.strip()),
        "period.label": spec.label(), "period.code": spec.code, "period.year": str(spec.year),
        "report.date": long_date(report_date), "report.today": format_date(report_date),
        "plan.title": "", "plan.code": "", "plan.decision": "", "plan.decision_date": "",
        "plan.issuer": "", "plan.years": "", "plan.span_note": "",
    }
    if plan is not None:
        values.update({
            "plan.title": t(plan.title, plan.title_en or plan.title), "plan.code": plan.code,
            "plan.decision": plan.decision or "", "plan.issuer": plan.issuer or "",
            "plan.decision_date": format_date(plan.decision_date),
            "plan.years": f"{plan.year_from}–{plan.year_to}",
            "plan.span_note": plan_note_for(session, plan.code, spec.code),
        })
    return values


@dataclass(frozen=True)
class UnitItem:
    code: str
    name: str
    level: str

    def fields(self) -> dict[str, str]:
        return {"unit.code": self.code, "unit.name": self.name, "unit.level": level_name(self.level)}


def loop_units(tree: UnitTree, unit: Unit, spec: PeriodSpec, level: str | None,
               kind: str | None) -> list[UnitItem]:
    """The units of an each:units row: the direct subordinates, or every unit of `level` below."""
    if level and level != "all":
        candidates = [tree.units[u] for u in _tree_order(tree, unit.id) if u != unit.id]
        candidates = [u for u in candidates if u.level == level]
    else:
        candidates = tree.children(unit.id)
    found = [u for u in candidates if u.valid_during(spec.start, spec.end)
             and not tree.merged_before(u, spec.end) and (kind is None or u.kind == kind)]
    return [UnitItem(u.code, u.name, u.level) for u in found]


def _tree_order(tree: UnitTree, unit_id: int) -> list[int]:
    order, stack = [], [unit_id]
    while stack:
        current = stack.pop()
        order.append(current)
        stack.extend(reversed([c.id for c in tree.children(current)]))
    return order


def require_plan(plan, where: str):
    if plan is None:
        raise UserError(t(f"{where}: mẫu cần một kế hoạch (dùng --plan).",
                          f"{where}: the template needs a plan (use --plan)."))
    return plan
