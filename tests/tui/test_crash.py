"""A failure inside the interface: the game is safe in the autosave of the last completed
turn, the player is told where it is and how to get it back, and the details go to a file."""

from __future__ import annotations

import pytest
from test_flows import finish_turn, start_tutorial
from tui_helpers import make_app

from redline.saves import read_save, restore
from redline.tui.crash import crash_message
from redline.tui.screens.turn import TurnScreen

SIZE = (120, 36)


class Boom(RuntimeError):
    pass


def explode() -> None:
    raise Boom("a bug in a screen")


async def test_a_crash_mid_turn_leaves_the_last_completed_turn_loadable(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only)
    with pytest.raises(Boom):
        async with app.run_test(size=SIZE) as pilot:
            await start_tutorial(pilot)
            await finish_turn(pilot)  # week 1 is complete: autosaved
            assert isinstance(app.screen, TurnScreen) and app.session.state.turn == 2
            autosave = app.session.autosave_path
            kept = autosave.read_bytes()
            at_turn_end = app.session.state.fingerprint()
            await pilot.press("1")  # a choice of week 2, not decided
            app.call_later(explode)
            await pilot.pause()
    assert app.return_code == 1
    # The autosave is the one written at the end of week 1, untouched, and it loads.
    assert autosave.read_bytes() == kept
    restored = restore(read_save(autosave), app.session.scenario)
    assert restored.diverged_at is None and restored.game.state.fingerprint() == at_turn_end
    # The details are in a file beside the saves; the message says what is safe and where.
    report = app.crash
    assert report is not None and report.details is not None and report.details.parent == saves
    details = report.details.read_text(encoding="utf-8")
    assert "Boom: a bug in a screen" in details and "explode" in details and "scenario: tutorial" in details
    message = crash_message(report)
    assert "Boom: a bug in a screen" in message
    assert "autosaved at the end of week 1" in message and str(autosave) in message
    assert "Continue" in message and str(report.details) in message


async def test_a_crash_before_any_game_says_so(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only)
    with pytest.raises(Boom):
        async with app.run_test(size=SIZE) as pilot:
            app.call_later(explode)
            await pilot.pause()
    assert app.crash is not None and "No game was in progress." in crash_message(app.crash)


def test_what_is_safe_names_the_file_that_holds_this_game(tutorial, saves):
    from redline.tui.crash import _what_is_safe
    from redline.tui.session import Session

    session = Session.new(tutorial, 3, saves)
    session.autosave_path.write_text("{}")  # an older game's autosave is not this game's
    assert "had not been saved yet" in _what_is_safe(session)
    while session.state.turn == 1:
        state = session.state
        session.decide(next(o.id for o in state.card.options if state.available(o)))
    assert "autosaved at the end of week 1" in _what_is_safe(session)
    other = saves / "mine.json"
    session.save_to(other, {"label": "mine"})
    loaded, _ = Session.load(other, saves, None)
    assert f"as it was saved in week 2, in {other}" in _what_is_safe(loaded)
    assert _what_is_safe(None) == "No game was in progress."
