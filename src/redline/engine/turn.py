"""The turn's course, from one wait for the players to the next.

Briefing (the rung the ladder gives, draw the hand, Moscow's signals) → decisions (one card
at a time, engine/decisions.py) → red lines crossed and Moscow's response
(engine/ladder.py, engine/kremlin.py) → events (engine/happenings.py) → the turn's end →
the next turn's briefing, until a player has to act or an ending is reached.

The turn's end, in order: the later consequences due this turn whose condition still
holds; what red lines crossed in earlier turns keep costing; every drifting meter one step
(its `drift`, or less) toward its baseline; withdrawals (engine/coalition.py); the rung the
meter and floors now give; the turn's snapshot for the history; then the ending choice (engine/endings.py). A turn with nothing
to decide still runs its Kremlin, events and end phases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from redline.engine import coalition, endings, happenings, kremlin, ladder
from redline.engine.draw import draw_hand
from redline.engine.events import EventKind, Ref, RefKind
from redline.engine.phases import DECISIONS, KREMLIN, OVER, SIGNAL

if TYPE_CHECKING:
    from redline.engine.state import State


def begin_turn(state: State) -> None:
    state.crossed_now = 0
    ladder.set_rung(state, ladder.base_rung(state))
    sc = state.scenario
    if state.log is not None:
        state._emit(EventKind.TURN_START, f"{sc.info.turn_label} {state.turn} of {sc.turns}")
    draw_hand(state)
    if state.red_cell:
        state.signals = ()
        state.phase = SIGNAL
        return
    kremlin.draw_signals(state)
    state.phase = DECISIONS


def advance_if_idle(state: State) -> None:
    """Go on past the decisions when the hand is empty."""
    if state.phase == DECISIONS and not state.hand:
        after_decisions(state)


def after_decisions(state: State) -> None:
    ladder.cross_red_lines(state)
    if state.red_cell:
        state.phase = KREMLIN
        return
    kremlin.act(state, None, human=False)
    finish_turn(state)


def finish_turn(state: State) -> None:
    """The events and the end of this turn, and of every following turn with nothing to
    decide, until a decision, the red cell or an ending is due."""
    while True:
        happenings.events_phase(state)
        turn_end(state)
        if state.phase == OVER:
            return
        state.turn += 1
        begin_turn(state)
        if state.phase != DECISIONS or state.hand:
            return
        # A turn with nothing to decide still runs its Kremlin, events and end phases.
        ladder.cross_red_lines(state)
        if state.red_cell:
            state.phase = KREMLIN
            return
        kremlin.act(state, None, human=False)


def turn_end(state: State) -> None:
    if state.pending:
        due = [p for p in state.pending if p[0] <= state.turn]
        state.pending = tuple(p for p in state.pending if p[0] > state.turn)
        ref = Ref(RefKind.LATER) if state.log is not None else None
        for _, later, cause in due:
            if later.when is not None and not later.when.fn(state):
                continue
            if state.log is not None:
                state._emit(EventKind.LATER, later.model.text, cause=f"consequence of: {cause}", ref=ref)
            state._change(later.changes, f"later: {cause}", ref)
    if state.crossed:
        ladder.lasting_costs(state)
    drifted = Ref(RefKind.DRIFT) if state.log is not None else None
    for mid, baseline, drift in state.plan.drifting:
        v = state.meters[mid]
        step = min(drift, abs(baseline - v))
        if step:
            state._set_meter(mid, v + (step if v < baseline else -step), "drift toward baseline", drifted)
    coalition.withdrawals(state)
    # The rung the month ends on, where the next begins: said in this turn's report and kept
    # in its snapshot, as the panel shows it next (not the rung of the turn now closing).
    ladder.set_rung(state, ladder.base_rung(state))
    snapshot(state)
    ending = endings.choose(state)
    if ending is not None:
        endings.end(state, ending)


def snapshot(state: State) -> None:
    """The turn's values, kept in the history (the report's charts read it)."""
    snap = state.plan.snapshot.copy()
    snap.update(state.meters)
    snap["cohesion"] = state.cohesion
    snap["rung"] = float(state.rung)
    support = state.support
    out = state.out
    for aid, key in state.plan.history_keys:
        snap[key] = -1.0 if aid in out else support[aid]
    state.history = (*state.history, snap)
