"""The session (game plus saves) and the turn report, without Textual."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone

import pytest

from conftest import FROZEN
from redline.content import load_scenario
from redline.engine import IllegalAction
from redline.tui.session import Session, format_saved, latest_autosave, slug
from redline.tui.turn_report import (
    ALLIES,
    DECISIONS,
    EVENTS,
    METERS,
    MOSCOW,
    ORDER,
    report_for_turn,
    signed,
)


@pytest.fixture(scope="module")
def tutorial():
    return load_scenario(FROZEN / "scenarios" / "tutorial")


def play_turn(session: Session) -> None:
    turn = session.state.turn
    while session.state.turn == turn and not session.state.is_over:
        session.decide(session.state.legal_actions()[0].option)  # type: ignore[union-attr]


def test_a_decision_that_ends_the_turn_autosaves(tutorial, saves):
    session = Session.new(tutorial, 3, saves)
    assert not session.autosave_path.exists()
    decided = session.decide(session.state.legal_actions()[0].option)  # type: ignore[union-attr]
    assert decided.turn_ended and decided.turns == (1,) and not decided.game_over
    assert decided.autosave_error is None
    doc = json.loads(session.autosave_path.read_text())
    assert doc["turn"] == 2 and doc["seed"] == 3


def test_the_last_turn_reports_itself_and_ends(tutorial, saves):
    session = Session.new(tutorial, 3, saves)
    while session.state.turn < tutorial.turns and not session.state.is_over:
        play_turn(session)
    if not session.state.is_over:
        last = session.state.turn
        decided = session.decide(session.state.legal_actions()[0].option)  # type: ignore[union-attr]
        assert decided.game_over and decided.turns[-1] == last


def test_an_illegal_decision_changes_nothing(tutorial, saves):
    session = Session.new(tutorial, 3, saves)
    with pytest.raises(IllegalAction):
        session.decide("no_such_option")
    assert session.game.actions == []


def test_autosave_failure_is_a_message(tutorial, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("x")
    session = Session.new(tutorial, 3, blocked)
    error = session.autosave()
    assert error is not None and "cannot save" in error


def test_save_load_round_trip_and_continue(tutorial, saves):
    session = Session.new(tutorial, 5, saves)
    play_turn(session)
    path, error = session.save_as("Before the vote!")
    assert error is None and path.name == "before-the-vote.json"
    loaded, message = Session.load(path, saves, [FROZEN])
    assert message is None
    assert loaded.state.fingerprint() == session.state.fingerprint()
    latest = latest_autosave(saves)
    assert latest is not None and latest.path == session.autosave_path and latest.turn == 2


def test_a_finished_game_is_not_offered_to_continue(tutorial, saves):
    session = Session.new(tutorial, 5, saves)
    while not session.state.is_over:
        play_turn(session)
    assert session.autosave_path.is_file()
    assert latest_autosave(saves) is None


def test_decisions_this_turn_and_in_progress(tutorial, saves):
    session = Session.new(tutorial, 5, saves)
    assert not session.in_progress and session.decisions_this_turn() == 0
    play_turn(session)
    assert session.in_progress and session.decisions_this_turn() == 0


def test_saved_dates_are_shown_in_the_clocks_zone():
    paris = timezone(timedelta(hours=2))
    assert (
        format_saved("2025-09-05T12:00:00+00:00", lambda: datetime(2025, 1, 1, tzinfo=paris))
        == "2025-09-05 14:00"
    )
    assert format_saved(None, lambda: datetime.now(UTC)) == "—"
    assert format_saved("garbage", lambda: datetime.now(UTC)) == "garbage"


def test_slug():
    assert slug("  Week 3: the vote / plan B ") == "week-3-the-vote-plan-b"
    assert slug("???") == ""


def test_turn_report_groups_every_change_with_its_cause(tutorial, saves):
    session = Session.new(tutorial, 1, saves)
    # Deploying now, before a ceasefire: a decision, ally reactions, Moscow and an event.
    session.decide("deploy_now")
    sections = {s.title: s for s in report_for_turn(session.game, 1)}
    assert list(sections) == [t for t in ORDER if t in sections]
    decisions = [line.text for line in sections[DECISIONS].lines]
    assert decisions[0] == "When does the force deploy? → Deploy a limited mission now"
    allies = sections[ALLIES].lines
    germany = next(line for line in allies if line.text.startswith("Germany"))
    assert germany.text == f"Germany {signed(-8)} (50 → 42)"
    assert germany.why == "boots on the ground without a US backstop"
    assert germany.arrow == "▼" and germany.good is False
    moscow = [line.text for line in sections[MOSCOW].lines]
    assert any(text.startswith("Signalled:") for text in moscow)
    assert any(text.startswith("Moscow climbs to") for text in moscow)
    assert any(line.text.startswith("Strike near Ryazan") for line in sections[EVENTS].lines)
    meters = {line.text.split(" ")[0] for line in sections[METERS].lines}
    assert {"Kremlin", "Ceasefire", "Ukrainian", "Allied"} <= meters
    # Every change of the turn is listed once, under one heading; an ally's are summed.
    changes = [e for e in session.game.turn_events(1) if e.kind in ("change", "reaction")]
    ally_changes = [e for e in changes if (e.target or "").startswith("ally.")]
    listed = [line for s in sections.values() for line in s.lines if line.indent and line.kind != "scheduled"]
    assert len(listed) == len(changes) - len(ally_changes) + len({e.target for e in ally_changes})
    # A change under its decision does not repeat the decision as its cause.
    assert all(line.why is None for line in sections[DECISIONS].lines if line.indent)


def test_the_session_and_report_modules_do_not_load_textual():
    code = (
        "import sys, redline.tui.session, redline.tui.turn_report; "
        "assert 'textual' not in sys.modules, 'textual imported'; "
        "assert 'redline.engine' not in sys.modules, 'engine imported eagerly'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
