"""The facilitator's actions on the game itself: injecting an event and overriding a value.

The rule: an inject fires one of the scenario's events now, or schedules it for a later
turn (fired first in that turn's events phase); a turn that has passed or lies after the
last refuses it. An override sets a meter, a flag or an ally's support (`ally.<id>`) to a
value, held to the target's range as every change is, and always needs a reason, which the
game's record keeps; its event, recorded before the change it makes, carries the value
taken. Free-text injects, rulings and observations are in engine/rulings.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from redline.engine import coalition
from redline.engine.actions import IllegalAction, Inject, Override, check_text
from redline.engine.events import EventKind, Ref, RefKind, ally_of
from redline.engine.happenings import fire
from redline.numeric import round2

if TYPE_CHECKING:
    from redline.engine.state import State


def inject(state: State, action: Inject) -> None:
    check_text("a reason", action.reason)
    event = state.scenario.event_by_id.get(action.event)
    if event is None:
        raise IllegalAction(f"no event '{action.event}'")
    if action.turn is not None and action.turn > state.turn:
        if action.turn > state.scenario.turns:
            raise IllegalAction(f"turn {action.turn} is after the last turn")
        state.injects = (*state.injects, (action.turn, event.id))
        state._emit(
            EventKind.INJECT,
            f"Scheduled for turn {action.turn}: {event.model.title}",
            event.id,
            cause=action.reason,
        )
        return
    if action.turn is not None and action.turn < state.turn:
        raise IllegalAction(f"turn {action.turn} has passed")
    fire(state, event, "inject by the facilitator" + (f": {action.reason}" if action.reason else ""))


def override(state: State, action: Override) -> None:
    if not action.reason or not action.reason.strip():
        raise IllegalAction("an override needs a reason")
    check_text("a reason", action.reason)
    # NaN fails this comparison too; the bound is the one a save holds (saves/schema.py).
    if not isinstance(action.value, bool) and not -1e9 <= float(action.value) <= 1e9:
        raise IllegalAction("an override takes a number between -1e9 and 1e9")
    sc = state.scenario
    cause = f"override: {action.reason}"
    ref = Ref(RefKind.OVERRIDE)
    target = action.target
    aid = ally_of(target)
    if target in sc.meters:
        if isinstance(action.value, bool):
            raise IllegalAction(f"meter '{target}' takes a number")
        lo, hi = state.plan.meter_bounds[target]
        _announce(state, action, lo, hi)
        state._set_meter(target, float(action.value), cause, ref)
    elif target in sc.flags:
        if not isinstance(action.value, bool):
            raise IllegalAction(f"flag '{target}' takes true or false")
        _announce(state, action, 0.0, 0.0)
        before = state.flags[target]
        state._set_flag(target, action.value)
        state._emit(
            EventKind.CHANGE,
            f"{sc.flags[target].label or target}: {'yes' if action.value else 'no'}",
            target,
            before,
            action.value,
            cause,
            ref,
        )
    elif aid is not None and aid in sc.allies:
        if isinstance(action.value, bool):
            raise IllegalAction(f"'{target}' takes a number")
        _announce(state, action, 0.0, 100.0)
        state._set_support(aid, float(action.value), cause, ref)
        coalition.recompute_cohesion(state)
    else:
        raise IllegalAction(f"nothing called '{target}' to override")


def _announce(state: State, action: Override, lo: float, hi: float) -> None:
    """The override's own event, before the change it makes: the value the target takes (a
    number is held to the target's range, `lo` to `hi`, as every change is), and the value
    asked when that was outside the range. The event's `after` is the value taken."""
    value = action.value
    if isinstance(value, bool):
        taken: float | bool = value
        text = f"Facilitator set {action.target} to {value}"
    else:
        asked = float(value)
        held = lo if asked < lo else hi if asked > hi else asked
        taken = round2(held)
        text = f"Facilitator set {action.target} to {taken:g}"
        if held != asked:
            edge = "top" if asked > hi else "bottom"
            text += f" (asked {asked:g}, the {edge} of its range)"
    state._emit(
        EventKind.OVERRIDE, text, action.target, None, taken, cause=action.reason, ref=Ref(RefKind.OVERRIDE)
    )
