"""Text as people paste it, made regular: Unicode, spaces, PDF line breaks.

`clean_text` returns NFC text with single spaces, stray zero-width and
soft-hyphen characters removed, combining marks re-attached to their letter
and lines broken inside a sentence (as a PDF or a narrow window leaves
them) joined again. `fold` maps each character to its base letter in lower
case (đ → d) keeping the length, so that rules match text with broken or
missing diacritics and positions still point into the clean text.
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile("[ \t\u00a0\u2007\u202f\u3000]+")
_LOOSE_MARK = re.compile("[ \t]+([\u0300-\u036f])")
# Letters that stand in for đ/Đ in text converted from old Vietnamese fonts.
_LOOKALIKES = str.maketrans({"\u00f0": "đ", "\u00d0": "Đ", "\u0189": "Đ"})
_SENTENCE_END = (".", "!", "?", ":", ";")


def clean_text(raw: str) -> str:
    text = raw.replace("\r\n", "\n").replace("\r", "\n").translate(_LOOKALIKES)
    text = _INVISIBLE.sub("", unicodedata.normalize("NFD", text))
    text = unicodedata.normalize("NFC", _LOOSE_MARK.sub(r"\1", text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _join_lines(lines)


def _join_lines(lines: list[str]) -> str:
    """Paragraphs (blank-line separated) kept; a line broken mid-sentence joined."""
    out: list[str] = []
    for line in lines:
        if not line:
            if out and out[-1] != "":
                out.append("")
            continue
        if out and out[-1] and _continues(out[-1], line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out).strip()


def _continues(previous: str, line: str) -> bool:
    if previous.endswith(_SENTENCE_END):
        return False
    first = line[0]
    if first.islower() or first in "(%,;" or previous.endswith((",", "-", "–", "(")):
        return True
    # A line of a PDF page is long; a heading or a list item is short.
    return len(previous) >= 60 and not re.match(r"^([-+•*–]|\d+[.)]|[a-zđ][.)])\s", line)


def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0].lower()
    return base if len(base) == 1 else char


def fold(text: str) -> str:
    """Lower case, no diacritics, đ → d; the same length as `text`."""
    return "".join(_fold_char(char) for char in text)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split at . ! ? before a space, and at line ends."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        start = match.start()
        for end in re.finditer(r"[.!?…](?=\s+\S)", match.group()):
            stop = match.start() + end.end()
            if text[start:stop].strip():
                spans.append((start, stop))
            start = stop
        if text[start:match.end()].strip():
            spans.append((start, match.end()))
    return spans
