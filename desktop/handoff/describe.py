"""A received plan file described for people: one summary line and the target changes."""

from __future__ import annotations

from desktop.data.units import level_name
from desktop.formats import format_plain
from desktop.i18n import t

SYMBOLS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "about": "≈"}


def summary(result) -> str:
    sender = result.metadata.get("office_name") or result.metadata.get("office")
    head = t("kế hoạch mới", "new plan") if result.new_plan else t("bản mới của kế hoạch đã có",
                                                                    "a newer version")
    return t(f"{result.file}: {result.plan_code} ({head}) từ {sender}: "
             f"{len(result.added)} mục tiêu thêm, {len(result.changed)} sửa, "
             f"{len(result.removed)} bỏ; {len(result.new_indicators)} chỉ số mới, "
             f"{len(result.new_elements)} chỉ tiêu số liệu mới.",
             f"{result.file}: {result.plan_code} ({head}) from {sender}: "
             f"{len(result.added)} targets added, {len(result.changed)} changed, "
             f"{len(result.removed)} removed; {len(result.new_indicators)} new indicators, "
             f"{len(result.new_elements)} new data elements.")


def _target(row: dict) -> str:
    if row.get("comparator") == "between":
        return f"{format_plain(row.get('min_value'))}–{format_plain(row.get('max_value'))}"
    if row.get("comparator") == "done":
        return t("hoàn thành", "done")
    return f"{SYMBOLS.get(row.get('comparator'), row.get('comparator'))} " \
        f"{format_plain(row.get('value'))}"


def change_rows(result) -> list[tuple]:
    """(change, indicator, year, level, before, after) for each target that changes."""
    name = result.names.get
    rows = [(t("thêm", "added"), name(r["indicator"], r["indicator"]), r["year"],
             level_name(r["level"]), "", _target(r)) for r in result.added]
    rows += [(t("sửa", "changed"), name(a["indicator"], a["indicator"]), a["year"],
              level_name(a["level"]), _target(b), _target(a)) for _id, b, a in result.changed]
    rows += [(t("bỏ", "removed"), name(r["indicator"], r["indicator"]), r["year"],
              level_name(r["level"]), _target(r), "") for r in result.removed]
    return rows
