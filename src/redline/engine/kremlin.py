"""Moscow's response: its signals at a turn's start and what it does after the decisions.

The rule: Moscow may signal up to `kremlin.signals` threats each turn, drawn by weight
without replacement from the responses of its rung and the rung above (the ladder's next
step), those whose condition holds. After the decisions, Moscow acts with the chance
`kremlin.act_chance`: after a fresh red-line breach it acts from the rung it now stands on
(any response there whose condition holds, by weight), otherwise it carries out one of the
threats it signalled (by weight); otherwise, or with nothing to choose from, it holds. A
human red cell chooses instead: signals from the same two rungs, and a response from its
rung and below or one it signalled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from redline.content.compiled import CResponse
from redline.engine.actions import IllegalAction, Respond, Signal
from redline.engine.amounts import amount
from redline.engine.events import EventKind, Ref, RefKind
from redline.engine.phases import DECISIONS, KREMLIN, SIGNAL

if TYPE_CHECKING:
    from redline.engine.state import State


def reachable_responses(state: State) -> list[CResponse]:
    """Responses on the current rung and below, whose condition holds."""
    out = []
    for rung in state.scenario.rungs[: state.rung + 1]:
        for r in rung.responses:
            if r.when is None or r.when.fn(state):
                out.append(r)
    return out


def draw_signals(state: State) -> None:
    count = state.scenario.kremlin.signals
    if not count:
        state.signals = ()
        return
    # This rung's responses and the next rung's: Moscow threatens a step further.
    pool = [r for r in state.plan.signal_pool[state.rung] if r.when is None or r.when.fn(state)]
    chosen: list[str] = []
    weights = [amount(r.weight, state) for r in pool]
    weights = [w if w > 0.0 else 0.0 for w in weights]
    while pool and len(chosen) < count:
        i = state._pick_index(weights)
        chosen.append(pool.pop(i).id)
        weights.pop(i)
    state.signals = tuple(chosen)
    emit_signals(state)


def emit_signals(state: State) -> None:
    if state.log is not None:
        for rid in state.signals:
            r = state.scenario.responses[rid]
            state._emit(
                EventKind.SIGNAL, r.model.signal, rid, cause=r.model.label, ref=Ref(RefKind.RESPONSE, rid)
            )


def signal(state: State, action: Signal) -> None:
    """A human red cell's signals for this turn."""
    if state.phase != SIGNAL:
        raise IllegalAction("Moscow's signals are not due now")
    rungs = state.scenario.rungs
    reachable = {r.id for r in rungs[min(state.rung + 1, len(rungs) - 1)].responses}
    reachable |= {r.id for r in reachable_responses(state)}
    for rid in action.responses:
        if rid not in reachable:
            raise IllegalAction(f"'{rid}' is not a response Moscow can signal now")
    if len(action.responses) > state.scenario.kremlin.signals:
        raise IllegalAction(f"at most {state.scenario.kremlin.signals} signals")
    state.signals = tuple(action.responses)
    emit_signals(state)
    state.phase = DECISIONS


def check_response(state: State, action: Respond) -> None:
    """Refuse a human red cell's response it cannot make now."""
    if state.phase != KREMLIN:
        raise IllegalAction("Moscow's response is not due now")
    if action.response is not None:
        allowed = {r.id for r in reachable_responses(state)} | set(state.signals)
        if action.response not in allowed:
            raise IllegalAction(f"'{action.response}' is not a response Moscow can make now")


def act(state: State, chosen: str | None, human: bool) -> None:
    """Moscow acts or holds: `chosen` by a human red cell, or by chance and weight."""
    sc = state.scenario
    response: CResponse | None = None
    if human:
        response = sc.responses[chosen] if chosen else None
    else:
        p = amount(sc.act_chance, state)
        if state._random() < p:
            if state.crossed_now:  # a fresh breach: Moscow acts from the rung it now stands on
                pool = [r for r in sc.rungs[state.rung].responses if r.when is None or r.when.fn(state)]
            else:
                pool = [sc.responses[r] for r in state.signals]
            if pool:
                response = pool[state._pick_index([float(amount(r.weight, state)) for r in pool])]
    if response is None:
        if state.log is not None:
            held = " — the signalled threats were not carried out" if state.signals else ""
            state._emit(EventKind.KREMLIN, f"Moscow holds{held}", cause="red cell" if human else "chance")
        return
    ref = None
    if state.log is not None:
        ref = Ref(RefKind.RESPONSE, response.id)
        how = "as signalled" if response.id in state.signals else "without warning"
        state._emit(
            EventKind.KREMLIN,
            f"Moscow acts ({how}): {response.model.text}",
            response.id,
            cause=response.model.label,
            ref=ref,
        )
    state._change(response.changes, f"Moscow: {response.model.label}", ref)
