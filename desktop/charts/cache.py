"""A small least-recently-used store: the charts tab keeps the data of its last few
charts, so that going back to one reads nothing (painting it costs milliseconds).

Keys name everything a chart depends on (kind, plan, indicator, unit, period and
the data's generation, which goes up at every change of the data); an entry of an
older generation is never asked for again and is dropped with the rest.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class Lru(Generic[Value]):
    """At most `size` entries; the least recently used goes first."""

    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict[Hashable, Value] = OrderedDict()

    def get(self, key: Hashable) -> Value | None:
        if key not in self._entries:
            return None
        self._entries.move_to_end(key)
        return self._entries[key]

    def put(self, key: Hashable, value: Value) -> None:
        self._entries.pop(key, None)
        self._entries[key] = value
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def clear(self) -> None:
        self._entries.clear()

    def __contains__(self, key: Hashable) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)
