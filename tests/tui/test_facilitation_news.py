"""What the room reads of the facilitator's rulings on the shared screen: a free-text inject sent
to the whole room (console `b`) and an off-card ruling (console `a`) appear in the players'
"News and decisions" with their effects, never with the facilitator's reasons."""

from __future__ import annotations

from test_facilitation import SEED, SIZE, set_up, type_text
from textual.widgets import Static
from tui_helpers import flat, make_app

from redline.tui.facilitation.screens import FacilitatedTurnScreen

INJECT = "Moscow closes the airspace"
PROPOSAL = "Open a humanitarian corridor"
BULLETIN_REASON = "BULLETINREASON to test the room"
RULING_REASON = "RULINGREASON it was plausible"
OVERRIDE_REASON = "OVERRIDEREASON Moscow is angrier"


async def _fields(pilot, values: list[str]) -> None:
    for value in values:
        await type_text(pilot, value)
        await pilot.press("enter")


async def test_the_rooms_news_shows_rulings_and_their_effects_without_reasons(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only, seed=SEED)
    async with app.run_test(size=SIZE) as pilot:
        session = await set_up(pilot, ["Blue", "Gold"])
        await pilot.press("enter", "f")
        await pilot.press("b")  # text, to (all), from, changes, reason
        await _fields(pilot, [INJECT, "", "", "confidence -2", BULLETIN_REASON])
        await pilot.press("a")  # proposal, by, for, against, odds, success, failure, reason
        await _fields(pilot, [PROPOSAL, "", "", "", "1", "confidence +3", "", RULING_REASON])
        await pilot.press("enter")  # the roll is shown; Enter goes back to the console
        await pilot.press("o", "enter")  # an override of the first meter, with its reason
        await type_text(pilot, "50")
        await pilot.press("enter")
        await type_text(pilot, OVERRIDE_REASON)
        await pilot.press("enter")
        kinds = [type(a).__name__ for a in session.game.actions]
        assert kinds[-3:] == ["Bulletin", "Adjudicate", "Override"], kinds
        await pilot.press("escape")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FacilitatedTurnScreen)
        news = flat(screen.query_one("#news", Static).content.plain)
        assert f"Inject: {INJECT}" in news, news
        assert f"Ruling: {PROPOSAL} — succeeds" in news, news
        assert "Ukrainian confidence −2" in news and "Ukrainian confidence +3" in news, news
        assert "Facilitator set" in news, news  # the override's effect
        for reason in (BULLETIN_REASON, RULING_REASON, OVERRIDE_REASON):
            assert reason not in news, reason
