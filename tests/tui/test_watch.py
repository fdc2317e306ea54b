"""`redline play --watch`: edited content is reloaded and the game replayed onto it; broken
content shows an error in the interface and the game goes on."""

from __future__ import annotations

import shutil
from pathlib import Path

from tui_helpers import make_app, screen_text, settle

TUTORIAL = Path(__file__).resolve().parents[2] / "content" / "scenarios" / "tutorial"


def content_copy(tmp_path: Path) -> tuple[list[Path], Path]:
    root = tmp_path / "content"
    shutil.copytree(TUTORIAL, root / "scenarios" / "tutorial")
    return [root], root / "scenarios" / "tutorial"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


async def test_watch_reloads_and_keeps_the_game(tmp_path, saves):
    dirs, folder = content_copy(tmp_path)
    app = make_app(saves, scenario="tutorial", content_dirs=dirs, watch=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # briefing -> first card
        await settle(pilot)
        await pilot.press("1", "enter")  # decide week 1
        await settle(pilot)
        session = app.session
        assert session is not None and len(session.game.actions) == 1
        app.watcher.poll()  # first look: remembers the files
        edit(folder / "cards.yaml", "title: On whose consent?", "title: Whose consent, then?")
        app.watcher.poll()
        await settle(pilot)
        assert app.session.scenario.card_by_id["tut_consent"].model.title == "Whose consent, then?"
        assert len(app.session.game.actions) == 1, "the game was replayed where it was"
        assert any("Content reloaded" in (n.title or "") for n in app._notifications)

        edit(folder / "meters.yaml", "start: 35", "start: [35")
        app.watcher.poll()
        await settle(pilot)
        assert app.session.scenario.card_by_id["tut_consent"].model.title == "Whose consent, then?"
        errors = [n for n in app._notifications if n.title == "Content not reloaded"]
        assert errors and "meters.yaml" in errors[-1].message and "RL001" in errors[-1].message
        assert "Traceback" not in screen_text(app)


async def test_watch_follows_a_folder_that_shares_its_id_with_an_installed_scenario(tmp_path, saves):
    """`redline play ./my-copy --watch` of the tutorial watches the copy, not the installed one."""
    copy = tmp_path / "my-copy"
    shutil.copytree(TUTORIAL, copy)
    app = make_app(saves, scenario=str(copy), watch=True)  # the shipped content is installed too
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.session is not None and app.session.scenario.id == "tutorial"
        app.watcher.poll()
        assert app.watcher.folders == (app.session.scenario.folder,)
        edit(copy / "cards.yaml", "title: On whose consent?", "title: Consent, from whom?")
        app.watcher.poll()
        await settle(pilot)
        assert app.session.scenario.card_by_id["tut_consent"].model.title == "Consent, from whom?"
