"""The tag language of report templates: parsing and checking cell text.

A tag is written `{{ head option=value … }}`. Heads:
- scalars: office.*, period.*, report.*, plan.* (see SCALARS);
- row fields, only in a repeated row: row.no, unit.*, indicator.*;
- value tags `KIND:CODE` (CODE an indicator or data element) and, in an
  `each:indicators` row, `KIND` alone for the row's indicator;
- loops `each:units` and `each:indicators`, at the start of a row's first cell;
- score tags `score:WHAT` and the loop option `rank=SET` (desktop.reports.scores).
The README's "Report templates" section is the reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TAG = re.compile(r"\{\{\s*(.*?)\s*\}\}", re.S)
SCALARS = {
    "office.name", "office.code", "office.parent", "office.province", "office.place",
    "office.receiver", "office.letterhead", "plan.span_note",
    "period.label", "period.code", "period.year", "report.date", "report.today",
    "plan.title", "plan.code", "plan.decision", "plan.decision_date", "plan.issuer",
    "plan.years",
}
UNIT_FIELDS = {"unit.name", "unit.code", "unit.level"}
INDICATOR_FIELDS = {"indicator.name", "indicator.code", "indicator.unit", "indicator.level"}
ROW_FIELDS = {"row.no"} | UNIT_FIELDS | INDICATOR_FIELDS
# Value kinds: which give numbers, which need an indicator (not a data element).
NUMERIC_KINDS = {"value", "target", "expected", "percent", "num", "den"}
TEXT_KINDS = {"status", "target_text", "name", "measure"}
INDICATOR_ONLY = {"target", "expected", "percent", "status", "target_text"}
VALUE_OPTIONS = {"unit", "period", "level"}
LOOPS = {"units": {"level", "kind", "rank"}, "indicators": set()}
SCORE_OPTIONS = {"set", "unit", "period"}
LEVELS = {"tinh", "huyen", "xa", "all"}


class TagError(ValueError):
    """A tag that cannot be used; the message says why (the caller adds sheet and cell)."""


@dataclass(frozen=True)
class Tag:
    head: str  # 'office.name', 'value', 'each'
    code: str | None = None  # value:CODE -> CODE; each:units -> 'units'
    options: tuple[tuple[str, str], ...] = ()
    text: str = ""

    @property
    def is_loop(self) -> bool:
        return self.head == "each"

    @property
    def is_value(self) -> bool:
        return self.head in NUMERIC_KINDS or self.head in TEXT_KINDS

    @property
    def numeric(self) -> bool:
        return self.head in NUMERIC_KINDS or self.head in ("row.no", "score")

    def option(self, name: str) -> str | None:
        return dict(self.options).get(name)


def parse_tag(body: str, text: str) -> Tag:
    """One tag's inside ('value:PS_L3_RATE level=xa') -> Tag; TagError if unknown."""
    words = body.split()
    if not words:
        raise TagError(f"{text}: empty")
    head, options = words[0], []
    for word in words[1:]:
        name, sep, value = word.partition("=")
        if not sep or not name or not value:
            raise TagError(f"{text}: “{word}”")
        options.append((name.lower(), value))
    kind, colon, code = head.partition(":")
    kind = kind.lower()
    if colon and not code:
        raise TagError(text)
    if kind == "each":
        _check_loop(code.lower(), options, text)
        return Tag("each", code.lower(), tuple(options), text)
    if kind == "score" and code:
        _check_options(options, SCORE_OPTIONS, text)
        return Tag("score", code, tuple(options), text)
    if kind in NUMERIC_KINDS or kind in TEXT_KINDS:
        _check_options(options, VALUE_OPTIONS, text)
        return Tag(kind, code or None, tuple(options), text)
    if colon or head.lower() not in SCALARS | ROW_FIELDS or options:
        raise TagError(text)
    return Tag(head.lower(), None, (), text)


def _check_loop(what: str, options: list, text: str) -> None:
    if what not in LOOPS:
        raise TagError(text)
    _check_options(options, LOOPS[what], text)


def _check_options(options: list, allowed: set[str], text: str) -> None:
    for name, value in options:
        if name not in allowed:
            raise TagError(f"{text}: {name}=")
        if name == "level" and value.lower() not in LEVELS:
            raise TagError(f"{text}: level={value}")


@dataclass
class CellTags:
    """The tags of one cell: literal pieces and tags, in order, per rich-text run."""

    runs: list[list[str | Tag]]
    loop: Tag | None = None
    tags: list[Tag] = field(default_factory=list)

    @property
    def lone(self) -> Tag | None:
        """The single value tag when the cell holds nothing else (it becomes a number)."""
        if len(self.runs) == 1:
            pieces = [p for p in self.runs[0] if not (isinstance(p, str) and not p.strip())
                      and not (isinstance(p, Tag) and p.is_loop)]
            if len(pieces) == 1 and isinstance(pieces[0], Tag) and pieces[0].numeric:
                return pieces[0]
        return None


def split_text(text: str) -> list[str | Tag]:
    """Literal text and tags, in order."""
    pieces: list[str | Tag] = []
    last = 0
    for match in TAG.finditer(text):
        if match.start() > last:
            pieces.append(text[last:match.start()])
        pieces.append(parse_tag(match.group(1), match.group(0)))
        last = match.end()
    if last < len(text):
        pieces.append(text[last:])
    return pieces


def cell_tags(value) -> CellTags | None:
    """The tags in a cell's value (str or rich text), or None when it has none."""
    if isinstance(value, str):
        if "{{" not in value:
            return None
        runs = [split_text(value)]
    elif isinstance(value, list):  # rich text: runs with .text (openpyxl's CellRichText or RichRuns)
        texts = [block if isinstance(block, str) else block.text for block in value]
        if "{{" not in "".join(texts):
            return None
        runs = [split_text(text) for text in texts]
        whole = len(TAG.findall("".join(texts)))
        if whole != sum(isinstance(p, Tag) for run in runs for p in run):
            raise TagError(t_split())
    else:
        return None
    tags = [p for run in runs for p in run if isinstance(p, Tag)]
    loops = [tag for tag in tags if tag.is_loop]
    if len(loops) > 1:
        raise TagError(loops[1].text)
    loop = loops[0] if loops else None
    if loop is not None:
        first = next((p for p in runs[0] if not (isinstance(p, str) and not p.strip())), None)
        if first is not loop:
            raise LoopPlacementError(loop.text)
    if "{{" in "".join(p for run in runs for p in run if isinstance(p, str)):
        raise TagError("{{")
    return CellTags(runs, loop, tags)


class LoopPlacementError(TagError):
    """A loop tag that does not open its row's first cell."""


def t_split() -> str:
    from desktop.i18n import t

    return t("thẻ bị tách bởi định dạng chữ khác nhau", "a tag split by different text formatting")
