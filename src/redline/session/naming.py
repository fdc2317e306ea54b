"""What the facilitator types for a thing the screens show: its number in the list a screen
shows, its name (any case), or its id. One reading for options, events and override targets."""

from __future__ import annotations

from collections.abc import Sequence

from redline.engine import IllegalAction


def pick(text: str, choices: Sequence[tuple[str, Sequence[str]]], what: str, where: str = "") -> str:
    """The id of the choice `text` names: its number (1 for the first), its id, or one of
    its names, case and surrounding quotes ignored. Raises IllegalAction saying what to type."""
    typed = " ".join(str(text).split()).strip("'\"“”‘’")
    low = typed.lower()
    if low.isdigit() and 1 <= int(low) <= len(choices):
        return choices[int(low) - 1][0]
    for cid, _ in choices:
        if typed == cid:
            return cid
    for cid, names in choices:
        if any(low == " ".join(n.split()).lower() for n in names if n):
            return cid
    there = f" {where}" if where else ""
    if not choices:
        raise IllegalAction(f"no {what} '{typed}'{there}")
    span = "1" if len(choices) == 1 else f"1 to {len(choices)}"
    raise IllegalAction(f"no {what} '{typed}'{there}: give its number ({span}) or its name")
