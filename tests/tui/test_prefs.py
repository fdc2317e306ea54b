"""Settings are kept between runs; a damaged settings file costs the defaults, not a crash."""

from __future__ import annotations

import json

from tui_helpers import make_app

from redline.tui.prefs import Settings, load_settings, save_settings, settings_path
from redline.tui.screens.settings import SettingsScreen

SIZE = (100, 30)


async def test_a_changed_setting_is_there_next_time(saves, tutorial_only, tmp_path):
    file = tmp_path / "config" / "settings.json"
    app = make_app(saves, content_dirs=tutorial_only, settings_file=file)
    async with app.run_test(size=SIZE) as pilot:
        app.action_settings()
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("down", "enter")  # the themes come first: the second, light
        await pilot.pause()
        assert app.theme == "redline-light"
    assert json.loads(file.read_text()) == {
        "theme": "redline-light",
        "show_odds": True,
        "show_forecast": True,
    }

    settings, notice = load_settings(file)
    assert notice is None
    again = make_app(saves, content_dirs=tutorial_only, settings=settings, settings_file=file)
    async with again.run_test(size=SIZE):
        assert again.theme == "redline-light" and again.settings.theme == "redline-light"


def test_a_damaged_or_odd_settings_file_gives_the_defaults(tmp_path):
    file = tmp_path / "settings.json"
    file.write_text("{ not json")
    settings, notice = load_settings(file)
    assert settings == Settings() and notice and str(file) in notice and "defaults" in notice
    assert file.read_text() == "{ not json"  # left alone until a setting changes
    file.write_text('{"theme": "redline-light", "show_odds": "no", "font": 3}')
    settings, notice = load_settings(file)
    assert settings == Settings(theme="redline-light", show_odds=True) and notice is None
    file.write_text('{"theme": "nord", "show_odds": false}')  # a theme redline does not have
    assert load_settings(file) == (Settings(show_odds=False), None)
    file.write_text('{"light": true}')  # an older version's light/dark switch
    assert load_settings(file)[0].theme == "redline-light"
    file.write_text("[1, 2]")
    assert load_settings(file)[0] == Settings() and load_settings(file)[1]
    assert load_settings(tmp_path / "missing.json") == (Settings(), None)


def test_an_unwritable_settings_place_is_a_message(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    error = save_settings(blocker / "settings.json", Settings(theme="redline-light"))
    assert error and "settings not kept" in error


def test_where_settings_live(monkeypatch, tmp_path):
    monkeypatch.delenv("REDLINE_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert settings_path() == tmp_path / "redline" / "settings.json"
    monkeypatch.setenv("REDLINE_CONFIG", str(tmp_path / "mine.json"))
    assert settings_path() == tmp_path / "mine.json"
