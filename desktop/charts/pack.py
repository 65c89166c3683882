"""The meeting pack: one PDF for the People's Committee meeting.

Pages: a cover (office, plan, period, date), the summary table of the
plan's indicators with their status, the overview chart, then for each
indicator its trend over the years and the ranking of the units directly
below, the completeness of the units' reports, and last (for a year) the
ranking of the units by each assessment set that ranks them; "Trang N/M" at the
foot of every page. Fonts are embedded as TrueType (pdf.fonttype 42).

The data is read in one session first, then the pages are drawn.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.assess.chart import ranking_charts
from desktop.charts import data
from desktop.charts.pages import Cover, SummaryRow, TABLE_COLUMNS, cover_figure, table_figure, \
    table_pages
from desktop.data.office import require_office
from desktop.data.queries import in_language, indicator_names, plan_by_code
from desktop.data.units import level_name, unit_by_code
from desktop.engine.progress import ProgressRow, progress
from desktop.engine.status import status_name
from desktop.errors import UserError
from desktop.formats import format_date, format_percent, long_date
from desktop.i18n import t
from desktop.periods import parse_period

Progress = Callable[[int, int], None]
PLACE_PREFIXES = ("Thành phố ", "Thị xã ", "Thị trấn ", "Huyện ", "Quận ", "Tỉnh ", "Xã ",
                  "Phường ")


@dataclass
class PackContent:
    cover: Cover
    summary_title: str
    summary_subtitle: str
    summary: list[SummaryRow]
    charts: list  # BarChart | TrendChart, one page each
    footer: str


def gather(session: Session, plan_code: str, unit_code: str, period_code: str,
           today: dt.date | None = None) -> PackContent:
    """Everything the pack shows, read from the database as plain data."""
    spec = parse_period(period_code)
    unit = unit_by_code(session, unit_code)
    rows = progress(session, plan_code, unit.code, spec.code, by_unit=True)
    main_rows = [row for row in rows if row.parent is None]
    if not main_rows:
        raise UserError(t(f"Kế hoạch {plan_code} không có chỉ tiêu nào áp dụng cho đơn vị "
                          f"{unit_code}.", f"No indicator of plan {plan_code} applies to "
                          f"unit {unit_code}."))
    cover = _cover(session, plan_code, spec.label(), today or dt.date.today(), unit.code,
                   spec.code)
    charts = [data.targets_data(session, plan_code, unit.code, spec.code, rows)]
    years = data.trend_years(session, plan_code, spec.code)
    by_year = data.yearly_rows(session, plan_code, unit.code, years)
    for row in main_rows:
        charts.append(data.trend_data(session, plan_code, unit.code, spec.code, row.indicator,
                                      row.level, by_year))
        if any(r.parent == row.unit and r.indicator == row.indicator and r.level == row.level
               for r in rows):
            charts.append(data.ranking_data(session, plan_code, unit.code, spec.code,
                                            row.indicator, row.level, rows))
    if unit_has_reporters(session, unit.code, spec.code):
        charts.append(data.completeness_data(session, unit.code, spec.code))
    charts += ranking_charts(session, unit.code, spec)
    names = indicator_names(session)
    return PackContent(cover, t("Tổng hợp kết quả thực hiện các chỉ tiêu",
                                "Summary of the indicators"),
                       f"{unit.name} — {spec.label()} — {_plan_cited(session, plan_code)}",
                       [_summary_row(number, row, names)
                        for number, row in enumerate(in_language(session, main_rows), 1)],
                       charts, f"{unit.name} — {spec.label()}")


def _plan_cited(session: Session, plan_code: str) -> str:
    """The plan as the pack's pages cite it (desktop.engine.plan_span.plan_reference)."""
    from desktop.data.queries import plans
    from desktop.engine.plan_span import plan_reference

    return next((plan_reference(row) for row in plans(session) if row["code"] == plan_code),
                plan_code)


def unit_has_reporters(session: Session, unit_code: str, period_code: str) -> bool:
    from desktop.engine.completeness import completeness

    return bool(completeness(session, unit_code, period_code).units)


def _cover(session: Session, plan_code: str, period_label: str, today: dt.date,
           unit_code: str, period_code: str = "") -> Cover:
    from desktop.data.letterhead import letterhead, receiver
    from desktop.engine.plan_span import plan_note_for

    office = require_office(session)
    plan = plan_by_code(session, plan_code)
    province = office.province
    if province and not province.startswith(("Tỉnh", "Thành phố")):
        province = t(f"Tỉnh {province}", f"{province} Province")
    issuer = [line.upper() for line in (province, office.unit_name) if line]
    if office.unit_name == province:
        issuer = issuer[:1]
    own = letterhead(session, "")
    if own:
        issuer = [line.strip().upper() for line in own.splitlines() if line.strip()]
    reference = ""
    if plan.decision:
        dated = t(f" ngày {format_date(plan.decision_date)}", f" of {format_date(plan.decision_date)}") \
            if plan.decision_date else ""
        reference = t(f"(Số {plan.decision}{dated} của {plan.issuer})",
                      f"(No. {plan.decision}{dated}, {plan.issuer})")
    heading = t("Tình hình thực hiện Kế hoạch ứng dụng công nghệ thông tin",
                "Progress of the IT application plan")
    return Cover(issuer, heading.upper(), t(plan.title, plan.title_en or plan.title), reference,
                 period_label, long_date(today, place_name(office.unit_name)),
                 _unit_line(session, office.unit_code, unit_code),
                 t("Kính gửi: ", "To: ") + receiver(session, today),
                 plan_note_for(session, plan_code, period_code))


