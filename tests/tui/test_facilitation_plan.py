"""A facilitated session started from a session plan, driven by key presses: the plan's
free-text inject delivered with one key, one written on the spot, an off-card adjudication,
the timer of a move that resets at the next move, observations during play and after the
ending; then the participants' summary and the CSV list them.

Snapshots of the new forms are regenerated on purpose, in one serial run:
    .venv/bin/python -m pytest tests/tui/test_facilitation_plan.py --snapshot-update
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from tui_helpers import flat, make_app, screen_text

from redline.engine import Adjudicate, Bulletin, Decide, Observe
from redline.exercise.load import load_plan
from redline.report import report_command
from redline.saves import read_save
from redline.tui.facilitation.console import ConsoleScreen
from redline.tui.facilitation.handover import PassScreen, RespondScreen, SignalScreen
from redline.tui.facilitation.rulings import AdjudicateDialog, BulletinDialog
from redline.tui.facilitation.screens import FacilitatedBriefing, FacilitatedEnding, FacilitatedTurnScreen
from redline.tui.screens.report import ReportScreen

SIZE = (120, 40)
PLAN = """\
plan:
  title: Thursday
  scenario: tutorial
  seed: 7
  hide_red_lines: true
  moves: {months: 1, minutes: 10, when_time_is_up: move_on}
  seats:
    - {role: coalition_lead, team: Blue}
    - {role: kyiv, team: Gold}
  injects:
    - {number: 1, turn: 2, event: tut_ryazan, notes: watch Blue}
    - number: 2
      turn: 1
      text: A journalist asks when the soldiers come home
      from: Press
      to: all
      expected_action: One public answer
      notes: Watch whether Blue consults Kyiv
"""
FREE = "The Rada demands a vote"
PROPOSAL = "Blue asks Ankara to host the command"
DURING = "Blue never consulted Gold"
AFTER = "Gold argued from the treaty text"


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def type_text(pilot, text: str) -> None:
    await pilot.press(*("space" if c == " " else c for c in text))


def shown(app) -> str:
    return flat(screen_text(app))


def planned_app(saves: Path, content: list[Path] | None, tmp_path: Path, text: str = PLAN):
    path = tmp_path / "thursday.yaml"
    path.write_text(text, encoding="utf-8")
    return make_app(saves, content_dirs=content, plan=load_plan(path, content))


async def play_on(pilot, until) -> None:
    app = pilot.app
    for _ in range(200):
        await pilot.pause()
        if until(app):
            return
        screen = app.screen
        if isinstance(screen, PassScreen | RespondScreen | ReportScreen | SignalScreen):
            await pilot.press("enter")  # hand over; Moscow signals nothing and holds
        elif isinstance(screen, FacilitatedTurnScreen):
            state = app.session.state
            first = next(i for i, o in enumerate(state.card.options) if state.available(o))
            await pilot.press(str(first + 1), str(first + 1))
        else:
            pytest.fail(f"unexpected screen {type(screen).__name__}")
    pytest.fail("did not get there")


async def test_a_session_from_a_plan_rules_times_and_debriefs(saves, tutorial_only, tmp_path):
    app = planned_app(saves, tutorial_only, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FacilitatedBriefing)
        session = app.session
        game = session.game
        assert session.teams == {"coalition_lead": "Blue", "kyiv": "Gold"}
        assert not session.show_red_lines and game.seed == 7
        assert session.state.injects == ((2, "tut_ryazan"),)
        clock = Clock()
        session.timer.clock = clock
        await pilot.press("enter")
        await play_on(pilot, lambda a: isinstance(a.screen, FacilitatedTurnScreen))
        assert "Move 1 of 5" in shown(app)

        # The console: the plan's free-text inject is due; m delivers it.
        await pilot.press("f")
        assert isinstance(app.screen, ConsoleScreen)
        text = shown(app)
        assert "A journalist asks when the soldiers come home" in text and "One public answer" in text
        await pilot.press("m")
        assert game.actions[-1] == Bulletin(
            "A journalist asks when the soldiers come home", None, (), None, "Press"
        )
        assert "nothing due" in shown(app)

        # A free-text inject written on the spot, to Kyiv, with a change and its reason.
        await pilot.press("b")
        assert isinstance(app.screen, BulletinDialog)
        for value in (FREE, "kyiv", "Rada", "confidence -2", "the vote is close"):
            await type_text(pilot, value)
            await pilot.press("enter")
        assert game.actions[-1] == Bulletin(
            FREE, "kyiv", (("confidence", -2.0),), "the vote is close", "Rada"
        )

        # An off-card adjudication: the odds, the roll and the result are shown.
        await pilot.press("a")
        assert isinstance(app.screen, AdjudicateDialog)
        for value in (PROPOSAL, "Blue", "Ankara wants a role", "Moscow objects", "likely", "", "", ""):
            await type_text(pilot, value)
            await pilot.press("enter")
        ruling = game.actions[-1]
        assert isinstance(ruling, Adjudicate) and ruling.by == "coalition_lead"
        assert ruling.odds == pytest.approx(2 / 3) and ruling.pro == "Ankara wants a role"
        assert "against likely (2/3)" in shown(app)
        await pilot.press("enter")
        assert isinstance(app.screen, ConsoleScreen)

        # An observation during play.
        await pilot.press("c", "down", "enter")
        await type_text(pilot, DURING)
        await pilot.press("enter")
        await type_text(pilot, "White cell")
        await pilot.press("enter")
        assert game.actions[-1] == Observe(DURING, "improvement", "White cell")

        # The move's timer runs, runs out, asks to close the move; the next move resets it.
        await pilot.press("space")
        assert session.timer.running
        clock.now += 10 * 60
        await pilot.pause(1.2)
        assert "close the move" in shown(app).lower()
        await pilot.press("escape")
        await play_on(pilot, lambda a: a.session.state.turn == 2)
        assert session.timer.running and session.timer.text() == "10:00"
        clock.now += 90
        assert session.timer.text() == "8:30"

        # On to the ending; the hot-wash goes on there.
        await play_on(pilot, lambda a: isinstance(a.screen, FacilitatedEnding))
        await pilot.press("c", "enter")
        await type_text(pilot, AFTER)
        await pilot.press("enter", "enter")
        assert game.actions[-1] == Observe(AFTER, "strength", None)
        decisions = sum(isinstance(a, Decide) for a in game.actions)
        autosave = session.autosave_path

    data = read_save(autosave)
    assert data.meta["facilitation"]["plan"]["title"] == "Thursday"
    summary = tmp_path / "summary.html"
    assert report_command(str(autosave), "html", str(summary), tutorial_only, summary=True) == 0
    page = summary.read_text(encoding="utf-8")
    for text in (FREE, PROPOSAL, DURING, AFTER, "journalist asks"):
        assert text in page, text
    out = tmp_path / "record.csv"
    assert report_command(str(autosave), "csv", str(out), tutorial_only) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert sum(r["kind"] == "decision" for r in rows) == decisions
    assert {r["kind"] for r in rows} >= {"decision", "bulletin", "adjudication", "improvement", "strength"}


# ---- snapshots of the new forms ----------------------------------------------------------------


async def _to_console(pilot) -> None:
    await pilot.pause()
    await pilot.press("enter")
    await play_on(pilot, lambda a: isinstance(a.screen, FacilitatedTurnScreen))
    await pilot.press("f")


async def _bulletin(pilot) -> None:
    await _to_console(pilot)
    await pilot.press("b")
    await type_text(pilot, FREE)


async def _adjudicate(pilot) -> None:
    await _to_console(pilot)
    await pilot.press("a")
    for value in (
        PROPOSAL,
        "Blue",
        "Ankara wants a role",
        "Moscow objects",
        "likely",
        "confidence +3",
        "",
        "a",
    ):
        await type_text(pilot, value)
        await pilot.press("enter")


async def _observe(pilot) -> None:
    await _to_console(pilot)
    await pilot.press("c", "down")


@pytest.mark.usefixtures("frozen_save_time")
@pytest.mark.parametrize(
    "navigate", [_to_console, _bulletin, _adjudicate, _observe], ids=lambda f: f.__name__[1:]
)
def test_snapshot(snap_compare, navigate, saves, tutorial_only, tmp_path):
    app = planned_app(saves, tutorial_only, tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=navigate)


THREE_ROLES = """\
plan:
  scenario: reassurance-force
  seed: 7
  seats:
    - {role: coalition_lead, team: Blue}
    - {role: kyiv, team: Gold}
    - {role: washington, team: Green}
