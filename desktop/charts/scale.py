"""The value axis shared by paper and screen: where its ticks go.

`nice_ticks` picks steps of 1, 2, 2.5 or 5 times a power of ten, at most six
intervals from 0 to the first tick at or above the data's top (the rule of
matplotlib's MaxNLocator, without importing matplotlib, so that the screen's
own painter uses the same ticks as the printed chart).
"""

from __future__ import annotations

import math

STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)


def nice_ticks(top: float, bins: int = 6) -> list[float]:
    """Ticks from 0 up to the first one at or above `top` (1 when there is nothing)."""
    top = top if top > 0 and math.isfinite(top) else 1.0
    raw = top / bins
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(factor * magnitude for factor in STEPS if factor * magnitude >= raw * (1 - 1e-9))
    count = max(1, math.ceil(top / step - 1e-9))
    return [round(index * step, 12) for index in range(count + 1)]

