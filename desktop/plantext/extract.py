"""Targets from a plan's text: every number that is a target, with its year,
level, comparator, baseline, indicator and the clause it came from.

A sentence is cut into one segment per value (at the last comma, "và" or
semicolon between two values), so that "năm 2015 đạt 70%, năm 2020 đạt
100%" gives two targets and "cấp tỉnh đạt 60% (năm 2009 là 40%); ở cấp
huyện 30%" gives each its level and baseline. Years come from the
segment, else from earlier in the sentence, else from the plan's last year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.plantext import vocab
from desktop.plantext.clean import clean_text, fold, sentences
from desktop.plantext.match import Candidate, best_indicator
from desktop.plantext.mentions import Mention, find_mentions, label_before
from desktop.plantext.planinfo import plan_info
from desktop.plantext.proposal import (
    Extraction,
    Proposal,
    make_milestone,
    make_vague,
    measure_of,
    new_indicator,
    new_name,
)
from desktop.plantext.tables import tables_to_text
from desktop.plantext.rules import (
    baseline_in,
    has_phrase,
    comparator_for,
    every_word_targets,
    levels_for,
    milestone_for,
    own_words,
    paren_spans,
    subject_of,
    years_for,
)

_QUOTE_LEAD = " ,;.-+•*–"
VALUE_KINDS = ("pct", "prange", "money", "count", "crange")
TICK_THRESHOLD = 0.6


@dataclass
class Context:
    text: str
    folded: str
    year_from: int
    year_to: int
    body_level: str
    catalogue: list[Candidate]
    heading_year: int | None = None  # "Đến năm 2023:" above a list of targets

    @property
    def default_year(self) -> int:
        return self.heading_year or self.year_to


def extract_plan(raw: str, catalogue: list[Candidate] | None = None,
                 body_level: str | None = None) -> Extraction:
    """Proposals for the plan and its targets from the text as pasted."""
    text = clean_text(tables_to_text(raw))
    plan = plan_info(text)
    year_to = plan["year_to"] or plan["year_from"] or 2025
    ctx = Context(text, fold(text), plan["year_from"] or year_to, year_to,
                  body_level or plan["level"], catalogue or [])
    proposals: list[Proposal] = []
    for start, end in sentences(text):
        _heading(ctx, start, end)
        proposals.extend(_sentence(ctx, start, end))
    return Extraction(text, plan, _dedupe(proposals))


_LIST_ITEM = re.compile(r"^\s*([-+•*–]|\d{1,2}[.)]|[a-zđ][.)])\s")
_HEADING_YEAR = re.compile(r"(?:den het nam|den nam|nam|vao nam) ((?:19|20)\d\d)\b")


def _heading(ctx: Context, start: int, end: int) -> None:
    """A line ending in ":" with a year gives its year to the list items under it."""
    line = ctx.folded[start:end].strip()
    if line.endswith(":"):
        found = _HEADING_YEAR.findall(line)
        ctx.heading_year = int(found[-1]) if found else None
    elif not _LIST_ITEM.match(line):
        ctx.heading_year = None


def _dedupe(proposals: list[Proposal]) -> list[Proposal]:
    seen, kept = set(), []
    for p in proposals:
        key = (p.indicator or fold(p.measure)[:40], p.value, p.min, p.max, p.year, p.level,
               p.comparator)
        if key not in seen:
            seen.add(key)
            kept.append(p)
    return kept


def _sentence(ctx: Context, start: int, end: int) -> list[Proposal]:
    folded = ctx.folded[start:end]
    mentions = [_shift(m, start) for m in find_mentions(folded)]
    parens = paren_spans(ctx.folded, start, end)
    values = _values(ctx, mentions, parens)
    proposals: list[Proposal] = []
    bounds = _bounds(ctx.folded, values, parens, start, end)
    previous: Proposal | None = None
    for mention, (seg_start, seg_end) in zip(values, bounds):
        for proposal in _proposals(ctx, mention, mentions, parens, start, seg_start, seg_end,
                                   previous):
            proposals.append(proposal)
            previous = proposal
    _lend_forward(proposals)
    taken = [(p.start, p.end) for p in proposals]
    proposals.extend(every_word_targets(ctx, start, end, taken, make_vague))
    if not proposals:
        milestone = milestone_for(ctx, start, end, mentions, parens)
        if milestone:
            proposals.append(make_milestone(ctx, *milestone))
    return proposals


def _lend_forward(proposals: list[Proposal]) -> None:
    """"đến năm 2028 đạt 70%, đến năm 2030 đạt 100% văn bản …": the first takes the
    second's indicator and measure."""
    for first, second in zip(proposals[::-1][1:], proposals[::-1]):
        if first.indicator is None and first.own_words < 3 and second.indicator \
                and first.unit == second.unit:
            first.indicator, first.indicator_name = second.indicator, second.indicator_name
            first.measure, first.new_indicator = second.measure, None


