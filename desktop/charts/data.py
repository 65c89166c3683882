"""What each chart shows, as plain data read from the engine (no matplotlib).

- `targets_data`: every indicator of the plan for one unit and period, the
  actual against its target (a line, or a band for a range), with status;
- `trend_data`: one indicator over the plan's years (and later years up to
  the period, since a target stays in force) against the target path;
- `ranking_data`: the units directly below, ranked on one indicator, with
  the target line;
- `completeness_data`: the share of expected values each unit reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from desktop.data.queries import in_language, indicator_names, plan_by_code
from desktop.data.units import level_name
from desktop.engine.completeness import completeness
from desktop.engine.progress import ProgressRow, progress
from desktop.engine.status import status_name
from desktop.engine.targets import TargetSpec
from desktop.errors import UserError
from desktop.formats import format_number, format_percent
from desktop.i18n import t
from desktop.periods import parse_period, year_period

KINDS = ("targets", "trend", "ranking", "completeness")


# Beyond this many units a chart shows the lagging ones and one bar for the
# rest: 700 bars (a province's communes) cannot be read, and took seconds to draw.
MAX_BARS = 40


def kind_names() -> dict[str, str]:
    """The chart kinds as the user sees them."""
    return {"targets": t("Thực hiện so với mục tiêu", "Actual against target"),
            "trend": t("Diễn biến qua các năm", "Trend over the years"),
            "ranking": t("Xếp hạng đơn vị", "Units ranked"),
            "completeness": t("Mức độ đầy đủ số liệu", "Completeness of reports")}


@dataclass(frozen=True)
class Goal:
    """A target as drawn: a line at `low`, or a band from `low` to `high`."""

    low: float
    high: float | None
    text: str
    expected: float | None = None  # the path value for the year, when below the final target
    year: int | None = None


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    status: str
    text: str
    goal: Goal | None = None


@dataclass(frozen=True)
class BarChart:
    kind: str
    title: str
    subtitle: str
    axis_label: str
    bars: list[Bar]
    goal: Goal | None = None
    decimals: int = 1
    percent_axis: bool = True
    legend: dict[str, str] | None = None  # status -> legend text, when not the plan statuses


@dataclass(frozen=True)
class TrendPoint:
    year: int
    actual: float | None
    status: str
    expected: float | None


@dataclass(frozen=True)
class TrendChart:
    title: str
    subtitle: str
    axis_label: str
    points: list[TrendPoint]
    targets: list[Goal] = field(default_factory=list)
    decimals: int = 1
    percent_axis: bool = True
    plan_end: int | None = None


def value_text(value: float | None, measure: str, decimals: int) -> str:
    """'98,6 %', '15.945 triệu đồng', '' for no value."""
    if value is None:
        return ""
    if measure == "%":
        return format_percent(value, decimals)
    return f"{format_number(value, decimals)} {measure}".strip()


def goal_of(row: ProgressRow) -> Goal | None:
    """The target of a progress row as drawn (None for milestones and missing targets)."""
    target = row.target
    if target is None or target.comparator == "done" or target.reference is None:
        return None
    expected = row.applied.expected
    if row.applied.is_due or expected == target.reference:
        expected = None
    high = target.max if target.comparator == "between" else None
    return Goal(target.reference, high, target_text(target, row.measure), expected, target.year)


def target_text(target: TargetSpec, measure: str) -> str:
    return t(f"Mục tiêu {target.text(measure)} (năm {target.year})",
             f"Target {target.text(measure)} (by {target.year})")


def _context(unit_name: str, period_code: str) -> str:
    return f"{unit_name} — {parse_period(period_code).label()}"


def _row_label(row: ProgressRow, name: str, multi_level: bool) -> str:
    if multi_level and row.level != "all":
        return f"{name} ({level_name(row.level).lower()})"
    return name


def _name(session: Session, row: ProgressRow) -> str:
    """The row's indicator in the current language (as the rows say without a session)."""
    if session is None:
        return row.indicator_name
    return indicator_names(session).get(row.indicator, row.indicator_name)


