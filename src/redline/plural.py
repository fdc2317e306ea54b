"""A count said in words: '1 error', '3 errors', never 'error(s)'.

It imports nothing, so every layer (content, authoring, the faces) can say a count the same way.
"""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """'1 action', '3 actions', '0 threats', '1,200 rows': a count and its noun."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def possessive(name: str) -> str:
    """France's, Nordic states': a name ending in s takes the apostrophe alone."""
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"
