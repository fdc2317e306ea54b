"""The engine plays no game a save could not hold: one more note than a save takes, one more
branch, or a branch's name longer than a save's text is refused (IllegalAction, the game as
it was), so a session that has been played can always be written and read back."""

from __future__ import annotations

import pytest

from redline.engine import Game, Note
from redline.engine import game as game_module
from redline.engine.actions import MAX_ACTIONS, MAX_BRANCHES, MAX_TEXT, IllegalAction
from redline.saves import read_save, restore, schema, write_save


def test_the_engine_and_the_save_share_their_bounds():
    assert (schema.MAX_ACTIONS, schema.MAX_BRANCHES, schema.MAX_TEXT) == (MAX_ACTIONS, MAX_BRANCHES, MAX_TEXT)


def test_one_action_more_than_a_save_holds_is_refused(tutorial, tmp_path, monkeypatch):
    monkeypatch.setattr(game_module, "MAX_ACTIONS", 6)
    monkeypatch.setattr(schema, "MAX_ACTIONS", 6)
    game = Game.start(tutorial, 3)
    game.apply(game.state.legal_actions()[0])
    game.apply(game.state.legal_actions()[0])
    game.rewind(1, "a branch")  # two actions kept in the branch
    for _ in range(4):
        game.apply(Note("a note"))
    with pytest.raises(IllegalAction, match="the most a save may"):
        game.apply(Note("one too many"))
    assert len(game.actions) == 4
    data = read_save(write_save(tmp_path / "full.json", game))
    assert restore(data, tutorial).message(tmp_path / "full.json") is None


def test_one_branch_more_than_a_save_holds_is_refused(tutorial, tmp_path, monkeypatch):
    monkeypatch.setattr(game_module, "MAX_BRANCHES", 2)
    game = Game.start(tutorial, 3)
    for _ in range(2):
        game.apply(game.state.legal_actions()[0])
        game.rewind(1)
    game.apply(game.state.legal_actions()[0])
    with pytest.raises(IllegalAction, match="2 branches already"):
        game.rewind(1)
    assert len(game.branches) == 2 and len(game.actions) == 1
    read_save(write_save(tmp_path / "branches.json", game))


def test_a_branch_name_longer_than_a_save_takes_is_refused(tutorial):
    game = Game.start(tutorial, 3)
    game.apply(game.state.legal_actions()[0])
    with pytest.raises(IllegalAction, match="at most 4,000 characters"):
        game.rewind(1, "x" * (MAX_TEXT + 1))
    assert len(game.actions) == 1 and game.branches == []