def _bar(row: ProgressRow, label: str, as_percent_of_target: bool) -> Bar:
    status = status_name(row.status)
    if as_percent_of_target:
        value = row.percent_of_target
        text = format_percent(value, 1) if value is not None else ""
        goal = Goal(100.0, None, t("Mục tiêu (100 %)", "Target (100 %)"))
    else:
        value = row.actual
        text = value_text(value, row.measure, row.decimals)
        goal = goal_of(row)
    text = f"{text} · {status}" if text else status
    return Bar(label, value, row.status, text, goal)


def targets_data(session: Session, plan_code: str, unit_code: str, period_code: str,
                 rows: list[ProgressRow] | None = None) -> BarChart:
    """Every indicator of the plan for the unit: actual against target, with status."""
    if rows is None:
        rows = progress(session, plan_code, unit_code, period_code)
    rows = in_language(session, [row for row in rows if row.parent is None])
    if not rows:
        raise _nothing(plan_code, unit_code)
    levels: dict[str, set[str]] = {}
    for row in rows:
        levels.setdefault(row.indicator, set()).add(row.level)
    mixed = any(row.measure != "%" for row in rows)
    bars = [_bar(row, _row_label(row, _name(session, row), len(levels[row.indicator]) > 1), mixed)
            for row in rows]
    axis = t("Mức đạt so với mục tiêu (%)", "Share of target reached (%)") if mixed \
        else t("Tỷ lệ thực hiện (%)", "Actual (%)")
    return BarChart("targets", t("Kết quả thực hiện các chỉ tiêu so với mục tiêu",
                                 "Indicators: actual against target"),
                    _context(rows[0].unit_name, period_code), axis, bars)


def _indicator_row(rows: list[ProgressRow], indicator: str, level: str | None) -> ProgressRow:
    for row in rows:
        if row.parent is None and row.indicator == indicator and level in (None, row.level):
            return row
    unit = rows[0].unit_name if rows else ""
    raise UserError(t(f"Kế hoạch không có chỉ tiêu “{indicator}” áp dụng cho {unit or 'đơn vị này'}.",
                      f"The plan has no indicator “{indicator}” for {unit or 'this unit'}."))


def _nothing(plan_code: str, unit_code: str) -> UserError:
    return UserError(t(f"Kế hoạch {plan_code} không có chỉ tiêu nào áp dụng cho đơn vị {unit_code}.",
                       f"No indicator of plan {plan_code} applies to unit {unit_code}."))


def ranking_data(session: Session, plan_code: str, unit_code: str, period_code: str,
                 indicator: str, level: str | None = None,
                 rows: list[ProgressRow] | None = None) -> BarChart:
    """The units directly below, best first, on one indicator, with the target line.

    `rows` may pass the result of `progress(..., by_unit=True)` already read."""
    if rows is None:
        rows = progress(session, plan_code, unit_code, period_code, by_unit=True)
    main = _indicator_row(rows, indicator, level)
    rows = in_language(session, [main] + [r for r in rows if r.parent == main.unit])
    main = rows[0]
    children = [r for r in rows if r.parent == main.unit and r.indicator == main.indicator
                and r.level == main.level]
    if not children:
        raise UserError(t(f"{main.unit_name} không có đơn vị trực thuộc để xếp hạng.",
                          f"{main.unit_name} has no units below it to rank."))
    reverse = main.direction != "down"
    ranked = sorted([r for r in children if r.actual is not None],
                    key=lambda r: r.actual, reverse=reverse)
    ranked += [r for r in children if r.actual is None]
    if len(ranked) > MAX_BARS:
        ranked.reverse()  # many units: the lagging ones first, the rest in one bar
    bars = [_bar(r, r.unit_name, False) for r in ranked[:MAX_BARS - 1]]
    if len(ranked) > MAX_BARS:
        bars.append(_rest_of_ranking(ranked[MAX_BARS - 1:]))
    subtitle = t(f"{_context(main.unit_name, period_code)} — chung: "
                 f"{value_text(main.actual, main.measure, main.decimals) or 'chưa có số liệu'}",
                 f"{_context(main.unit_name, period_code)} — overall: "
                 f"{value_text(main.actual, main.measure, main.decimals) or 'no data'}")
    return BarChart("ranking", _name(session, main), subtitle, _axis(main), bars,
                    goal_of(main), main.decimals, main.measure == "%")


