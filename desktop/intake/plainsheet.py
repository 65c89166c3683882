"""A worksheet's extent decided from its bytes, when it is written plainly.

Spreadsheet programs write a worksheet the same plain way: each cell `<c r="B7" s="1">`,
each row `<row r="7"…>`, the dimension `<dimension ref="A1:F54"/>`, no prefix on those
names, no comment, CDATA section or processing instruction, one byte per ASCII character.
Once the XML parser, run with no callbacks, has found such a sheet well-formed, every `<`
starts a tag, and one search in C shows whether any cell, row or dimension is written
otherwise or could reach past the bounds: no Python call per element.

`plain_extent` answers only when it is sure: every reference valid and inside the bounds,
Excel error cells read as the parser reads them. For anything written otherwise, out of
bounds or invalid it answers None, and the caller streams the sheet through the parser,
whose rule stays the exact one (and whose refusal names the first fault).
"""

from __future__ import annotations

import functools
import re
from xml.parsers import expat

REFERENCE = r"\$?(?P<column>[A-Za-z]{1,4})\$?(?P<row>\d{1,9})"  # B7, $B$7
_BYTE_ORDER_MARK = b"\xef\xbb\xbf"
_ONE_BYTE_ASCII = {b"utf-8", b"us-ascii", b"iso-8859-1"}
_DECLARED_ENCODING = re.compile(rb'\sencoding\s*=\s*["\']([^"\']*)["\']')
_PREFIXED = re.compile(rb':(?:c|row|v|dimension)[\t\n\r />]')
_ERROR_TYPE = b' t="e"'
_ATTRIBUTES = rb'((?:[\t\n\r ]+[^\t\n\r =/<>"\']+[\t\n\r ]*=[\t\n\r ]*(?:"[^"]*"|\'[^\']*\'))*)'
_START_TAG_REST = re.compile(_ATTRIBUTES + rb'[\t\n\r ]*(/?)>')
_ATTRIBUTE = re.compile(rb'([^\t\n\r =/<>"\']+)[\t\n\r ]*=[\t\n\r ]*(?:"([^"]*)"|\'([^\']*)\')')
_CELL_START = re.compile(rb'<c r="([^"]*)"')
_CELL_END = re.compile(rb'</c[\t\n\r ]*>')
_VALUE_START = re.compile(rb'<v[\t\n\r />]')
_TAG = re.compile(rb'</?[^\t\n\r /<>]+' + _ATTRIBUTES + rb'[\t\n\r ]*/?>')
_NESTED = re.compile(rb'<(?:c|row)[\t\n\r />]')


def plain_extent(data: bytes, rows: int, columns: int) -> dict[str, str] | None:
    """The Excel error cells (reference -> error) of a well-formed, plainly written sheet
    whose references are all valid and within rows × columns; None otherwise."""
    try:
        expat.ParserCreate().Parse(data, True)  # the parser's verdict, with no callbacks
    except expat.ExpatError:
        return None
    body = data[len(_BYTE_ORDER_MARK):] if data.startswith(_BYTE_ORDER_MARK) else data
    if body[:1] != b"<" or body[1:2] == b"\x00":  # UTF-16 starts "<\0" or with its own mark
        return None
    start, encoding = 0, b"utf-8"
    if body.startswith(b"<?xml "):
        start = body.find(b"?>")
        found = _DECLARED_ENCODING.search(body, 0, start)
        encoding = b"utf-8" if found is None else found[1].lower()
        if encoding not in _ONE_BYTE_ASCII:
            return None
    not_plain = _not_plain(rows, columns)
    if not_plain is None or not_plain.search(body, start) or _PREFIXED.search(body):
        return None
    # Each cell's attributes are ` name="value"` with no `&`: t reads "e" only as ` t="e"`.
    return _error_cells(body, encoding.decode()) if _ERROR_TYPE in body else {}


@functools.lru_cache
def _not_plain(rows: int, columns: int) -> re.Pattern[bytes] | None:
    """What a plain sheet within rows × columns never holds: a comment, CDATA section,
    DOCTYPE or processing instruction (every `<` then starts a tag); a cell not written
    `<c r="B7"` + ` name="value"`…, a row not `<row r="7"`, a dimension not
    `<dimension ref="A1:F54"`, each reference valid and too short to reach past the bounds
    (fewer digits than `rows`, no more letters than the widest column within `columns`).
    None when the bounds are too small for any such reference."""
    digits = min(len(str(rows)) - 1, 9)
    letters = 0
    while letters < 4 and column_index(b"Z" * (letters + 1)) <= columns:
        letters += 1
    if not digits or not letters:
        return None
    number = rb"[0-9]{1,%d}" % digits
    reference = rb"\$?[A-Za-z]{1,%d}\$?" % letters + number
    after_name = rb"(?=[\t\n\r />])"
    return re.compile(
        rb"<(?:[!?]"
        rb'|c' + after_name + rb'(?! r="' + reference + rb'"(?: [^\t\n\r =/<>"\']+="[^"&]*")*'
        rb" ?/?>)"
        rb'|row' + after_name + rb'(?! r="' + number + rb'"[\t\n\r />])'
        rb'|dimension' + after_name + rb'(?! ref="(?:' + reference + rb"(?::" + reference +
        rb')?)?"[\t\n\r />]))')


def _error_cells(data: bytes, encoding: str) -> dict[str, str] | None:
    """Each error cell's text as the parser reads it: all character data from its last
    <v> start to the cell's end, 16 characters at most; "#N/A" when there is none."""
    errors = {}
    for start in _CELL_START.finditer(data):
        rest = _START_TAG_REST.match(data, start.end())
        if rest is None:
            return None
        kind = next((quoted or single for name, quoted, single in _ATTRIBUTE.findall(rest[1])
                     if name == b"t"), b"")
        if b"&" in kind:
            return None
        if kind != b"e":
            continue
        text = "" if rest[2] else _cell_text(data, rest.end(), encoding)
        if text is None:
            return None
        errors[cell_key(start[1])] = (text or "#N/A")[:16]
    return errors


def _cell_text(data: bytes, after_start: int, encoding: str) -> str | None:
    end = _CELL_END.search(data, after_start)
    if end is None:
        return None
    content = data[after_start:end.start()]
    if _NESTED.search(content):
        return None
    values = list(_VALUE_START.finditer(content))
    if not values:
        return ""
    value = _START_TAG_REST.match(content, values[-1].start() + 2)
    if value is None:
        return None
    text = _TAG.sub(b"", content[value.end():])
    if b"<" in text or b"&" in text or b"\r" in text:
        return None
    return text.decode(encoding)


def cell_key(reference: bytes) -> str:
    """B7 for b"$b$07": the reference as an error cell is listed."""
    found = re.fullmatch(REFERENCE.encode(), reference)
    return cell_name(int(found["row"]), column_index(found["column"]))


def cell_name(row: int, column: int) -> str:
    """B7 for row 7, column 2."""
    return f"{column_letters(column)}{row}"


def column_letters(index: int) -> str:
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str | bytes) -> int:
    index = 0
    for letter in letters.upper():
        index = index * 26 + (letter if isinstance(letter, int) else ord(letter)) - 64
    return index
