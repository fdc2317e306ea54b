"""The hand draw: which cards a turn puts before the players.

The rule: a card can be drawn when it is not a `once` card already decided, its condition
holds, and (if some of its options have conditions) at least one option is open. Each turn
draws up to `cards_per_turn` of them: the highest priority first; within a priority, by
weight, without replacement, and a lower priority only if the hand is not yet full. After
each decision the cards still in the hand that can no longer be drawn are set aside.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from redline.content.compiled import CCard
from redline.engine.amounts import amount
from redline.engine.events import EventKind

if TYPE_CHECKING:
    from redline.engine.state import State


def ineligible_because(state: State, card: CCard) -> str | None:
    """Why `card` cannot be drawn now, or None when it can. The draw applies the same rule
    from the plan's precomputed test (it is the hottest loop of a game); a test holds the
    two together."""
    if card.once and card.id in state.played:
        return "already decided"
    if card.when is not None and not card.when.fn(state):
        return f"its condition does not hold: {card.when.text}"
    if card.gated and not any(o.when is None or o.when.fn(state) for o in card.options):
        return "every option is locked"
    return None


def draw_hand(state: State) -> None:
    """Draw up to `cards_per_turn` eligible cards, the highest priority first, by weight
    and without replacement within a priority."""
    played = state.played
    log = state.log
    need = state.scenario.info.cards_per_turn
    hand: list[str] = []
    # The plan lists this turn's candidates in priority groups, highest first, each in
    # the scenario's order; a lower group is only looked at if the hand is not full.
    for group in state.plan.cards_on[state.turn]:
        eligible: list[CCard] = []
        for card, drawable in group:
            if card.once and card.id in played:
                continue
            if drawable is not None and not drawable(state):
                continue
            eligible.append(card)
        if not eligible:
            continue
        weights = [amount(c.weight, state) for c in eligible]
        weights = [w if w > 0.0 else 0.0 for w in weights]
        while eligible and len(hand) < need:
            i = 0 if len(eligible) == 1 else state._pick_index(weights)
            card = eligible.pop(i)
            weights.pop(i)
            hand.append(card.id)
            if log is not None:
                state._emit(
                    EventKind.DRAW,
                    card.model.title,
                    card.id,
                    cause=f"drawn because {card.when.text}" if card.when else "drawn",
                )
        if len(hand) >= need:
            break
    state.hand = tuple(hand)


def still_relevant(state: State, hand: tuple[str, ...]) -> tuple[str, ...]:
    """Cards drawn this turn that an earlier decision made moot are set aside, so no card
    contradicts what was just decided and no card is left with nothing to choose."""
    if not hand:
        return hand
    kept = []
    drawable_now = state.plan.drawable
    for cid in hand:
        card = state.scenario.card_by_id[cid]
        drawable = drawable_now[card]
        if drawable is None or drawable(state):
            kept.append(cid)
        elif state.log is not None:
            state._emit(
                EventKind.DISCARD,
                f"{card.model.title} — set aside",
                cid,
                cause="no longer relevant after this decision",
            )
    return tuple(kept)