"""


async def test_the_last_decision_can_be_taken_back_on_the_hand_over(saves, tmp_path):
    app = planned_app(saves, None, tmp_path, THREE_ROLES)  # three cards a month, by three roles
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        session = app.session
        await pilot.press("enter")
        for _ in range(20):  # decide until a hand-over comes in the middle of a turn
            await play_on(pilot, lambda a: isinstance(a.screen, FacilitatedTurnScreen))
            decided = len(session.game.actions)
            state = session.state
            first = next(i for i, o in enumerate(state.card.options) if state.available(o))
            await pilot.press(str(first + 1), str(first + 1))
            await pilot.pause()
            if isinstance(app.screen, PassScreen) and session.can_undo():
                break
        else:
            pytest.fail("no hand-over in the middle of a turn")
        who = session.game.actions[-1].by
        await pilot.press("u")
        await pilot.pause()
        assert len(session.game.actions) == decided  # taken back
        assert session.state.card is not None and session.actor() == who
        assert any(n.title == "Undone" for n in app._notifications)


def test_the_participants_summary_keeps_the_msel_notes_back(saves, tutorial_only, tmp_path):
    from redline.saves import write_save
    from redline.session.planned import start_from_plan

    path = tmp_path / "thursday.yaml"
    path.write_text(PLAN, encoding="utf-8")
    session = start_from_plan(load_plan(path, tutorial_only), saves)
    save = tmp_path / "s.json"
    write_save(save, session.game, {"facilitation": session.meta()})
    summary = tmp_path / "summary.html"
    assert report_command(str(save), "html", str(summary), tutorial_only, summary=True) == 0
    page = summary.read_text(encoding="utf-8")
    assert "Strike near Ryazan refinery" in page and "watch Blue" not in page
    full = tmp_path / "full.md"
    assert report_command(str(save), "md", str(full), tutorial_only) == 0
    assert "watch Blue" in full.read_text(encoding="utf-8")  # the archive keeps it


async def test_the_inject_picker_previews_an_event_in_words(saves, tutorial_only, tmp_path):
    app = planned_app(saves, tutorial_only, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _to_console(pilot)
        await pilot.press("i", "down")
        await pilot.pause()
        sc = app.session.scenario
        event = sc.events[1]
        preview = str(app.screen.query_one("#inject-preview").render())
        assert preview.startswith("Does: ") and "tut_" not in preview
        first = next(iter(event.model.effects), None)
        if first is not None:
            from redline.report.words import target_label

            assert target_label(first, sc) in preview
