"""An assessment set (bộ tiêu chí) as plain data, read from TOML and checked.

A set has groups (a group may sit under another: `parent`), criteria in
groups, each with its maximum points and a scoring rule, bands (class name
and minimum total) and a declared total. A group's `weight` (default 1)
multiplies the points of everything in it. `parse_set` refuses a set whose
points do not add up to its total, whose rule names an unknown indicator or
element, whose bands overlap or leave a gap, or whose rule could give more
than its criterion's maximum: one sentence naming the criterion.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from desktop.errors import UserError
from desktop.i18n import t

RULES = ("proportional", "thresholds", "rank", "yesno", "assessor")
RULE_NAMES = {
    "proportional": ("tỷ lệ với chỉ tiêu", "proportional to target"),
    "thresholds": ("theo ngưỡng", "by thresholds"),
    "rank": ("theo thứ hạng", "by rank"),
    "yesno": ("có/không, đạt/chưa", "yes/no or milestone"),
    "assessor": ("hội đồng chấm", "assessor's score"),
}
TOLERANCE = 1e-6


@dataclass(frozen=True)
class Rule:
    """How a criterion turns into points. `steps` are (threshold, points) for
    thresholds, highest first; `rank_points` the points of rank 1, 2, …"""

    kind: str
    indicator: str | None = None  # an indicator or data element code
    target: float | None = None
    steps: tuple[tuple[float, float], ...] = ()
    rank_points: tuple[float, ...] = ()
    lower_is_better: bool = False

    def as_json(self) -> dict:
        data: dict = {"kind": self.kind}
        if self.indicator:
            data["indicator"] = self.indicator
        if self.target is not None:
            data["target"] = self.target
        if self.steps:
            data["steps"] = [list(step) for step in self.steps]
        if self.rank_points:
            data["rank_points"] = list(self.rank_points)
        if self.lower_is_better:
            data["lower_is_better"] = True
        return data


@dataclass(frozen=True)
class Criterion:
    code: str
    name: str
    group: str
    max_points: float
    rule: Rule
    note: str = ""


@dataclass(frozen=True)
class Group:
    code: str
    name: str
    parent: str | None = None
    weight: float = 1.0


@dataclass(frozen=True)
class Band:
    name: str
    min: float


@dataclass(frozen=True)
class AssessmentSet:
    code: str
    name: str
    issuer: str
    year_from: int
    year_to: int
    levels: tuple[str, ...]
    kinds: tuple[str, ...]
    total: float
    groups: tuple[Group, ...]
    criteria: tuple[Criterion, ...]
    bands: tuple[Band, ...]  # highest minimum first
    example: bool = False
    note: str = ""
    source: str = field(default="", compare=False)  # the TOML text it was read from

    @cached_property
    def _groups_by_code(self) -> dict[str, Group]:
        return {g.code: g for g in self.groups}

    def group(self, code: str) -> Group:
        return self._groups_by_code[code]

    def top_group(self, code: str) -> Group:
        group = self.group(code)
        while group.parent:
            group = self.group(group.parent)
        return group

    def weight_of(self, criterion: Criterion) -> float:
        """The product of the weights of the criterion's group and the groups above it."""
        weight, group = 1.0, self.group(criterion.group)
        while True:
            weight *= group.weight
            if not group.parent:
                return weight
            group = self.group(group.parent)

    @cached_property
    def criterion_shares(self) -> tuple[tuple[str, float], ...]:
        """For each criterion, in order: the code of its top group and its weight there
        (worked out once: a ranking adds up every criterion of every unit)."""
        return tuple((self.top_group(c.group).code, self.weight_of(c)) for c in self.criteria)

    def top_groups(self) -> list[Group]:
        return [g for g in self.groups if not g.parent]

    def band_for(self, total: float) -> str:
        for band in self.bands:
            if total + TOLERANCE >= band.min:
                return band.name
        return ""

    def applies_to(self, level: str, kind: str) -> bool:
        return level in self.levels and (not self.kinds or kind in self.kinds)


