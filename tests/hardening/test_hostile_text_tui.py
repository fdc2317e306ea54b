"""Hostile text in every text field of content, and in a save's label and notes, played
through the interface (Pilot): every screen shows it as text. No markup is obeyed (an
unmatched `[/x]` once crashed the interface), no control character reaches the screen.

Few examples, each a whole game of the tutorial: the interface is the slow face."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tui"))

from hostile import PAYLOADS, assert_clean, hostile_tutorial  # noqa: E402
from tui_helpers import flat, make_app, screen_text, settle  # noqa: E402

from redline.tui.screens.ending import EndingScreen  # noqa: E402
from redline.tui.screens.report import ReportScreen  # noqa: E402
from redline.tui.screens.saves import SavesScreen  # noqa: E402
from redline.tui.screens.turn import TurnScreen  # noqa: E402

SIZE = (110, 40)
# Text any field may hold: printable words and the characters markup and terminals read.
TEXT = st.text(
    alphabet=st.sampled_from(list("ab [/]@=:;.\\`*_#<>|") + ["\x1b", "\x07", "\x9b", "\u202e", "\x00"]),
    min_size=1,
    max_size=30,
)


async def play_through(app, pilot, screens: list[str]) -> None:
    """The tutorial to its ending, first open option each time, looking at every screen."""
    await settle(pilot)
    await pilot.press("t", "enter")
    for _ in range(60):
        screen = app.screen
        text = screen_text(app)
        assert_clean(text)
        screens.append(type(screen).__name__)
        if isinstance(screen, EndingScreen):
            return
        if isinstance(screen, TurnScreen):
            state = app.session.state
            first = next(i for i, o in enumerate(state.card.options) if state.available(o))
            await pilot.press(str(first + 1), "enter")
        else:
            await pilot.press("enter")
        await pilot.pause()
    raise AssertionError(f"no ending reached: {screens[-5:]}")


async def test_every_payload_in_every_field_plays_to_the_end(tmp_path):
    content = tmp_path / "content"
    hostile_tutorial(content, lambda key, old: f"{old[:12]} {' '.join(PAYLOADS)}")
    saves = tmp_path / "saves"
    saves.mkdir()
    app = make_app(saves, content_dirs=[content])
    screens: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await play_through(app, pilot, screens)
        await pilot.press("question_mark")
        await pilot.pause()
        assert_clean(screen_text(app))
    assert {"TurnScreen", "ReportScreen", "EndingScreen"} <= set(screens)
    assert ReportScreen.__name__ in screens


@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=TEXT)
async def test_arbitrary_text_in_every_field_renders_as_text(tmp_path_factory, text):
    tmp = tmp_path_factory.mktemp("hostile")
    content = tmp / "content"
    hostile_tutorial(content, lambda key, old: f"{old[:8]} {text}")
    saves = tmp / "saves"
    saves.mkdir()
    app = make_app(saves, content_dirs=[content])
    async with app.run_test(size=SIZE) as pilot:
        await play_through(app, pilot, [])


async def test_a_save_label_and_notes_with_markup_and_controls_list_and_load(tmp_path):
    from redline.content import load
    from redline.engine import Game, Note
    from redline.saves import write_save

    content = Path(__file__).resolve().parents[2] / "content"
    saves = tmp_path / "saves"
    game = Game.start(load("tutorial", [content]), 3)
    game.apply(Note("[/x] a note \x1b]52;c;AAAA\x07 [@click=app.quit]q[/]", by="[/b]"))
    write_save(saves / "planted.json", game, {"label": "[/x] label \x1b]2;pwned\x07 [b]"})
    (saves / "[red]odd[-name.json").write_text("{ damaged")
    app = make_app(saves)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, SavesScreen)
        text = screen_text(app)
        assert_clean(text)
        assert "[/x] label" in flat(text) and "[red]odd[-name (damaged)" in flat(text)
        table = app.screen.query_one("#save-list")
        row = [str(k.value) for k in table.rows].index(str(saves / "planted.json"))
        table.move_cursor(row=row)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TurnScreen)
        assert_clean(screen_text(app))


async def test_a_facilitated_session_of_hostile_content_and_team_names(tmp_path):
    """The facilitation screens too: setup, briefing, hand-overs, signals, the console and
    its dialogs, with every payload in the content and markup in the teams' names."""
    from test_facilitation import on, play_on, set_up

    from redline.tui.facilitation.console import ConsoleScreen
    from redline.tui.facilitation.screens import FacilitatedTurnScreen

    content = tmp_path / "content"
    hostile_tutorial(content, lambda key, old: f"{old[:12]} {' '.join(PAYLOADS)}")
    saves = tmp_path / "saves"
    saves.mkdir()
    app = make_app(saves, content_dirs=[content])
    seen: list[str] = []

    def looked(app) -> bool:  # every screen on the way is clean
        text = screen_text(app)
        assert_clean(text)
        seen.append(type(app.screen).__name__)
        return False

    async with app.run_test(size=SIZE) as pilot:
        await set_up(pilot, ["[/x]Blue", "Gold[b]"], red_cell="[/]Red")
        await play_on(pilot, lambda a: looked(a) or on(FacilitatedTurnScreen)(a))
        await pilot.press("f")
        assert isinstance(app.screen, ConsoleScreen)
        assert_clean(screen_text(app))
        for dialog in ("i", "o", "n"):
            await pilot.press(dialog)
            await pilot.pause()
            assert_clean(screen_text(app))
            await pilot.press("escape")
        await pilot.press("escape")
        # On to the week's report: the ending screens are the solo game's, seen above.
        await play_on(pilot, lambda a: looked(a) or on(ReportScreen)(a))
    assert {"PassScreen", "SignalScreen", "FacilitatedTurnScreen"} <= set(seen)
