"""What a player does besides deciding: undo, save, load, continue, quit, settings, help,
the command palette, the mouse, and a terminal that changes size."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tui_helpers import flat, make_app, screen_text, settle, widget_text

from conftest import FROZEN
from redline.tui.dialogs.confirm import ConfirmDialog
from redline.tui.screens.ending import EndingScreen
from redline.tui.screens.help import HelpScreen
from redline.tui.screens.moment import MomentScreen
from redline.tui.screens.report import ReportScreen
from redline.tui.screens.saves import SavesScreen
from redline.tui.screens.title import TitleScreen
from redline.tui.screens.turn import TurnScreen
from redline.tui.widgets.card import CardView

SIZE = (120, 36)


async def start_tutorial(pilot) -> TurnScreen:
    await pilot.press("t", "enter")
    assert isinstance(pilot.app.screen, TurnScreen)
    return pilot.app.screen


async def finish_turn(pilot) -> None:
    """Decide every card of the current turn with its first open option, then continue."""
    app = pilot.app
    turn = app.session.state.turn
    while app.session.state.turn == turn and not app.session.state.is_over:
        state = app.session.state
        first = next(i for i, o in enumerate(state.card.options) if state.available(o))
        await pilot.press(str(first + 1), "enter")
    while isinstance(app.screen, MomentScreen):
        await pilot.press("space")
    assert isinstance(app.screen, ReportScreen)
    await pilot.press("enter")


@pytest.fixture
def two_cards(tmp_path: Path) -> list[Path]:
    """The tutorial with two cards a turn, so that a decision can be undone within its turn."""
    content = tmp_path / "content"
    folder = content / "scenarios" / "tutorial"
    shutil.copytree(FROZEN / "scenarios" / "tutorial", folder)
    scenario = folder / "scenario.yaml"
    text = scenario.read_text(encoding="utf-8")
    assert "cards_per_turn: 1" in text
    scenario.write_text(text.replace("cards_per_turn: 1", "cards_per_turn: 2"), encoding="utf-8")
    return [content]


async def test_pick_then_confirm_with_enter_or_the_same_key(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_tutorial(pilot)
        await pilot.press("1")
        assert screen.selected == 0
        assert "Option 1 picked" in flat(screen_text(app))
        await pilot.press("2")  # another number changes the pick
        assert screen.selected == 1
        await pilot.press("up")
        assert screen.selected == 0
        assert app.session.game.actions == []
        await pilot.press("enter")
        assert len(app.session.game.actions) == 1
        assert isinstance(app.screen, ReportScreen)


async def test_enter_without_a_pick_asks_for_one(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        await pilot.press("enter")
        assert app.session.game.actions == []
        assert any("Pick an option first" in n.message for n in app._notifications)


async def test_mouse_click_picks_and_a_second_click_decides(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_tutorial(pilot)
        await pilot.click("#option-2")
        assert screen.selected == 1
        await pilot.pause()  # the picked option scrolls into view
        await pilot.click("#option-2")
        await pilot.pause()
        assert len(app.session.game.actions) == 1
        assert isinstance(app.screen, MomentScreen)  # deploying now: Moscow climbs, an ally leaves
        while isinstance(app.screen, MomentScreen):
            await pilot.click("#moment-box")
        assert isinstance(app.screen, ReportScreen)


async def test_locked_option_is_marked_and_cannot_be_picked(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_tutorial(pilot)
        # Put the rules-of-engagement card in hand with escalation too high for option 2.
        state = app.session.state
        state.hand = ("tut_roe",)
        state.meters["escalation"] = 85.0
        screen.refresh_view()
        await pilot.pause()
        text = widget_text(screen.query_one(CardView))
        assert "LOCKED" in text
        locked = app.session.scenario.card_by_id["tut_roe"].options[1].model.locked_text
        assert f"Locked: {locked}" in text
        await pilot.press("2")
        assert screen.selected is None
        assert any("locked" in n.message for n in app._notifications)


async def test_undo_takes_back_a_decision_within_the_turn(saves, two_cards):
    app = make_app(saves, content_dirs=two_cards)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_tutorial(pilot)
        session = app.session
        first_card = session.state.card.model.title
        await pilot.press("u")  # nothing yet
        assert any("Nothing to undo" in n.message for n in app._notifications)
        await pilot.press("1", "1")
        assert isinstance(app.screen, TurnScreen) and session.state.turn == 1
        assert session.state.card.model.title != first_card
        await pilot.press("u")
        assert session.game.actions == []
        assert session.state.card.model.title == first_card
        assert first_card in flat(screen_text(app))
        assert screen.selected is None


async def test_autosave_every_turn_and_continue_from_the_title(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        await finish_turn(pilot)
        fingerprint = app.session.state.fingerprint()
        assert (saves / "autosave-tutorial.json").is_file()
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmDialog)  # mid-game: asks, though all is autosaved
        assert "continue it from the title screen" in widget_text(app.screen)
        await pilot.press("y")
    assert app.return_code == 0

    again = make_app(saves, content_dirs=tutorial_only)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, TitleScreen)
        line = flat(str(again.screen.query_one("#menu").get_option("continue").prompt))
        assert line.startswith(
            "Continue Tutorial: First Month of the Reassurance Force Week 2 of 5 (autosaved"
        )
        assert "Week 2 of 5" in screen_text(again)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(again.screen, TurnScreen)
        assert again.session.state.fingerprint() == fingerprint
        assert "Week 2 of 5" in screen_text(again)
        await pilot.press("down")  # nothing has focus: arrows move between options
        assert again.screen.selected == 0


async def test_autosave_failure_is_shown_and_the_game_goes_on(tmp_path, tutorial_only):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the saves folder should be")
    app = make_app(blocked, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        await finish_turn(pilot)
        assert any(n.title == "Autosave failed" for n in app._notifications)
        assert isinstance(app.screen, TurnScreen)
        assert app.session.state.turn == 2


async def test_quit_mid_game_asks_first(saves, two_cards):
    app = make_app(saves, content_dirs=two_cards)
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        await pilot.press("1", "1")  # one decision this turn, not yet autosaved
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmDialog)
        assert "has not been saved: it will be lost" in widget_text(app.screen)  # never a claim of a save
        await pilot.press("n")
        assert isinstance(app.screen, TurnScreen)
        await pilot.press("q", "y")
    assert app.return_code == 0


async def test_new_game_over_a_game_in_progress_asks_first(saves, two_cards):
    app = make_app(saves, content_dirs=two_cards)
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        await pilot.press("1", "1")
        session = app.session
        await pilot.press("escape")  # the title menu; the game is kept
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        assert "Resume" in screen_text(app)
        await pilot.press("t")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert app.session is session
        await pilot.press("r")
        assert isinstance(app.screen, TurnScreen) and len(app.session.game.actions) == 1
        await pilot.press("escape", "t", "y")
        assert app.session is not session and app.session.game.actions == []


async def test_save_under_a_name_then_load_it(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        await finish_turn(pilot)
        fingerprint = app.session.state.fingerprint()
        await pilot.press("s")
        assert isinstance(app.screen, SavesScreen)
        name = app.screen.query_one("#save-name")
        name.value = ""
        await pilot.press(*"my plan", "enter")
        assert (saves / "my-plan.json").is_file()
        assert isinstance(app.screen, TurnScreen)
        await finish_turn(pilot)
        assert app.session.state.turn == 3
        await pilot.press("l")
        await settle(pilot)  # the saves are listed by a worker
        assert isinstance(app.screen, SavesScreen)
        text = flat(screen_text(app))
        assert "my plan" in text and "autosave" in text
        table = app.screen.query_one("#save-list")
        row = [str(k.value) for k in table.rows].index(str(saves / "my-plan.json"))
        table.move_cursor(row=row)
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmDialog)  # a game is in progress
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, TurnScreen)
        assert app.session.state.fingerprint() == fingerprint


async def test_a_damaged_save_gets_a_message_not_a_crash(saves, tutorial_only):
    (saves / "broken.json").write_text("{ not json")
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await settle(pilot)  # the saves are listed by a worker
        text = flat(screen_text(app))
        assert "broken (damaged)" in text
        await pilot.press("enter")
        await pilot.pause()
        assert "Cannot load broken.json" in flat(screen_text(app))
        assert (saves / "broken.json").read_text() == "{ not json"


async def test_help_settings_and_theme(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "press the same number again" in flat(screen_text(app))
        await pilot.press("escape")
        assert isinstance(app.screen, TurnScreen)
        app.action_settings()
        await pilot.pause()
        await pilot.press("tab", "enter")  # the second switch: show odds
        assert app.settings.show_odds is False
        await pilot.press("shift+tab", "down", "enter")  # the first: the themes; light
        assert app.theme == "redline-light"
        await pilot.press("escape")
        await finish_turn(pilot)  # week 2 has the card whose option has odds
        text = flat(screen_text(app))
        assert "odds hidden in settings" in text and "20%" not in text


async def test_command_palette_offers_the_screens_commands(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_tutorial(pilot)
        names = [name for name, _, _ in screen.commands()]
        assert "Undo" in names and any(n.startswith("Choose 2:") for n in names)
        await pilot.press("ctrl+p")
        await pilot.press(*"Choose 2")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and screen.selected == 1


async def test_resizing_moves_the_panels_into_tabs_and_back(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_tutorial(pilot)
        await pilot.press("2")
        assert screen.query("#side") and not screen.query("#tabs")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.query("#tabs") and not screen.query("#side")
        assert screen.selected == 1  # the pick survives the new layout
        await pilot.press("k")
        assert screen.query_one("#tabs").active == "tab-moscow"
        assert "Ladder" in screen_text(app)
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert screen.query("#side") and not screen.query("#tabs")
        assert "Option 2 picked" in flat(screen_text(app))


async def test_random_seed_is_shown(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only, seed=None)
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        assert f"seed {app.session.seed}" in screen_text(app)


async def test_scenario_on_the_command_line_starts_at_the_briefing(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only, scenario="tutorial")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Moscow signals before week 1" in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, TurnScreen)


async def test_ending_offers_the_last_report_and_a_new_game(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        while not app.session.state.is_over:
            await finish_turn(pilot)
        assert isinstance(app.screen, EndingScreen)
        await pilot.press("r")
        assert isinstance(app.screen, ReportScreen)
        await pilot.press("enter", "n")
        assert "Choose a scenario" in screen_text(app)
        await pilot.press("enter")  # a finished game asks nothing
        assert "Moscow signals before week 1" in screen_text(app)


async def test_the_quit_dialog_never_claims_an_autosave_that_failed(saves, tutorial_only, monkeypatch):
    from redline.session.local import Session

    # The end-of-turn autosave cannot be written (a full disk, a read-only folder).
    monkeypatch.setattr(Session, "save_to", lambda self, path, meta: f"{path}: disk full")
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        await finish_turn(pilot)
        assert app.session.kept_in is None
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmDialog)
        text = widget_text(app.screen)
        assert "has not been saved" in text and "kept in" not in text and "autosaved" not in text


async def test_undo_is_offered_only_where_a_turn_has_several_cards(saves, tutorial_only, two_cards):
    """The tutorial decides one card a week, and deciding it ends the week: nothing could ever
    be undone there, so its footer does not offer u Undo (it once did, and always said no)."""
    for content, offered in ((tutorial_only, False), (two_cards, True)):
        app = make_app(saves, content_dirs=content)
        async with app.run_test(size=SIZE) as pilot:
            await start_tutorial(pilot)
            footer = screen_text(app).splitlines()[-1]
            assert ("Undo" in footer) is offered, footer


async def test_the_palette_speaks_of_redline_not_of_textual(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert "asks first" in commands["Quit"]  # not "as soon as possible": it asks
        assert "Screenshot" not in commands
        assert {"Help", "Settings", "Theme"} <= set(commands)


@pytest.mark.parametrize("autosaved", [False, True])
async def test_every_title_key_fits_in_80_columns(saves, tutorial_only, autosaved):
    """The title's footer once ended "q Qui" at 80 columns. Continue is offered there only when
    there is a game to continue, and Resume only with a game in progress."""
    if autosaved:
        from redline.content import load_scenario
        from redline.session.local import Session

        session = Session.new(load_scenario(tutorial_only[0] / "scenarios" / "tutorial"), 3, saves)
        session.decide(session.state.legal_actions()[0].option)  # type: ignore[union-attr]
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1].rstrip()
        assert footer.endswith("q Quit"), footer
        assert ("Continue" in footer) is autosaved, footer
        if autosaved:
            return
        await start_tutorial(pilot)
        await pilot.press("1", "escape")  # to the title, a game in progress: Resume
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1].rstrip()
        assert "Resume" in footer and footer.endswith("q Quit"), footer
