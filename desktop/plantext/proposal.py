"""A proposed target and the pieces of one: the measure in the text's words,
a new indicator for what the catalogue lacks, readings without a number."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from desktop.plantext.clean import fold
from desktop.plantext.match import best_indicator
from desktop.plantext.mentions import Mention

if TYPE_CHECKING:
    from desktop.plantext.extract import Context


@dataclass
class Proposal:
    """One proposed target; `start`/`end` locate its clause in the clean text."""

    measure: str
    indicator: str | None
    indicator_name: str
    value: float | None
    min: float | None
    max: float | None
    comparator: str
    unit: str
    year: int
    level: str | None
    baseline_year: int | None
    baseline_value: float | None
    quote: str
    confidence: float
    start: int = 0
    end: int = 0
    new_indicator: dict | None = field(default=None)
    own_words: int = 0

    def as_json(self) -> dict:
        data = asdict(self)
        for name in ("start", "end", "new_indicator", "own_words"):
            data.pop(name)
        return data


@dataclass
class Extraction:
    """The clean text, the proposed plan and its proposed targets."""

    text: str
    plan: dict
    targets: list[Proposal]

    def as_json(self) -> dict:
        return {"plan": dict(self.plan), "targets": [p.as_json() for p in self.targets]}


def measure_of(ctx: Context, start: int, end: int, m: Mention, parens) -> str:
    pieces = []
    position = start
    for a, b in sorted(parens + [(m.start, m.end)]):
        if b <= start or a >= end:
            continue
        pieces.append(ctx.text[position:max(a, position)])
        position = max(position, b)
    pieces.append(ctx.text[position:end])
    text = " ".join("".join(pieces).split())
    text = re.sub(r"(?i)\b(đến hết năm|đến năm|vào năm|trong năm|năm|đến)\s+(19|20)\d\d\b", "",
                  text)
    text = re.sub(r"(?i)^(và|đảm bảo|phấn đấu|đạt|có|là|trên|hơn|tối thiểu|ít nhất|khoảng|dưới|"
                  r"không dưới|tối đa|,|;|\s)+", "", text)
    text = re.sub(r"(?i)\s+(đạt|là|lên|có)(\s+(khoảng|tối thiểu|ít nhất|trên|hơn))?\s*$", "",
                  text.strip(" ,;.:"))
    return " ".join(text.split()).strip(" ,;.:")[:200]


def new_name(measure: str, unit: str) -> str:
    head = measure[:1].upper() + measure[1:] if measure else ""
    if unit == "%" and not fold(head).startswith("ty le"):
        return f"Tỷ lệ {measure}"[:200]
    if unit and unit != "%" and not fold(head).startswith("so "):
        return f"Số {measure}"[:200]
    return head[:200]


def new_indicator(p: Proposal) -> dict:
    """A new indicator for a target the catalogue has none for."""
    words = p.measure
    subject = re.split(r"\s(được|có|sử dụng|thực hiện|ứng dụng|kết nối|tham gia|đạt)\s",
                       words, maxsplit=1)[0]
    if p.unit == "%":
        return {"name": p.indicator_name, "unit": "%", "kind": "ratio",
                "numerator": words[:200], "denominator": subject[:200]}
    return {"name": p.indicator_name, "unit": p.unit or "", "kind": "total",
            "element": words[:200]}


def make_vague(ctx: Context, start: int, end: int, value: float, comparator: str,
                years: list[int], level: str | None, measure: str) -> list[Proposal]:
    found, _ = best_indicator(ctx.catalogue, ctx.folded[start:end], fold(measure), "%")
    out = []
    for year in years:
        p = Proposal(measure=measure, indicator=found.code if found else None,
                     indicator_name=found.name if found else new_name(measure, "%"),
                     value=value, min=None, max=None, comparator=comparator, unit="%",
                     year=year, level=level, baseline_year=None, baseline_value=None,
                     quote=ctx.text[start:end].strip(" ,;."), confidence=0.5,
                     start=start, end=end)
        if p.indicator is None:
            p.new_indicator = new_indicator(p)
        out.append(p)
    return out


def make_milestone(ctx: Context, start: int, end: int, year: int) -> Proposal:
    found, _ = best_indicator(ctx.catalogue, ctx.folded[start:end], "", "done")
    quote = ctx.text[start:end].strip(" ,;.")
    measure = " ".join(quote.split())[:200]
    return Proposal(measure=measure, indicator=found.code if found else None,
                    indicator_name=found.name if found else measure, value=None, min=None,
                    max=None, comparator="done", unit="", year=year, level="tinh",
                    baseline_year=None, baseline_value=None, quote=quote, confidence=0.45,
                    start=start, end=end,
                    new_indicator=None if found else {"name": measure, "unit": "",
                                                      "kind": "milestone",
                                                      "element": measure})
