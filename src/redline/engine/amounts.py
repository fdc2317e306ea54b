"""The value of a content expression in a state: one helper for every amount, chance and
weight the engine reads.

Most of a scenario's numbers are constants written as expressions (`0.3`, `5`): the loader
marks them `is_constant`, and the constant is read without calling the compiled function.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from redline.content.expr import Expression

if TYPE_CHECKING:
    from redline.engine.state import State


def amount(expr: Expression, s: State) -> Any:
    """`expr` now: its constant when it has one, otherwise its function of the state."""
    return expr.constant if expr.is_constant else expr.fn(s)
