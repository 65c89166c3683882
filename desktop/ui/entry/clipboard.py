"""Tab-separated blocks to and from the clipboard, as Excel writes and reads them."""

from __future__ import annotations


def parse_block(text: str) -> list[list[str]]:
    """Rows of cells from TSV text; a trailing newline adds no empty row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if not text:
        return []
    return [line.split("\t") for line in text.split("\n")]


def make_block(rows: list[list[str]]) -> str:
    """TSV text with a final newline, as Excel copies a range."""
    return "".join("\t".join(row) + "\n" for row in rows)
