"""Play a whole game of every shipped scenario through key presses only, to an ending."""

from __future__ import annotations

import pytest
from tui_helpers import CONTENT, flat, make_app, screen_text

from redline.content import list_scenarios
from redline.tui.screens.briefing import BriefingScreen
from redline.tui.screens.ending import EndingScreen
from redline.tui.screens.moment import MomentScreen
from redline.tui.screens.picker import PickerScreen
from redline.tui.screens.report import ReportScreen
from redline.tui.screens.turn import TurnScreen

SCENARIOS = [e.id for e in list_scenarios([CONTENT])]


async def _to_briefing(pilot, scenario_id: str) -> None:
    app = pilot.app
    await pilot.press("n")
    assert isinstance(app.screen, PickerScreen)
    ids = [e.id for e in app.screen.entries]
    for _ in range(ids.index(scenario_id)):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, BriefingScreen)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
async def test_play_a_whole_game_by_keyboard(scenario_id, saves):
    app = make_app(saves, content_dirs=[CONTENT], seed=11)
    async with app.run_test(size=(120, 36)) as pilot:
        await _to_briefing(pilot, scenario_id)
        session = app.session
        assert session is not None and session.scenario.id == scenario_id
        assert session.scenario.title in screen_text(app)
        await pilot.press("enter")
        reports = 0
        for _ in range(400):  # a bound, not an expectation
            await pilot.pause()
            screen = app.screen
            if isinstance(screen, EndingScreen):
                break
            if isinstance(screen, MomentScreen):
                await pilot.press("space")  # any key goes on
                continue
            if isinstance(screen, ReportScreen):
                text = flat(screen_text(app))
                assert "Report — " in text
                assert screen.turns and screen.turns[0] == reports + 1
                if len(screen.turns) == 1:
                    assert f"Report — {session.turn_label(screen.turns[0])}" in text
                reports += len(screen.turns)
                await pilot.press("enter")
                continue
            assert isinstance(screen, TurnScreen)
            state = session.state
            card = state.card
            assert card is not None
            text = flat(screen_text(app))
            assert card.model.title in text
            assert session.turn_label() in text
            # Vary the choices: the last open option on odd turns, the first on even.
            open_ = [i for i, o in enumerate(card.options) if state.available(o)]
            index = open_[-1] if state.turn % 2 else open_[0]
            key = str(index + 1)
            await pilot.press(key)
            assert screen.selected == index
            await pilot.press(key)
        else:
            pytest.fail("the game did not end")
        state = session.state
        assert state.is_over and state.ending is not None
        assert reports == state.turn
        text = flat(screen_text(app))
        assert state.ending.model.title in text
        assert f"Score: {state.score:g}" in text
        # The last turn autosaved the finished game.
        assert session.autosave_path.is_file()
