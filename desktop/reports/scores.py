"""Score tags of report templates: `{{ score:WHAT set=CODE }}` and ranked unit loops.

WHAT is `total`, `max`, `rank`, `previous_rank`, `class`, a criterion code
(its points) or a top group code (its weighted subtotal). In an
`{{ each:units rank=CODE }}` row (the units the set ranks, best first) the
tag refers to the row's unit; elsewhere it needs `unit=CODE`. `period=`
picks another year. The set is named by `set=` or by the loop's `rank=`.
Scores come from desktop.assess (one scoring per set, unit and year).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop.errors import UserError
from desktop.i18n import t

FIXED = {"total", "max", "rank", "previous_rank", "class"}


class ScoreSource:
    """Answers score tags for one report."""

    def __init__(self, session: Session, unit_code: str, year: int):
        self.session, self.unit_code, self.year = session, unit_code, year
        self._runs: dict[tuple[str, int], dict] = {}

    def _run(self, set_code: str, year: int) -> dict:
        key = (set_code, year)
        if key not in self._runs:
            from desktop.assess.scoring import score_units
            from desktop.assess.store import get_set

            rows = score_units(self.session, get_set(self.session, set_code), str(year),
                               self.unit_code, with_previous=True)
            self._runs[key] = {row.unit: row for row in rows}
        return self._runs[key]

    def ranked_units(self, set_code: str) -> list:
        """The loop items of `each:units rank=CODE`: the scored units, best first."""
        from desktop.reports.context import UnitItem

        return [UnitItem(row.unit, row.unit_name, _level(self.session, row.unit_id))
                for row in self._run(set_code, self.year).values()]

    def get(self, what: str, set_code: str, unit_code: str, year: int | None = None):
        row = self._run(set_code, year or self.year).get(unit_code)
        if row is None:
            return None
        fixed = {"total": row.total, "max": row.max_total, "rank": row.rank,
                 "previous_rank": row.previous_rank, "class": row.band}
        if what in fixed:
            return fixed[what]
        if what in row.groups:
            return row.groups[what]
        for criterion in row.criteria:
            if criterion.code == what:
                return criterion.points
        raise UserError(t(f"Bộ “{set_code}” không có tiêu chí hay nhóm “{what}” (thẻ score).",
                          f"Set “{set_code}” has no criterion or group “{what}” (score tag)."))


def _level(session: Session, unit_id: int) -> str:
    from desktop.data.models import OrgUnit

    return session.get(OrgUnit, unit_id).level


def score_getter(source: ScoreSource, tag, in_unit_loop: bool, loop_set: str | None):
    """A function (item, row number) giving a score tag's value (checked: see check.py)."""
    options = dict(tag.options)
    set_code = options.get("set") or loop_set
    if not set_code:
        raise UserError(t(f"Thẻ {tag.text} cần set=MÃ_BỘ (hoặc dòng each:units rank=MÃ_BỘ).",
                          f"The tag {tag.text} needs set=SET_CODE (or an each:units "
                          "rank=SET_CODE row)."))
    year = _year_option(options.get("period", ""))
    what = tag.code.lower() if tag.code.lower() in FIXED else tag.code
    unit = options.get("unit")
    if unit is None and in_unit_loop:
        return lambda item, number: source.get(what, set_code, item.code, year)
    return lambda item, number: source.get(what, set_code, unit, year)


def score_problem(tag, loop: str | None) -> str | None:
    """Why a score tag cannot be filled here, or None."""
    if loop != "units" and not tag.option("unit"):
        return t(f"thẻ {tag.text} cần unit=MÃ_ĐƠN_VỊ ngoài dòng each:units.",
                 f"the tag {tag.text} needs unit=UNIT_CODE outside an each:units row.")
    period = tag.option("period") or ""
    if period and _year_option(period) is None:
        return t(f"thẻ {tag.text}: period={period} không phải một năm (như period=2024).",
                 f"the tag {tag.text}: period={period} is not a year (as in period=2024).")
    return None


def _year_option(period: str) -> int | None:
    """The year a score tag's `period=` names (four ASCII digits), else None."""
    return int(period) if len(period) == 4 and period.isascii() and period.isdigit() else None
