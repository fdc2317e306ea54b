"""The facilitator's typed commands take what a screen shows (an option's number or label, an
event's number or title, a target's name), and a vote closed against the count is the
facilitator's decision, never a team's that did not choose it."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.engine import Decide, IllegalAction
from redline.host.commands import read_command, usage
from redline.host.setup import new_host
from redline.report.aar import build
from redline.session.seats import Table


def _table(tmp_path: Path, scenario: str = "tutorial") -> Table:
    host = new_host(scenario, 7, tmp_path / f"host-{scenario}.json", None)
    table = host.table
    table.play(table.seats["red_cell"], {"type": "signal", "responses": []})
    assert table.session.state.card is not None
    return table


def _typed(table: Table, line: str) -> str:
    return table.play(table.seats["facilitator"], read_command(line))


def test_close_takes_the_number_and_the_label_shown(tmp_path):
    table = _table(tmp_path)
    card = table.session.state.card
    second = card.options[1]
    _typed(table, "vote")
    _typed(table, "close 2")
    decided = table.session.game.actions[-1]
    assert isinstance(decided, Decide) and decided.option == second.id

    table = _table(tmp_path / "again")
    _typed(table, "vote")
    label = table.session.state.card.options[1].model.label
    _typed(table, f"close {label.upper()}")
    assert table.session.game.actions[-1].option == second.id


def test_an_option_that_is_not_there_says_what_to_type(tmp_path):
    table = _table(tmp_path)
    _typed(table, "vote")
    with pytest.raises(IllegalAction, match=r"no option '9' on this card: give its number \(1 to 2\)"):
        _typed(table, "close 9")
    with pytest.raises(IllegalAction, match="or its name"):
        _typed(table, "close something else")


def test_a_team_votes_and_decides_by_number_too(tmp_path):
    table = _table(tmp_path)
    paris = table.seats["team:coalition_lead"]
    option = table.session.state.card.options[1].id
    _typed(table, "vote")
    table.play(paris, {"type": "vote", "option": "2"})
    assert table.vote is not None and table.vote.ballots == {paris.id: option}


def test_inject_and_override_take_titles_names_and_numbers(tmp_path):
    table = _table(tmp_path)
    session = table.session
    said = _typed(table, "inject talks offered in a neutral capital 4 / MSEL 3")
    assert "scheduled for week 4" in said
    assert (4, "tut_talks") in session.state.injects
    assert "Power cut in Chernihiv region" in _typed(table, "inject 1")
    assert "Kremlin escalation set to 30" in _typed(table, "override kremlin escalation 30 / the room")
    assert session.state.meters["escalation"] == 30
    _typed(table, "override 2 60 / the room")  # the second target the screen lists
    assert session.state.meters["ceasefire"] == 60
    with pytest.raises(IllegalAction, match="no event 'Nothing like it'"):
        _typed(table, "inject Nothing like it")


def test_a_vote_closed_against_the_count_is_the_facilitators(tmp_path):
    # Kyiv never joins: Paris votes for the first option; the facilitator closes on the second.
    table = _table(tmp_path, "reassurance-force")
    session = table.session
    card = session.state.card
    assert card.model.role  # a team's card, put to a vote
    paris = next(s for s in table.seats.values() if s.kind == "team")
    _typed(table, "vote")
    table.play(paris, {"type": "vote", "option": "1"})
    said = _typed(table, f"close {card.options[1].model.label}")
    assert "against the count" in said
    decided = session.game.actions[-1]
    assert decided.by == "facilitator" and decided.option == card.options[1].id
    entry = build(session.game, meta={"facilitation": session.meta()}).decisions[0]
    assert entry.who == "facilitator (closed the vote against the count)"
    assert session.scenario.roles[card.model.role].name not in (entry.who or "")


def test_a_vote_the_count_decides_stays_the_cards_role(tmp_path):
    table = _table(tmp_path, "reassurance-force")
    session = table.session
    card = session.state.card
    paris = next(s for s in table.seats.values() if s.kind == "team")
    _typed(table, "vote")
    table.play(paris, {"type": "vote", "option": "2"})
    assert _typed(table, "close") == "vote closed"
    assert session.game.actions[-1].by == card.model.role


def test_timer_0_removes_the_timer_and_help_says_the_unit(tmp_path):
    table = _table(tmp_path)
    _typed(table, "timer 10")
    assert _typed(table, "timer 0") == "timer removed"
    assert not table.session.timer.is_set
    assert "rewind WEEK" in usage("week") and "TURN" not in usage("week")
    with pytest.raises(ValueError, match="rewind WEEK"):
        read_command("nonsense", "week")


def test_rewind_takes_the_words_the_screen_shows():
    assert read_command("rewind Week 2 the other way", "week") == {
        "type": "rewind",
        "turn": 2,
        "name": "the other way",
    }
    assert read_command("rewind 1")["turn"] == 1


def test_say_takes_a_roles_name_as_the_screens_show_it(tmp_path):
    table = _table(tmp_path)
    assert "Coalition lead" in _typed(table, "say coalition-lead Hold the line")
    with pytest.raises(IllegalAction) as refused:
        _typed(table, "say nobody Hold the line")
    assert "_" not in str(refused.value) and "Coalition lead" in str(refused.value)
