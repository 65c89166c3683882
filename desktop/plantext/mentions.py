"""Numbers in a sentence and what kind each is: a percent, a range, money, a
count of something, a year, a date or a reference number.

Vietnamese numbers: "." groups thousands (1.500) and "," is the decimal
mark (60,5); the conversion is `desktop.formats.parse_number` once the
separators are made plain. Money is in million VND ("15 tỷ 945 triệu").
Works on folded text (see `clean.fold`), whose positions are the clean text's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.formats import parse_number
from desktop.plantext import vocab

NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_DASH = r"(?:-|–|—|den|toi)"
PATTERN = re.compile("|".join((
    r"(?P<date>\b\d{1,2}/\d{1,2}/\d{2,4}\b|ngay \d{1,2} thang \d{1,2}(?: nam \d{4})?)",
    r"(?P<ref>\b\d+\s?[/-]\s?[a-z]{1,5}\b(?:\s?[-–/]\s?[a-z]{1,6})*)",
    rf"(?P<money>(?P<b1>{NUM})\s?ty(?!\s?le)(?:\s?(?:dong\s)?(?P<b2>{NUM})\s?trieu)?"
    rf"(?:\s?dong)?|(?P<m1>{NUM})\s?trieu(?:\s?dong)?)",
    rf"(?P<prange>(?P<pa>{NUM})\s?%?\s?{_DASH}\s?(?P<pb>{NUM})\s?(?:%|phan tram))",
    rf"(?P<pct>(?P<p>{NUM})\s?(?:%|phan tram))",
    rf"(?P<yrange>\b(?P<y1>(?:19|20)\d\d)\s?{_DASH}\s?(?P<y2>(?:19|20)\d\d)\b)",
    rf"(?P<crange>(?P<ca>{NUM})\s?{_DASH}\s?(?P<cb>{NUM})(?!\s?%|[\d.,]*\d))",
    r"(?P<year>(?<![\d.,])(?:19|20)\d\d(?![\d]|[.,]\d))",
    rf"(?P<num>(?<![\d.,])(?:{NUM}))",
)))


@dataclass
class Mention:
    kind: str  # pct, prange, money, count, crange, year, yrange, date, ref, num
    start: int
    end: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str = ""
    noun_end: int = -1
    borrowed: int = -1  # an elliptic count: where the value that lent its noun ends


def vn_number(text: str) -> float:
    """A number written the Vietnamese way: 1.500 → 1500, 60,5 → 60.5, 07 → 7."""
    return parse_number(text.replace(".", "").replace(",", "."))


def find_mentions(folded: str) -> list[Mention]:
    found = []
    for match in PATTERN.finditer(folded):
        kind = match.lastgroup if match.lastgroup in _KINDS else _outer(match)
        try:
            found.append(_mention(match, kind, folded))
        except ValueError:  # a number too large to be one (hundreds of digits): no figure
            continue
    return found


_KINDS = ("date", "ref", "money", "prange", "pct", "yrange", "crange", "year", "num")


def _outer(match: re.Match) -> str:
    return next(name for name in _KINDS if match.group(name) is not None)


def _mention(match: re.Match, kind: str, folded: str) -> Mention:
    g = match.group
    m = Mention(kind, match.start(), match.end())
    if kind == "money":
        if g("b1"):
            m.value = vn_number(g("b1")) * 1000 + (vn_number(g("b2")) if g("b2") else 0)
        else:
            m.value = vn_number(g("m1"))
        m.unit = "triệu đồng"
    elif kind == "pct":
        m.value, m.unit = vn_number(g("p")), "%"
    elif kind == "prange":
        m.low, m.high, m.unit = vn_number(g("pa")), vn_number(g("pb")), "%"
    elif kind == "year":
        m.value = float(g("year"))
    elif kind == "yrange":
        m.low, m.high = float(g("y1")), float(g("y2"))
    elif kind in ("crange", "num"):
        if kind == "crange":
            m.low, m.high = vn_number(g("ca")), vn_number(g("cb"))
        else:
            m.value = vn_number(g("num"))
        noun = count_noun(folded, m.end)
        if noun:
            m.unit, m.noun_end = noun
            m.kind = "count" if kind == "num" else "crange"
        elif kind == "crange":
            m.kind = "num"
    return m


def count_noun(folded: str, end: int) -> tuple[str, int] | None:
    """The counted noun right after a number ("12 cơ sở dữ liệu"), with its end."""
    rest = folded[end:end + 40]
    words = re.match(r"\s?(?:(?:so luong|chiec|cai|bo|con)\s)?", rest)
    at = words.end() if words else 0
    for noun, unit in vocab.COUNT_NOUNS:
        if rest.startswith(noun, at) and not rest[at + len(noun):at + len(noun) + 1].isalpha():
            return unit, end + at + len(noun)
    return None


def label_before(folded: str, start: int) -> bool:
    """Is the number a label ("mức độ 3", "Điều 28", "Quyết định số 22")?"""
    before = folded[max(0, start - 16):start].rstrip()
    return any(before.endswith(" " + word) or before == word for word in vocab.LABEL_BEFORE)
