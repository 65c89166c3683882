"""`itplan elements|indicators|plans …`: the catalogue and the plans."""

from __future__ import annotations

import argparse

from desktop.cli import handoff_cmds, plantext_cmds
from desktop.cli.common import add_json, print_json, print_table, session
from desktop.data import queries
from desktop.formats import format_plain
from desktop.i18n import t


def register(commands: argparse._SubParsersAction) -> None:
    elements = commands.add_parser("elements", help="data elements").add_subparsers(
        dest="action", required=True)
    add_json(elements.add_parser("list", help="list data elements"))
    elements.choices["list"].set_defaults(handler=run_elements)
    indicators = commands.add_parser("indicators", help="indicators").add_subparsers(
        dest="action", required=True)
    add_json(indicators.add_parser("list", help="list indicators"))
    indicators.choices["list"].set_defaults(handler=run_indicators)
    plans = commands.add_parser("plans", help="plans and their targets").add_subparsers(
        dest="action", required=True)
    add_json(plans.add_parser("list", help="list plans"))
    plans.choices["list"].set_defaults(handler=run_plans_list)
    show = plans.add_parser("show", help="a plan and every target with its source sentence")
    show.add_argument("code")
    add_json(show)
    show.set_defaults(handler=run_plans_show)
    plantext_cmds.register_plans(plans)
    handoff_cmds.register_plans(plans)


def run_elements(args: argparse.Namespace) -> int:
    return _list_catalogue(args, queries.elements)


def run_indicators(args: argparse.Namespace) -> int:
    return _list_catalogue(args, queries.indicators)


def _list_catalogue(args: argparse.Namespace, query) -> int:
    with session(args) as active:
        rows = query(active)
    if args.json:
        print_json(rows)
    else:
        print_table([t("Mã", "Code"), t("Tên", "Name"), t("Loại", "Kind"), t("Đơn vị", "Unit")],
                    [(r["code"], r["name"], r["kind"], r["unit"]) for r in rows])
    return 0


def run_plans_list(args: argparse.Namespace) -> int:
    with session(args) as active:
        rows = queries.plans(active)
    if args.json:
        print_json(rows)
    else:
        print_table([t("Mã", "Code"), t("Quyết định", "Decision"), t("Giai đoạn", "Years"),
                     t("Tên", "Title")],
                    [(r["code"], r["decision"], f"{r['year_from']}–{r['year_to']}", r["title"])
                     for r in rows])
    return 0


def run_plans_show(args: argparse.Namespace) -> int:
    with session(args) as active:
        plan = queries.plan_detail(active, args.code)
    if args.json:
        print_json(plan)
        return 0
    print(plan["title"])
    print(f"{plan['issuer']} — {plan['decision']}".strip(" —"))
    rows = [(r["indicator"], r["year"], r["level"], r["comparator"], _target_text(r), r["source"])
            for r in plan["targets"]]
    print_table([t("Chỉ tiêu", "Indicator"), t("Năm", "Year"), t("Cấp", "Level"), "",
                 t("Mục tiêu", "Target"), t("Nguồn", "Source")], rows)
    return 0


def _target_text(row: dict) -> str:
    if row["min"] is not None:
        return f"{format_plain(row['min'])}–{format_plain(row['max'])}"
    return format_plain(row["value"])