def _rest_of_ranking(rest: list[ProgressRow]) -> Bar:
    """One bar for the units beyond the lagging ones: their median, named as such."""
    known = sorted((r for r in rest if r.actual is not None), key=lambda r: r.actual)
    middle = known[len(known) // 2] if known else rest[0]
    value = middle.actual if known else None
    shown = value_text(value, middle.measure, middle.decimals)
    label = t(f"{len(rest)} đơn vị còn lại (trung vị)", f"{len(rest)} other units (median)")
    return Bar(label, value, middle.status, f"{shown} · {status_name(middle.status)}"
               if shown else status_name(middle.status))


def _axis(row: ProgressRow) -> str:
    if row.measure == "%":
        return t("Tỷ lệ (%)", "Rate (%)")
    return t(f"Giá trị ({row.measure})", f"Value ({row.measure})") if row.measure \
        else t("Giá trị", "Value")


def trend_years(session: Session, plan_code: str, period_code: str) -> list[int]:
    """The plan's years, continued up to the period's year."""
    plan = plan_by_code(session, plan_code)
    last = max(plan.year_to, parse_period(period_code).year)
    return list(range(plan.year_from, last + 1))


def yearly_rows(session: Session, plan_code: str, unit_code: str,
                years: list[int]) -> dict[int, list[ProgressRow]]:
    """The unit's progress rows for each year (read once, shared by every trend chart)."""
    return {year: progress(session, plan_code, unit_code, year_period(year).code) for year in years}


def _point(year: int, row: ProgressRow, last_year: int) -> TrendPoint:
    """A year's point; years after the period's year show the path only."""
    expected = row.applied.expected if row.applied else None
    if year > last_year:
        return TrendPoint(year, None, "no_data", expected)
    return TrendPoint(year, row.actual, row.status, expected)


def trend_data(session: Session, plan_code: str, unit_code: str, period_code: str,
               indicator: str, level: str | None = None,
               by_year: dict[int, list[ProgressRow]] | None = None) -> TrendChart:
    """One indicator year by year against the plan's path and targets."""
    years = trend_years(session, plan_code, period_code)
    by_year = by_year or yearly_rows(session, plan_code, unit_code, years)
    rows = in_language(session, [_indicator_row(by_year[year], indicator, level)
                                 for year in years])
    level = rows[-1].level
    shown = [year for year, row in zip(years, rows) if year <= parse_period(period_code).year]
    last_year = parse_period(period_code).year
    points = [_point(row_year, row, last_year) for row_year, row in zip(years, rows)]
    plan = plan_by_code(session, plan_code)
    targets = _plan_goals(rows[-1], plan, indicator, level)
    last = rows[-1]
    return TrendChart(_name(session, last), _trend_subtitle(last.unit_name, shown), _axis(last),
                      points, targets, last.decimals, last.measure == "%", plan.year_to)


def _trend_subtitle(unit_name: str, shown: list[int]) -> str:
    """The unit and the years whose values the trend shows ("năm 2026" for one year)."""
    if not shown:
        return unit_name
    if shown[0] == shown[-1]:
        return t(f"{unit_name} — số liệu năm {shown[0]}", f"{unit_name} — values for {shown[0]}")
    return t(f"{unit_name} — số liệu các năm {shown[0]}–{shown[-1]}",
             f"{unit_name} — values for {shown[0]}–{shown[-1]}")


def _plan_goals(row: ProgressRow, plan, indicator: str, level: str) -> list[Goal]:
    goals = []
    for target in sorted(plan.targets, key=lambda tg: tg.year):
        if target.indicator.code != indicator or target.level != level:
            continue
        if target.comparator == "done":
            continue
        low = target.min_value if target.comparator == "between" else target.value
        high = target.max_value if target.comparator == "between" else None
        spec = TargetSpec(indicator, target.year, level, target.comparator, target.value,
                          target.min_value, target.max_value)
        goals.append(Goal(low, high, target_text(spec, row.measure), None, target.year))
    return goals


def completeness_data(session: Session, unit_code: str, period_code: str) -> BarChart:
    """Each reporting unit's share of the values expected for the period, least first."""
    result = completeness(session, unit_code, period_code)
    if not result.units:
        raise UserError(t(f"Không có đơn vị nào phải báo cáo kỳ {period_code} dưới {unit_code}.",
                          f"No unit under {unit_code} reports for {period_code}."))
    legend = completeness_legend()
    bars = completeness_bars(result.units, legend)
    name = _unit_name(session, unit_code)
    subtitle = t(f"{_context(name, period_code)} — đã đủ {result.units_complete}/"
                 f"{len(result.units)} đơn vị, {format_percent(result.share, 1)} số liệu",
                 f"{_context(name, period_code)} — {result.units_complete}/"
                 f"{len(result.units)} units complete, {format_percent(result.share, 1)} of values")
    return BarChart("completeness", t("Mức độ đầy đủ số liệu báo cáo của các đơn vị",
                                      "Completeness of the units' reports"), subtitle,
                    t("Tỷ lệ số liệu đã báo cáo (%)", "Share of values reported (%)"), bars,
                    Goal(100.0, None, t("Đủ số liệu (100 %)", "Complete (100 %)")), 1, True,
                    legend)


def completeness_legend() -> dict[str, str]:
    return {"achieved": t("Đủ", "Complete"), "at_risk": t("Còn thiếu", "Missing values"),
            "no_data": t("Chưa báo cáo", "Not reported")}


def completeness_bars(units: list, legend: dict[str, str]) -> list[Bar]:
    """A bar per unit, least complete first (as `units` come); beyond MAX_BARS units,
    the least complete ones and one bar for the rest, however many units there are."""
    shown = units if len(units) <= MAX_BARS else units[:MAX_BARS - 1]
    bars = []
    for unit in shown:
        status = "achieved" if unit.complete else ("no_data" if unit.reported == 0 else "at_risk")
        bars.append(Bar(unit.unit_name, unit.share, status,
                        f"{unit.reported}/{unit.expected} · {legend[status].lower()}"))
    if len(shown) < len(units):
        bars.append(_rest_of_completeness(units[len(shown):], legend))
    return bars


def _rest_of_completeness(rest: list, legend: dict[str, str]) -> Bar:
    """One bar for the units after the least complete ones: their values together."""
    reported, expected = sum(u.reported for u in rest), sum(u.expected for u in rest)
    status = "achieved" if all(u.complete for u in rest) else "at_risk"
    share = 100.0 * reported / expected if expected else 0.0
    label = t(f"{len(rest)} đơn vị còn lại", f"{len(rest)} other units")
    return Bar(label, share, status, f"{reported}/{expected} · {legend[status].lower()}")


def _unit_name(session: Session, unit_code: str) -> str:
    from desktop.data.units import unit_by_code

    return unit_by_code(session, unit_code).name


def make_chart(session: Session, kind: str, plan_code: str, unit_code: str, period_code: str,
               indicator: str | None = None, level: str | None = None) -> BarChart | TrendChart:
    """The data of one chart of `kind` (see KINDS)."""
    if kind not in KINDS:
        raise UserError(t(f"Không có loại biểu đồ “{kind}” (chọn: {', '.join(KINDS)}).",
                          f"No chart kind “{kind}” (choose: {', '.join(KINDS)})."))
    if kind == "targets":
        return targets_data(session, plan_code, unit_code, period_code)
    if kind == "completeness":
        return completeness_data(session, unit_code, period_code)
    if not indicator:
        raise UserError(t(f"Biểu đồ “{kind}” cần một chỉ tiêu (--indicator).",
                          f"The “{kind}” chart needs an indicator (--indicator)."))
    if kind == "trend":
        return trend_data(session, plan_code, unit_code, period_code, indicator, level)
    return ranking_data(session, plan_code, unit_code, period_code, indicator, level)
