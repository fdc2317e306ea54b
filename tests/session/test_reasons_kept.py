"""The facilitator's reasons are the facilitator's: an override's, a free-text inject's and a
ruling's reason reach the facilitator's seat and the full record, never the room (the shared
month report, the projector, a team's seat); the act itself and its effects are public."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from redline.engine import KREMLIN, SIGNAL
from redline.session.facilitated import FacilitatedSession
from redline.session.local import find_entry, load_entry
from redline.session.public import public_events
from redline.session.rulings import adjudicate, bulletin
from redline.session.seats import Table
from redline.session.view import view_for

OVERRIDE = "OVERRIDEREASON the umpire wants pressure"
BULLETIN = "BULLETINREASON test the coalition lead"
RULING = "RULINGREASON the corridor was plausible"
REASONS = (OVERRIDE, BULLETIN, RULING)


@pytest.fixture(scope="module")
def tutorial():
    return load_entry(find_entry("tutorial", None))


def _play_month(table: Table) -> None:
    """Play until the month changes, every seat taking its first move."""
    session = table.session
    turn = session.state.turn
    while session.state.turn == turn and not session.state.is_over:
        state = session.state
        if state.phase == SIGNAL:
            session.signal(())
        elif state.phase == KREMLIN:
            session.respond(None)
        else:
            session.decide(state.legal_actions()[0].option)  # type: ignore[union-attr]


def _ruled(tutorial, tmp_path: Path) -> Table:
    teams = {r.id: r.name for r in tutorial.roles.values()}
    table = Table(FacilitatedSession.start(tutorial, 7, tmp_path, teams, True))
    session = table.session
    session.override("escalation", "50", OVERRIDE)
    bulletin(session, "Moscow closes the airspace", "all", "confidence -2", BULLETIN)
    adjudicate(session, "Open a humanitarian corridor", 1.0, "kyiv", success="confidence +3", reason=RULING)
    return table


def test_public_events_keep_every_reason_back_and_show_the_acts(tutorial, tmp_path):
    session = _ruled(tutorial, tmp_path).session
    everything = " ".join(f"{e.text} {e.cause}" for e in session.game.all_events())
    assert all(reason in everything for reason in REASONS)  # the record keeps them
    shown = public_events(session.game.all_events())
    text = " ".join(f"{e.text} {e.cause}" for e in shown)
    for reason in REASONS:
        assert reason not in text, reason
    kinds = [e.kind for e in shown]
    assert "override" in kinds and "bulletin" in kinds and "adjudication" in kinds
    assert "Moscow closes the airspace" in text and "Open a humanitarian corridor — succeeds" in text
    effects = {(e.ref.kind, e.delta) for e in shown if e.kind == "change" and e.ref is not None}
    assert {("bulletin", -2), ("adjudication", 3)} <= effects  # the effects are public


def test_no_reason_reaches_the_room_the_projector_or_a_team(tutorial, tmp_path):
    table = _ruled(tutorial, tmp_path)
    _play_month(table)  # the month report of the month ruled on is on every screen now
    shared = json.dumps([[line.__dict__ for line in s.lines] for s in table.session.report(1)])
    assert "Facilitator set Kremlin escalation to 50" in shared  # the override's effect
    for seat in ("projector", "team:kyiv", "team:coalition_lead", "red_cell"):
        wire = json.dumps(view_for(table.seats[seat], table), ensure_ascii=False)
        assert "Moscow closes the airspace" in wire and "Open a humanitarian corridor" in wire, seat
        for reason in REASONS:
            assert reason not in wire, (seat, reason)
            assert reason not in shared, reason
    facilitator = json.dumps(view_for(table.seats["facilitator"], table), ensure_ascii=False)
    assert all(reason in facilitator for reason in REASONS)  # so the checks above can fail
