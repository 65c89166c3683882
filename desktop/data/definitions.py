"""The rule for a data element's or an indicator's definition arriving from outside.

A plan file from the province (desktop.handoff) may bring elements and
indicators this database lacks. Their fields go into the engine's
statements and choices — an element's levels are written into the sums
statement, its kind and temporal nature choose how values combine, an
indicator's kind how it is measured — so each is checked against what the
catalogue allows before anything is written. `element_problem` and
`indicator_problem` return one sentence naming the code and the field, or
None when the definition is sound.
"""

from __future__ import annotations

import math

from desktop.data.models import (ELEMENT_KINDS, INDICATOR_KINDS, LEVELS, TEMPORAL_KINDS,
                                  DataElement, Indicator)
from desktop.i18n import t
from desktop.text import quoted

DECIMALS = range(0, 7)
DIRECTIONS = ("up", "down")
# What each kind of indicator is made of (desktop.engine.measure).
PARTS = {"ratio": ("numerator", "denominator"), "total": ("element",),
         "count_yes": ("element",), "milestone": ("element",)}


def element_problem(row: dict) -> str | None:
    """What is wrong with an element's definition (a dict of its fields), if anything."""
    code = _code_problem(row, DataElement)
    if code is not None:
        return code
    levels = row.get("levels")
    listed = levels.split(",") if isinstance(levels, str) else []
    checks = (("name", _text(row.get("name"), DataElement)),
              *_optional_texts(row, DataElement, "name_en", "measure", "measure_en", "group"),
              ("kind", _one_of(row.get("kind"), ELEMENT_KINDS)),
              ("temporal", _one_of(row.get("temporal"), TEMPORAL_KINDS)),
              ("decimals", _whole(row.get("decimals", 0), DECIMALS)),
              ("levels", bool(listed) and all(level in LEVELS for level in listed)))
    return _first_wrong("element", row, checks)


def indicator_problem(row: dict, element_codes: set[str]) -> str | None:
    """What is wrong with an indicator's definition, its parts named by element code
    (each among `element_codes`: the file's and this database's), if anything."""
    code = _code_problem(row, Indicator)
    if code is not None:
        return code
    kind = row.get("kind")
    factor = row.get("factor", 1.0)
    checks = [("name", _text(row.get("name"), Indicator)),
              *_optional_texts(row, Indicator, "name_en", "measure"),
              ("kind", _one_of(kind, INDICATOR_KINDS)),
              ("direction", _one_of(row.get("direction", "up"), DIRECTIONS)),
              ("decimals", _whole(row.get("decimals", 0), DECIMALS)),
              ("factor", isinstance(factor, (int, float)) and not isinstance(factor, bool)
               and math.isfinite(factor) and factor > 0),
              ("capped", isinstance(row.get("capped", True), bool))]
    checks += [(part, isinstance(row.get(part), str) and row.get(part) in element_codes)
               for part in (PARTS.get(kind, ()) if isinstance(kind, str) else ())]
    return _first_wrong("indicator", row, checks)


def _longest(model, field: str) -> int:  # noqa: ANN001 - a mapped class
    """The column's length (it holds on PostgreSQL; SQLite would store anything)."""
    return model.__table__.c[field].type.length


def _code_problem(row: dict, model) -> str | None:  # noqa: ANN001 - a mapped class
    code, longest = row.get("code"), _longest(model, "code")
    if isinstance(code, str) and code and code.isprintable() and not any(
            character.isspace() for character in code) and len(code) <= longest:
        return None
    return t(f"mã “{quoted(code)}” không hợp lệ (1–{longest} ký tự, không có khoảng trắng).",
             f"the code “{quoted(code)}” is not valid (1–{longest} characters, no spaces).")


# Each field's name in a refusal (Vietnamese, English).
FIELD_NAMES = {"name": ("tên", "name"), "kind": ("loại", "kind"),
               "temporal": ("cách cộng dồn (tồn/phát sinh)", "stock or flow"),
               "decimals": ("số chữ số thập phân", "decimals"),
               "levels": ("cấp báo cáo", "reporting levels"), "direction": ("chiều", "direction"),
               "factor": ("hệ số", "factor"), "capped": ("giới hạn tử số", "capped"),
               "numerator": ("tử số", "numerator"), "denominator": ("mẫu số", "denominator"),
               "element": ("chỉ tiêu dữ liệu", "data element"),
               "name_en": ("tên tiếng Anh", "English name"), "measure": ("đơn vị tính", "unit"),
               "measure_en": ("đơn vị tính tiếng Anh", "English unit"),
               "group": ("nhóm", "group")}


def _first_wrong(what: str, row: dict, checks) -> str | None:  # noqa: ANN001 - (field, ok) pairs
    for field, sound in checks:
        if not sound:
            vi = "chỉ tiêu dữ liệu" if what == "element" else "chỉ số"
            en = "data element" if what == "element" else "indicator"
            field_vi, field_en = FIELD_NAMES[field]
            shown, name = quoted(row.get(field)), row.get("name")
            named = (f"“{quoted(name, 60)}” ({row['code']})" if isinstance(name, str)
                     and name.strip() else f"“{row['code']}”")  # the name the user knows
            return t(f"{vi} {named} có {field_vi} “{shown}” không hợp lệ.",
                     f"{en} {named} has an invalid {field_en} “{shown}”.")
    return None


def _one_of(value: object, allowed: tuple[str, ...]) -> bool:
    return isinstance(value, str) and value in allowed


def _optional_texts(row: dict, model, *fields: str) -> list[tuple[str, bool]]:  # noqa: ANN001
    """(field, sound) for text fields that may be left out: absent, or text within
    the column's length."""
    return [(field, row.get(field) is None or (isinstance(row[field], str)
                                               and len(row[field]) <= _longest(model, field)))
            for field in fields]


def _text(value: object, model) -> bool:  # noqa: ANN001 - a mapped class
    return (isinstance(value, str) and bool(value.strip())
            and len(value) <= _longest(model, "name"))


def _whole(value: object, allowed: range) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value in allowed
