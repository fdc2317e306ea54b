"""A facilitated session started from a session plan: the scenario, seed, seats and red cell,
the red lines hidden or shown, the odds, the time box of each move and the MSEL. No Textual.

The MSEL's event injects are scheduled in the engine (`Inject(event, turn, reason)`), so they
fire by themselves and the save replays them; its free-text injects wait in the facilitator's
console as "due" from their month on, and go out with one key as a `Bulletin`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from redline.exercise.load import LoadedPlan
    from redline.exercise.model import Plan, PlannedInject
    from redline.session.facilitated import FacilitatedSession

PLAN_KEY = "plan"  # the plan, as data, in the session's meta


def start_from_plan(loaded: LoadedPlan, saves: Path, seed: int | None = None) -> FacilitatedSession:
    """A new session as the plan sets it up; `seed` (from the command line) wins over the plan's."""
    from redline.engine import Inject
    from redline.session.facilitated import FacilitatedSession

    plan = loaded.plan
    teams = {s.role: s.team for s in plan.seats}
    red_cell = any(s.red_cell for s in plan.seats)
    session = FacilitatedSession.start(
        loaded.scenario, plan.seed if seed is None else seed, saves, teams, red_cell
    )
    apply_plan(session, plan)
    for inj in plan.injects:
        if inj.event is None:
            continue
        why = f"MSEL {inj.number}" + (f": {inj.notes}" if inj.notes else "")
        session.game.apply(Inject(inj.event, inj.turn if inj.turn > 1 else None, why))
    return session


def apply_plan(session: FacilitatedSession, plan: Plan) -> None:
    """The plan's settings on a session (new, or restored from a save's meta)."""
    box = plan.time_box()
    session.plan = plan
    session.show_red_lines = not plan.hide_red_lines
    session.show_odds = plan.show_odds
    timer = session.timer
    timer.months = box.months
    timer.when_time_is_up = box.when_time_is_up
    timer.move = None
    timer.set(box.minutes)
    timer.follow(session.state.turn)


def plan_from_meta(meta: Any) -> Plan | None:
    """The plan a save's meta keeps, or None when there is none or it no longer checks."""
    from pydantic import ValidationError

    from redline.exercise.model import Plan

    if not isinstance(meta, dict):
        return None
    try:
        return Plan.model_validate(meta)
    except ValidationError:
        return None


def plan_meta(plan: Plan) -> dict[str, Any]:
    return plan.model_dump(mode="json", by_alias=True, exclude_none=True)


def delivered(session: FacilitatedSession, inj: PlannedInject) -> bool:
    """Whether a free-text inject went out already (read from the actions, so a rewind
    before its delivery makes it due again)."""
    from redline.engine import Bulletin

    to = None if inj.to == "all" else inj.to
    return any(isinstance(a, Bulletin) and a.text == inj.text and a.to == to for a in session.game.actions)


def due(session: FacilitatedSession) -> list[PlannedInject]:
    """The plan's free-text injects due by this month and not delivered yet, in MSEL order."""
    plan = session.plan
    if plan is None or session.state.is_over:
        return []
    turn = session.state.turn
    rows = [i for i in plan.injects if i.text is not None and i.turn <= turn]
    return sorted((i for i in rows if not delivered(session, i)), key=lambda i: (i.turn, i.number))


def deliver(session: FacilitatedSession, number: int) -> str:
    """Send the plan's free-text inject `number` as a bulletin; raises IllegalAction."""
    from redline.engine import IllegalAction
    from redline.session.rulings import bulletin

    inj = next((i for i in due(session) if i.number == number), None)
    if inj is None or inj.text is None:
        raise IllegalAction(f"no free-text inject number {number} is due")
    changes = tuple((c.target, c.value) for c in inj.changes)
    said = bulletin(session, inj.text, inj.to, changes, inj.reason, inj.sender)
    return f"MSEL {inj.number} delivered — {said}"
