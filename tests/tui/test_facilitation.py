"""The facilitated session, driven by key presses and typed text: seats and teams, hand-overs,
votes, the facilitator's console (injects, overrides, notes, the timer, rewind) and a human
red cell; then the save replays and the after-action report lists what was done.

Snapshots (console, pass-to) are regenerated on purpose, in one serial run:
    .venv/bin/python -m pytest tests/tui/test_facilitation.py --snapshot-update
"""

from __future__ import annotations

import pytest
from textual.widgets import Static
from tui_helpers import flat, make_app, screen_text, settle, widget_text

from redline.engine import Inject, Note, Override, Respond, Signal
from redline.report import report_command
from redline.saves import read_save, restore
from redline.tui.facilitation.console import ConsoleScreen
from redline.tui.facilitation.dialogs import OverrideDialog, VoteDialog
from redline.tui.facilitation.handover import PassScreen, RespondScreen, SignalScreen
from redline.tui.facilitation.screens import FacilitatedBriefing, FacilitatedEnding, FacilitatedTurnScreen
from redline.tui.facilitation.session import FacilitatedSession
from redline.tui.facilitation.setup import SetupScreen
from redline.tui.screens.report import ReportScreen
from redline.tui.session import Session

SIZE = (120, 36)
SEED = 7
INJECT_REASON = "The room wants pressure from the east"
OVERRIDE_REASON = "Umpire ruling: Moscow is angrier than modelled"
NOTE_TEXT = "Kyiv insists on its own invitation"
BRANCH = "the hard line"


async def type_text(pilot, text: str) -> None:
    await pilot.press(*("space" if c == " " else c for c in text))


async def set_up(pilot, teams: list[str], red_cell: str | None = None) -> FacilitatedSession:
    """From the title screen: the facilitated session's setup, the teams typed, the briefing."""
    app = pilot.app
    await settle(pilot)
    await pilot.press("f")
    assert isinstance(app.screen, SetupScreen)
    await pilot.press("enter")  # the only scenario installed: the tutorial
    for team in teams:  # one per role, in the scenario's order; "" leaves it to the facilitator
        await type_text(pilot, team)
        await pilot.press("enter")
    if red_cell is not None:
        await pilot.press("space", "tab")  # tick "human red cell", then its name
        await type_text(pilot, red_cell)
    await pilot.press("ctrl+s")
    assert isinstance(app.screen, FacilitatedBriefing)
    await pilot.press("enter")
    await pilot.pause()
    session = app.session
    assert isinstance(session, FacilitatedSession)
    return session


def shown(app) -> str:
    """What is on screen; a hand-over's words without the box drawn around them."""
    if isinstance(app.screen, PassScreen):
        return widget_text(app.screen)
    return flat(screen_text(app))


async def play_on(pilot, until, signals: int = 1) -> list[str]:
    """Answer whatever screen comes up the plain way (Enter on a hand-over, the first
    signal(s), the first open option, hold, Enter on a report) until `until(app)` holds.
    Returns the hand-overs seen."""
    app = pilot.app
    passes = []
    for _ in range(200):
        await pilot.pause()
        if until(app):
            return passes
        screen = app.screen
        if isinstance(screen, PassScreen):
            passes.append(shown(app))
            await pilot.press("enter")
        elif isinstance(screen, SignalScreen):
            for i in range(signals):
                await pilot.press(*(["down"] if i else []), "space")
            await pilot.press("enter")
        elif isinstance(screen, (RespondScreen, ReportScreen)):
            await pilot.press("enter")
        elif isinstance(screen, FacilitatedTurnScreen):
            state = app.session.state
            first = next(i for i, o in enumerate(state.card.options) if state.available(o))
            await pilot.press(str(first + 1), str(first + 1))
        else:
            pytest.fail(f"unexpected screen {type(screen).__name__}")
    pytest.fail("did not get there")


def on(kind):
    return lambda app: isinstance(app.screen, kind)


# ---- the whole session ------------------------------------------------------------------------------


