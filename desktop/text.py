"""Vietnamese text: search keys and alphabetical order.

SQLite's lower() and LIKE know only ASCII, so each searchable name keeps a
search key (NFC, casefolded). `sort_key` orders names as a Vietnamese
dictionary does: a ă â b c d đ e ê … o ô ơ … u ư …, tones breaking ties.
"""

from __future__ import annotations

import functools
import unicodedata

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}
_RANK[" "] = -1  # a word ends before any letter: "An Nông" before "Anh Sơn"
# Combining marks that make a new letter (breve, circumflex, horn) versus tones.
_LETTER_MARKS = {"\u0306": "ă", "\u0302": "â"}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def control_character(text: str) -> str | None:
    """The first control character in `text` (NUL, line breaks, escapes…), as U+XXXX, or None.

    No text field (a name, a code, a comment) may hold one: it breaks CSV
    lines, Excel cells and reports, and a NUL cuts the text in C libraries.
    """
    for char in text or "":
        if unicodedata.category(char) == "Cc":
            return f"U+{ord(char):04X}"
    return None


def quoted(value: object, longest: int = 40) -> str:
    """A value from a file as a refusal quotes it: on one line, at most `longest`
    characters (None as nothing)."""
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= longest else text[:longest - 1] + "…"


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


def search_key(text: str) -> str:
    """NFC, casefolded, single spaces: what names are searched by."""
    return " ".join(normalise(text).casefold().split())


def loose_key(text: str) -> str:
    """The search key without tones and letter marks ("thọ" → "tho", "đ" → "d"),
    so a search typed without diacritics still finds the name."""
    decomposed = unicodedata.normalize("NFD", search_key(text).replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@functools.lru_cache(maxsize=16384)
def sort_key(text: str) -> tuple:
    """A key that sorts Vietnamese names in dictionary order."""
    letters: list[int] = []
    tones: list[int] = []
    for char in search_key(text):
        base, tone = _split_letter(char)
        letters.append(_RANK.get(base, 100 + ord(base[0])))
        tones.append(tone)
    return tuple(letters), tuple(tones)


@functools.lru_cache(maxsize=2048)  # a few hundred letters make every Vietnamese name
def _split_letter(char: str) -> tuple[str, int]:
    decomposed = unicodedata.normalize("NFD", char)
    base, tone = decomposed[0], 0
    for mark in decomposed[1:]:
        if mark in _TONES:
            tone = _TONES[mark]
        elif mark == "\u031b":  # horn: o -> ơ, u -> ư
            base = {"o": "ơ", "u": "ư"}.get(base, base)
        elif mark == "\u0302":
            base = {"a": "â", "e": "ê", "o": "ô"}.get(base, base)
        elif mark in _LETTER_MARKS:
            base = _LETTER_MARKS[mark] if base == "a" else base
    return base, tone
