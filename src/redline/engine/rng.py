"""The game's only source of chance: splitmix64 on an integer held in the state.

An integer state is free to copy with the game state, identical on every platform and
Python version, and makes "same seed, same actions, same game" hold to the byte.
"""

from __future__ import annotations

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15
MIX1 = 0xBF58476D1CE4E5B9
MIX2 = 0x94D049BB133111EB
TO_UNIT = 1.0 / (1 << 53)


def seed_state(seed: int) -> int:
    return (seed * GOLDEN + 0x2545F4914F6CDD1D) & MASK


def draw(state: int) -> tuple[int, float]:
    """Advance the generator; return (new state, a float in [0, 1))."""
    state = (state + GOLDEN) & MASK
    z = state
    z = ((z ^ (z >> 30)) * MIX1) & MASK
    z = ((z ^ (z >> 27)) * MIX2) & MASK
    z ^= z >> 31
    return state, (z >> 11) * TO_UNIT