async def test_a_facilitated_session_with_three_roles_to_the_report(saves, tutorial_only, tmp_path):
    app = make_app(saves, content_dirs=tutorial_only, seed=SEED)
    async with app.run_test(size=SIZE) as pilot:
        session = await set_up(pilot, ["Blue", "Gold"], red_cell="Red")
        game = session.game
        assert game.red_cell and game.seed == SEED
        assert session.teams == {"coalition_lead": "Blue", "kyiv": "Gold", "moscow": "Red"}

        # Week 1 opens with Moscow's signals: the red cell takes the keyboard first.
        assert isinstance(app.screen, PassScreen)
        assert "Pass to Red (Moscow (red cell))" in shown(app)
        await pilot.press("enter")
        assert isinstance(app.screen, SignalScreen)
        await pilot.press("space", "enter")
        assert game.actions == [Signal(("tv_warning",))]

        # Then the coalition lead's card, with whose decision it is on the players' screen.
        assert isinstance(app.screen, PassScreen)
        assert "Pass to Blue (Coalition lead (Paris))" in shown(app)
        await pilot.press("enter")
        assert isinstance(app.screen, FacilitatedTurnScreen)
        assert "Decision for Blue — Coalition lead (Paris)" in shown(app)

        # The console hides the players' view; an inject now and an override with its reason.
        await pilot.press("f")
        assert isinstance(app.screen, ConsoleScreen)
        text = shown(app)
        assert "Facilitator's console" in text and "Strictly after a ceasefire" not in text
        await pilot.press("i", "down", "enter", "enter")  # Strike near Ryazan refinery, now
        await type_text(pilot, INJECT_REASON)
        await pilot.press("enter")
        assert game.actions[-1] == Inject("tut_ryazan", None, INJECT_REASON)
        await pilot.press("o", "enter")  # Kremlin escalation, first in the list
        await type_text(pilot, "55")
        await pilot.press("enter")
        await type_text(pilot, OVERRIDE_REASON)
        await pilot.press("enter")
        assert game.actions[-1] == Override("escalation", 55.0, OVERRIDE_REASON)
        assert session.state.meters["escalation"] == 55
        assert "Umpire ruling" in shown(app)  # the console's record
        await pilot.press("escape")
        assert isinstance(app.screen, FacilitatedTurnScreen)

        # The teams vote on the card: 2 for option 1, 1 for option 2.
        await pilot.press("v")
        assert isinstance(app.screen, VoteDialog)
        await pilot.press("2", "enter", "1", "enter")
        decided = game.actions[-1]
        assert (decided.card, decided.option, decided.by) == (
            "tut_timing",
            "post_ceasefire",
            "coalition_lead",
        )
        assert decided.votes == (("post_ceasefire", 2), ("deploy_now", 1))

        # Moscow's response: hold. Then the report of week 1.
        await play_on(pilot, on(RespondScreen))
        await pilot.press("enter")
        assert game.actions[-1] == Respond(None)
        assert isinstance(app.screen, ReportScreen)
        await pilot.press("enter")

        # Week 2 opens on the shared screen (the report): the red cell's own screen waits
        # for a hand-over, even though the red cell had the keyboard last.
        assert isinstance(app.screen, PassScreen)
        assert "Pass to Red (Moscow (red cell))" in shown(app)
        await pilot.press("enter")
        assert isinstance(app.screen, SignalScreen)
        passes = await play_on(pilot, on(FacilitatedTurnScreen))
        assert passes == [p for p in passes if "Pass to Gold (Kyiv)" in p] and passes
        assert "Decision for Gold — Kyiv" in shown(app)
        await pilot.press("1", "1")
        assert game.actions[-1].by == "kyiv"
        await play_on(pilot, on(ReportScreen))
        await pilot.press("enter")

        # Week 3: rewind to the start of week 2 from the console; the line cut off is a branch.
        assert session.state.turn == 3 and isinstance(app.screen, PassScreen)
        cut = len(game.actions) - game.turn_starts()[2]
        await pilot.press("f", "w", "down", "enter")
        await type_text(pilot, BRANCH)
        await pilot.press("enter")
        assert "Rewind to the start of Week 2 of 5?" in shown(app)
        await pilot.press("y")
        assert session.state.turn == 2 and session.state.phase == "signal"
        assert [(b.name, b.from_turn, len(b.actions)) for b in game.branches] == [(BRANCH, 2, cut)]
        await pilot.press("escape")

        # Week 2 again; this time the console gives Kyiv's decision a rationale.
        await play_on(pilot, on(FacilitatedTurnScreen))
        await pilot.press("f2", "n")
        await type_text(pilot, NOTE_TEXT)
        await pilot.press("enter", "enter", "escape")
        await pilot.press("2", "2")
        decided = game.actions[-1]
        assert (decided.by, decided.option, decided.note) == ("kyiv", "un_mandate", NOTE_TEXT)

        # On to the ending, passing the keyboard as the roles change.
        passes = await play_on(pilot, on(FacilitatedEnding), signals=2)
        assert any("Pass to Red (Moscow (red cell))" in p for p in passes)
        assert any("Pass to Blue (Coalition lead (Paris))" in p for p in passes)
        state = session.state
        assert state.is_over and state.ending is not None
        assert state.ending.model.title in shown(app)
        final = state.fingerprint()
        autosave = session.autosave_path

    # The autosave replays to the same final state, with the seats in its meta.
    data = read_save(autosave)
    assert data.red_cell and data.seed == SEED
    assert data.meta["facilitation"]["teams"] == {"coalition_lead": "Blue", "kyiv": "Gold", "moscow": "Red"}
    scenario = session.scenario
    restored = restore(data, scenario)
    assert restored.diverged_at is None
    assert restored.game.state.fingerprint() == final
    assert [b.name for b in restored.game.branches] == [BRANCH]

    # The after-action report lists what the room did.
    out = tmp_path / "aar.md"
    assert report_command(str(autosave), "md", str(out), content_dirs=tutorial_only) == 0
    report = out.read_text(encoding="utf-8")
    assert INJECT_REASON in report and "Strike near Ryazan refinery" in report
    assert OVERRIDE_REASON in report
    assert "Votes (3): Strictly after a ceasefire 2 ✓ · Deploy a limited mission now 1" in report
    assert NOTE_TEXT in report
    assert f"### {BRANCH} — from week 2" in report
    assert "decided by: Blue — Coalition lead (Paris)" in report and "decided by: Gold — Kyiv" in report
    assert "Red cell signals" in report


