"""Endings worth reaching: the decisions that mattered most, and a gallery of the endings
found so far, kept beside the settings between games (bounded read; damage gives defaults)."""

from __future__ import annotations

import json

from tui_helpers import make_app, widget_text

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


def test_the_endings_table_says_each_value_as_the_game_does(tutorial_only, tmp_path):
    """Cohesion ended at 60.75 and the table said 60.8: every cell is the value in the game's own
    words (report.words.num), the same as the text above it."""
    from redline.content import load_scenario
    from redline.report.words import num
    from redline.session.local import Session
    from redline.tui.screens.ending import history_rows

    session = Session.new(load_scenario(tutorial_only[0] / "scenarios" / "tutorial"), 2, tmp_path)
    while not session.state.is_over:
        session.decide(session.state.legal_actions()[0].option)  # type: ignore[union-attr]
    rows = [row.plain for row in history_rows(session, 200)]
    cohesion = next(r for r in rows if r.startswith("Allied cohesion"))
    values = [snap["cohesion"] for snap in session.state.history]
    assert any(v != round(v, 1) for v in values)  # a value with two decimals, as in the trial
    for v in values:
        assert f"{num(v)} " in cohesion + " ", (v, cohesion)
