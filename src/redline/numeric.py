"""Sums that come out the same on every Python version.

From 3.12, `sum()` of floats compensates for rounding, so its last bit can differ from
3.11's. The game's figures (cohesion, weighted draws, reports) must not depend on which
Python runs them, so they add left to right, as a plain loop does.
"""

from __future__ import annotations

import math
from collections.abc import Iterable


def running_sum(values: Iterable[float], start: float = 0.0) -> float:
    """`start` plus each value in turn, left to right."""
    total = start
    for v in values:
        total += v
    return total


# round(x, 2) is correctly rounded through a decimal conversion and costs ten dictionary
# reads; the game rounds every meter, support and cohesion change to two places, and
# meets the same few thousand values again and again.
_ROUNDED: dict[float, float] = {}
_ROUNDED_LIMIT = 1 << 18


def round2(x: float) -> float:
    """Exactly `round(x, 2)`, remembered."""
    # Most values already have two places or fewer: then 100x is a whole number n (to
    # within far less than a half), round(x, 2) is the double nearest n / 100, and one
    # correctly rounded division gives just that. Far from zero, or not whole: remembered.
    hundred = x * 100.0
    if -1e15 < hundred < 1e15 and hundred == math.floor(hundred):
        return hundred / 100.0
    r = _ROUNDED.get(x)
    if r is None:
        r = round(x, 2)
        # Not 0.0: -0.0 is the same key and rounds to a different-looking value.
        if x and len(_ROUNDED) < _ROUNDED_LIMIT:
            _ROUNDED[x] = r
    return r
