"""What the room may know of the game's record: the one rule every shared screen and every
seat that is not the facilitator's goes through.

Kept back: injects the facilitator has scheduled (with their MSEL notes), the facilitator's
notes and rationales, and the reason typed for an inject fired now. What happened in the game
(an event that fired, a decision, Moscow's public signals, a red line once crossed) is public.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from redline.engine import Event

KEPT_FROM_PLAYERS = frozenset({"inject", "note"})  # scheduled injects; notes and rationales
INJECT_NOW = "inject by the facilitator"


def public_events(events: Iterable[Event]) -> list[Event]:
    """The events the room may see, with the facilitator's reasons taken out."""
    out = []
    for event in events:
        if event.kind in KEPT_FROM_PLAYERS:
            continue
        if event.cause and event.cause.startswith(f"{INJECT_NOW}:"):
            event = replace(event, cause=INJECT_NOW)
        out.append(event)
    return out
