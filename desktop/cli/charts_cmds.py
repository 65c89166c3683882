"""`itplan charts` (the meeting pack PDF) and `itplan chart KIND` (one chart as a file)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from desktop.cli.common import database, session
from desktop.data.office import require_office
from desktop.errors import UserError
from desktop.i18n import t
from desktop.periods import parse_period

KINDS = ("targets", "trend", "ranking", "completeness")  # as desktop.charts.data.KINDS


def register(commands: argparse._SubParsersAction) -> None:
    pack = commands.add_parser("charts", help="the meeting pack: one PDF with cover, "
                                              "summary table and charts")
    _common(pack)
    pack.add_argument("--out", required=True, type=Path, help="the PDF file to write")
    pack.add_argument("--date", type=dt.date.fromisoformat,
                      help="date on the cover, YYYY-MM-DD (default: today)")
    pack.set_defaults(handler=run_pack)
    one = commands.add_parser("chart", help="one chart as PNG, SVG or PDF")
    one.add_argument("kind", choices=KINDS, help="targets | trend | ranking | completeness")
    _common(one)
    one.add_argument("--indicator", help="indicator code (trend and ranking)")
    one.add_argument("--level", choices=["all", "tinh", "huyen", "xa"],
                     help="target level, when the indicator has several")
    one.add_argument("--out", required=True, type=Path, help="file.png, file.svg or file.pdf")
    one.set_defaults(handler=run_chart)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plan", help="plan code (default: the office's plan)")
    parser.add_argument("--unit", help="unit code (default: the office's own unit)")
    parser.add_argument("--period", required=True, help="2024, 2024Q3 or 2024-07")


def _defaults(active, args: argparse.Namespace) -> tuple[str, str]:
    parse_period(args.period)
    unit, plan = args.unit, args.plan
    if unit is None or plan is None:
        office = require_office(active)
        unit = unit or office.unit_code
        if plan is None:
            if not office.plans:
                raise UserError(t("Cơ quan chưa chọn kế hoạch: dùng --plan.",
                                  "The office follows no plan yet: use --plan."))
            plan = office.plans[0]
    return unit, plan


def run_pack(args: argparse.Namespace) -> int:
    from desktop.charts.export import check_output
    from desktop.charts.pack import make_pack

    out = check_output(args.out, ("pdf",))
    with session(args) as active:
        unit, plan = _defaults(active, args)
    db = database(args)
    try:
        pages = make_pack(db, plan, unit, args.period, out, today=args.date)
    finally:
        db.close()
    print(t(f"Đã tạo {out} ({pages} trang).", f"Wrote {out} ({pages} pages)."))
    return 0


def run_chart(args: argparse.Namespace) -> int:
    from desktop.charts.data import make_chart
    from desktop.charts.export import check_output, save_figure
    from desktop.charts.figures import build_figure

    out = check_output(args.out)
    with session(args) as active:
        unit, plan = _defaults(active, args)
        chart = make_chart(active, args.kind, plan, unit, args.period, args.indicator, args.level)
    save_figure(build_figure(chart), out)
    print(t(f"Đã tạo {out}.", f"Wrote {out}."))
    return 0
