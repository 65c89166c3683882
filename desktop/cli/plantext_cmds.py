"""`itplan plans extract FILE [--json]`: a plan's targets proposed from its text."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from desktop.cli.common import add_json, database_file, print_json, print_table, session
from desktop.errors import UserError
from desktop.formats import format_plain
from desktop.i18n import t
from desktop.plantext.extract import TICK_THRESHOLD, extract_plan
from desktop.plantext.readers import read_plan_file
from desktop.plantext.score import shipped_catalogue


def register_plans(plans: argparse._SubParsersAction) -> None:
    extract = plans.add_parser("extract", help="propose a plan's targets from its text "
                               "(.txt, .docx or .pdf)")
    extract.add_argument("file", type=Path)
    extract.add_argument("--save", metavar="CODE",
                         help="also make plan CODE with the proposals of confidence ≥ 0,6 "
                         "(new indicators created)")
    add_json(extract)
    extract.set_defaults(handler=run_extract)


def _catalogue(args: argparse.Namespace):
    path = database_file(args)
    if path is not None and not path.is_file():
        return shipped_catalogue()
    from desktop.plantext.catalogue import catalogue_from_session

    with session(args) as active:
        return catalogue_from_session(active) or shipped_catalogue()


def run_extract(args: argparse.Namespace) -> int:
    text = read_plan_file(args.file)
    result = extract_plan(text, _catalogue(args))
    if not result.targets:
        raise UserError(t(f"{args.file.name}: không tìm thấy chỉ tiêu định lượng nào trong "
                          "văn bản.", f"{args.file.name}: no quantitative target found in "
                          "the text."))
    if args.save:
        _save(args, result)
    if args.json:
        print_json(result.as_json())
        return 0
    plan = result.plan
    print(t("Kế hoạch: ", "Plan: ") + (plan["title"] or "?"))
    print(t(f"Cơ quan ban hành: {plan['issuer'] or '?'}; số {plan['number'] or '?'}; "
            f"năm {plan['year_from']}–{plan['year_to']}",
            f"Issuer: {plan['issuer'] or '?'}; number {plan['number'] or '?'}; "
            f"years {plan['year_from']}–{plan['year_to']}"))
    rows = [(p.indicator or t("(chỉ số mới)", "(new indicator)"), p.year, p.level or "—",
             p.comparator, _value(p), p.unit, format_plain(p.confidence), p.quote[:70])
            for p in result.targets]
    print_table([t("Chỉ số", "Indicator"), t("Năm", "Year"), t("Cấp", "Level"),
                 t("So sánh", "Comparator"), t("Giá trị", "Value"), t("Đơn vị", "Unit"),
                 t("Tin cậy", "Confidence"), t("Trích", "Quote")], rows, right=(4, 6))
    return 0


def _save(args: argparse.Namespace, result) -> None:
    from desktop.data.plan_from_text import proposal_row, save_plan_from_text

    plan = result.plan
    if not plan["year_from"] or not plan["year_to"]:
        raise UserError(t(f"{args.file.name}: không xác định được năm của kế hoạch; hãy dùng "
                          "hộp thoại Nhập kế hoạch từ văn bản.",
                          f"{args.file.name}: the plan's years are unclear; use the import "
                          "dialog."))
    rows = [proposal_row(p, plan["level"]) for p in result.targets
            if p.confidence >= TICK_THRESHOLD]
    with session(args, write=True) as active:
        save_plan_from_text(active, {"code": args.save, "title": plan["title"] or args.save,
                                     "issuer": plan["issuer"], "decision": plan["number"],
                                     "province": plan["province"],
                                     "decision_date": dt.date.fromisoformat(plan["date"])
                                     if plan["date"] else None,
                                     "year_from": plan["year_from"], "year_to": plan["year_to"],
                                     "source_text": result.text}, rows)
    print(t(f"Đã tạo kế hoạch {args.save} với {len(rows)} mục tiêu.",
            f"Made plan {args.save} with {len(rows)} targets."), file=sys.stderr)


def _value(p) -> str:
    if p.comparator == "between":
        return f"{format_plain(p.min)}–{format_plain(p.max)}"
    return "" if p.value is None else format_plain(p.value)
