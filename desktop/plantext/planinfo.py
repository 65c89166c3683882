"""The plan itself from its text: title, issuer, number, date, years, level."""

from __future__ import annotations

import datetime as dt
import re

from desktop.plantext.clean import fold

_PLACE = r"([Tt]ỉnh|[Tt]hành phố|[Hh]uyện|[Qq]uận|[Tt]hị xã|[Xx]ã|[Pp]hường|[Tt]hị trấn)"
_NAME = r"([A-ZĐÀ-Ỹ][^\s,.;:()]*(?: [A-ZĐÀ-Ỹ][^\s,.;:()]*){0,3})"
_ISSUER = re.compile(rf"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|ỦY BAN NHÂN DÂN) {_PLACE} {_NAME}")
_NUMBER = re.compile(r"\b[Ss]ố\s*:?\s*(\d+\s?/\s?[A-ZĐ]+(?:\s?[-–]\s?[A-ZĐ]+)*)")
_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b|ngày (\d{1,2}) tháng (\d{1,2}) năm "
                   r"((?:19|20)\d\d)")
_LEVEL_OF_PLACE = {"tinh": "tinh", "thanh pho": "tinh", "huyen": "huyen", "quan": "huyen",
                   "thi xa": "huyen", "xa": "xa", "phuong": "xa", "thi tran": "xa"}
_TITLE_WORDS = ("ke hoach", "quy hoach", "chuong trinh", "de an")


def plan_info(text: str) -> dict:
    """The plan's proposed title, issuer, number, date, province, years and level."""
    lines = [line for line in text.split("\n") if line.strip()]
    title = _title(lines)
    issuer, province, level = _issuer(text, title)
    number = _NUMBER.search(text)
    date = _date(text)
    year_from, year_to = _years(title, text, date)
    return {"title": title, "issuer": issuer, "number": _tidy_number(number), "date":
            date.isoformat() if date else None, "province": province, "year_from": year_from,
            "year_to": year_to, "level": level}


def _title(lines: list[str]) -> str:
    for index, line in enumerate(lines[:6]):
        if any(word in fold(line) for word in _TITLE_WORDS):
            if len(line.strip()) < 20 and index + 1 < len(lines):
                return f"{line.strip()} {lines[index + 1].strip()}"[:300]
            return line.strip()[:300]
    return lines[0].strip()[:300] if lines else ""


def _issuer(text: str, title: str) -> tuple[str, str, str]:
    for source in (title, text):
        match = _ISSUER.search(source)
        if match:
            place, name = match.group(1), _proper(match.group(2))
            level = _LEVEL_OF_PLACE.get(fold(place).lower(), "tinh")
            return f"UBND {place.lower()} {name}", name if level == "tinh" else "", level
    match = re.search(rf"{_PLACE} {_NAME}", title)
    if match:
        level = _LEVEL_OF_PLACE.get(fold(match.group(1)), "tinh")
        return "", _proper(match.group(2)) if level == "tinh" else "", level
    return "", "", "tinh"


def _proper(words: str) -> str:
    """The leading capitalised words of a name ("Kon Tum đã ban" → "Kon Tum")."""
    kept = []
    for word in words.split():
        if not word[0].isupper():
            break
        kept.append(word)
    return " ".join(kept)


def _tidy_number(match: re.Match | None) -> str:
    return re.sub(r"\s+", "", match.group(1)).replace("–", "-") if match else ""


def _date(text: str) -> dt.date | None:
    for match in _DATE.finditer(text):
        day, month, year = (match.group(1, 2, 3) if match.group(1) else match.group(4, 5, 6))
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError:
            continue
    return None


def _years(title: str, text: str, date: dt.date | None) -> tuple[int | None, int | None]:
    for source in (title, text[:3000]):
        folded = fold(source)
        period = re.search(r"giai doan ((?:19|20)\d\d)\s?[-–]\s?((?:19|20)\d\d)", folded)
        if period:
            return int(period.group(1)), int(period.group(2))
        until = re.search(r"den nam ((?:19|20)\d\d)", folded)
        if until:
            end = int(until.group(1))
            return (min(date.year, end) if date else end), end
        single = re.search(r"nam ((?:19|20)\d\d)", folded)
        if single and source is title:
            return int(single.group(1)), int(single.group(1))
    year = date.year if date else None
    return year, year
