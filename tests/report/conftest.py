"""A facilitated tutorial game with every kind of record the report must show."""

from __future__ import annotations

import pytest
from report_helpers import BRANCH, INJECT_REASON, NOTE_TEXT, OVERRIDE_REASON, VOTE_NOTE

from redline.engine import Decide, Game, Inject, Note, Override
from redline.saves import write_save


def play_on(game: Game, last: bool = False) -> None:
    while not game.state.is_over:
        legal = game.state.legal_actions()
        game.apply(legal[-1] if last else legal[0])


@pytest.fixture
def session(tutorial) -> Game:
    """Decisions with roles, a vote tally and a rationale; an inject, an override and a note;
    then a rewind to week 4 that keeps the first line as a named branch."""
    game = Game.start(tutorial, 3)
    game.apply(
        Decide(
            "tut_timing",
            "deploy_now",
            by="coalition_lead",
            votes=(("deploy_now", 3), ("post_ceasefire", 2)),
            note=VOTE_NOTE,
        )
    )
    game.apply(Inject("tut_talks", reason=INJECT_REASON))
    game.apply(Override("ceasefire", 42, reason=OVERRIDE_REASON))
    game.apply(Note(NOTE_TEXT, by="coalition_lead"))
    play_on(game)
    game.rewind(4, name=BRANCH)
    play_on(game, last=True)
    assert game.state.is_over and len(game.branches) == 1
    return game


@pytest.fixture
def save_path(session, tmp_path):
    return write_save(tmp_path / "session.json", session, {"label": "Thursday table-top"})
