"""Snapshots of the ending's afterword: the epilogue and the score in words, at 80×24 and
120×36 (the frozen tutorial, seed 7, the last open option each week).

Regenerate on purpose, in one serial run:
    .venv/bin/python -m pytest tests/tui/test_ending_epilogue.py --snapshot-update
"""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll
from tui_helpers import make_app, settle, widget_text

from redline.report.epilogue import epilogue, score_in_words
from redline.tui.screens.ending import EndingScreen
from redline.tui.screens.moment import MomentScreen

pytestmark = pytest.mark.usefixtures("frozen_save_time")


async def _to_the_ending(pilot) -> None:  # type: ignore[no-untyped-def]
    app = pilot.app
    await settle(pilot)
    await pilot.press("t", "enter")
    while not (app.session and app.session.state.is_over):
        state = app.session.state
        last = max(i for i, o in enumerate(state.card.options) if state.available(o))
        await pilot.press(str(last + 1), str(last + 1))
        while isinstance(app.screen, MomentScreen):
            await pilot.press("space")
        await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, EndingScreen)


async def _afterwards_in_view(pilot) -> None:  # type: ignore[no-untyped-def]
    await _to_the_ending(pilot)
    screen = pilot.app.screen
    body = screen.query_one("#ending-body", VerticalScroll)
    body.scroll_to_widget(screen.query_one("#ending-epilogue"), animate=False, top=True)
    await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
def test_ending_epilogue_snapshot(snap_compare, size, saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only)
    assert snap_compare(app, terminal_size=size, run_before=_afterwards_in_view)


async def test_ending_epilogue_shows_the_afterword_the_other_faces_show(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_the_ending(pilot)
        state = app.session.state
        text = widget_text(app.screen)
        for paragraph in epilogue(state):
            assert " ".join(paragraph.split()) in text
        words = score_in_words(state)
        for line in words.lines:
            assert line.label in text and (line.note in text if line.note else True)
        assert " ".join(words.meaning.split()) in text
        # Every part of the afterword can be reached from the keyboard at the smallest size.
        body = app.screen.query_one("#ending-body", VerticalScroll)
        for _ in range(40):
            if body.scroll_y >= body.max_scroll_y:
                break
            await pilot.press("pagedown")
        assert body.max_scroll_y > 0 and body.scroll_y == body.max_scroll_y
