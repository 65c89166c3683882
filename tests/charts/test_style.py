"""Titles wrapped in even lines (desktop.charts.style.balanced_wrap)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.charts.style import balanced_wrap, wrap

WORDS = st.lists(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạ", min_size=1, max_size=12),
                 min_size=1, max_size=30)


def test_a_two_line_title_is_two_halves():
    title = "Xếp hạng các xã theo tổng điểm đánh giá năm 2024 của Huyện Triệu Sơn"
    assert wrap(title, 60).split("\n")[1] == "Triệu Sơn"
    assert balanced_wrap(title, 60).split("\n") == ["Xếp hạng các xã theo tổng điểm đánh",
                                                    "giá năm 2024 của Huyện Triệu Sơn"]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(WORDS, st.integers(min_value=8, max_value=90))
def test_balanced_wrap_keeps_the_words_and_the_lines(words, width):
    text = " ".join(words)
    plain, balanced = wrap(text, width).split("\n"), balanced_wrap(text, width).split("\n")
    assert " ".join(balanced).split() == words
    assert len(balanced) == len(plain)
    assert max(map(len, balanced)) <= max(map(len, plain))
