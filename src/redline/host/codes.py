"""Join codes: one per seat, from `secrets` (never from the game's seed, which is not secret)."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I/l to misread aloud
GROUPS, GROUP = 3, 4  # ABCD-EFGH-JKLM: 60 bits, typed in a few seconds


def new_code() -> str:
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(GROUP)) for _ in range(GROUPS))


def new_codes(seats: Iterable[str]) -> dict[str, str]:
    """seat id -> a fresh code."""
    return {seat: new_code() for seat in seats}


def normalise(code: str) -> str:
    """What a person typed, as the host compares it: case and spaces do not matter."""
    return code.strip().upper().replace(" ", "")


def seat_for(code: str, codes: Mapping[str, str]) -> str | None:
    """The seat whose code this is; every code is compared, in constant time."""
    typed = normalise(code).encode()
    found = None
    for seat, known in codes.items():
        if secrets.compare_digest(typed, known.encode()):
            found = seat
    return found
