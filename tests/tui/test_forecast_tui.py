"""The live forecast on the turn screen: played in a thread worker, batch by batch, the same
counts as `sim/forecast.py` gives for the state, stopped when the player decides, and off
when the player or the facilitator turns it off."""

from __future__ import annotations

from tui_helpers import flat, make_app, settle

from redline.sim.forecast import Forecast
from redline.tui.prefs import Settings
from redline.tui.screens.turn import FORECAST_GAMES, TurnScreen
from redline.tui.widgets.forecast import ForecastPanel, forecast_lines


async def _to_first_card(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("n", "enter")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, TurnScreen)


def _panel_text(app) -> str:  # type: ignore[no-untyped-def]
    content = app.screen.query_one(ForecastPanel).content
    return flat(getattr(content, "plain", str(content)))


async def test_the_forecast_firms_up_to_the_engines_count(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only, seed=3)
    async with app.run_test(size=(120, 36)) as pilot:
        await _to_first_card(pilot)
        await settle(pilot)
        state = app.session.state
        expected = Forecast(state)
        expected.run(FORECAST_GAMES)
        want = forecast_lines(expected.options, state.scenario, FORECAST_GAMES, True)
        assert _panel_text(app) == flat(want.plain)
        assert f"{FORECAST_GAMES} games per option" in _panel_text(app)
        assert "refining" not in _panel_text(app)


async def test_deciding_stops_the_forecast_and_starts_the_next(saves, tutorial_only, monkeypatch):
    import time

    played = Forecast.run

    def slowly(self, batch, give_way=None):  # type: ignore[no-untyped-def]
        time.sleep(0.2)  # long enough that the player decides while the forecast still runs
        played(self, batch, give_way)

    monkeypatch.setattr(Forecast, "run", slowly)
    app = make_app(saves, content_dirs=tutorial_only, seed=3)
    async with app.run_test(size=(120, 36)) as pilot:
        await _to_first_card(pilot)
        screen = app.screen
        first = screen._forecast_for
        worker = screen.forecast_worker
        assert worker is not None and worker.is_running
        await pilot.press("1", "1")  # decided before the forecast could finish
        assert worker.is_cancelled  # stopped at once
        monkeypatch.setattr(Forecast, "run", played)
        assert screen._forecast_for != first
        await pilot.press("enter")  # past the report, to the next card
        await settle(pilot)
        assert isinstance(app.screen, TurnScreen)
        assert screen._forecast_for not in (None, first)
        assert f"{FORECAST_GAMES} games per option" in _panel_text(app)


async def test_off_by_the_player_or_hidden_by_the_facilitator(saves, tutorial_only):
    for settings in (Settings(show_forecast=False), Settings(show_odds=False)):
        app = make_app(saves, content_dirs=tutorial_only, seed=3, settings=settings)
        async with app.run_test(size=(120, 36)) as pilot:
            await _to_first_card(pilot)
            await settle(pilot)
            assert not app.screen.query_one(ForecastPanel).display
            assert not [w for w in app.screen.workers if w.group == "forecast"]
