"""The ranking as chart data: one bar per unit, best first, coloured by class.

The same `BarChart` (desktop.charts.data) is drawn on screen, in exported
files and in the meeting pack. Bars take the plan-status colours by class
rank: the best class green, the next blue, then orange, then red.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop.assess.model import AssessmentSet
from desktop.assess.scoring import UnitScore, assessed_units, score_units
from desktop.charts.data import Bar, BarChart, Goal
from desktop.engine.scope import UnitTree
from desktop.formats import format_plain
from desktop.i18n import t
from desktop.periods import PeriodSpec

CLASS_STATUSES = ("achieved", "on_track", "at_risk", "behind")


def ranking_chart(assessment: AssessmentSet, rows: list[UnitScore], unit_name: str,
                  year: int) -> BarChart:
    statuses = {band.name: CLASS_STATUSES[min(i, len(CLASS_STATUSES) - 1)]
                for i, band in enumerate(assessment.bands)}
    bars = [Bar(f"{row.rank}. {row.unit_name}", row.total, statuses.get(row.band, "no_data"),
                f"{format_plain(row.total)} · {row.band}") for row in rows]
    legend = {statuses[band.name]: f"{band.name} (≥ {format_plain(band.min)})"
              for band in assessment.bands}
    top = assessment.bands[0]
    subtitle = t(f"{unit_name} — năm {year}", f"{unit_name} — {year}")
    title = t("Xếp hạng các đơn vị theo tổng điểm đánh giá",
              "Units ranked by their assessment total") + "\n" + assessment.name
    return BarChart("ranking", title, subtitle,
                    t(f"Tổng điểm (tối đa {format_plain(assessment.total)})",
                      f"Total points (of {format_plain(assessment.total)})"), bars,
                    Goal(top.min, None, f"{top.name} ≥ {format_plain(top.min)}"), 2, False,
                    legend)


def ranking_charts(session: Session, unit_code: str, spec: PeriodSpec) -> list[BarChart]:
    """The ranking of each set meant for the year that ranks units directly under the unit."""
    from desktop.assess.store import all_sets

    if spec.kind != "year":
        return []
    tree = UnitTree(session)
    unit = tree.get(unit_code)
    charts = []
    for assessment in all_sets(session):
        if not assessment.year_from <= spec.year <= assessment.year_to:
            continue
        if assessed_units(tree, unit, assessment, spec):
            rows = score_units(session, assessment, spec.code, unit.code)
            charts.append(ranking_chart(assessment, rows, unit.name, spec.year))
    return charts
