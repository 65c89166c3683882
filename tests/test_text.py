"""Vietnamese text: search keys and dictionary order."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from desktop.text import normalise, search_key, sort_key

ALPHABET = list("aăâbcdđeêghiklmnoôơpqrstuưvxy")


def test_alphabet_order():
    shuffled = ALPHABET[::-1]
    assert sorted(shuffled, key=sort_key) == ALPHABET


def test_letters_before_tones():
    # a ă â are letters; tones (huyền, hỏi, ngã, sắc, nặng) only break ties
    assert sorted(["ầ", "à", "ă", "a", "ả", "á", "ạ", "ã"], key=sort_key) == [
        "a", "à", "ả", "ã", "á", "ạ", "ă", "ầ"]
    assert sorted(["bà", "ba", "bá", "bạ", "bả", "bã"], key=sort_key) == [
        "ba", "bà", "bả", "bã", "bá", "bạ"]
    assert sorted(["Ưu", "Uy", "Ơn", "Ôn", "On"], key=sort_key) == ["On", "Ôn", "Ơn", "Uy", "Ưu"]


def test_names_sort_as_a_vietnamese_dictionary():
    names = ["Xã Đồng Tiến", "Xã Dân Lực", "Xã An Nông", "Xã Ấp Bắc", "Xã Ân Thi",
             "Xã Anh Sơn", "Xã Ăn Quả", "Xã Thọ Bình", "Xã Thọ Dân", "Xã Thọ Thế", "Xã Tho"]
    assert sorted(names, key=sort_key) == [
        "Xã An Nông", "Xã Anh Sơn", "Xã Ăn Quả", "Xã Ân Thi", "Xã Ấp Bắc", "Xã Dân Lực",
        "Xã Đồng Tiến", "Xã Tho", "Xã Thọ Bình", "Xã Thọ Dân", "Xã Thọ Thế"]


def test_upper_and_lower_case_sort_together():
    assert sorted(["đông", "Dân", "ĐÀ", "an"], key=sort_key) == ["an", "Dân", "ĐÀ", "đông"]


def test_composed_and_decomposed_spellings_are_the_same():
    composed = "Thừa Thiên Huế"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    assert sort_key(composed) == sort_key(decomposed)
    assert search_key(decomposed) == "thừa thiên huế"
    assert normalise(decomposed) == composed


def test_search_key_folds_case_and_spaces():
    assert search_key("  XÃ   Thọ  Bình ") == "xã thọ bình"
    assert search_key(None) == ""


@given(st.text())
def test_sort_key_is_total_and_stable_under_normalisation(text):
    key = sort_key(text)
    assert key == sort_key(unicodedata.normalize("NFD", text))
    assert isinstance(key, tuple)


def test_a_quoted_value_is_one_short_line():
    from desktop.text import quoted

    assert quoted(None) == "" and quoted(70.5) == "70.5"
    assert quoted("70%\n; DROP\tTABLE") == "70% ; DROP TABLE"
    assert quoted("x" * 100) == "x" * 39 + "…"
