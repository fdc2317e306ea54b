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


# ---- 80×24: every panel scrolls from the keyboard ------------------------------------------


async def decide_a_turn(pilot) -> None:  # type: ignore[no-untyped-def]
    """Decide every card of the turn with option 1, then past the moments and the report."""
    from redline.tui.screens.moment import MomentScreen
    from redline.tui.screens.report import ReportScreen

    app = pilot.app
    turn = app.session.state.turn
    while app.session.state.turn == turn and not app.session.state.is_over:
        if isinstance(app.screen, MomentScreen):
            await pilot.press("space")
        elif isinstance(app.screen, ReportScreen):
            await pilot.press("enter")
        else:
            state = app.session.state
            first = next(i for i, o in enumerate(state.card.options) if state.available(o))
            await pilot.press(str(first + 1), str(first + 1))
        await pilot.pause()
    while not isinstance(app.screen, TurnScreen):
        await pilot.press("enter")
        await pilot.pause()


async def test_every_panel_scrolls_from_the_keyboard_at_80x24(saves, monkeypatch):
    from redline.tui.widgets.panelscroll import PanelScroll

    monkeypatch.setattr(turn_screen, "FORECAST_GAMES", 8)
    app = make_app(saves, scenario="reassurance-force")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await to_turn(pilot)
        await decide_a_turn(pilot)  # a month of news to scroll through
        await decide_a_turn(pilot)
        assert app.screen is screen and screen.focused is None
        for key, panel in [("m", "meters"), ("k", "moscow"), ("a", "allies"), ("n", "news")]:
            await pilot.press(key)
            await pilot.pause()
            scroll = screen.focused
            assert isinstance(scroll, PanelScroll) and scroll.query_one(f"#{panel}").region.height
            assert scroll.max_scroll_y > 0, panel  # taller than its tab at 80×24
            await pilot.press("pagedown", "down")
            await pilot.pause()
            assert scroll.scroll_y > 0, panel
            await pilot.press("escape")  # the keys go back to the card, the game stays
            assert screen.focused is None and app.screen is screen
        await pilot.press("tab")  # Tab goes into the panels one after another
        first = screen.focused
        await pilot.press("tab")
        assert isinstance(first, PanelScroll) and isinstance(screen.focused, PanelScroll)
        assert screen.focused is not first
        await pilot.press("escape", "escape")
        assert not isinstance(app.screen, TurnScreen)  # the second Esc: the menu


async def test_the_footer_names_the_numbers_this_card_has(saves):
    from textual.widgets._footer import FooterKey

    app = make_app(saves, scenario="reassurance-force")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await to_turn(pilot)
        game = app.session.game
        start = game.state
        counts = set()
        for card in app.session.scenario.cards:
            n = len(card.options)
            if n in counts:
                continue
            counts.add(n)
            state = start.clone()
            state.hand = (card.id,)
            game.states[-1] = state
            screen.refresh_view()
            await settle(pilot)
            shown = {k.key_display for k in screen.query(FooterKey) if k.action == "pick(0)"}
            assert shown == {"1" if n == 1 else f"1-{n}"}
        assert len(counts) >= 2  # the scenario has cards of different sizes


# ---- Esc means back, on every screen and dialog ----------------------------------------------


async def test_escape_goes_back_everywhere(saves, tutorial_only):
    from redline.tui.dialogs.confirm import ConfirmDialog
    from redline.tui.dialogs.message import MessageDialog
    from redline.tui.screens.briefing import BriefingScreen
    from redline.tui.screens.ending import EndingScreen
    from redline.tui.screens.help import HelpScreen
    from redline.tui.screens.moment import MomentScreen
    from redline.tui.screens.picker import PickerScreen
    from redline.tui.screens.report import ReportScreen
    from redline.tui.screens.saves import SavesScreen
    from redline.tui.screens.settings import SettingsScreen
    from redline.tui.screens.title import TitleScreen

    app = make_app(saves, content_dirs=tutorial_only)

    async def back(opened: type, to: type) -> None:
        assert isinstance(app.screen, opened), app.screen
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, to), (opened, app.screen)

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key, opened in [("n", PickerScreen), ("s", SettingsScreen), ("l", SavesScreen)]:
            await pilot.press(key)
            await settle(pilot)
            await back(opened, TitleScreen)
        await pilot.press("t")
        await settle(pilot)
        await back(BriefingScreen, TitleScreen)
        await pilot.press("escape")  # the title's Esc: back to the game in progress
        await settle(pilot)
        if isinstance(app.screen, BriefingScreen):
            await pilot.press("enter")
        assert isinstance(app.screen, TurnScreen)
        for key, opened in [("question_mark", HelpScreen), ("s", SavesScreen)]:
            await pilot.press(key)
            await settle(pilot)
            await back(opened, TurnScreen)
        app.show_error("A test message", ValueError("nothing wrong"))
        await settle(pilot)
        await back(MessageDialog, TurnScreen)
        await pilot.press("1", "1")  # decide: the moments, then the report
        await settle(pilot)
        while isinstance(app.screen, MomentScreen):
            await back(MomentScreen, (MomentScreen, ReportScreen))
        await back(ReportScreen, TurnScreen)
        await pilot.press("q")  # a game with decisions in it: quitting asks first
        await settle(pilot)
        await back(ConfirmDialog, TurnScreen)
        await pilot.press("r")  # reread the reports
        await settle(pilot)
        await back(ReportScreen, TurnScreen)
        await back(TurnScreen, TitleScreen)
        await pilot.press("escape")
        await settle(pilot)
        while not app.session.state.is_over:
            if isinstance(app.screen, TurnScreen):
                await pilot.press("1", "1")
            else:
                await pilot.press("escape")
            await settle(pilot)
        while not isinstance(app.screen, EndingScreen):
            await pilot.press("escape")
            await settle(pilot)
        await back(EndingScreen, TitleScreen)


