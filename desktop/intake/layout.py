"""Where things are on an intake form: shared by the maker and the reader.

The form sheet has one row per data element from FIRST_ROW on (group rows in
between); column E takes the value, column F a note. The hidden `_meta`
sheet says which unit, period and office the form is for, its version, and
the element code of every input row, so the reader never guesses.
"""

from __future__ import annotations

from desktop.text import search_key

FORM_VERSION = "2"  # 2: _meta carries a seal (desktop.intake.seal)
FORM_KIND = "itplan-intake"
FORM_SHEET = "Phiếu số liệu"
META_SHEET = "_meta"
SHEET_PASSWORD = "itplan"

HEADING_INDEXES = (5, 6)  # zero-based rows of "Kỳ báo cáo: …" (A6) and "Đơn vị báo cáo: …" (A7)
VALUE_COLUMN = "E"
NOTE_COLUMN = "F"
NAME_INDEX = 1  # zero-based column of the element name (B)
VALUE_INDEX = 4  # zero-based column of VALUE_COLUMN
NOTE_INDEX = 5

# _meta: key/value rows first, then from META_ELEMENTS_ROW on: code | form row | name.
META_KEYS = ("form", "version", "unit", "period", "office", "count", "seal")
META_ELEMENTS_ROW = 10

YES_TEXT, NO_TEXT = "Có", "Không"
_YES = {"có", "co", "yes", "y", "x", "1", "true", "đúng"}
_NO = {"không", "khong", "no", "n", "0", "false", "sai"}

MAX_FORM_ROWS = 2000  # a form has ~60 rows; anything far larger is refused


def parse_yes_no(raw: object) -> float | None:
    """1 for Có/yes/1, 0 for Không/no/0, None when empty; ValueError otherwise."""
    if raw is None or isinstance(raw, bool):
        if raw is None:
            return None
        return 1.0 if raw else 0.0
    if isinstance(raw, (int, float)):
        if raw in (0, 1):
            return float(raw)
        raise ValueError(raw)
    key = search_key(str(raw))
    if not key:
        return None
    if key in _YES:
        return 1.0
    if key in _NO:
        return 0.0
    raise ValueError(raw)
