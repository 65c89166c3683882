"""The reading rules for one value in its clause: year, level, comparator,
baseline; and targets without a number ("mọi văn bản", milestones).

All rules read the folded text (see `clean.fold`); positions are absolute.
"""

from __future__ import annotations

import functools
import re

from desktop.plantext import vocab
from desktop.plantext.mentions import Mention

_YEAR_CUE = re.compile(r"(den het nam|den nam|vao nam|trong nam|truoc nam|nam|den|tu nam)\s?$")


@functools.cache
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in phrases) + r")\b")


def has_phrase(text: str, phrases: tuple[str, ...]) -> bool:
    """Does `text` (folded) hold one of `phrases` as whole words?"""
    return _phrase_pattern(phrases).search(text) is not None


def paren_spans(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, depth, opened = [], 0, 0
    for index in range(start, end):
        char = folded[index]
        if char == "(":
            if depth == 0:
                opened = index
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, index + 1))
    if depth:
        spans.append((opened, end))
    return spans


def _outside(m: Mention, parens) -> bool:
    return not any(a <= m.start < b for a, b in parens)


def years_for(ctx, mentions, parens, sentence_start, seg_start, seg_end, m: Mention):
    """(target years, named in the segment?, a "từ năm" series?) for a value."""
    years = [y for y in mentions if y.kind in ("year", "yrange") and _outside(y, parens)
             and seg_start <= y.start < seg_end]
    plain = [y for y in years if y.kind == "year"]
    chosen = min(plain, key=lambda y: abs(y.start - m.start)) if plain else (
        years[-1] if years else None)
    explicit = chosen is not None
    if chosen is None:
        earlier = [y for y in mentions if y.kind in ("year", "yrange") and _outside(y, parens)
                   and sentence_start <= y.start < seg_start]
        chosen = earlier[-1] if earlier else None
    if chosen is None:
        return [ctx.default_year], False, False
    year = int(chosen.value if chosen.kind == "year" else chosen.high)
    before = ctx.folded[max(0, chosen.start - 8):chosen.start]
    if chosen.kind == "year" and re.search(r"\btu (nam )?$", before) and year <= ctx.year_to:
        return list(range(year, min(ctx.year_to, year + 10) + 1)), explicit, True
    if year < ctx.year_from:
        return [], explicit, False  # a year before the plan: where things stood, not a target
    return [year], explicit, False


def subject_of(folded: str, start: int, end: int, m: Mention) -> str:
    """What a percent counts: the words after it ("80% cán bộ …"), else the words
    after "tỷ lệ" before it ("tỷ lệ người dân … đạt 50%")."""
    if m.kind not in ("pct", "prange"):
        return ""
    after = folded[m.end:end].strip(" ,;.")
    if len(after.split()) >= 2 and not after.startswith(("tro len", "tro xuong", "tro di")):
        return after
    head = folded[start:m.start].strip(" ,;.")
    at = head.find("ty le ")
    return head[at + 6:] if at >= 0 else head


def levels_for(ctx, folded, start, end, m: Mention, parens, unit: str) -> list[str | None]:
    text = _without(folded, start, end, parens)
    if any(word in text for word in vocab.ALL_LEVELS):
        return ["all"]
    named = [level for level, patterns in vocab.LEVEL_PATTERNS.items()
             if any(re.search(p, text) for p in patterns)]
    if len(named) == 3:
        return ["all"]
    if named:
        return named
    subject = subject_of(folded, start, end, m) or folded[start:m.start].strip()
    if any(subject.removeprefix("cac ").startswith(word) for word in vocab.NON_STATE) \
            and not subject.startswith("nguoi dan va"):
        return [None]
    if m.kind in ("count", "crange") and m.unit in ("doanh nghiệp", "người"):
        return [None]
    if ctx.body_level == "tinh":
        return ["all"] if unit == "%" else ["tinh"]
    return [ctx.body_level]


def _without(folded: str, start: int, end: int, parens) -> str:
    pieces, position = [], start
    for a, b in parens:
        if b <= start or a >= end:
            continue
        pieces.append(folded[position:max(a, position)])
        position = max(position, b)
    pieces.append(folded[position:end])
    return " ".join("".join(pieces).split())


def comparator_for(folded: str, start: int, m: Mention) -> str:
    before = folded[max(start, m.start - 30):m.start].rstrip()
    for cue, comparator in vocab.COMPARATOR_CUES:
        at = before.rfind(cue)
        if at < 0 or (at and before[at - 1].isalpha()):
            continue
        between = before[at + len(cue):].strip()
        close = between in ("", "muc", "con", "la", "dat") if cue in (
            "tren", "hon", "duoi", "vuot", "it hon", "cao hon", "thap hon") else \
            len(between.split()) <= 2
        if close:
            return comparator
    return ">="


