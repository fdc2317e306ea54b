"""Events: what happens in the world after Moscow's response, each turn.

The rule: first the events the facilitator scheduled for this turn fire, in the order they
were scheduled. Then the scenario's events, in its order: an event with a fixed `turn`
fires on that turn if its condition holds; any other event fires with its `chance` if its
condition holds, at most `events_per_turn` of those a turn. A `once` event never fires
twice. A fired event applies its effects and schedules its later consequences.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from redline.content.compiled import CEvent
from redline.engine.amounts import amount
from redline.engine.events import EventKind, Ref, RefKind, headed

if TYPE_CHECKING:
    from redline.engine.state import State


def fire(state: State, event: CEvent, cause: str) -> None:
    state.fired[event.id] = state.fired.get(event.id, 0) + 1
    ref = None
    if state.log is not None:
        ref = Ref(RefKind.EVENT, event.id)
        state._emit(
            EventKind.EVENT,
            headed(event.model.title, event.model.text),
            event.id,
            cause=cause,
            ref=ref,
        )
    state._change(event.changes, event.model.title, ref)
    state._schedule(event.later, event.model.title, ref)


def events_phase(state: State) -> None:
    sc = state.scenario
    if state.injects:
        due = [e for t, e in state.injects if t == state.turn]
        state.injects = tuple((t, e) for t, e in state.injects if t != state.turn)
        for eid in due:
            fire(state, sc.event_by_id[eid], "inject (scheduled by the facilitator)")
    budget = sc.info.events_per_turn
    fired = state.fired
    for ev in state.plan.events_on[state.turn]:
        if ev.once and ev.id in fired:
            continue
        if ev.turn is not None:
            if ev.turn == state.turn and (ev.when is None or ev.when.fn(state)):
                why = (
                    f"scheduled for {sc.info.turn_label.lower()} {state.turn}"
                    if state.log is not None
                    else ""
                )
                fire(state, ev, why)
            continue
        if budget <= 0 or (ev.chance.is_constant and not ev.chance.constant):
            continue
        if ev.when is not None and not ev.when.fn(state):
            continue
        p = amount(ev.chance, state)
        if state._random() < p:
            budget -= 1
            why = ""
            if state.log is not None:  # the simulator's quiet games skip the wording
                why = f"chance {min(max(p, 0), 1):.0%}" + (f" when {ev.when.text}" if ev.when else "")
            fire(state, ev, why)
