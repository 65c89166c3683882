"""`itplan progress|completeness|validate`: where a unit stands."""

from __future__ import annotations

import argparse

from desktop.cli.common import add_json, print_json, print_table, session
from desktop.data.office import require_office
from desktop.data.units import level_name
from desktop.engine.checks import validate_period
from desktop.engine.completeness import completeness
from desktop.engine.progress import ProgressRow, progress
from desktop.engine.status import status_name
from desktop.errors import UserError
from desktop.formats import format_number, format_percent
from desktop.i18n import t
from desktop.periods import parse_period


def register(commands: argparse._SubParsersAction) -> None:
    prog = commands.add_parser("progress", help="indicators against the plan's targets")
    prog.add_argument("--plan", help="plan code (default: the office's plan)")
    _unit_period(prog)
    prog.add_argument("--by-unit", action="store_true", help="add a row per unit directly below")
    add_json(prog)
    prog.set_defaults(handler=run_progress)
    comp = commands.add_parser("completeness", help="which units reported for a period")
    _unit_period(comp)
    add_json(comp)
    comp.set_defaults(handler=run_completeness)
    check = commands.add_parser("validate", help="run the validation rules on stored values")
    _unit_period(check)
    check.add_argument("--jump-factor", type=float, default=3.0,
                       help="warn when a value moves more than this many times (default 3)")
    add_json(check)
    check.set_defaults(handler=run_validate)


def _unit_period(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--unit", help="unit code (default: the office's own unit)")
    parser.add_argument("--period", required=True, help="2024, 2024Q3 or 2024-07")


def _defaults(active, args: argparse.Namespace, need_plan: bool = False) -> tuple[str, str | None]:
    parse_period(args.period)
    unit, plan = args.unit, getattr(args, "plan", None)
    if unit is None or (need_plan and plan is None):
        office = require_office(active)
        unit = unit or office.unit_code
        if need_plan and plan is None:
            if not office.plans:
                raise UserError(t("Cơ quan chưa chọn kế hoạch: dùng --plan.",
                                  "The office follows no plan yet: use --plan."))
            plan = office.plans[0]
    return unit, plan


def run_progress(args: argparse.Namespace) -> int:
    with session(args) as active:
        unit, plan = _defaults(active, args, need_plan=True)
        rows = progress(active, plan, unit, args.period, by_unit=args.by_unit)
    if args.json:
        print_json([row.as_json() for row in rows])
        return 0
    if rows:
        print(t(f"{rows[0].unit_name} — kế hoạch {plan} — {parse_period(args.period).label()}",
                f"{rows[0].unit_name} — plan {plan} — {parse_period(args.period).label()}"))
    print_table([t("Chỉ tiêu", "Indicator"), t("Cấp", "Level"), t("Mục tiêu", "Target"),
                 t("Thực hiện", "Actual"), t("% mục tiêu", "% of target"),
                 t("Trạng thái", "Status")],
                [_progress_cells(row) for row in rows], right=(3, 4))
    return 0


def _progress_cells(row: ProgressRow) -> list[str]:
    name = row.indicator_name if row.parent is None else f"    {row.unit_name}"
    target = row.target.text(row.measure) if row.target else ""
    if row.target and row.applied.expected is not None and not row.applied.is_due:
        target += t(f" (năm {row.target.year})", f" (by {row.target.year})")
    actual = ""
    if row.actual is not None:
        actual = (format_percent(row.actual, row.decimals) if row.measure == "%"
                  else f"{format_number(row.actual, row.decimals)} {row.measure}".strip())
    return [name, level_name(row.level) if row.parent is None else "", target, actual,
            format_percent(row.percent_of_target, 1), status_name(row.status)]


def run_completeness(args: argparse.Namespace) -> int:
    with session(args) as active:
        unit, _ = _defaults(active, args)
        result = completeness(active, unit, args.period)
    if args.json:
        print_json(result.as_json())
        return 0
    print(t(f"Đã báo cáo đủ: {result.units_complete}/{len(result.units)} đơn vị; "
            f"tỷ lệ số liệu: {format_percent(result.share, 1)}",
            f"Complete: {result.units_complete}/{len(result.units)} units; "
            f"values reported: {format_percent(result.share, 1)}"))
    print_table([t("Đơn vị", "Unit"), t("Đã có", "Reported"), t("Tỷ lệ", "Share"),
                 t("Còn thiếu", "Missing")],
                [(u.unit_name, f"{u.reported}/{u.expected}", format_percent(u.share, 1),
                  ", ".join(u.missing[:6]) + (" …" if len(u.missing) > 6 else ""))
                 for u in result.units], right=(1, 2))
    return 0


def run_validate(args: argparse.Namespace) -> int:
    with session(args) as active:
        unit, _ = _defaults(active, args)
        findings = validate_period(active, unit, args.period, args.jump_factor)
    if args.json:
        print_json([f.as_json() for f in findings])
        return 0
    if not findings:
        print(t("Không phát hiện lỗi.", "No problems found."))
        return 0
    print_table([t("Đơn vị", "Unit"), t("Mức", "Severity"), t("Nội dung", "Problem")],
                [(f.unit_name, t("Lỗi", "Error") if f.severity == "error" else t("Cảnh báo", "Warning"),
                  f.message) for f in findings])
    return 0
