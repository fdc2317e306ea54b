"""Endings worth reaching: the decisions that mattered most, and a gallery of the endings
found so far, kept beside the settings between games (bounded read; damage gives defaults)."""

from __future__ import annotations

import json

from tui_helpers import make_app, widget_text

from redline.content import load_scenario
from redline.engine.game import Game
from redline.report.mattered import decisions_that_mattered
from redline.tui.gallery import MOST_BYTES, read_gallery
from redline.tui.screens.ending import EndingScreen
from redline.tui.screens.moment import MomentScreen
from redline.tui.screens.report import ReportScreen


def test_a_damaged_or_huge_gallery_is_empty(tmp_path):
    path = tmp_path / "endings.json"
    assert read_gallery(path) == {}
    path.write_text("{not json")
    assert read_gallery(path) == {}
    path.write_text(json.dumps(["a"]))
    assert read_gallery(path) == {}
    path.write_text(json.dumps({"x": "a" * (MOST_BYTES + 10)}))
    assert read_gallery(path) == {}
    path.write_text(json.dumps({"tutorial": ["peace", 3]}))
    assert read_gallery(path) == {"tutorial": ["peace"]}


def test_the_decisions_that_mattered_are_the_largest_score_changes(tutorial_only):
    sc = load_scenario(tutorial_only[0] / "scenarios" / "tutorial")
    game = Game.start(sc, 2)
    while not game.state.is_over:
        game.apply(game.state.legal_actions()[-1])
    top = decisions_that_mattered(game)
    assert 1 <= len(top) <= 3
    changes = [
        abs(float(game.states[i + 1].score) - float(game.states[i].score)) for i in range(len(game.actions))
    ]
    assert abs(top[0].change) == max(round(c, 2) for c in changes)


async def _play_to_the_end(pilot) -> None:  # type: ignore[no-untyped-def]
    app = pilot.app
    await pilot.press("t", "enter")
    for _ in range(100):
        await pilot.pause()
        if isinstance(app.screen, EndingScreen):
            return
        if isinstance(app.screen, MomentScreen | ReportScreen):
            await pilot.press("enter")
            continue
        await pilot.press("1", "1")


async def test_the_gallery_is_kept_between_games(saves, tutorial_only, tmp_path):
    settings = tmp_path / "config" / "settings.json"
    app = make_app(saves, content_dirs=tutorial_only, settings_file=settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await _play_to_the_end(pilot)
        ending = app.session.state.ending
        text = widget_text(app.screen)
        assert "The decisions that mattered most" in text
        assert f"Endings found so far {ending.model.title}" in text
        assert "1 of" in text
    kept = json.loads((settings.parent / "endings.json").read_text())
    assert kept == {"tutorial": [ending.id]}
    again = make_app(saves, content_dirs=tutorial_only, settings_file=settings)
    async with again.run_test(size=(120, 36)) as pilot:
        assert again.record_ending("tutorial", ending.id) == [ending.id]
