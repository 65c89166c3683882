"""The consistency warning before a report or a meeting pack is made, and after an entry.

The rules are desktop.engine.validation's; this module only asks. When the
period's values disagree (a yearly stock against its last quarter, a part
above its whole, a value that breaks a rule), the officer sees the first
problems and chooses to go on or to correct them first.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.data.database import Database
from desktop.i18n import t
from desktop.periods import parse_period
from desktop.ui import dialogs


def period_warnings(database: Database, unit_code: str, period_code: str) -> list[str]:
    from desktop.engine.checks import consistency_warnings

    with database.session() as session:
        return consistency_warnings(session, unit_code, period_code)


def go_ahead(parent: QWidget | None, database: Database, unit_code: str, period_code: str,
             what: str) -> bool:
    """True when the period is consistent or the officer chooses to go on anyway."""
    found = period_warnings(database, unit_code, period_code)
    if not found:
        return True
    label = parse_period(period_code).label()
    lines = "\n".join(f"• {line}" for line in found)
    return dialogs.confirm(parent, t(
        f"Số liệu {label} có chỗ chưa nhất quán:\n{lines}\n\nVẫn {what}? (Chọn “Không” để "
        "sửa trước ở thẻ Nhập liệu; Tệp → Kiểm tra dữ liệu… cho danh sách đầy đủ.)",
        f"The {label} figures are not consistent:\n{lines}\n\n{what.capitalize()} anyway? "
        "(Choose “No” to correct them first on the Data entry tab.)"))


def entry_warning(database: Database, unit_codes: set[str], period_code: str) -> str:
    """The first cross-period problem of the units just written (a year or its Q4)."""
    from desktop.engine.checks import validate_period

    spec = parse_period(period_code)
    if not (spec.kind == "year" or (spec.kind == "quarter" and spec.number == 4)):
        return ""
    with database.session() as session:
        for code in sorted(unit_codes):
            for finding in validate_period(session, code, period_code):
                if finding.rule in ("year_stock", "part_whole"):
                    return finding.message
    return ""
