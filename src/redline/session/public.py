"""What the room may know of the game's record: the one rule every shared screen and every
seat that is not the facilitator's goes through.

Kept back: injects the facilitator has scheduled (with their MSEL notes), the facilitator's
notes and rationales, the hot-wash's observations, and the reason typed for an inject fired
now. A free-text inject addressed to one role reaches that role only (and the facilitator);
its effects on the game are public, the facilitator's reason is not. What happened in the game (an event
that fired, a decision, an off-card ruling once rolled, Moscow's public signals, a red line
once crossed) is public.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from redline.engine import Event

# Event kinds (a StrEnum, equal to these values; the engine is not imported here): scheduled
# injects; notes and rationales; the hot-wash's observations.
KEPT_FROM_PLAYERS = frozenset({"inject", "note", "observation"})
INJECT_NOW = "inject by the facilitator"
BULLETIN = "bulletin"


def public_events(events: Iterable[Event], role: str | None = None) -> list[Event]:
    """The events the room may see, with the facilitator's reasons taken out; `role` is the
    seat's own role, which also sees the free-text injects addressed to it."""
    out = []
    private = False  # the last free-text inject was addressed to another role
    for event in events:
        if event.kind in KEPT_FROM_PLAYERS:
            continue
        if event.kind == BULLETIN:
            private = event.target is not None and event.target != role
            if private:
                continue
            event = replace(event, cause=None)  # the facilitator's reason for it stays back
        elif event.ref == BULLETIN:  # its effects on the game show, never the reason
            event = replace(event, cause=INJECT_NOW)
        else:
            private = False
        if event.cause and event.cause.startswith(f"{INJECT_NOW}:"):
            event = replace(event, cause=INJECT_NOW)
        out.append(event)
    return out
