"""Sums that come out the same on every Python version.

From 3.12, `sum()` of floats compensates for rounding, so its last bit can differ from
3.11's. The game's figures (cohesion, weighted draws, reports) must not depend on which
Python runs them, so they add left to right, as a plain loop does.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import reduce
from operator import add


def running_sum(values: Iterable[float]) -> float:
    return reduce(add, values, 0.0)
