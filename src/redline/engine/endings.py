"""The ending choice: which ending a game reaches, and when.

The rule, whole: at the end of every turn, after the turn's later consequences, drift and
withdrawals, the endings that are not `final` are tried in priority order, highest first
(equal priorities in the scenario's order); the first whose condition holds ends the game.
After the last turn, if none has, the `final` endings are tried in the same order, and the
first whose condition holds ends it (the loader requires one final ending without a
condition, so a game always ends by its last turn). The score is the scenario's score
formula plus the ending's bonus.

`checked_on` reads each non-final ending's turn window (engine/plan.py `turn_window`) once
per scenario, so a turn only tries the endings its number allows: a pre-filter, the
condition is still evaluated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from redline.content.compiled import CEnding, Scenario
from redline.engine.events import EventKind, Ref, RefKind
from redline.engine.phases import OVER

if TYPE_CHECKING:
    from redline.engine.state import State


def in_order(endings: tuple[CEnding, ...] | list[CEnding]) -> list[CEnding]:
    """The endings in the order they are tried: priority, highest first; ties in the
    scenario's order (a stable sort)."""
    return sorted(endings, key=lambda e: -e.model.priority)


def checked_on(sc: Scenario) -> list[tuple[CEnding, ...]]:
    """For each turn (0 to the last), the non-final endings that turn tries, in order."""
    from redline.engine.plan import turn_window, within  # plan builds its index from this

    ordered = [e for e in in_order(sc.endings) if not e.model.final]
    out: list[tuple[CEnding, ...]] = []
    for t in range(sc.turns + 1):
        out.append(tuple(e for e in ordered if within(t, turn_window(e.when))))
    return out


def choose(state: State) -> CEnding | None:
    """The ending `state` reaches at the end of its turn, or None while the game goes on."""
    for ending in state.plan.endings_on[state.turn]:
        if ending.when is None or ending.when.fn(state):
            return ending
    if state.turn >= state.scenario.turns:
        for ending in state.plan.final_endings:
            if ending.when is None or ending.when.fn(state):
                return ending
    return None


def finals(sc: Scenario) -> tuple[CEnding, ...]:
    """The final endings, in the order they are tried after the last turn."""
    return tuple(e for e in in_order(sc.endings) if e.model.final)


def end(state: State, ending: CEnding) -> None:
    """Close the game on `ending`: the final score, and the event that says why."""
    state.ending = ending
    state.phase = OVER
    state.hand = ()
    base = float(state.scenario.score(state))
    state.final_score = round(base + ending.model.bonus, 2)
    if state.log is not None:
        why = f"because {ending.when.text}" if ending.when else "no other ending applied"
        state._emit(
            EventKind.ENDING, ending.model.title, ending.id, cause=why, ref=Ref(RefKind.ENDING, ending.id)
        )
