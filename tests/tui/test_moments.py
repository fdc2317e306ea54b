"""Big moments get their own beat: a full-screen moment after the turn, any key goes on, then
the report, which leads with what mattered; earlier reports can be reread."""

from __future__ import annotations

from tui_helpers import flat, make_app, screen_text

from redline.content import load_scenario
from redline.engine.game import Game
from redline.report.moments import moments
from redline.tui.screens.moment import MomentScreen
from redline.tui.screens.report import ReportScreen
from redline.tui.screens.turn import TurnScreen


def _first_turn(tutorial_only, option: str) -> Game:
    sc = load_scenario(tutorial_only[0] / "scenarios" / "tutorial")
    game = Game.start(sc, 1)
    game.apply(next(a for a in game.state.legal_actions() if a.option == option))
    return game


def test_an_ally_leaving_and_the_ladder_are_moments_and_restraint_has_none(tutorial_only):
    game = _first_turn(tutorial_only, "deploy_now")
    found = moments(game.scenario, game.events[1])
    assert [m.kind for m in found] == ["ladder", "withdrawal"]
    assert found[1].title == "Slovakia leaves the coalition" and found[1].text.startswith("Why: ")
    assert "Formal warnings" in found[0].text
    quiet = _first_turn(tutorial_only, "post_ceasefire")
    assert moments(quiet.scenario, quiet.events[1]) == []


def test_a_crossed_red_line_is_a_moment(tutorial_only):
    from redline.engine import Event

    sc = load_scenario(tutorial_only[0] / "scenarios" / "tutorial")
    line = sc.red_lines[0]
    found = moments(sc, [Event(kind="red_line", text="x", target=line.id, turn=2)])
    assert found[0].title == f"Red line crossed: {line.model.label}"
    assert line.model.quote in found[0].text


def test_the_first_strike_on_the_force_comes_once(tutorial_only):
    sc = load_scenario(tutorial_only[0] / "scenarios" / "tutorial")
    top = sc.rungs[-1].responses[0].id
    from redline.engine import Event

    hit = Event(kind="kremlin", text="Moscow acts", target=top, turn=3)
    assert [m.kind for m in moments(sc, [hit])] == ["casualties"]
    # titled by what happened (a strike near a site), never "The force is hit", which it need not be
    assert moments(sc, [hit])[0].title == sc.rungs[-1].responses[0].model.label
    assert moments(sc, [hit], earlier=[hit]) == []


async def test_moment_then_report_leading_with_it_then_reread(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t", "enter", "2", "2")
        await pilot.pause()
        assert isinstance(app.screen, MomentScreen)
        assert "Moscow climbs the ladder" in flat(screen_text(app))
        for _ in range(6):
            if not isinstance(app.screen, MomentScreen):
                break
            await pilot.press("x")  # any key
            await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        text = flat(screen_text(app))
        assert text.index("What mattered") < text.index("Decisions")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TurnScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen) and app.screen.reread
        assert "back to Week 2" in flat(screen_text(app))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TurnScreen)