# ---- tiny terminals: no screen crashes -------------------------------------------------------

TINY = [(10, 5), (1, 1), (10, 24), (80, 3), (3, 40)]


async def survives_tiny(pilot, opened: type) -> None:  # type: ignore[no-untyped-def]
    for size in [*TINY, (80, 24)]:
        await pilot.resize_terminal(*size)
        await settle(pilot)
        assert isinstance(pilot.app.screen, opened), (size, pilot.app.screen)
        assert pilot.app.return_code is None  # still running: nothing raised


async def test_every_screen_survives_tiny_terminals(saves, tutorial_only):
    from redline.tui.dialogs.confirm import ConfirmDialog
    from redline.tui.screens.briefing import BriefingScreen
    from redline.tui.screens.ending import EndingScreen
    from redline.tui.screens.help import HelpScreen
    from redline.tui.screens.moment import MomentScreen
    from redline.tui.screens.picker import PickerScreen
    from redline.tui.screens.report import ReportScreen
    from redline.tui.screens.saves import SavesScreen
    from redline.tui.screens.settings import SettingsScreen
    from redline.tui.screens.title import TitleScreen

    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=(10, 5)) as pilot:  # it starts tiny, too
        await settle(pilot)
        await survives_tiny(pilot, TitleScreen)
        for key, opened in [("n", PickerScreen), ("s", SettingsScreen), ("l", SavesScreen)]:
            await pilot.press(key)
            await settle(pilot)
            await survives_tiny(pilot, opened)
            await pilot.press("escape")
        await pilot.press("t")
        await settle(pilot)
        await survives_tiny(pilot, BriefingScreen)
        await pilot.press("enter")
        await settle(pilot)
        await survives_tiny(pilot, TurnScreen)
        await pilot.press("question_mark")
        await survives_tiny(pilot, HelpScreen)
        await pilot.press("escape", "2", "2")  # deploying now: a big moment (seed 7)
        await settle(pilot)
        await survives_tiny(pilot, MomentScreen)
        while isinstance(app.screen, MomentScreen):
            await pilot.press("space")
            await settle(pilot)
        await survives_tiny(pilot, ReportScreen)
        await pilot.press("enter", "q")
        await settle(pilot)
        await survives_tiny(pilot, ConfirmDialog)
        await pilot.press("escape")
        while not app.session.state.is_over:
            await pilot.press("1", "1") if isinstance(app.screen, TurnScreen) else await pilot.press("enter")
            await settle(pilot)
        while not isinstance(app.screen, EndingScreen):
            await pilot.press("enter")
            await settle(pilot)
        await survives_tiny(pilot, EndingScreen)


def test_help_says_the_scenarios_number_of_threats():
    from tui_helpers import CONTENT

    from redline.content import load_scenario
    from redline.tui.screens.help import how

    for name in ("reassurance-force", "tutorial"):
        scenario = load_scenario(CONTENT / "scenarios" / name)
        text = how(scenario.kremlin.signals, scenario.info.turn_label)
        assert scenario.kremlin.signals == 2 and "up to two threats" in text
        assert "three" not in text and " turn" not in text.replace(scenario.info.turn_label.lower(), "")


def test_the_ladder_label_is_never_split_inside():
    from tui_helpers import CONTENT

    from redline.content import load_scenario
    from redline.engine import Game
    from redline.tui.widgets.kremlin import KremlinPanel

    scenario = load_scenario(CONTENT / "scenarios" / "reassurance-force")
    game = Game.start(scenario, 7)
    longest = max(range(len(scenario.rungs)), key=lambda i: len(scenario.rungs[i].model.label))
    game.state.rung = longest
    label = scenario.rungs[longest].model.label
    for width in (24, 30, 40, 76):
        lines = KremlinPanel().build(game, width).plain.splitlines()
        assert all(len(line) <= width for line in lines[:3]), width
        assert any(label in line for line in lines[:3]) or len(label) > width - 2, width
        assert any(f"({longest + 1} of {len(scenario.rungs)})" in line for line in lines[:2]), width


def test_phrases_wrap_between_phrases_never_inside():
    from redline.tui.widgets.coalition import LEGEND
    from redline.tui.widgets.phrases import SEPARATOR, phrase_lines

    phrases = LEGEND.split(SEPARATOR)
    for width in range(12, len(LEGEND) + 2):
        lines = phrase_lines(phrases, width)
        assert [p for line in lines for p in line.split(SEPARATOR)] == phrases, width
        assert all(len(line) <= width for line in lines), width
