"""The headless session layer: who may act, what each seat may see, hand-overs and notes,
without Textual or a network."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from redline.engine import KREMLIN, SIGNAL, IllegalAction, Note
from redline.session.facilitated import FacilitatedSession
from redline.session.local import find_entry, load_entry
from redline.session.public import public_events
from redline.session.seats import Table
from redline.session.view import view_for


@pytest.fixture(scope="module")
def tutorial():
    return load_entry(find_entry("tutorial", None))


def table_for(scenario, tmp_path: Path, red_cell: bool = True) -> Table:
    teams = {r.id: r.name for r in scenario.roles.values()}
    return Table(FacilitatedSession.start(scenario, 7, tmp_path, teams, red_cell))


def test_the_session_layer_and_the_host_load_without_textual():
    code = (
        "import sys, redline.session.local, redline.session.facilitated, redline.session.seats, "
        "redline.session.view, redline.session.report, redline.host.server, redline.host.setup, "
        "redline.host.client, redline.host.cli_host, redline.host.cli_join; "
        "assert 'textual' not in sys.modules, 'textual imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_each_seat_acts_only_on_its_own_moves(tutorial, tmp_path):
    table = table_for(tutorial, tmp_path)
    seats = table.seats
    assert list(seats) == ["facilitator", "team:coalition_lead", "team:kyiv", "red_cell", "projector"]
    assert table.session.state.phase == SIGNAL
    with pytest.raises(IllegalAction):  # Moscow's signals are the red cell's
        table.play(seats["team:kyiv"], {"type": "decide", "option": "x"})
    with pytest.raises(IllegalAction, match="cannot 'signal'"):
        table.play(seats["team:kyiv"], {"type": "signal", "responses": []})
    with pytest.raises(IllegalAction, match="only watches"):
        table.play(seats["projector"], {"type": "signal", "responses": []})
    table.play(seats["red_cell"], {"type": "signal", "responses": []})
    card = table.session.state.card
    assert card is not None and card.model.role == "coalition_lead"
    with pytest.raises(IllegalAction, match="not your decision"):
        table.play(seats["team:kyiv"], {"type": "decide", "option": card.options[0].id})
    with pytest.raises(IllegalAction, match="not your decision"):  # a team's card is the team's
        table.play(seats["facilitator"], {"type": "decide", "option": card.options[0].id})
    with pytest.raises(IllegalAction, match="not due"):
        table.play(seats["red_cell"], {"type": "respond", "response": None})
    before = len(table.session.game.actions)
    table.play(seats["team:coalition_lead"], {"type": "decide", "option": card.options[0].id})
    assert len(table.session.game.actions) == before + 1
    assert table.session.game.actions[-1].by == "coalition_lead"


def test_the_view_of_a_team_holds_nothing_the_facilitator_keeps(tutorial, tmp_path):
    table = table_for(tutorial, tmp_path)
    session = table.session
    session.show_red_lines = False
    table.play(
        table.seats["facilitator"], {"type": "inject", "event": "tut_ryazan", "when": "4", "reason": "MSEL 3"}
    )
    table.play(table.seats["facilitator"], {"type": "note", "text": "secret point"})
    kyiv = json.dumps(view_for(table.seats["team:kyiv"], table))
    facilitator = json.dumps(view_for(table.seats["facilitator"], table))
    for secret in ("MSEL 3", "secret point", "Ryazan", tutorial.red_lines[0].model.label):
        assert secret not in kyiv and secret in facilitator
    red = view_for(table.seats["red_cell"], table)
    assert red["red_cell"]["signal"] and "red_cell" not in json.loads(kyiv)


def test_public_events_drop_injects_notes_and_inject_reasons(tutorial, tmp_path):
    session = table_for(tutorial, tmp_path).session
    session.inject("tut_ryazan", "", "the room needs pressure")
    session.inject("tut_talks", "3", "MSEL 4")
    session.note("for the debrief", attach_to_next=False)
    shown = public_events(session.game.all_events())
    text = " ".join(f"{e.text} {e.cause}" for e in shown)
    assert "Strike near Ryazan" in text  # what happened is public
    assert "the room needs pressure" not in text and "MSEL 4" not in text and "for the debrief" not in text


def test_a_note_now_is_the_facilitators_and_the_red_cell_asks_for_a_hand_over_each_time(tutorial, tmp_path):
    table = table_for(tutorial, tmp_path)
    session = table.session
    assert session.needs_handover()
    session.hand_over()
    assert not session.needs_handover()
    session.signal(())
    card = session.state.card
    session.decide(next(o.id for o in card.options if session.state.available(o)))
    session.note("watch Paris", attach_to_next=False)
    assert session.game.actions[-1] == Note("watch Paris", "facilitator")
    while session.state.phase != KREMLIN:
        if session.needs_handover():
            session.hand_over()
        card = session.state.card
        session.decide(next(o.id for o in card.options if session.state.available(o)))
    assert session.needs_handover()
    session.hand_over()
    session.respond(None)
    assert session.state.turn == 2 and session.state.phase == SIGNAL
    assert session.needs_handover()  # the red cell had the keyboard last, but a month has passed


def test_a_locked_option_is_refused_in_the_scenarios_words_never_its_condition(tutorial, tmp_path):
    table = table_for(tutorial, tmp_path)
    session, seats = table.session, table.seats
    for _ in range(100):
        card = session.state.card
        if card is not None and card.id == "tut_roe":
            break
        if session.state.phase == SIGNAL:
            table.play(seats["red_cell"], {"type": "signal", "responses": []})
        elif session.state.phase == KREMLIN:
            table.play(seats["red_cell"], {"type": "respond", "response": None})
        else:
            seat = seats[f"team:{card.model.role}"]
            table.play(seat, {"type": "decide", "option": card.options[0].id})
    assert session.state.card.id == "tut_roe"
    table.play(
        seats["facilitator"], {"type": "override", "target": "escalation", "value": "95", "reason": "test"}
    )
    with pytest.raises(IllegalAction) as refused:
        table.play(seats["team:coalition_lead"], {"type": "decide", "option": "engage_threats"})
    assert str(refused.value) == "Too dangerous while Moscow stands this high on the ladder."
    table.play(seats["facilitator"], {"type": "open_vote"})
    table.play(seats["team:coalition_lead"], {"type": "vote", "option": "engage_threats"})
    with pytest.raises(IllegalAction, match="Too dangerous"):
        table.play(seats["facilitator"], {"type": "close_vote"})
    assert table.vote is not None  # the vote stays open; nothing was decided
