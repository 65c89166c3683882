"""The charts tab's store of recent chart data: the least recently used goes first."""

from desktop.charts.cache import Lru


def test_the_least_recently_used_goes_first_and_clear_empties():
    store = Lru(2)
    store.put("a", 1)
    store.put("b", 2)
    assert store.get("a") == 1  # "a" is now the most recent
    store.put("c", 3)
    assert "b" not in store and store.get("a") == 1 and store.get("c") == 3
    store.put("a", 4)  # replacing keeps the size
    assert len(store) == 2 and store.get("a") == 4 and store.get("missing") is None
    store.clear()
    assert len(store) == 0