async def test_a_red_cell_signals_and_carries_out_a_threat(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only, seed=SEED)
    async with app.run_test(size=SIZE) as pilot:
        session = await set_up(pilot, ["", ""], red_cell="Red")  # the facilitator plays the coalition
        game = session.game
        await pilot.press("enter")  # pass to Red
        assert isinstance(app.screen, SignalScreen)
        text = shown(app)
        assert "Signal up to 2 threats" in text
        assert "Warning on state television" in text and "Formal diplomatic note" in text
        await pilot.press("space", "down", "space", "enter")
        assert game.actions == [Signal(("tv_warning", "formal_note"))]
        assert session.state.signals == ("tv_warning", "formal_note")

        assert "Pass to the facilitator (Coalition lead (Paris))" in shown(app)
        await pilot.press("enter")
        assert "Formal diplomatic note" in shown(app)  # the players see what Moscow signalled
        await pilot.press("2", "2")  # deploy now

        assert "Pass to Red (Moscow (red cell))" in shown(app)
        await pilot.press("enter")
        assert isinstance(app.screen, RespondScreen)
        text = shown(app)
        assert "Hold" in text and "signalled" in text
        await pilot.press("down", "down", "enter")  # the formal note, as signalled
        assert game.actions[-1] == Respond("formal_note")
        kremlin = [e.text for e in game.all_events() if e.kind == "kremlin"]
        assert kremlin and kremlin[-1].startswith("Moscow acts (as signalled)")
        assert isinstance(app.screen, ReportScreen)
        assert "Moscow acts (as signalled)" in shown(app)


