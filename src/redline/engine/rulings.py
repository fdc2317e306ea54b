"""The facilitator's rulings: free-text injects and off-card adjudication, and the hot-wash's
observations. Each is an action like any other, so a save replays it; an adjudication's roll
comes from the game's own generator, so the same save rolls the same way.

Matrix games (Engle) settle a proposal no card offers by argument and a die: the team states
what it does and why it should work, the others say why not, the umpire sets the odds, and
the roll decides. A free-text inject is the MSEL's message that no event card holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from redline.engine import coalition
from redline.engine.actions import OBSERVATION_KINDS, Adjudicate, Bulletin, IllegalAction, Observe, check_text
from redline.engine.events import EventKind, Ref, RefKind, ally_of

if TYPE_CHECKING:
    from redline.engine.state import State

Changes = tuple[tuple[str, float | bool], ...]
# The largest change a ruling or a free-text inject makes to a meter or an ally's support
# (a plan is held to it when it loads: exercise/load.py).
MAX_CHANGE = 100


def check_changes(state: State, changes: Changes) -> None:
    """Refuse the whole ruling before anything changes if one of its targets cannot take it."""
    sc = state.scenario
    for target, value in changes:
        if target in sc.meters or ally_of(target) in sc.allies:
            if isinstance(value, bool):
                raise IllegalAction(f"'{target}' takes a change (a number), not {str(value).lower()}")
            if not -MAX_CHANGE <= value <= MAX_CHANGE:
                raise IllegalAction(
                    f"a change of {value:g} to '{target}' is outside -{MAX_CHANGE} to +{MAX_CHANGE}"
                )
        elif target in sc.flags:
            if not isinstance(value, bool):
                raise IllegalAction(f"flag '{target}' takes true or false")
        else:
            raise IllegalAction(f"nothing called '{target}' to change")


def apply_changes(state: State, changes: Changes, cause: str, ref: Ref) -> None:
    sc = state.scenario
    allies = False
    for target, value in changes:
        if target in sc.meters:
            state._set_meter(target, state.meters[target] + float(value), cause, ref)
        elif target in sc.flags:
            before = state.flags[target]
            if before != value:
                state._set_flag(target, bool(value))
                label = sc.flags[target].label or target
                state._emit(
                    EventKind.CHANGE,
                    f"{label}: {'yes' if value else 'no'}",
                    target,
                    before,
                    value,
                    cause,
                    ref,
                )
        else:
            aid = ally_of(target) or ""
            if aid not in state.out:
                state._set_support(aid, state.support[aid] + float(value), cause, ref)
                allies = True
    if allies:
        coalition.recompute_cohesion(state)


def bulletin(state: State, action: Bulletin) -> None:
    for what, text in (("an inject", action.text), ("a reason", action.reason), ("a sender", action.sender)):
        check_text(what, text)
    if not action.text.strip():
        raise IllegalAction("a free-text inject needs its text")
    if action.to is not None and action.to not in state.scenario.roles:
        raise IllegalAction(f"no role '{action.to}' to send it to")
    if action.changes and not (action.reason and action.reason.strip()):
        raise IllegalAction("a free-text inject that changes the game needs a reason")
    check_changes(state, action.changes)
    state._emit(EventKind.BULLETIN, action.text, action.to, cause=action.reason, ref=Ref(RefKind.BULLETIN))
    if action.changes:
        apply_changes(state, action.changes, "a free-text inject", Ref(RefKind.BULLETIN))


def adjudicate(state: State, action: Adjudicate) -> None:
    for what, text in (
        ("a proposal", action.proposal),
        ("an argument", action.pro),
        ("an argument", action.con),
    ):
        check_text(what, text)
    check_text("a reason", action.reason)
    if not action.proposal.strip():
        raise IllegalAction("state the proposal to rule on")
    if not 0 <= action.odds <= 1:
        raise IllegalAction("the odds are a share from 0 to 1")
    if (action.success or action.failure) and not (action.reason and action.reason.strip()):
        raise IllegalAction("a ruling that changes the game needs a reason")
    check_changes(state, action.success)
    check_changes(state, action.failure)
    # The roll is drawn even at odds of 0 or 1, so a save replays the same whatever was set.
    roll = state._random()
    won = roll < action.odds
    verdict = "succeeds" if won else "fails"
    state._emit(
        EventKind.ADJUDICATION,
        f"{action.proposal} — {verdict} (odds {action.odds:.0%}, roll {roll * 100:.0f})",
        action.by,
        action.odds,
        won,
        cause=action.reason,
        ref=Ref(RefKind.ADJUDICATION),
    )
    changes = action.success if won else action.failure
    if changes:
        apply_changes(state, changes, f"ruling: {action.reason}", Ref(RefKind.ADJUDICATION))


def observe(state: State, action: Observe) -> None:
    check_text("an observation", action.text)
    if not action.text.strip():
        raise IllegalAction("an observation needs its text")
    if action.category not in OBSERVATION_KINDS:
        raise IllegalAction(f"an observation is one of: {', '.join(OBSERVATION_KINDS)}")
    state._emit(
        EventKind.OBSERVATION, action.text, action.category, cause=action.by, ref=Ref(RefKind.OBSERVATION)
    )
