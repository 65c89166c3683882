"""The one escape for text written into a spreadsheet or a CSV file.

Excel (and LibreOffice) read a cell that starts with =, +, - or @ — or with
a tab or carriage return before one — as a formula: a unit named
`=HYPERLINK(...)` would become a live link in a form, a report or an
exported CSV opened in Excel. Every writer of such files goes through here:

- `put_text(cell, text)` for openpyxl cells: stored as text, never as a
  formula, and marked with Excel's quote prefix when risky, so that editing
  the cell keeps it text;
- `csv_text(text)` for CSV cells: a risky text gets a leading apostrophe
  (Excel hides it and shows the text); `from_csv_text` takes it off again
  when our own CSV files are read back, so exports import unchanged.
"""

from __future__ import annotations

RISKY = ("=", "+", "-", "@", "\t", "\r")


def risky(text: object) -> bool:
    return isinstance(text, str) and text.startswith(RISKY)


def put_text(cell, text: str | None):  # noqa: ANN001 - an openpyxl cell
    """Write `text` into `cell` as text (None or "" empties it); return the cell."""
    if text is None or text == "":
        cell._value, cell.data_type = None, "n"
        return cell
    cell._value, cell.data_type = str(text), "s"
    if risky(str(text)):
        cell.quotePrefix = True
    return cell


def csv_text(text: object) -> object:
    """A CSV cell that no spreadsheet reads as a formula (numbers pass unchanged)."""
    return "'" + text if risky(text) else text


def from_csv_text(text: str) -> str:
    """Undo `csv_text` on a cell read from a CSV file."""
    return text[1:] if text.startswith("'") and risky(text[1:]) else text
