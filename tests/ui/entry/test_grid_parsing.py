"""The grid's parsers: clipboard blocks and typed cell texts (property-based)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.errors import UserError
from desktop.formats import format_number
from desktop.ui.entry.clipboard import make_block, parse_block
from desktop.ui.entry.entry_tab import copy_text, parse_cell

cell_text = st.text(alphabet=st.characters(blacklist_characters="\t\r\n",
                                           blacklist_categories=("Cs",)), max_size=8)


@given(st.lists(st.lists(cell_text, min_size=1, max_size=5), min_size=1, max_size=6))
def test_block_round_trip(rows):
    width = len(rows[0])
    rows = [(row + [""] * width)[:width] for row in rows]
    if rows == [[""]]:
        return
    assert parse_block(make_block(rows)) == rows
    assert parse_block(make_block(rows).replace("\n", "\r\n")) == rows


def test_block_from_excel_keeps_empty_cells():
    assert parse_block("1\t\t3\r\n\t5\t\r\n") == [["1", "", "3"], ["", "5", ""]]
    assert parse_block("") == []


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=2))
def test_vietnamese_numbers_parse_back(value, decimals):
    number = value / 10**decimals
    assert parse_cell(format_number(number, decimals), "number") == pytest.approx(number)
    assert parse_cell(copy_text(number), "number") == pytest.approx(number)


@pytest.mark.parametrize("text, value", [("có", 1.0), ("Không", 0.0), ("1", 1.0), ("", None)])
def test_yes_no_words(text, value):
    assert parse_cell(text, "yesno") == value


def test_words_are_not_numbers():
    with pytest.raises(UserError, match="không phải là số"):
        parse_cell("mười", "number")


def test_a_row_names_its_unit_only_where_it_tells_something():
    from PySide6.QtCore import Qt

    from desktop.data.grid import GridData, GridElement
    from desktop.ui.entry.entry_model import EntryModel

    elements = [GridElement("PCS", "Số máy tính", "máy", "number", 0, ("xa",)),
                GridElement("STAFF", "Tổng số cán bộ, công chức", "người", "number", 0, ("xa",)),
                GridElement("PC_EN", "Computers", "computers", "number", 0, ("xa",))]
    model = EntryModel(GridData("2024", elements, []))
    names = [model.headerData(row, Qt.Orientation.Vertical) for row in range(3)]
    assert names == ["Số máy tính", "Tổng số cán bộ, công chức (người)", "Computers"]


@pytest.mark.parametrize("typed, vietnamese, english", [
    ("1.234", 1234.0, 1.234), ("1,234", 1.234, 1234.0), ("60,5", 60.5, 60.5),
    ("60.5", 60.5, 60.5), ("15,945,000", 15945000.0, 15945000.0), ("1.234,5", 1234.5, 1234.5),
    ("1,234.5", 1234.5, 1234.5), ("0,125", 0.125, 0.125)])
def test_a_cell_reads_numbers_as_the_grid_shows_them(typed, vietnamese, english):
    """In English the grid shows 15,945 and 60.5: what is typed is read the same way (a
    copied cell pastes back as itself); files keep the Vietnamese reading."""
    from desktop.formats import format_number, parse_number
    from desktop.i18n import set_language

    assert parse_cell(typed, "number") == vietnamese == parse_number(typed)
    set_language("en")
    assert parse_cell(typed, "number") == english
    assert parse_number(typed) == vietnamese  # files and the command line
    shown = format_number(15945.5, 1)
    assert shown == "15,945.5" and parse_cell(shown, "number") == 15945.5
