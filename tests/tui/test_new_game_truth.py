"""'Start a new game?' says what is true of the saves: one autosave per scenario, so a new
game of a scenario replaces the unfinished game autosaved for it, whether that game is open
now or was left in an earlier sitting. Nothing promises a game that can no longer be
continued; a finished game's autosave or another scenario's asks nothing."""

from __future__ import annotations

from tui_helpers import make_app, settle, widget_text

from redline.content import load_scenario
from redline.saves import read_save
from redline.tui.dialogs.confirm import ConfirmDialog
from redline.tui.screens.briefing import BriefingScreen
from redline.tui.screens.title import TitleScreen
from redline.tui.session import Session

SIZE = (120, 36)


def _left_in_week_3(content, saves) -> None:  # type: ignore[no-untyped-def]
    """An unfinished tutorial autosaved at the start of week 3, in an earlier sitting."""
    session = Session.new(load_scenario(content[0] / "scenarios" / "tutorial"), 11, saves)
    while session.state.turn < 3:
        session.decide(session.state.legal_actions()[0].option)  # type: ignore[union-attr]
    assert session.kept_in is not None and session.kept_in[1] == 3


async def test_a_new_game_says_it_replaces_the_autosave_of_an_earlier_sitting(saves, tutorial_only):
    _left_in_week_3(tutorial_only, saves)
    autosave = saves / "autosave-tutorial.json"
    kept = read_save(autosave)
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("t")  # a new tutorial, from the title menu
        assert isinstance(app.screen, ConfirmDialog)
        said = widget_text(app.screen)
        assert "An unfinished game of this scenario (week 3" in said
        assert "autosave-tutorial.json" in said and "replaces it" in said
        assert "continue it from the title screen" not in said
        await pilot.press("n")  # kept as it was
        assert read_save(autosave).actions == kept.actions
        await pilot.press("t", "y")
        assert isinstance(app.screen, BriefingScreen) and app.session.game.actions == []


async def test_an_open_game_is_said_to_be_replaced_once(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t", "enter")
        session = app.session
        for _ in range(2):  # two weeks: the game is autosaved at the start of week 3
            session.decide(session.state.legal_actions()[0].option)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("t")
        assert isinstance(app.screen, ConfirmDialog)
        said = widget_text(app.screen)
        assert "A new game of the same scenario replaces its autosave" in said
        assert "An unfinished game of this scenario" not in said  # the same file, said once


async def test_a_finished_game_or_no_autosave_asks_nothing(saves, tutorial_only):
    session = Session.new(load_scenario(tutorial_only[0] / "scenarios" / "tutorial"), 11, saves)
    while not session.state.is_over:
        session.decide(session.state.legal_actions()[0].option)  # type: ignore[union-attr]
    assert read_save(saves / "autosave-tutorial.json").actions
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        assert isinstance(app.screen, BriefingScreen)
