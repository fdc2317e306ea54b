"""What a facilitator's trial found on the console and the players' screens: the scenario's
unit where a screen said "turn", who hid the odds, the help's keys as the screen binds them,
and forms that keep each field's text when the keys come faster than the screen redraws."""

from __future__ import annotations

from test_facilitation_plan import SIZE, planned_app, play_on, shown
from textual import events

from redline.engine import Observe
from redline.tui.facilitation.console import ConsoleScreen
from redline.tui.facilitation.dialogs import RewindDialog, TimerDialog
from redline.tui.facilitation.handover import PassScreen, SignalScreen
from redline.tui.facilitation.rulings import BulletinDialog, ObserveDialog
from redline.tui.facilitation.screens import FacilitatedTurnScreen
from redline.tui.screens.help import HelpScreen
from redline.tui.widgets.card import odds_text

RED_CELL = """\
plan:
  scenario: reassurance-force
  seed: 7
  seats:
    - {role: coalition_lead, team: Blue}
    - {role: moscow, team: Red, red_cell: true}
"""


def burst(app, *keys: str) -> None:
    """Keys as a fast typist (or a paste) sends them: all queued before the screen redraws,
    with no pause between them, unlike `pilot.press`."""
    for key in keys:
        named = {"\n": "enter", " ": "space"}.get(key, key)
        app.post_message(events.Key(named, None if named == "enter" else key))


def letters(text: str) -> list[str]:
    return list(text)


async def test_the_red_cell_and_the_console_say_the_scenarios_unit(saves, tmp_path):
    app = planned_app(saves, None, tmp_path, RED_CELL)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the briefing
        await play_on(pilot, lambda a: isinstance(a.screen, PassScreen | SignalScreen))
        if isinstance(app.screen, PassScreen):
            await pilot.press("enter")
        assert isinstance(app.screen, SignalScreen)
        text = shown(app)
        assert "Moscow may carry out this month" in text and " turn" not in text.lower().replace("return", "")
        await pilot.press("f")
        assert isinstance(app.screen, ConsoleScreen)
        keys = str(app.screen.query_one("#console-keys").render())
        assert "for a later month" in keys and "an earlier month" in keys and "turn" not in keys.lower()
        assert app.screen._bindings.key_to_bindings["w"][0].tooltip == "Back to the start of an earlier month"
        await pilot.press("t")
        assert isinstance(app.screen, TimerDialog)
        assert "The move's timer" in shown(app) and "Turn timer" not in shown(app)
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, SignalScreen)
        await pilot.press("enter")  # no signal: something to rewind
        await pilot.pause()
        await pilot.press("f", "w")
        assert isinstance(app.screen, RewindDialog)
        text = shown(app)
        assert "Rewind to the start of an earlier month" in text and "Choose the month" in text
        assert "turn" not in text.lower().replace("rewind-turns", "")


async def test_odds_the_facilitator_hides_say_so_on_the_card(saves, tutorial_only, tmp_path):
    app = planned_app(saves, tutorial_only, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await play_on(pilot, lambda a: isinstance(a.screen, FacilitatedTurnScreen))
        await pilot.press("f", "d", "escape")
        assert app.odds_shown() is False and app.settings.show_odds is True  # the session's, not the player's

        def chance(a) -> bool:
            state = a.session.state
            return (
                isinstance(a.screen, FacilitatedTurnScreen)
                and state.card is not None
                and any(odds_text(state, o) is not None for o in state.card.options)
            )

        await play_on(pilot, chance)
        text = shown(app)
        assert "Chance involved (odds hidden by the facilitator)" in text
        assert "hidden in settings" not in text


async def test_the_help_lists_the_keys_as_the_facilitated_screen_binds_them(saves, tutorial_only, tmp_path):
    app = planned_app(saves, tutorial_only, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await play_on(pilot, lambda a: isinstance(a.screen, FacilitatedTurnScreen))
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        tables = [str(w.render()) for w in app.screen.query("#help-body Static")]
        keys = next(t for t in tables if "into the meters" in t)
        row = next(line for line in keys.splitlines() if "into the meters" in line)
        assert row.split()[:4] == ["m", "k", "a", "n"]
        assert row.rstrip().endswith("into the meters, Moscow, the coalition, the news")  # f: the console
        assert any(
            line.split()[:1] == ["r"] and "reread the earlier reports" in line for line in keys.splitlines()
        )
        assert any("the facilitator's console" in t for t in tables)


async def test_fields_typed_fast_stay_in_their_own_fields(saves, tutorial_only, tmp_path):
    app = planned_app(saves, tutorial_only, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await play_on(pilot, lambda a: isinstance(a.screen, FacilitatedTurnScreen))
        await pilot.press("f", "b")
        assert isinstance(app.screen, BulletinDialog)
        burst(app, *letters("The Rada votes\nkyiv\nPress\n"))
        await pilot.pause()
        values = {w.id: w.value for w in app.screen.query("Input")}
        assert values["bulletin-text"] == "The Rada votes"
        assert values["bulletin-to"] == "kyiv"
        assert values["bulletin-from"] == "Press"
        await pilot.press("escape")
        # A list first, then the fields: Enter on the list moves on at once too; the last submits.
        await pilot.press("c")
        assert isinstance(app.screen, ObserveDialog)
        await pilot.press("down")  # a key bound in the list (not text): given its time
        burst(app, "\n", *letters("Gold argued well\nWhite cell\n"))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
        observed = [a for a in app.session.game.actions if isinstance(a, Observe)]
        assert [(o.category, o.text, o.by) for o in observed] == [
            ("improvement", "Gold argued well", "White cell")
        ]


async def test_hiding_the_odds_in_a_session_leaves_the_players_settings_file_alone(
    saves, tutorial_only, tmp_path
):
    """The console's d is the session's choice, kept in its save; the settings file of the
    person at the keyboard once kept the odds hidden in every later game played alone."""
    from test_facilitation_plan import PLAN
    from tui_helpers import make_app

    from redline.exercise.load import load_plan
    from redline.saves import read_save

    settings = tmp_path / "settings.json"
    settings.write_text('{"show_odds": true}', encoding="utf-8")
    before = settings.read_bytes()
    path = tmp_path / "thursday.yaml"
    path.write_text(PLAN, encoding="utf-8")
    app = make_app(
        saves, content_dirs=tutorial_only, plan=load_plan(path, tutorial_only), settings_file=settings
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await play_on(pilot, lambda a: isinstance(a.screen, FacilitatedTurnScreen))
        await pilot.press("f", "d", "escape")
        assert app.odds_shown() is False
        app.session.autosave()
    assert settings.read_bytes() == before
    assert read_save(app.session.autosave_path).meta["facilitation"]["show_odds"] is False
