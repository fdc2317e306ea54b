"""The timer of a move: reset at each new move, driven by a fake clock; and a session from a plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.engine import IllegalAction
from redline.exercise.load import load_plan
from redline.session.planned import deliver, due, start_from_plan
from redline.session.rulings import odds_words, parse_changes, parse_odds
from redline.session.timer import Timer


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_timer_resets_at_each_new_move_and_keeps_running():
    clock = Clock()
    timer = Timer(clock, months=3, when_time_is_up="move_on")
    timer.set(18)
    assert not timer.follow(1)  # the first move: nothing to reset
    timer.start()
    clock.now += 18 * 60
    assert timer.expired and timer.asks_to_move_on and timer.text() == "TIME"
    assert not timer.follow(3)  # months 1-3 are one move
    assert timer.follow(4)  # month 4 opens move 2: a full timer, running
    assert timer.running and timer.text() == "18:00"
    clock.now += 60
    assert timer.text() == "17:00"
    assert timer.move_of(7) == 3 and timer.months_of(2) == (4, 6)


def test_a_paused_timer_resets_paused():
    clock = Clock()
    timer = Timer(clock)
    timer.set(5)
    timer.follow(1)
    timer.start()
    clock.now += 120
    timer.pause()
    assert timer.follow(2) and not timer.running and timer.text() == "5:00"
    assert not timer.asks_to_move_on


def test_odds_and_changes_are_read_in_the_room_s_words():
    assert parse_odds("very likely") == pytest.approx(5 / 6)
    assert parse_odds("2/3") == pytest.approx(2 / 3)
    assert parse_odds("40%") == pytest.approx(0.4)
    assert odds_words(0.5) == "even (1/2)" and odds_words(0.4) == "40%"
    with pytest.raises(IllegalAction, match="is not odds"):
        parse_odds("sure thing")
    with pytest.raises(IllegalAction, match="not between 0 and 1"):
        parse_odds("1.5")


PLAN = """\
plan:
  scenario: tutorial
  seed: 3
  format: ninety_minutes
  seats: [{role: kyiv, team: Yellow}]
  injects:
    - {number: 4, turn: 2, text: A leak, to: all, changes: [{target: confidence, value: -2}], reason: r}
"""


def test_a_plan_sets_up_the_session_and_its_free_text_injects_come_due(tmp_path: Path):
    path = tmp_path / "p.yaml"
    path.write_text(PLAN, encoding="utf-8")
    session = start_from_plan(load_plan(path), tmp_path)
    assert session.timer.months == 3 and session.timer.minutes == 18
    assert session.timer.when_time_is_up == "move_on" and session.plan is not None
    assert due(session) == []  # week 2's inject is not due in week 1
    with pytest.raises(IllegalAction):
        deliver(session, 4)
    assert parse_changes(session.scenario, "confidence -2, ally.france +1") == (
        ("confidence", -2.0),
        ("ally.france", 1.0),
    )
    # The plan survives the save's meta: a reloaded session has the same time box and MSEL.
    from redline.session.facilitated import FacilitatedSession

    again = FacilitatedSession.from_meta(session.scenario, session.game, tmp_path, session.meta())
    assert again.plan == session.plan and again.timer.months == 3
