"""`itplan score sets|show|run|enter|export`: assessment and ranking of units."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import add_json, print_json, print_table, session
from desktop.errors import UserError
from desktop.formats import format_plain, parse_number
from desktop.i18n import t


def register(commands: argparse._SubParsersAction) -> None:
    score = commands.add_parser("score", help="assess and rank units (đánh giá, xếp hạng)")
    actions = score.add_subparsers(dest="score_command", metavar="ACTION")
    actions.required = True
    sets = actions.add_parser("sets", help="the assessment sets")
    add_json(sets)
    sets.set_defaults(handler=run_sets)
    show = actions.add_parser("show", help="a set's criteria, rules and bands")
    show.add_argument("code")
    add_json(show)
    show.set_defaults(handler=run_show)
    run = actions.add_parser("run", help="score and rank the units under a unit for a year")
    _common(run)
    add_json(run)
    run.set_defaults(handler=run_run)
    enter = actions.add_parser("enter", help="record an assessor's score")
    enter.add_argument("--set", required=True, dest="set_code")
    enter.add_argument("--criterion", required=True)
    enter.add_argument("--unit", required=True)
    enter.add_argument("--period", required=True, help="the year, e.g. 2024")
    points = enter.add_mutually_exclusive_group(required=True)
    points.add_argument("--points", help="the score (60,5 or 60.5)")
    points.add_argument("--clear", action="store_true", help="remove the score")
    enter.add_argument("--note", default="")
    enter.add_argument("--evidence", default="", help="what the score rests on")
    enter.set_defaults(handler=run_enter)
    export = actions.add_parser("export", help="the ranking in the built-in Excel form")
    _common(export)
    export.add_argument("--template", help="a report template (.xlsx) with score tags instead")
    export.add_argument("--out", required=True, type=Path, help="FILE.xlsx to write")
    export.add_argument("--force", action="store_true", help="overwrite an existing file")
    export.set_defaults(handler=run_export)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--set", required=True, dest="set_code", help="assessment set code")
    parser.add_argument("--unit", help="the units directly under this one (default: the office)")
    parser.add_argument("--period", required=True, help="the year, e.g. 2024")


def run_sets(args: argparse.Namespace) -> int:
    from desktop.assess.store import all_sets, is_edited

    with session(args) as active:
        rows = [{"code": s.code, "name": s.name, "issuer": s.issuer, "total": s.total,
                 "years": [s.year_from, s.year_to], "levels": list(s.levels),
                 "criteria": len(s.criteria), "example": s.example,
                 "edited": is_edited(active, s.code)} for s in all_sets(active)]
    if args.json:
        print_json(rows)
        return 0
    print_table([t("Mã", "Code"), t("Tên", "Name"), t("Tổng điểm", "Total"),
                 t("Tiêu chí", "Criteria")],
                [(r["code"], r["name"], format_plain(r["total"]), r["criteria"]) for r in rows],
                right=(2, 3))
    return 0


def run_show(args: argparse.Namespace) -> int:
    from desktop.assess.model import rule_name
    from desktop.assess.store import get_set

    with session(args) as active:
        found = get_set(active, args.code)
    criteria = [{"code": c.code, "name": c.name, "group": c.group, "max_points": c.max_points,
                 "rule": c.rule.as_json()} for c in found.criteria]
    if args.json:
        print_json({"code": found.code, "name": found.name, "issuer": found.issuer,
                    "total": found.total, "example": found.example,
                    "years": [found.year_from, found.year_to], "levels": list(found.levels),
                    "groups": [{"code": g.code, "name": g.name, "parent": g.parent,
                                "weight": g.weight} for g in found.groups],
                    "criteria": criteria,
                    "bands": [{"name": b.name, "min": b.min} for b in found.bands]})
        return 0
    print(f"{found.code} — {found.name} ({format_plain(found.total)} {t('điểm', 'points')})")
    print_table([t("Mã", "Code"), t("Nhóm", "Group"), t("Tiêu chí", "Criterion"),
                 t("Tối đa", "Max"), t("Cách tính", "Rule")],
                [(c.code, c.group, c.name, format_plain(c.max_points), rule_name(c.rule.kind))
                 for c in found.criteria], right=(3,))
    print(t("Xếp loại: ", "Bands: ") + "; ".join(
        f"{b.name} ≥ {format_plain(b.min)}" for b in found.bands))
    return 0


def run_run(args: argparse.Namespace) -> int:
    from desktop.assess.scoring import score_units
    from desktop.assess.store import get_set

    with session(args) as active:
        rows = score_units(active, get_set(active, args.set_code), args.period, args.unit,
                           with_previous=True)
    if args.json:
        print_json([row.as_json() for row in rows])
        return 0
    print_table([t("Hạng", "Rank"), t("Đơn vị", "Unit"), t("Tổng", "Total"),
                 t("Xếp loại", "Class"), t("Thiếu", "Missing")],
                [(r.rank, r.unit_name, format_plain(r.total), r.band, len(r.missing) or "")
                 for r in rows], right=(0, 2, 4))
    return 0


def run_enter(args: argparse.Namespace) -> int:
    from desktop.assess.scoring import year_of
    from desktop.assess.store import enter_score, get_set

    points = None
    if not args.clear:
        try:
            points = parse_number(args.points)
        except ValueError:
            points = None
        if points is None:
            raise UserError(t(f"--points: “{args.points}” không phải một số.",
                              f"--points: “{args.points}” is not a number."))
    year = year_of(args.period).year
    with session(args, write=True) as active:
        enter_score(active, get_set(active, args.set_code), args.criterion, args.unit, year,
                    points, args.note, args.evidence)
    print(t("Đã ghi điểm.", "Score recorded.") if points is not None
          else t("Đã xóa điểm.", "Score removed."))
    return 0


def run_export(args: argparse.Namespace) -> int:
    from desktop.assess.export import export_ranking

    with session(args) as active:
        if args.template:
            from desktop.data.office import require_office
            from desktop.reports.fill import fill_report

            unit = args.unit or require_office(active).unit_code
            out = fill_report(active, args.template, unit, args.period, args.out,
                              force=args.force)
        else:
            out = export_ranking(active, args.set_code, args.period, args.out, args.unit,
                                 force=args.force)
    print(t(f"Đã ghi bảng xếp hạng: {out}", f"Ranking written: {out}"))
    return 0
