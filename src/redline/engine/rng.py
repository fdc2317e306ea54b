"""The game's only source of chance: splitmix64 on an integer held in the state.

An integer state is free to copy with the game state, identical on every platform and
Python version, and makes "same seed, same actions, same game" hold to the byte.

The state is held as a *signed* 64-bit integer (the same 64 bits as the unsigned one that
splitmix64 is written for), and every step is written so that it gives the same bits two
ways: compiled (redline/native.py), where `i64` is a machine word whose sums and products
wrap around, and interpreted, where Python's integers grow and `_signed` cuts them back to
64 bits. Compiled, a draw is a handful of machine instructions instead of a dozen
arbitrary-precision operations; it was a fifth of the simulator's time.
"""

from __future__ import annotations

from typing import Final

from mypy_extensions import i64

MASK: Final = (1 << 64) - 1
TO_UNIT: Final = 1.0 / (1 << 53)
LOW63: Final[i64] = 0x7FFFFFFFFFFFFFFF  # every bit but the sign bit
LOW53: Final[i64] = 0x1FFFFFFFFFFFFF  # what is left of a word shifted right by 11
# splitmix64's constants 0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9 and 0x94D049BB133111EB, as
# the signed words with the same bits.
GOLDEN: Final[i64] = -7046029254386353131
MIX1: Final[i64] = -4658895280553007687
MIX2: Final[i64] = -7723592293110705685


def _signed(x: i64) -> i64:
    """The low 64 bits of `x` as a signed word. A no-op on a machine word; on a Python
    integer, the wrap-around a machine word would have done."""
    low = x & LOW63
    return low - LOW63 - 1 if (x >> 63) & 1 else low


def seed_state(seed: int) -> i64:
    bits = (seed * 0x9E3779B97F4A7C15 + 0x2545F4914F6CDD1D) & MASK  # any Python integer seed
    return bits - (1 << 64) if bits >> 63 else bits


def draw(state: i64) -> tuple[i64, float]:
    """Advance the generator; return (new state, a float in [0, 1))."""
    state = _signed(state + GOLDEN)
    z = state
    # `(z >> k) & mask` is the unsigned (logical) shift of the word's 64 bits.
    z = _signed((z ^ ((z >> 30) & 0x3FFFFFFFF)) * MIX1)
    z = _signed((z ^ ((z >> 27) & 0x1FFFFFFFFF)) * MIX2)
    z = z ^ ((z >> 31) & 0x1FFFFFFFF)
    return state, float((z >> 11) & LOW53) * TO_UNIT