def baseline_in(ctx, mentions, parens, m: Mention, seg_end: int):
    """(year, value) of "(năm 2009 là 40%)" right after the value, if any."""
    for a, b in parens:
        if a < m.end or a > seg_end or a - m.end > 60:
            continue
        inside = [n for n in mentions if a <= n.start < b]
        year = next((n for n in inside if n.kind == "year"), None)
        value = next((n for n in inside if n.kind in ("pct", "count", "money", "num")
                      and n is not year), None)
        if year and value and value.value is not None:
            return int(year.value), value.value
    return None


def own_words(folded: str, start: int, end: int, m: Mention, parens) -> str:
    """The clause's words that say what is measured (no numbers, years, levels, cues)."""
    text = _without(folded, start, end, parens)
    text = re.sub(r"[\d.,%;:()\-–]+", " ", text)
    drop = ("nam", "den", "het", "vao", "dat", "o", "cap", "tinh", "huyen", "xa", "la", "va",
            "khoang", "tren", "hon", "toi", "thieu", "it", "nhat", "co", "cac", "phan", "dau")
    return " ".join(w for w in text.split() if w not in drop)


def every_word_targets(ctx, start, end, taken, make) -> list:
    """"mọi văn bản", "mỗi cán bộ", "tất cả các cơ quan", "đa số máy tính": 100 % (or > 50 %)."""
    folded = ctx.folded
    out = []
    for word, comparator in vocab.EVERY_WORDS:
        for found in re.finditer(rf"\b{re.escape(word)}\s", folded[start:end]):
            at = start + found.start()
            after = folded[at + len(found.group()):at + len(found.group()) + 30]
            if not any(after.startswith(noun) for noun in vocab.EVERY_NOUNS):
                continue
            clause = _clause(folded, start, end, at)
            if any(a < clause[1] and clause[0] < b for a, b in taken):
                continue
            text = folded[clause[0]:clause[1]]
            if has_phrase(text, vocab.STATUS_CUES):
                continue
            value = 50.0 if word == "da so" else 100.0
            years = _clause_years(ctx, folded, start, clause)
            if not years:
                continue
            level = "all" if word != "da so" else "all"
            measure = ctx.text[at:clause[1]].strip(" ,;.")
            out.extend(make(ctx, clause[0], clause[1], value, comparator, years, level, measure))
            taken.append(clause)
    return out


def _clause(folded: str, start: int, end: int, at: int) -> tuple[int, int]:
    left = max(folded.rfind(";", start, at), folded.rfind(". ", start, at))
    if folded[max(start, at - 2):at] == ", ":
        left = at - 1
    right = min([i for i in (folded.find(";", at, end), folded.find(". ", at, end)) if i >= 0]
                or [end])
    return (left + 1 if left >= 0 else start), right


def _clause_years(ctx, folded, sentence_start, clause) -> list[int]:
    before = folded[sentence_start:clause[1]]
    found = list(re.finditer(r"(tu nam |den nam |den het nam |vao nam |nam |den )((?:19|20)\d\d)\b",
                             before))
    if not found:
        return [ctx.default_year]
    cue, year = found[-1].group(1), int(found[-1].group(2))
    if cue.startswith("tu"):
        return list(range(year, min(ctx.year_to, year + 10) + 1)) if year <= ctx.year_to else []
    return [year] if ctx.year_from <= year <= ctx.year_to + 10 else []


def milestone_for(ctx, start, end, mentions, parens):
    """(start, end, year) of a clause that promises a thing done by a year, if any."""
    folded = ctx.folded
    for clause_start, clause_end in _clauses(folded, start, end):
        text = folded[clause_start:clause_end]
        due = re.search(r"(vao nam|den nam|den het nam|trong nam|truoc nam|^den) ?((?:19|20)\d\d)\b",
                        text.strip())
        if not due or not any(re.search(rf"\b{verb}\b", text) for verb in vocab.MILESTONE_VERBS):
            continue
        if has_phrase(text, vocab.STATUS_CUES):
            continue
        year = int(due.group(2))
        if ctx.year_from <= year <= ctx.year_to:
            return clause_start, clause_end, year
    return None


def _clauses(folded: str, start: int, end: int):
    position = start
    for match in re.finditer(r";", folded[start:end]):
        yield position, start + match.start()
        position = start + match.end()
    yield position, end