def _shift(m: Mention, offset: int) -> Mention:
    m.start += offset
    m.end += offset
    if m.noun_end >= 0:
        m.noun_end += offset
    if m.borrowed >= 0:
        m.borrowed += offset
    return m


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= position < b for a, b in spans)


def _values(ctx: Context, mentions: list[Mention], parens) -> list[Mention]:
    """The mentions that can be target values (elliptic counts borrow the next noun)."""
    values = []
    for index, m in enumerate(mentions):
        if m.kind == "num" and not _inside(m.start, parens):
            later = next((n for n in mentions[index + 1:index + 3] if n.kind == "count"), None)
            gap = ctx.folded[m.end:later.start] if later else ""
            if later and len(gap) < 40 and gap.lstrip().startswith(","):
                m.kind, m.unit, m.borrowed = "count", later.unit, later.end
        if m.kind not in VALUE_KINDS or _inside(m.start, parens):
            continue
        if label_before(ctx.folded, m.start):
            continue
        values.append(m)
    return values


def _bounds(folded: str, values: list[Mention], parens, start: int, end: int):
    """(start, end) of each value's segment of the sentence."""
    cuts = [start]
    for left, right in zip(values, values[1:]):
        gap = folded[left.end:right.start]
        cut = max((i + 1 for i in (gap.rfind(","), gap.rfind(";"))
                   if i >= 0 and not _inside(left.end + i, parens)), default=-1)
        if cut < 0:
            cut = _rfind_word(gap, "va")
        cuts.append(left.end + cut if cut >= 0 else right.start)
    cuts.append(end)
    return [(a, _clause_end(folded, value, b)) for value, a, b in zip(values, cuts, cuts[1:])]


def _clause_end(folded: str, value: Mention, end: int) -> int:
    """Where the value's clause stops: a semicolon, or a comma before "đa số", "mọi" …"""
    stop = folded.find(";", value.end, end)
    end = stop if stop >= 0 else end
    for word in [w for w, _c in vocab.EVERY_WORDS] + list(vocab.CLAUSE_VERBS):
        at = folded.find(f", {word} ", value.end, end)
        if at >= 0:
            end = at
    return end


def _rfind_word(text: str, word: str) -> int:
    found = [m.start() for m in re.finditer(rf"\b{word}\b", text)]
    return found[-1] if found else -1


def _trim_start(folded: str, seg_start: int, number: int) -> int:
    """Start of the clause that holds the number (after ';' ':' or a lead-in)."""
    before = folded[seg_start:number]
    cut = 0
    for marker in (";", ": ", "nham dam bao ", "dam bao ", "nham ", "theo do, "):
        at = before.rfind(marker)
        if at >= 0:
            cut = max(cut, at + len(marker))
    return seg_start + cut


