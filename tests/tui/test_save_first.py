"""Quitting or loading over a game that holds something no save holds offers to save it first
("Save and quit", "Save and load"), and the question says only what is true of the saves: a
game saved under a name is saved, a move taken back since the save is no loss, a save that
cannot be written stops the quit and says so."""

from __future__ import annotations

import pytest
from test_flows import SIZE, start_tutorial, two_cards  # noqa: F401  (a fixture)
from tui_helpers import make_app, settle, widget_text

from redline.saves import read_save
from redline.tui.dialogs.confirm import ConfirmDialog
from redline.tui.dialogs.message import MessageDialog
from redline.tui.screens.saves import SavesScreen
from redline.tui.screens.turn import TurnScreen


def _buttons(app) -> list[str]:  # type: ignore[no-untyped-def]
    from textual.widgets import Button

    return [str(b.label) for b in app.screen.query(Button)]


async def test_save_and_quit_autosaves_the_month_so_far_and_continue_brings_it_back(saves, two_cards):  # noqa: F811
    app = make_app(saves, content_dirs=two_cards)
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        await pilot.press("1", "enter")  # one decision of the week's two: no autosave yet
        decided = list(app.session.game.actions)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmDialog)
        assert "it will be lost unless you save first" in widget_text(app.screen)
        assert _buttons(app) == ["Save and quit (s)", "Quit without saving (y)", "Cancel (n)"]
        assert app.screen.focused is not None and app.screen.focused.id == "save"  # Enter loses nothing
        await pilot.press("enter")
    assert app.return_code == 0
    autosave = saves / "autosave-tutorial.json"
    assert read_save(autosave).actions and len(read_save(autosave).actions) == len(decided) == 1

    again = make_app(saves, content_dirs=two_cards)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")  # Continue
        await settle(pilot)
        assert isinstance(again.screen, TurnScreen)
        assert list(again.session.game.actions) == decided
        await pilot.press("q")  # nothing new since: no save offered, and it says where it is
        assert "is autosaved; continue it from the title screen" in widget_text(again.screen)
        assert _buttons(again) == ["Quit (y)", "Cancel (n)"]
        await pilot.press("y")
    assert again.return_code == 0


async def test_a_game_saved_under_a_name_is_said_saved(saves, two_cards):  # noqa: F811
    app = make_app(saves, content_dirs=two_cards)
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        await pilot.press("1", "enter")
        await pilot.press("s")
        assert isinstance(app.screen, SavesScreen)
        await pilot.press(*"before talks", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TurnScreen)
        await pilot.press("q")
        said = widget_text(app.screen)
        # it was once "has not been saved: it will be lost", with the named save on disk
        assert "is saved; load it again from the title's Load." in said and "not been saved" not in said
        assert "Save and quit (s)" not in _buttons(app)
        await pilot.press("n")
        await pilot.press("1", "enter")  # the week ends: autosaved, past the named save
        await settle(pilot)
        assert app.session.is_saved_as_is()


async def test_a_save_that_fails_stops_the_quit(saves, two_cards, monkeypatch):  # noqa: F811
    from redline.session.local import Session

    app = make_app(saves, content_dirs=two_cards)
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        await pilot.press("1", "enter")
        monkeypatch.setattr(Session, "save_to", lambda self, path, meta: f"{path.name}: disk full")
        await pilot.press("q", "s")
        await settle(pilot)
        assert isinstance(app.screen, MessageDialog)
        assert "disk full" in widget_text(app.screen)
        await pilot.press("escape")
        assert isinstance(app.screen, TurnScreen) and app.session.kept_in is None
        assert app.is_running


async def test_save_and_load_keeps_the_game_before_opening_another(saves, two_cards):  # noqa: F811
    app = make_app(saves, content_dirs=two_cards)
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        app.session.save_to(saves / "other.json", {"label": "other"})  # the week not yet begun
        await pilot.press("1", "enter")  # then a decision that no save holds
        mine = list(app.session.game.actions)
        assert len(mine) == 1
        app.open_save(saves / "other.json")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog) and "Save and load (s)" in _buttons(app)
        await pilot.press("s")
        await settle(pilot)
        assert list(app.session.game.actions) == []  # the other save is open
        assert list(read_save(saves / "autosave-tutorial.json").actions) == mine  # and ours was kept


@pytest.mark.parametrize("answer", ["n", "escape"])
async def test_cancel_saves_nothing(saves, two_cards, answer):  # noqa: F811
    app = make_app(saves, content_dirs=two_cards)
    async with app.run_test(size=SIZE) as pilot:
        await start_tutorial(pilot)
        await pilot.press("1", "enter", "q", answer)
        assert isinstance(app.screen, TurnScreen)
        assert not (saves / "autosave-tutorial.json").exists()
