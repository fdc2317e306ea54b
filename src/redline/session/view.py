"""What each seat may see: `view_for(seat, table)` is the one door every payload the host
sends goes through (boardgame.io's `filterPlayerView`).

Everybody sees the room's picture: the month, the meters, the allies, Moscow's ladder and
public signals, whose move it is, the current card, the move and its timer, and the room's
record (never the facilitator's scheduled injects, notes, observations or reasons;
a free-text inject addressed to one role only on that role's seat). On top of that:
- a team: whether the card (or the vote) is its own to answer;
- the red cell: the threats it may signal and the responses it may carry out, and its red lines;
- the facilitator: everything, including the full record, scheduled injects and notes, the
  plan's free-text injects that are due, and the hot-wash's observations.
The red lines reach a team or the projector only while the facilitator shows them, and a
red line once crossed (Moscow says so in public).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from redline.session.public import public_events
from redline.session.seats import FACILITATOR, RED_CELL, TEAM, Seat, Table

if TYPE_CHECKING:
    from redline.engine import Event
    from redline.session.facilitated import FacilitatedSession

LOG_LINES = 40  # the record's tail each view carries; the whole record stays with the host


def view_for(seat: Seat, table: Table) -> dict[str, Any]:
    """Everything `seat` may know now, as plain JSON-ready data."""
    session = table.session
    view = _room(seat, table)
    if seat.kind == TEAM:
        view["yours"] = table.may_decide(seat)
    elif seat.kind == RED_CELL:
        view["red_cell"] = _red_cell(session)
        view["red_lines"] = _red_lines(session, every=True)
    elif seat.kind == FACILITATOR:
        view["facilitator"] = _facilitator(table)
        view["red_lines"] = _red_lines(session, every=True)
    return view


def _room(seat: Seat, table: Table) -> dict[str, Any]:
    session = table.session
    state = session.state
    sc = session.scenario
    card = state.card
    actor = session.actor()
    vote = table.vote
    options = [o.id for o in card.options] if card else []
    private = seat.kind == FACILITATOR
    from redline.report.words import said_events

    events = session.game.all_events() if private else public_events(session.game.all_events(), seat.role)
    events = said_events(events[-LOG_LINES * 3 :], sc)
    return {
        "seat": {"id": seat.id, "kind": seat.kind, "role": seat.role, "name": seat.name},
        "scenario": {
            "id": sc.id,
            "title": sc.info.title,
            "turns": sc.info.turns,
            "turn_label": sc.info.turn_label,
        },
        "turn": state.turn,
        "phase": state.phase,
        "over": state.is_over,
        "ending": (
            {"title": state.ending.model.title, "text": state.ending.model.text, "score": state.final_score}
            if state.ending
            else None
        ),
        "score": state.score,
        "meters": [
            {"id": m, "label": meter.label, "value": state.meters[m]} for m, meter in sc.meters.items()
        ],
        "cohesion": state.cohesion,
        "allies": [
            {"id": a, "name": ally.name, "support": state.support[a], "left": a in state.out}
            for a, ally in sc.allies.items()
        ],
        "rung": sc.rungs[state.rung].model.label,
        "signals": [
            {"label": sc.responses[r].model.label, "signal": sc.responses[r].model.signal}
            for r in state.signals
        ],
        "whose": None
        if actor is None
        else {"role": actor, "player": session.player(actor), "name": session.role_name(actor)},
        "card": (
            {
                "id": card.id,
                "title": card.model.title,
                "text": card.model.text,
                "role": card.model.role or None,
                "options": [_option(session, o) for o in card.options],
            }
            if card
            else None
        ),
        "vote": (
            {"card": vote.card, "tally": dict(vote.tally(options)), "mine": vote.ballots.get(seat.id)}
            if vote is not None
            else None
        ),
        "timer": session.timer.text() if session.timer.is_set else None,
        "show_odds": session.show_odds,
        "move": _move(session),
        "red_lines": _red_lines(session, every=False),
        "log": [_line(session, e) for e in events[-LOG_LINES:] if e.kind not in ("turn_start", "draw")],
        "report": _last_report(session, public=not private, role=seat.role),
    }


def _line(session: FacilitatedSession, event: Event) -> str:
    cause = event.cause
    text = event.text
    if event.kind == "bulletin":
        to = f" to {session.role_name(event.target)}" if event.target else ""
        text = f"Inject{to}: {text}"
    elif event.kind == "adjudication":
        who = event.target
        text = f"Ruling on {session.player(who) if who in session.scenario.roles else who or 'the room'}'s proposal: {text}"
    elif event.kind == "observation":
        text = f"{str(event.target).capitalize()}: {text}"
    if event.kind in ("decision", "note") and cause:  # a role's id: say who it is
        cause = session.player(cause) if cause in session.scenario.roles else cause
    return f"{event.turn}. {text}" + (f" — {cause}" if cause else "")


def _move(session: FacilitatedSession) -> dict[str, Any]:
    """The move under way and its time box: every screen shows it, hand-overs included."""
    timer = session.timer
    move = timer.move_of(session.state.turn)
    first, last = timer.months_of(move)
    turns = session.scenario.info.turns
    return {
        "number": move,
        "of": timer.move_of(turns),
        "months": [first, min(last, turns)],
        "minutes": timer.minutes,
        "time_up": timer.expired,
        "when_time_is_up": timer.when_time_is_up,
        "close_the_move": timer.asks_to_move_on,
    }


def _last_report(session: FacilitatedSession, public: bool, role: str | None = None) -> list[dict[str, Any]]:
    """The report of the last month played, as the room sees it (the facilitator: all of it)."""
    from redline.session.report import report_for_turn

    state = session.state
    turn = state.turn if state.is_over else state.turn - 1
    if turn < 1:
        return []
    return [
        {"title": s.title, "turn": turn, "lines": [asdict(line) for line in s.lines]}
        for s in report_for_turn(session.game, turn, public=public, role=role)
    ]


def _option(session: FacilitatedSession, option: Any) -> dict[str, Any]:
    """An option as every screen shows it: its words and, unless the session hides them, the
    odds of its chance outcomes ("Corridors open without incident 75%")."""
    from redline.report.words import odds_words

    state = session.state
    odds = odds_words(state, option) if session.show_odds is not False else None
    return {
        "id": option.id,
        "label": option.model.label,
        "text": option.model.text or "",
        "open": state.available(option),
        "chance": bool(option.outcomes),
        "odds": odds,
    }


def _red_lines(session: FacilitatedSession, every: bool) -> list[dict[str, Any]]:
    from redline.engine.ladder import gauge

    state = session.state
    shown = every or session.show_red_lines
    return [
        {"label": rl.model.label, "crossed": state.crossed.get(rl.id), "near": gauge(state, rl)}
        for rl in session.scenario.red_lines
        if shown or rl.id in state.crossed
    ]


def _red_cell(session: FacilitatedSession) -> dict[str, Any]:
    from redline.engine import KREMLIN, SIGNAL
    from redline.session.facilitated import signal_choices

    state = session.state
    sc = session.scenario
    out: dict[str, Any] = {"limit": sc.kremlin.signals, "signal": [], "respond": []}
    if state.phase == SIGNAL:
        out["signal"] = [
            {"id": r.id, "label": r.model.label, "signal": r.model.signal, "text": r.model.text}
            for r in signal_choices(session)
        ]
    elif state.phase == KREMLIN:
        allowed = {r.id: r for r in state.reachable_responses()}
        for rid in state.signals:
            allowed.setdefault(rid, sc.responses[rid])
        out["respond"] = [
            {"id": r.id, "label": r.model.label, "text": r.model.text, "signalled": r.id in state.signals}
            for r in allowed.values()
        ]
    return out


def _facilitator(table: Table) -> dict[str, Any]:
    from redline.session.facilitated import targets
    from redline.session.planned import due
    from redline.session.rulings import ODDS

    session = table.session
    sc = session.scenario
    return {
        "injects": [
            {"turn": t, "event": e, "title": sc.event_by_id[e].model.title} for t, e in session.state.injects
        ],
        "events": [{"id": e, "title": ev.model.title} for e, ev in sc.event_by_id.items()],
        "targets": [{"id": t, "label": label, "now": now} for t, label, now in targets(session)],
        "rewindable": [turn for turn, _ in session.rewindable()],
        "ballots": dict(table.vote.ballots) if table.vote else {},
        "timer": session.timer.describe(),
        "show_red_lines": session.show_red_lines,
        "pending_note": session.pending_note,
        "due": [
            {
                "number": i.number,
                "turn": i.turn,
                "text": i.text,
                "from": i.sender,
                "to": i.to,
                "expected_action": i.expected_action,
                "notes": i.notes,
            }
            for i in due(session)
        ],
        "odds": [{"name": name, "share": share, "odds": odds} for name, odds, share in ODDS],
        "observations": [
            {"turn": e.turn, "category": e.target, "text": e.text, "by": e.cause}
            for e in session.game.all_events()
            if e.kind == "observation"
        ],
    }
