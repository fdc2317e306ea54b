"""Test from here: `play --from SAVE --turn N`, and the inspector of `--watch` (key i)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tui_helpers import make_app, screen_text, settle

from redline.authoring.from_here import save_from
from redline.content.loader import load_scenario
from redline.engine import Game
from redline.saves import write_save

TUTORIAL = Path(__file__).resolve().parents[2] / "content" / "scenarios" / "tutorial"


def _save(tmp_path: Path) -> Path:
    """A whole game of the tutorial, first option every time."""
    game = Game.start(load_scenario(TUTORIAL), 5)
    while not game.state.is_over:
        game.apply(game.state.legal_actions()[0])
    return write_save(tmp_path / "whole.json", game)


async def test_from_a_save_at_turn_3_with_the_inspector(tmp_path, saves):
    whole = _save(tmp_path)
    before = whole.read_bytes()
    path, note = save_from(whole, 3, saves, None)
    assert note is None and whole.read_bytes() == before  # the save played from is untouched
    app = make_app(saves, load=path, watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.session is not None and app.session.state.turn == 3
        assert not app.session.game.actions or app.session.game.states[-1].turn == 3
        await pilot.press("i")
        await settle(pilot)
        text = screen_text(app)
        assert "Inspector" in text and "Consequences to come" in text and "Flags" in text
        assert "in the hand — to decide now" in text
        assert "already decided" in text
        assert ">=" not in text and "turn >" not in text  # conditions in words, never raw
        await pilot.press("escape")
        await settle(pilot)
        assert "Consequences to come" not in screen_text(app)


async def test_the_inspector_is_for_watch_mode_only(tmp_path, saves):
    app = make_app(saves, scenario="tutorial")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert "Consequences to come" not in screen_text(app)


def test_from_refuses_a_turn_the_save_never_reached(tmp_path, capsys):
    from redline.cli import main

    whole = _save(tmp_path)
    code = main(["play", "--from", str(whole), "--turn", "9", "--saves", str(tmp_path / "s")])
    err = capsys.readouterr().err
    assert code == 1 and "reaches turn 5" in err and "between 1 and 5" in err
    assert main(["play", "--turn", "2"]) == 2
    assert "go together" in capsys.readouterr().err
    shutil.rmtree(tmp_path / "s", ignore_errors=True)