def _unit_line(session: Session, office_unit: str, unit_code: str) -> str:
    if unit_code == office_unit:
        return ""
    name = unit_by_code(session, unit_code).name
    return t(f"Đơn vị: {name}", f"Unit: {name}")


def place_name(unit_name: str) -> str:
    """'Huyện Triệu Sơn' -> 'Triệu Sơn', for the date line."""
    for prefix in PLACE_PREFIXES:
        if unit_name.startswith(prefix):
            return unit_name[len(prefix):]
    return unit_name


def _summary_row(number: int, row: ProgressRow, names: dict[str, str]) -> SummaryRow:
    target = row.target.text(row.measure) if row.target else ""
    if row.target and not row.applied.is_due:
        target += t(f"\n(năm {row.target.year})", f"\n(by {row.target.year})")
    return SummaryRow([str(number), names.get(row.indicator, row.indicator_name),
                       level_name(row.level), target,
                       data.value_text(row.actual, row.measure, row.decimals),
                       format_percent(row.percent_of_target, 1), status_name(row.status)],
                      row.status)


def page_count(content: PackContent) -> int:
    return 1 + len(table_pages(content.summary)) + len(content.charts)


def render(content: PackContent, out: Path, progress: Progress | None = None) -> int:
    """Write the pack's pages into one PDF; return the number of pages."""
    from desktop.charts.mplsetup import prepare_matplotlib

    prepare_matplotlib()
    from matplotlib.backends.backend_pdf import PdfPages

    from desktop.charts.figures import build_figure

    total = page_count(content)
    headers = [t(vi, en) for vi, en, _share, _chars in TABLE_COLUMNS]
    builders = [lambda: cover_figure(content.cover, _motto())]
    builders += [lambda chunk=chunk: table_figure(content.summary_title,
                                                  content.summary_subtitle, headers, chunk,
                                                  _status_note())
                 for chunk in table_pages(content.summary)]
    builders += [lambda chart=chart: _chart_page(chart, build_figure) for chart in content.charts]
    metadata = {"Title": content.summary_subtitle, "Creator": "IT Plan Monitor"}
    with PdfPages(out, metadata=metadata) as pdf:
        for number, builder in enumerate(builders, 1):
            figure = builder()
            _footer(figure, content.footer, number, total)
            pdf.savefig(figure)
            if progress:
                progress(number, total)
    return total


def _chart_page(chart, build_figure):
    from desktop.charts.style import page_with_footer

    page, body = page_with_footer()
    build_figure(chart, into=body)
    return page


def _motto() -> tuple[str, str]:
    return ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def _status_note() -> str:
    return t("Đánh giá: Đạt — đã đạt mục tiêu; Đúng tiến độ — chưa đến năm mục tiêu và đạt mức "
             "cần có theo lộ trình; Có nguy cơ — thấp hơn mức cần có không quá 10 điểm phần "
             "trăm; Chậm — thấp hơn hơn 10 điểm phần trăm; Chưa có số liệu — chưa báo cáo.",
             "Status: Achieved — the target is met; On track — before the target year and at "
             "or above the path; At risk — at most 10 points below the path; Behind — more "
             "than 10 points below; No data — nothing reported.")


def _footer(figure, text: str, number: int, total: int) -> None:
    figure.text(0.04, 0.012, text, fontsize=8, color="#555555", va="bottom")
    figure.text(0.96, 0.012, t(f"Trang {number}/{total}", f"Page {number}/{total}"),
                fontsize=9, color="#222222", ha="right", va="bottom")


def make_pack(database, plan_code: str, unit_code: str, period_code: str, out: Path | str,
              progress: Progress | None = None, today: dt.date | None = None) -> int:
    """Read the data, then write the pack to `out`; returns the page count."""
    out = Path(out)
    if not out.parent.is_dir():
        raise UserError(t(f"Không có thư mục {out.parent} để lưu tệp.",
                          f"No folder {out.parent} to save the file in."))
    with database.session() as session:
        content = gather(session, plan_code, unit_code, period_code, today)
    try:
        return render(content, out, progress)
    except PermissionError as exc:
        raise UserError(t(f"Không ghi được tệp {out} (tệp đang mở trong chương trình khác?).",
                          f"Cannot write {out} (is it open in another program?).")) from exc
