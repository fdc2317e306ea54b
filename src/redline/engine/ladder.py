"""Red lines and the escalation ladder.

The rule: after the turn's decisions, every red line not crossed before whose condition
now holds is crossed: it is remembered with the turn, applies its effects at once, and
bumps Moscow that many rungs above where the escalation meter puts it. The meter sets the
rung: the highest rung whose `at` the meter has reached. A crossed red line with a `floor`
keeps Moscow on that rung at least, for good (the meter may drift back, the memory of the
breach does not). A crossed red line with `lasting` effects applies them again at the end of
every later turn. Each turn begins on the rung the meter and the floors give; the ladder has
no rung above its top.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from redline.engine.events import EventKind, Ref, RefKind

if TYPE_CHECKING:
    from redline.content.compiled import CRedLine
    from redline.engine.state import State


def cross_red_lines(state: State) -> None:
    """Cross the red lines whose condition holds now, and set the rung they lead to."""
    bump = 0
    for rl in state.scenario.red_lines:
        if rl.id in state.crossed or not rl.crossed.fn(state):
            continue
        state.crossed[rl.id] = state.turn
        state.crossed_now += 1
        bump += rl.model.bump
        ref = None
        if state.log is not None:
            ref = Ref(RefKind.RED_LINE, rl.id)
            state._emit(
                EventKind.RED_LINE,
                f"Red line crossed: {rl.model.label}",
                rl.id,
                cause=rl.model.shown_quote(),
                ref=ref,
            )
        state._change(rl.changes, f"red line: {rl.model.label}", ref)
    set_rung(state, base_rung(state) + bump, "red line crossed" if bump else None)


def gauge(state: State, red_line: CRedLine) -> float | None:
    """How near a red line is, 0-100, or None when the scenario gives it no gauge: the one
    reading of `proximity` the Moscow panel, the option's touches and the report share."""
    if red_line.proximity is None:
        return None
    try:
        value = float(red_line.proximity(state))
    except (ArithmeticError, TypeError, ValueError, KeyError):
        return None
    return max(0.0, min(100.0, value))


NEAR_AT = 50.0  # a red line whose gauge reads this or more is NEAR


def red_line_status(state: State, red_line: CRedLine) -> tuple[str, float | None]:
    """SAFE, NEAR or CROSSED, with the gauge's reading: the one reading of a red line's state
    for every face (the Moscow panel, a seat's screen, plain mode)."""
    near = gauge(state, red_line)
    return status_word(red_line.id in state.crossed, near), near


def status_word(crossed: bool, near: float | None) -> str:
    """The word for a red line that is crossed or not, with its gauge's reading (a seat's
    screen reads it from the host's view, the game from the state)."""
    if crossed:
        return "CROSSED"
    return "NEAR" if near is not None and near >= NEAR_AT else "SAFE"


def base_rung(state: State) -> int:
    """The rung the escalation meter and the crossed red lines' floors put Moscow on."""
    level = state.meters[state.scenario.escalation]
    rung = 0
    for i, at in enumerate(state.plan.rung_at):
        if level >= at:
            rung = i
    if state.crossed:
        crossed = state.crossed
        for rid, floor in state.plan.floors:
            if floor > rung and rid in crossed:
                rung = floor
    return rung


def set_rung(state: State, rung: int, cause: str | None = None) -> None:
    """Put Moscow on `rung`; `cause` in words, or None for the escalation meter's level."""
    rung = min(rung, len(state.scenario.rungs) - 1)
    if rung != state.rung:
        if state.log is not None:
            if cause is None:
                meter = state.scenario.escalation
                cause = f"{state.scenario.meters[meter].label} at {state.meters[meter]:g}"
            label = state.scenario.rungs[rung].model.label
            verb = "climbs to" if rung > state.rung else "steps down to"
            state._emit(
                EventKind.RUNG, f"Moscow {verb} “{label}”", cause=cause, before=state.rung, after=rung
            )
        state.rung = rung


def lasting_costs(state: State) -> None:
    """What red lines crossed in earlier turns keep costing, once a turn."""
    crossed = state.crossed
    for rl in state.plan.lasting:
        since = crossed.get(rl.id)
        if since is None or since >= state.turn:
            continue
        label = rl.model.label
        ref = None
        if state.log is not None:
            ref = Ref(RefKind.RED_LINE, rl.id)
            state._emit(
                EventKind.LATER,
                f"Moscow still answers a crossed red line: {label}",
                rl.id,
                cause=f"red line crossed in {state.scenario.info.turn_label.lower()} {since}",
                ref=ref,
            )
        state._change(rl.lasting, f"red line: {label} (still felt)", ref)
