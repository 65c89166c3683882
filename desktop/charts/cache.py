"""A small least-recently-used store: the charts tab keeps the data and the drawn
canvases of the last few charts, so that going back to one costs nothing.

Keys name everything a chart depends on (kind, plan, indicator, unit, period and
the data's generation, which goes up at every change of the data); an entry of an
older generation is never asked for again and is dropped with the rest.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class Lru(Generic[Value]):
    """At most `size` entries; the least recently used goes first, through `dropped`."""

    def __init__(self, size: int, dropped: Callable[[Value], None] | None = None):
        self.size = size
        self.dropped = dropped or (lambda value: None)
        self._entries: OrderedDict[Hashable, Value] = OrderedDict()

    def get(self, key: Hashable) -> Value | None:
        if key not in self._entries:
            return None
        self._entries.move_to_end(key)
        return self._entries[key]

    def put(self, key: Hashable, value: Value) -> None:
        old = self._entries.pop(key, None)
        if old is not None and old is not value:
            self.dropped(old)
        self._entries[key] = value
        while len(self._entries) > self.size:
            _key, oldest = self._entries.popitem(last=False)
            self.dropped(oldest)

    def clear(self) -> None:
        while self._entries:
            _key, value = self._entries.popitem(last=False)
            self.dropped(value)

    def values(self) -> list[Value]:
        return list(self._entries.values())

    def __contains__(self, key: Hashable) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)