async def test_an_override_without_a_reason_is_refused_and_changes_nothing(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only, seed=SEED)
    async with app.run_test(size=SIZE) as pilot:
        session = await set_up(pilot, ["Blue", "Gold"])
        await pilot.press("enter", "f", "o", "enter")
        await type_text(pilot, "80")
        await pilot.press("enter")
        before = session.state.fingerprint()
        for reason in ("", "   "):
            await pilot.press("ctrl+a", "backspace") if reason else None
            await type_text(pilot, reason)
            await pilot.press("enter")
            assert isinstance(app.screen, OverrideDialog)
            assert "An override needs a reason" in shown(app)
            assert "Nothing was changed" in shown(app)
        assert session.game.actions == []
        assert session.state.fingerprint() == before
        await pilot.press("escape")
        assert isinstance(app.screen, ConsoleScreen)
        assert session.state.meters["escalation"] == 35


# ---- what the players see -----------------------------------------------------------------------------


async def test_the_players_screen_keeps_the_console_to_itself(saves, tutorial_only):
    clock = [1000.0]
    app = make_app(saves, content_dirs=tutorial_only, seed=SEED)
    async with app.run_test(size=SIZE) as pilot:
        session = await set_up(pilot, ["Blue", "Gold"])
        session.timer.clock = lambda: clock[0]
        await pilot.press("enter", "f")
        # Schedule an inject for week 3, keep a note for the next decision, hide the red lines
        # and the odds, and start a one-minute timer.
        await pilot.press("i", "enter")
        await type_text(pilot, "3")
        await pilot.press("enter", "enter")
        assert session.state.injects == ((3, "tut_chernihiv"),)
        await pilot.press("n")
        await type_text(pilot, "Secret debrief point")
        await pilot.press("enter", "down", "enter")
        assert session.game.actions[-1] == Note("Secret debrief point", "facilitator")
        await pilot.press("h", "d", "t")
        await type_text(pilot, "1")
        await pilot.press("enter", "space")
        assert (
            session.timer.running
            and not session.show_red_lines
            and not app.odds_shown()
            and app.settings.show_odds
        )  # the player's own setting is left alone
        text = shown(app)
        assert (
            "Power cut in Chernihiv region (week 3)" in text and "Foreign troops during hostilities" in text
        )
        await pilot.press("escape")

        screen = app.screen
        assert isinstance(screen, FacilitatedTurnScreen)
        text = shown(app)
        moscow = flat(screen.query_one("#moscow", Static).content.plain)
        assert "Ladder" in moscow and "Red lines: kept by the facilitator until the debrief" in moscow
        assert "Foreign troops during hostilities" not in text
        assert "Chernihiv" not in text and "Secret debrief point" not in text
        assert "Odds:" not in text
        assert "⏱ 1:00" in text
        clock[0] += 61
        screen.refresh_view()
        await pilot.pause()
        assert "TIME — time is up" in shown(app)
        assert session.game.actions[-1] == Note(
            "Secret debrief point", "facilitator"
        )  # nothing else happened


async def test_a_tied_vote_is_settled_by_the_facilitator(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only, seed=SEED)
    async with app.run_test(size=SIZE) as pilot:
        session = await set_up(pilot, ["Blue", "Gold"])
        await pilot.press("enter", "v", "enter", "enter")
        assert "No votes entered" in shown(app)
        await pilot.press("shift+tab")
        await type_text(pilot, "3")
        await pilot.press("enter", "3", "enter")
        assert "A tie at 3 votes each" in shown(app)
        await pilot.press("down", "enter")
        decided = session.game.actions[-1]
        assert decided.option == "deploy_now" and decided.votes == (("post_ceasefire", 3), ("deploy_now", 3))


