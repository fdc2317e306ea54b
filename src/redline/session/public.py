"""What the room may know of the game's record: the one rule every shared screen and every
seat that is not the facilitator's goes through.

Kept back: injects the facilitator has scheduled (with their MSEL notes), the facilitator's
notes and rationales, the hot-wash's observations, and every reason the facilitator gives: for
an inject fired now, an override, a free-text inject and a ruling. A free-text inject addressed
to one role reaches that role only (and the facilitator). What happened in the game (an event
that fired, a decision, an override's effect, a free-text inject's text and effects, an
off-card ruling once rolled and its effects, Moscow's public signals, a red line once crossed)
is public."""

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
OVERRIDE = "override"
ADJUDICATION = "adjudication"
# The facilitator's acts whose cause is the facilitator's own reason (an override's, a free-text
# inject's, a ruling's): the act and its effects are public, the reason is not. Each change it
# makes is said to the room by what made it (ref kinds, equal to these values).
REASONED = frozenset({OVERRIDE, BULLETIN, ADJUDICATION})
PUBLIC_CAUSE = {
    OVERRIDE: "set by the facilitator",
    BULLETIN: "a free-text inject",
    ADJUDICATION: "a ruling",
}


def without_reason(event: Event) -> Event:
    """`event` as the room may read it: the facilitator's reason taken out of its cause (an
    event inject fired now, an override, a free-text inject, a ruling, and what each changed)."""
    origin = event.ref.kind if event.ref is not None else None
    if event.kind in REASONED:  # the act itself: its cause is the reason typed for it
        return replace(event, cause=None) if event.cause else event
    if origin in REASONED:  # what the act changed: said by what made it
        cause = PUBLIC_CAUSE[str(origin)]
        return event if event.cause == cause else replace(event, cause=cause)
    if event.cause and event.cause.startswith(f"{INJECT_NOW}:"):
        return replace(event, cause=INJECT_NOW)
    return event


def public_events(events: Iterable[Event], role: str | None = None) -> list[Event]:
    """The events the room may see, with the facilitator's reasons taken out; `role` is the
    seat's own role, which also sees the free-text injects addressed to it (their effects on
    the game are public either way)."""
    out = []
    for event in events:
        if event.kind in KEPT_FROM_PLAYERS:
            continue
        if event.kind == BULLETIN and event.target is not None and event.target != role:
            continue
        out.append(without_reason(event))
    return out
