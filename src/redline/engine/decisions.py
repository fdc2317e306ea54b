"""A decision: the players choose an option of the card in front of them.

The rule: only the card first in the hand can be decided, with one of its options that is
open (its condition holds). The option applies its effects, schedules its later
consequences, rolls its outcomes (one draw: the first outcome whose cumulative chance
exceeds it; chances above 1 in all are scaled to a distribution, below 1 leave room for
nothing happening), and the allies react to its tags (engine/coalition.py). Then the cards
an earlier decision made moot are set aside (engine/draw.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from redline.content.compiled import COption
from redline.engine import coalition
from redline.engine.actions import Decide, IllegalAction, check_text
from redline.engine.amounts import amount
from redline.engine.draw import still_relevant
from redline.engine.events import EventKind, Ref, RefKind, headed
from redline.engine.phases import DECISIONS
from redline.numeric import running_sum

if TYPE_CHECKING:
    from redline.engine.state import State


def decide(state: State, action: Decide) -> None:
    """Apply the decision; the caller goes on to the Kremlin once the hand is empty."""
    check_text("a rationale", action.note)
    if state.phase != DECISIONS:
        raise IllegalAction(f"no decision is due now (phase: {state.phase})")
    card = state.scenario.card_by_id[state.hand[0]]
    if action.card != card.id:
        raise IllegalAction(f"the card to decide is '{card.id}', not '{action.card}'")
    option = card.option_by_id.get(action.option)
    if option is None:
        raise IllegalAction(f"card '{card.id}' has no option '{action.option}'")
    if not state.available(option):
        why = option.model.locked_text or f"needs {option.when.text if option.when else ''}"
        raise IllegalAction(f"option '{option.id}' is locked: {why}")
    label = option.model.label
    ref = None
    if state.log is not None:  # the simulator's quiet games explain nothing
        ref = Ref(RefKind.CARD, card.id, option.id)
        votes = ""
        if action.votes:
            votes = " (vote: " + ", ".join(f"{k} {v}" for k, v in action.votes) + ")"
        state._emit(
            EventKind.DECISION, headed(card.model.title, f"{label}{votes}"), card.id, cause=action.by, ref=ref
        )
        if action.note:
            state._emit(EventKind.NOTE, action.note, cause=action.by, ref=ref)
    state._change(option.changes, label, ref)
    state._schedule(option.later, label, ref)
    if option.outcomes:
        roll_outcome(state, option, label, ref)
    coalition.react(state, option, ref)
    state.played[card.id] = state.played.get(card.id, 0) + 1
    state.hand = still_relevant(state, state.hand[1:])


def decision_alone(state: State, action: Decide) -> State:
    """The state after `action`'s own effects (its option, the outcome rolled, the allies'
    reactions), before the turn's end that the same move brings when it is the turn's last
    card: what the decision itself did, apart from Moscow, the events and the ending. The dice
    are the game's own (the copy carries them), so the outcome is the one rolled in play."""
    alone = state.clone()
    alone.log = None
    decide(alone, action)
    return alone


def outcome_odds(state: State, option: COption) -> list[tuple[str, float]]:
    """The chance of each outcome of `option` now, as the UI shows it."""
    odds = []
    for oc in option.outcomes:
        p = amount(oc.chance, state)
        odds.append((oc.model.id, min(max(float(p), 0.0), 1.0)))
    total = running_sum(p for _, p in odds)
    if total > 1:  # more than certain: scale to a distribution
        odds = [(k, p / total) for k, p in odds]
    return odds


def roll_outcome(state: State, option: COption, label: str, ref: Ref | None) -> None:
    x = state._random()
    for (oid, p), oc in zip(outcome_odds(state, option), option.outcomes, strict=True):
        if x < p:
            cause = f"{label} — {oc.model.label or oid}"
            rolled = None
            if state.log is not None:
                rolled = Ref(RefKind.CARD, option.card_id, option.id, oid)
                kind = "partial" if oc.model.partial else "outcome"
                # Named as the odds named it ("Russia vetoes"), then what it means, so the
                # report's outcome is the one the player saw a chance of.
                said = oc.model.text or oc.model.label or oid
                if oc.model.label and oc.model.text and oc.model.label not in oc.model.text:
                    said = f"{oc.model.label.rstrip('.')} — {said}"
                state._emit(
                    EventKind.OUTCOME,
                    said,
                    option.card_id,
                    cause=kind,
                    ref=rolled,
                )
            state._change(oc.changes, cause, rolled)
            state._schedule(oc.later, cause, rolled)
            return
        x -= p
