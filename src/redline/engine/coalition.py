"""Allies and the coalition's cohesion.

The rule: each ally's support runs from 0 to 100. A decided option moves the allies that
react to its tags: per ally the reactions that hold are summed, capped at the ally's
`max_swing`, and explained by the strongest of them. At the end of a turn an ally whose
support is below its `threshold` leaves the coalition for good; from then on nothing moves
it. Cohesion is the support of the allies still in, weighted by each ally's weight in the
coalition (its `weight`, or else the sum of its contribution) and divided by the total
weight of all allies, those who left included, rounded to two places.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from redline.content.compiled import COption
from redline.engine.events import EventKind, Ref, RefKind, ally_target
from redline.engine.plan import net_reactions
from redline.numeric import round2

if TYPE_CHECKING:
    from redline.engine.state import State


def recompute_cohesion(state: State) -> None:
    # Summed left to right from 0.0, as redline.numeric explains. A plain loop: compiled,
    # it is machine arithmetic on floats.
    plan = state.plan
    if not plan.total_weight:
        state.cohesion = 0.0
        return
    out = state.out
    kept = 0.0
    # `support` is in the scenario's ally order, as the weights are, and as long. (zip
    # without strict=: with a keyword, the compiled loop goes through the interpreter.)
    if out:
        for (aid, w), v in zip(plan.weights, state.support.values()):  # noqa: B905
            if aid not in out:
                kept += w * v
    else:
        for w, v in zip(plan.weight_values, state.support.values()):  # noqa: B905
            kept += w * v
    state.cohesion = round2(kept / plan.total_weight)


def react(state: State, option: COption, ref: Ref | None) -> None:
    """Each ally reacts to the tags of what was decided, at most `max_swing` at once."""
    plan = state.plan.options[option]
    out = state.out
    fixed = plan.fixed
    if fixed is None:  # some reactions have conditions: sum those that hold now
        holding = (
            (aid, delta, why, size)
            for aid, delta, when, why, size in plan.reactions
            if aid not in out and (when is None or when.fn(state))
        )
        fixed = tuple(net_reactions(holding, state.plan.max_swing))
    moved = False
    support = state.support
    for aid, delta, why in fixed:
        if aid not in out:
            state._set_support(aid, support[aid] + delta, why, ref, reaction=True)
            moved = True
    if moved:
        recompute_cohesion(state)


def withdrawals(state: State) -> None:
    """Allies below their threshold leave the coalition, at the end of a turn."""
    left = False
    support = state.support
    for aid, threshold in state.plan.thresholds:
        if support[aid] < threshold and aid not in state.out:
            ally = state.scenario.allies[aid]
            state.out[aid] = state.turn
            left = True
            if state.log is not None:
                why = state.grievance.get(aid, "support fell too low")
                state._emit(
                    EventKind.WITHDRAWAL,
                    f"{ally.name} leaves the coalition",
                    ally_target(aid),
                    cause=why,
                    ref=Ref(RefKind.ALLY, aid),
                )
    if left:
        recompute_cohesion(state)