def _proposals(ctx: Context, m: Mention, mentions, parens, sentence_start, seg_start, seg_end,
               previous: Proposal | None) -> list[Proposal]:
    folded = ctx.folded
    clause_start = _trim_start(folded, seg_start, m.start)
    before = folded[clause_start:m.start]
    if has_phrase(folded[seg_start:m.start], vocab.STATUS_CUES):
        return []
    if m.kind == "money" and has_phrase(before, vocab.SPENT_CUES):
        return []
    years, explicit, from_year = years_for(ctx, mentions, parens, sentence_start, seg_start,
                                           seg_end, m)
    if not years:
        return []
    words = own_words(folded, clause_start, seg_end, m, parens)
    unit = m.unit or ""
    found = _indicator(ctx, m, seg_start, clause_start, seg_end)
    inherited = found is None and previous is not None and previous.unit == unit \
        and len(words.split()) < 3
    levels = levels_for(ctx, folded, clause_start, seg_end, m, parens, unit)
    comparator = comparator_for(folded, clause_start, m)
    baseline = baseline_in(ctx, mentions, parens, m, seg_end)
    quote = ctx.text[clause_start:seg_end].lstrip(_QUOTE_LEAD).rstrip(" ,;.")
    measure = measure_of(ctx, clause_start, seg_end, m, parens)
    confidence = 0.9 - (0 if explicit or from_year else 0.1) - (0.1 if inherited else 0)
    if found is None and not inherited:
        confidence -= 0.2
    if inherited:
        choices = [(previous.indicator, previous.indicator_name)]
    elif found is not None:
        choices = [(found.code, found.name)] + _second(ctx, m, found, seg_end, parens)
    else:
        choices = [(None, new_name(measure, unit))]
    if inherited and len(words.split()) >= 3:
        measure = measure or previous.measure
    elif inherited:
        measure = previous.measure
    quote_start = clause_start + len(ctx.text[clause_start:seg_end]) - len(
        ctx.text[clause_start:seg_end].lstrip(_QUOTE_LEAD))
    quote_end = clause_start + len(ctx.text[clause_start:seg_end].rstrip(" ,;."))
    out = []
    for code, name in choices:
        for year in years:
            for level in levels:
                proposal = Proposal(
                    measure=measure, indicator=code, indicator_name=name,
                    value=m.value, min=m.low, max=m.high,
                    comparator="between" if m.low is not None else comparator,
                    unit=unit, year=year, level=level,
                    baseline_year=baseline[0] if baseline else None,
                    baseline_value=baseline[1] if baseline else None,
                    quote=quote, confidence=round(max(confidence, 0.1), 2),
                    start=quote_start, end=quote_end, own_words=len(words.split()))
                if proposal.indicator is None:
                    proposal.new_indicator = new_indicator(proposal)
                out.append(proposal)
    return out


_VERBS = ("thuong xuyen", "su dung", "duoc", "co ", "ung dung", "ket noi", "thuc hien",
          "trien khai", "tham gia", "xu ly", "cung cap", "khai thac")


def _second(ctx: Context, m: Mention, found: Candidate, seg_end: int, parens):
    """"… được cấp hộp thư và thường xuyên sử dụng": a second indicator after "và"."""
    if m.unit != "%":
        return []
    folded = ctx.folded
    joint = folded.find(" va ", m.end, seg_end)
    if joint < 0 or any(a <= joint < b for a, b in parens):
        return []
    tail = folded[joint + 4:seg_end]
    if re.search(r"\d", tail) or len(tail.split()) < 3 or not tail.startswith(_VERBS):
        return []
    other, _points = best_indicator(ctx.catalogue, tail, "", m.unit)
    if other is None or other.code == found.code:
        return []
    head, _ = best_indicator(ctx.catalogue, folded[m.end:joint], "", m.unit)
    return [(other.code, other.name)] if head is not None and head.code == found.code else []


def _indicator(ctx: Context, m: Mention, seg_start: int, clause_start: int, seg_end: int):
    """The best indicator for the clause; the whole segment when it says much more."""
    folded = ctx.folded
    subject = subject_of(folded, clause_start, seg_end, m)
    words = folded[clause_start:seg_end]
    if m.borrowed >= 0:
        words += " " + folded[m.borrowed:m.borrowed + 80]
    found, points = best_indicator(ctx.catalogue, words, subject, m.unit)
    if clause_start > seg_start:
        wide, wide_points = best_indicator(ctx.catalogue, folded[seg_start:seg_end], subject,
                                           m.unit)
        if wide is not None and wide_points - points >= 3:
            return wide
    return found


