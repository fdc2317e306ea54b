"""One theme system: redline's own themes, offered alike by the settings screen and the command
palette, one setting kept between runs, and the join client showing the same."""

from __future__ import annotations

import json

import pytest
from test_contrast import TEXT, contrast
from textual.color import Color
from textual.command import CommandPalette
from textual.widgets import RadioButton
from tui_helpers import make_app, settle

from redline.tui import prefs, themes
from redline.tui.join import JoinApp
from redline.tui.prefs import Settings, load_settings
from redline.tui.screens.settings import SettingsScreen

SIZE = (100, 30)


def pressed(app) -> str | None:  # type: ignore[no-untyped-def]
    return next((b.name for b in app.screen.query(RadioButton) if b.value), None)


def test_the_settings_know_the_same_themes_as_the_app():
    assert tuple(themes.THEMES) == prefs.THEME_NAMES and prefs.DEFAULT_THEME == themes.DEFAULT
    assert set(themes.LABELS) == set(themes.THEMES)
    assert {t.dark for t in themes.THEMES.values()} == {True, False}  # a dark one and a light one


async def test_the_palette_offers_only_redlines_themes_and_keeps_the_choice(saves, tutorial_only, tmp_path):
    file = tmp_path / "settings.json"
    app = make_app(saves, content_dirs=tutorial_only, settings_file=file)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert set(app.available_themes) == set(themes.THEMES)
        app.action_settings()
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen) and pressed(app) == "redline-dark"
        # Over the settings, the palette's theme search: its list, then the light theme.
        app.action_change_theme()
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"redline-light")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "redline-light" and app.settings.theme == "redline-light"
        assert isinstance(app.screen, SettingsScreen) and pressed(app) == "redline-light"
    assert json.loads(file.read_text())["theme"] == "redline-light"
    settings, _ = load_settings(file)
    again = make_app(saves, content_dirs=tutorial_only, settings=settings, settings_file=file)
    async with again.run_test(size=SIZE) as pilot:
        assert again.theme == "redline-light"
        again.action_settings()
        await pilot.pause()
        assert pressed(again) == "redline-light"
        await pilot.press("up", "enter")  # back to dark, from the settings this time
        await pilot.pause()
        assert again.theme == "redline-dark"
    assert json.loads(file.read_text())["theme"] == "redline-dark"


async def test_the_join_client_shows_and_keeps_the_same_theme(tmp_path):
    file = tmp_path / "settings.json"
    file.write_text(json.dumps({"theme": "redline-light"}))
    app = JoinApp("http://127.0.0.1:9", "", settings_file=file)  # never connects: no code given
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "redline-light" and set(app.available_themes) == set(themes.THEMES)
        app.theme = "redline-dark"  # as the palette sets it
        await pilot.pause()
    assert load_settings(file)[0] == Settings(theme="redline-dark")


@pytest.mark.parametrize("theme", list(themes.THEMES))
def test_each_text_colour_reads_on_each_surface(theme):
    """The table behind test_contrast: every text variable on every plain surface."""
    variables = themes.THEMES[theme].to_color_system().generate()
    variables.update(themes.THEMES[theme].variables)
    texts = ["text", "text-muted", "text-disabled", "text-accent", "text-primary", "text-warning"]
    texts += ["text-error", "text-success", "footer-key-foreground", "link-color"]
    surfaces = ["background", "surface", "panel"]
    low = []
    for t in texts:
        for s in surfaces:
            fg, bg = Color.parse(variables[t]).rgb, Color.parse(variables[s]).rgb
            if contrast(fg, bg) < TEXT:
                low.append(f"{t} on {s}: {contrast(fg, bg):.2f}:1")
    assert not low, low