def parse_set(text: str, known: Callable[[str], object], where: str = "") -> AssessmentSet:
    """The set in `text` (TOML), checked; `known(code)` is falsy for an unknown
    indicator or element code, else its kind (see store.known_codes) or True.
    A UserError names what is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(t(f"Bộ tiêu chí {where} không đọc được (TOML): {exc}.",
                          f"Assessment set {where} cannot be read (TOML): {exc}.")) from None
    try:
        built = _build(data, text)
    except (KeyError, TypeError, ValueError, IndexError, OverflowError) as exc:
        raise UserError(t(f"Bộ tiêu chí {where} thiếu hoặc sai trường {exc}.",
                          f"Assessment set {where} has a missing or wrong field {exc}.")) from None
    check_set(built, known)
    return built


def _build(data: dict, text: str) -> AssessmentSet:
    years = data.get("years", [2000, 2100])
    if not isinstance(years, list) or not years:
        raise ValueError("years")
    groups = tuple(Group(str(g["code"]), str(g["name"]), _optional_text(g.get("parent")),
                         float(g.get("weight", 1.0))) for g in data.get("group", []))
    criteria = tuple(_criterion(c) for c in data.get("criterion", []))
    bands = tuple(sorted((Band(str(b["name"]), float(b["min"])) for b in data.get("band", [])),
                         key=lambda b: -b.min))
    _check_band_maxima(data.get("band", []), float(data["total"]))
    return AssessmentSet(
        code=str(data["code"]), name=str(data["name"]), issuer=str(data.get("issuer", "")),
        year_from=int(years[0]), year_to=int(years[-1]),
        levels=tuple(data.get("levels", ["tinh", "huyen", "xa"])),
        kinds=tuple(data.get("kinds", [])), total=float(data["total"]), groups=groups,
        criteria=criteria, bands=bands, example=bool(data.get("example", False)),
        note=str(data.get("note", "")), source=text)


def _criterion(raw: dict) -> Criterion:
    kind = str(raw["rule"])
    target = raw.get("target")
    rule = Rule(kind=kind, indicator=_optional_text(raw.get("indicator") or raw.get("element")),
                target=None if target is None else float(target),
                steps=tuple(sorted(((float(a), float(b)) for a, b in raw.get("steps", [])),
                                   reverse=not raw.get("lower_is_better", False))),
                rank_points=tuple(float(p) for p in raw.get("rank_points", [])),
                lower_is_better=bool(raw.get("lower_is_better", False)))
    return Criterion(str(raw["code"]), str(raw["name"]), str(raw["group"]),
                     float(raw["max_points"]), rule, str(raw.get("note", "")))


def _optional_text(value: object) -> str | None:
    """A code given in the set, or None; anything but text is a wrong field."""
    if value is None or isinstance(value, str):
        return value or None
    raise TypeError(repr(value))


def _check_band_maxima(raw_bands: list[dict], total: float) -> None:
    """Bands given with a `max` too must meet end to end: [min, max) without gap or overlap."""
    spans = sorted(((float(b["min"]), float(b["max"]), str(b["name"]))
                    for b in raw_bands if "max" in b))
    for (low, high, name), (next_low, _high, next_name) in zip(spans, spans[1:]):
        if not math.isclose(high, next_low):
            what = t("chồng lên", "overlaps") if high > next_low else t("hở với", "leaves a gap before")
            raise UserError(t(f"Xếp loại “{name}” (đến {high:g}) {what} xếp loại “{next_name}” "
                              f"(từ {next_low:g}).",
                              f"Band “{name}” (up to {high:g}) {what} band “{next_name}” "
                              f"(from {next_low:g})."))


def check_set(built: AssessmentSet, known: Callable[[str], object]) -> None:
    """Refuse a set that cannot be scored as declared (see the module's docstring)."""
    group_codes = {g.code for g in built.groups}
    for group in built.groups:
        if group.parent and group.parent not in group_codes:
            raise UserError(t(f"Nhóm “{group.code}” thuộc nhóm “{group.parent}” không có.",
                              f"Group “{group.code}” is under a missing group “{group.parent}”."))
    _check_no_cycle(built)
    seen: set[str] = set()
    for criterion in built.criteria:
        if criterion.code in seen:
            raise UserError(t(f"Tiêu chí “{criterion.code}” có hai lần.",
                              f"Criterion “{criterion.code}” appears twice."))
        seen.add(criterion.code)
        _check_criterion(criterion, group_codes, known)
    declared = sum(c.max_points * built.weight_of(c) for c in built.criteria)
    if not math.isclose(declared, built.total, abs_tol=1e-6):
        raise UserError(t(f"Bộ tiêu chí “{built.code}”: điểm tối đa các tiêu chí cộng lại "
                          f"{declared:g}, không bằng tổng {built.total:g} đã khai.",
                          f"Assessment set “{built.code}”: the criteria's maximum points add up "
                          f"to {declared:g}, not the declared total {built.total:g}."))
    _check_bands(built)


def _check_no_cycle(built: AssessmentSet) -> None:
    """Refuse groups that are (through their parents) under themselves: their weights
    and top groups could never be worked out."""
    parents = {g.code: g.parent for g in built.groups}
    for group in built.groups:
        seen, code = {group.code}, group.parent
        while code:
            if code in seen:
                raise UserError(t(f"Nhóm “{group.code}” nằm dưới chính nó (qua nhóm “{code}”).",
                                  f"Group “{group.code}” is under itself (through group "
                                  f"“{code}”)."))
            seen.add(code)
            code = parents.get(code)


def _check_criterion(criterion: Criterion, group_codes: set[str],
                     known: Callable[[str], object]) -> None:
    rule, code = criterion.rule, criterion.code

    def refuse(vi: str, en: str) -> None:
        raise UserError(t(f"Tiêu chí “{code}”: {vi}.", f"Criterion “{code}”: {en}."))

    if criterion.group not in group_codes:
        refuse(f"nhóm “{criterion.group}” không có", f"no group “{criterion.group}”")
    if rule.kind not in RULES:
        refuse(f"cách tính “{rule.kind}” không có (dùng {', '.join(RULES)})",
               f"no rule “{rule.kind}” (use {', '.join(RULES)})")
    if criterion.max_points <= 0:
        refuse("điểm tối đa phải lớn hơn 0", "maximum points must be above 0")
    if rule.kind != "assessor":
        if not rule.indicator:
            refuse("thiếu chỉ số (indicator) để tính điểm", "no indicator to score from")
        kind = known(rule.indicator)
        if not kind:
            refuse(f"chỉ số “{rule.indicator}” không có trong danh mục",
                   f"indicator “{rule.indicator}” is not in the catalogue")
        if rule.kind == "yesno" and isinstance(kind, str) and kind not in ("yesno", "milestone"):
            refuse(f"cách tính có/không cần một số liệu có/không hoặc một mốc hoàn thành, "
                   f"“{rule.indicator}” không phải",
                   f"a yes/no rule needs a yes/no element or a milestone, which "
                   f"“{rule.indicator}” is not")
    if rule.kind == "proportional" and not (rule.target and rule.target > 0):
        refuse("cách tính tỷ lệ cần chỉ tiêu (target) lớn hơn 0",
               "a proportional rule needs a target above 0")
    if rule.kind == "thresholds":
        if not rule.steps:
            refuse("cách tính theo ngưỡng cần các mức (steps)", "a thresholds rule needs steps")
        _not_above_max(criterion, [points for _, points in rule.steps], refuse)
    if rule.kind == "rank":
        if not rule.rank_points:
            refuse("cách tính theo thứ hạng cần điểm từng hạng (rank_points)",
                   "a rank rule needs rank_points")
        _not_above_max(criterion, list(rule.rank_points), refuse)


def _not_above_max(criterion: Criterion, points: list[float], refuse) -> None:
    top = max(points)
    if top > criterion.max_points + TOLERANCE:
        refuse(f"mức {top:g} điểm vượt điểm tối đa {criterion.max_points:g}",
               f"a step of {top:g} points is above the maximum {criterion.max_points:g}")
    if min(points) < 0:
        refuse("điểm một mức không được âm", "a step's points cannot be negative")


def _check_bands(built: AssessmentSet) -> None:
    if not built.bands:
        raise UserError(t(f"Bộ tiêu chí “{built.code}” chưa có xếp loại (band).",
                          f"Assessment set “{built.code}” has no bands."))
    for higher, lower in zip(built.bands, built.bands[1:]):
        if math.isclose(higher.min, lower.min):
            raise UserError(t(f"Xếp loại “{higher.name}” và “{lower.name}” chồng lên nhau "
                              f"(cùng mức từ {lower.min:g} điểm).",
                              f"Bands “{higher.name}” and “{lower.name}” overlap "
                              f"(both from {lower.min:g} points)."))
    lowest, highest = built.bands[-1], built.bands[0]
    if lowest.min > TOLERANCE:
        raise UserError(t(f"Xếp loại thấp nhất “{lowest.name}” bắt đầu từ {lowest.min:g} điểm: "
                          f"tổng dưới {lowest.min:g} không có xếp loại.",
                          f"The lowest band “{lowest.name}” starts at {lowest.min:g} points: "
                          f"a total below that has no band."))
    if highest.min > built.total + TOLERANCE:
        raise UserError(t(f"Xếp loại “{highest.name}” từ {highest.min:g} điểm, vượt tổng "
                          f"{built.total:g} của bộ.",
                          f"Band “{highest.name}” starts at {highest.min:g}, above the set's "
                          f"total {built.total:g}."))


def rule_name(kind: str) -> str:
    vi, en = RULE_NAMES[kind]
    return t(vi, en)
