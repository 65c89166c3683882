"""Tables of targets by year ("Chỉ tiêu | ĐVT | Năm 2025 | Năm 2026"), as sentences.

Plans often list targets in a table whose columns are years. Copied from
Word or Excel such a table arrives as tab-separated lines (the .docx reader
writes its tables the same way); each data row becomes a sentence the
extractor reads like prose: "Tỷ lệ hồ sơ trực tuyến năm 2025 đạt 60%,
năm 2026 đạt 70%."
"""

from __future__ import annotations

import re

from desktop.plantext.clean import fold

_YEAR_CELL = re.compile(r"^(?:nam\s*)?((?:19|20)\d\d)$")
_VALUE = re.compile(r"\d")


def tables_to_text(raw: str) -> str:
    """`raw` with every block of tab-separated lines that has year columns rewritten."""
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    block: list[list[str]] = []
    for line in lines + [""]:
        if line.count("\t") >= 2:
            block.append([cell.strip() for cell in line.split("\t")])
            continue
        if block:
            out.extend(table_sentences(block) or ["\t".join(row) for row in block])
            block = []
        out.append(line)
    return "\n".join(out[:-1])


def table_sentences(rows: list[list[str]]) -> list[str]:
    """One sentence per data row of a table with year columns ([] when it has none)."""
    for index, header in enumerate(rows):
        years = {column: match.group(1) for column, cell in enumerate(header)
                 if (match := _YEAR_CELL.match(fold(cell).strip()))}
        if years:
            break
    else:
        return []
    header = [fold(cell) for cell in rows[index]]
    unit_column = next((c for c, cell in enumerate(header) if cell.strip() in (
        "dvt", "don vi", "don vi tinh")), None)
    others = [c for c in range(len(header)) if c not in years and c != unit_column]
    sentences = ["", *[" ".join(cells) for cells in rows[:index]]] if index else [""]
    for row in rows[index + 1:]:
        label_column = max(others, key=lambda c: len(row[c]) if c < len(row) else 0,
                           default=None)
        if label_column is None or label_column >= len(row):
            continue
        unit = row[unit_column].strip() if unit_column is not None and unit_column < len(row) \
            else ""
        clauses = [f"năm {year} đạt {_with_unit(row[column], unit)}"
                   for column, year in years.items()
                   if column < len(row) and _VALUE.search(row[column])]
        if clauses:
            sentences.append(f"{row[label_column].rstrip(' :.')} {', '.join(clauses)}.")
    return [s for s in sentences if s]


def _with_unit(cell: str, unit: str) -> str:
    cell = cell.strip()
    if "%" in cell or not unit:
        return cell
    return f"{cell}%" if unit == "%" else f"{cell} {unit}"
