"""The turn screen's layout: at 120×36 every option of every card is in view, unscrolled,
with the forecast open and an option picked (what it touches then shows too)."""

from __future__ import annotations

import pytest
from tui_helpers import make_app, settle

import redline.tui.screens.turn as turn_screen
from redline.tui.screens.turn import TurnScreen
from redline.tui.widgets.card import CardView, OptionRow
from redline.tui.widgets.forecast import ForecastPanel


async def to_turn(pilot) -> TurnScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    for _ in range(5):  # past the briefing (and anything before it)
        if isinstance(pilot.app.screen, TurnScreen):
            break
        await pilot.press("enter")
        await settle(pilot)
    assert isinstance(pilot.app.screen, TurnScreen)
    return pilot.app.screen


def hidden_options(screen: TurnScreen) -> list[str]:
    card = screen.query_one(CardView)
    view = card.content_region
    return [
        row.id or "?" for row in card.query(OptionRow) if row.display and not view.contains_region(row.region)
    ]


@pytest.mark.parametrize("scenario", ["reassurance-force", "tutorial"])
async def test_every_option_of_every_card_is_in_view_at_120x36(saves, monkeypatch, scenario):
    # A short forecast: its panel's lines are the same for 8 games as for 400.
    monkeypatch.setattr(turn_screen, "FORECAST_GAMES", 8)
    app = make_app(saves, scenario=scenario)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await to_turn(pilot)
        game = app.session.game
        start = game.state
        seen = []
        for card in app.session.scenario.cards:
            state = start.clone()
            state.hand = (card.id,)  # this card is the one to decide now
            game.states[-1] = state
            screen.refresh_view()
            await settle(pilot)  # the forecast for this card drawn
            # Unpicked, and the lowest option picked: the one a taller card would push out first.
            picks = [None] + [i for i, o in enumerate(card.options) if state.available(o)][-1:]
            for pick in picks:
                if pick is not None:
                    screen.action_pick(pick)
                    await pilot.pause()
                assert screen.query_one(ForecastPanel).display
                assert screen.query_one(CardView).scroll_y == 0
                assert hidden_options(screen) == [], (card.id, pick)
                seen.append(card.id)
        assert len(set(seen)) == len(app.session.scenario.cards)
