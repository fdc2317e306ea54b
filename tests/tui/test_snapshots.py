"""Snapshots of every screen at 80×24 and 120×36, with a fixed seed, clock and saves.

Regenerate on purpose, in one serial run:
    .venv/bin/python -m pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import make_app, pin_saved_dates, settle

from redline.content import load_scenario
from redline.tui.session import Session

pytestmark = pytest.mark.usefixtures("frozen_save_time")

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


def _tutorial_session(content: list[Path], saves: Path, decisions: int) -> Session:
    scenario = load_scenario(content[0] / "scenarios" / "tutorial")
    session = Session.new(scenario, 7, saves)
    for _ in range(decisions):
        session.decide(session.state.legal_actions()[-1].option)  # type: ignore[union-attr]
    return session


def _saved_games(content: list[Path], saves: Path) -> None:
    """An autosave at week 3 and a named save at week 2, both dated 2025-09-05 12:00 UTC."""
    _tutorial_session(content, saves, 1).save_as("before the vote")
    _tutorial_session(content, saves, 2).autosave()
    pin_saved_dates(saves)


async def _new_tutorial(pilot) -> None:
    """Start the tutorial from the title. The set-up's week-3 autosave is an unfinished game of
    an earlier sitting, so the new game asks first: start anyway (the autosave stays until
    the new game's first autosave, so every screen shows the saves as set up)."""
    from redline.tui.dialogs.replaced import ReplaceDialog

    await pilot.press("t")
    if isinstance(pilot.app.screen, ReplaceDialog):
        await pilot.press("y")


async def _playing(pilot, picks: str = "") -> None:
    await settle(pilot)
    await _new_tutorial(pilot)
    await pilot.press("enter")  # past the briefing
    for key in picks:
        await pilot.press(key)


# ---- the screens, one navigation each --------------------------------------------------------


async def title(pilot):
    await settle(pilot)


async def picker(pilot):
    await settle(pilot)
    await pilot.press("n")


async def briefing(pilot):
    await settle(pilot)
    await _new_tutorial(pilot)


async def turn(pilot):
    await _playing(pilot, "2")  # option 2 picked, not yet decided


async def turn_week2(pilot):
    await _playing(pilot, "22")  # decided, past the moments and the report
    await _past_moments(pilot)
    await pilot.press("enter", "2")


async def report(pilot):
    await _playing(pilot, "22")
    await _past_moments(pilot)


async def _past_moments(pilot) -> None:  # type: ignore[no-untyped-def]
    from redline.tui.screens.moment import MomentScreen

    while isinstance(pilot.app.screen, MomentScreen):
        await pilot.press("space")


async def moment(pilot):
    """The first big moment after deciding to deploy now (seed 7)."""
    await _playing(pilot, "22")


async def ending(pilot):
    await _playing(pilot)
    app = pilot.app
    while not app.session.state.is_over:
        state = app.session.state
        last = max(i for i, o in enumerate(state.card.options) if state.available(o))
        await pilot.press(str(last + 1), str(last + 1))
        await _past_moments(pilot)
        await pilot.press("enter")


async def ending_gallery(pilot):
    """The ending scrolled to the endings found so far (the gallery), below the epilogue."""
    await ending(pilot)
    pilot.app.screen.query_one("#ending-gallery").scroll_visible(top=True, animate=False)
    await pilot.pause()


async def forecast(pilot):
    """The live forecast, played to its end (the count is the engine's, so it is fixed)."""
    await _playing(pilot, "2")
    await settle(pilot)
    await pilot.press("f")  # its tab, when narrow; beside the card when wide


async def help_screen(pilot):
    await _playing(pilot)
    await pilot.press("question_mark")


async def settings(pilot):
    await settle(pilot)
    await pilot.press("s")


async def save(pilot):
    await _playing(pilot)
    await pilot.press("s")


async def load(pilot):
    await settle(pilot)
    await pilot.press("l")
    await settle(pilot)  # the saves are listed by a worker


async def confirm_quit(pilot):
    await _playing(pilot, "22")
    await _past_moments(pilot)
    await pilot.press("enter", "q")


async def menu_in_game(pilot):
    await _playing(pilot, "22")
    await _past_moments(pilot)
    await pilot.press("enter", "escape")
    await settle(pilot)


SCREENS = [
    title,
    picker,
    briefing,
    turn,
    turn_week2,
    forecast,
    moment,
    report,
    ending,
    ending_gallery,
    help_screen,
    settings,
    save,
    load,
    confirm_quit,
    menu_in_game,
]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("navigate", SCREENS, ids=[f.__name__ for f in SCREENS])
def test_screen(snap_compare, navigate, size, saves, tutorial_only):
    _saved_games(tutorial_only, saves)
    app = make_app(saves, content_dirs=tutorial_only)
    assert snap_compare(app, terminal_size=size, run_before=settled(navigate))


def settled(navigate):  # type: ignore[no-untyped-def]
    """Then let the forecast finish, so that the screen does not depend on timing."""

    async def run(pilot):  # type: ignore[no-untyped-def]
        await navigate(pilot)
        await settle(pilot)

    return run


def test_turn_light_theme(snap_compare, saves, tutorial_only):
    from redline.tui.app import Settings

    app = make_app(saves, content_dirs=tutorial_only, settings=Settings(theme="redline-light"))
    assert snap_compare(app, terminal_size=(120, 36), run_before=settled(turn_week2))


def test_turn_odds_hidden(snap_compare, saves, tutorial_only):
    from redline.tui.app import Settings

    app = make_app(saves, content_dirs=tutorial_only, settings=Settings(show_odds=False))
    assert snap_compare(app, terminal_size=(80, 24), run_before=settled(turn_week2))


def test_wide_terminal(snap_compare, saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only)
    assert snap_compare(app, terminal_size=(200, 60), run_before=settled(turn_week2))
