"""The sums statement's text: only ids and plain words are written into it."""

from __future__ import annotations

import pytest

from desktop.engine.sqlsums import Member, SumSpec, sums_statement

MEMBERS = {3: Member(owner=3, level="xa", alive=True)}


def _spec(levels: tuple[str, ...]) -> SumSpec:
    return SumSpec("total", levels, numerator=7, denominator=None, stock=False, first_year=2024)


def test_levels_are_written_as_plain_words():
    statement = sums_statement([_spec(("huyen", "xa"))], 2024, MEMBERS, "sqlite")
    assert "o.level IN ('huyen', 'xa')" in statement


@pytest.mark.parametrize("level", ["xa') OR ('1' = '1", "xa'", "x a", ""])
def test_a_level_that_is_not_a_plain_word_is_refused(level):
    with pytest.raises(ValueError, match="plain word"):
        sums_statement([_spec(("huyen", level))], 2024, MEMBERS, "postgresql")


def test_a_group_no_level_counts_for_is_left_out():
    statement = sums_statement([_spec(()), _spec(("xa",))], 2024, MEMBERS, "postgresql")
    assert "IN ()" not in statement and statement.count("SELECT 1 AS g") == 1
    assert "SELECT 0 AS g" not in statement
    assert sums_statement([_spec(())], 2024, MEMBERS, "postgresql") is None