async def test_continue_restores_the_seats(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only, seed=SEED)
    async with app.run_test(size=SIZE) as pilot:
        session = await set_up(pilot, ["Blue", "Gold"])
        await play_on(pilot, lambda a: session.state.turn == 2)
        path = session.autosave_path
        assert path.is_file()

    loaded, message = Session.load(path, saves, tutorial_only)
    assert message is None and isinstance(loaded, FacilitatedSession)
    assert loaded.teams == {"coalition_lead": "Blue", "kyiv": "Gold"}

    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.session, FacilitatedSession)
        assert app.session.teams == {"coalition_lead": "Blue", "kyiv": "Gold"}
        assert isinstance(app.screen, PassScreen)
        assert "Pass to Gold (Kyiv)" in shown(app)


async def test_play_facilitate_opens_the_setup(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only, scenario="tutorial", facilitate=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        await pilot.pause()
        assert "Coalition lead (Paris)" in shown(app)  # the scenario's seats, chosen already
        assert app.focused is not None and app.focused.id == "team-coalition_lead"


# ---- snapshots ----------------------------------------------------------------------------------------

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


async def _pass_to(pilot):
    await set_up(pilot, ["Blue", "Gold"])


async def _console(pilot):
    await set_up(pilot, ["Blue", "Gold"])
    await pilot.press("enter", "f")


@pytest.mark.usefixtures("frozen_save_time")
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("navigate", [_pass_to, _console], ids=["pass_to", "console"])
def test_snapshot(snap_compare, navigate, size, saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only, seed=SEED)
    assert snap_compare(app, terminal_size=size, run_before=navigate)


async def test_a_rewind_from_the_ending_plays_on(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only, seed=SEED)
    async with app.run_test(size=SIZE) as pilot:
        session = await set_up(pilot, ["Blue", "Gold"])
        await play_on(pilot, on(FacilitatedEnding))
        ending = session.state.ending.id
        await pilot.press("f", "i")
        assert any("rewind first" in n.message for n in app._notifications)  # the game is over
        await pilot.press("w")
        await pilot.press(*["down"] * 4, "enter", "enter", "y")  # the last week
        assert not session.state.is_over and session.state.turn == session.scenario.turns
        assert session.game.branches[0].ending == ending
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PassScreen)  # play goes on


# ---- the session, without Textual -------------------------------------------------------------------


def test_the_timer_counts_only_while_running():
    from redline.tui.facilitation.session import Timer

    now = [0.0]
    timer = Timer(clock=lambda: now[0])
    assert not timer.is_set and timer.describe() == "not set"
    timer.set(2)
    now[0] = 100
    assert timer.text() == "2:00" and not timer.running  # set is paused until started
    timer.start()
    now[0] = 130
    timer.pause()
    now[0] = 1000
    assert timer.text() == "1:30" and "paused" in timer.describe()
    timer.toggle()
    now[0] = 1090
    assert timer.expired and timer.text() == "TIME" and "time is up" in timer.describe()


def test_typed_values_are_checked_before_the_engine(tutorial_only, saves):
    from redline.content import load_scenario
    from redline.engine import IllegalAction
    from redline.tui.facilitation.session import parse_turn, parse_value

    scenario = load_scenario(tutorial_only[0] / "scenarios" / "tutorial")
    assert parse_value(scenario, "troops_deployed", " Yes ") is True
    assert parse_value(scenario, "escalation", "61.5") == 61.5
    with pytest.raises(IllegalAction, match="yes or no"):
        parse_value(scenario, "troops_deployed", "maybe")
    with pytest.raises(IllegalAction, match="not a number"):
        parse_value(scenario, "ally.france", "lots")
    assert parse_turn("", 2) is None and parse_turn("now", 2) is None and parse_turn("2", 2) is None
    assert parse_turn("4", 2) == 4
    session = FacilitatedSession.start(scenario, 3, saves, {"kyiv": " Gold ", "nobody": "X"}, red_cell=False)
    assert session.teams == {"kyiv": "Gold"}
    assert session.player("kyiv") == "Gold" and session.player("coalition_lead") == "the facilitator"
    assert session.player("moscow") == "the game"
    with pytest.raises(IllegalAction, match="after the last turn"):
        session.inject("tut_talks", "9")
    assert session.game.actions == []
