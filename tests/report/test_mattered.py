"""The decisions that mattered most: each decision's own change of the score (its option, the
outcome rolled, the allies' reactions), never the turn's end that a turn's last card brings
(Moscow's acts, the events, the ending's bonus)."""

from __future__ import annotations

import pytest

from redline.engine import Decide
from redline.engine.decisions import decision_alone
from redline.engine.game import Game
from redline.report.mattered import decisions_that_mattered


@pytest.fixture(scope="module")
def by_id(shipped):
    return {s.id: s for s in shipped}


def _play(scenario, seed: int, pick) -> Game:  # type: ignore[no-untyped-def]
    game = Game.start(scenario, seed)
    while not game.state.is_over:
        actions = game.state.legal_actions()
        game.apply(pick(actions))
    return game


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_decision_alone_is_the_game_itself_until_the_turn_ends(by_id, seed):
    """Within a month (not its last card) the decision's own state is the game's next state."""
    game = _play(by_id["reassurance-force"], seed, lambda a: a[seed % len(a)])
    checked = 0
    for i, action in enumerate(game.actions):
        before, after = game.states[i], game.states[i + 1]
        if not isinstance(action, Decide) or after.turn != before.turn or after.is_over:
            continue
        alone = decision_alone(before, action)
        assert alone.meters == after.meters and alone.support == after.support
        assert float(alone.score) == float(after.score)
        checked += 1
    assert checked >= 4


def test_the_turns_end_is_not_the_last_cards(by_id):
    """The tutorial has one card a week: every decision ends its week. Its own change leaves
    out the week's end, so it is not the week's whole change, and the list is sorted by it."""
    game = _play(by_id["tutorial"], 1, lambda a: a[0])
    top = decisions_that_mattered(game, most=10)
    assert len(top) == 5
    whole = [float(game.states[i + 1].score) - float(game.states[i].score) for i in range(len(game.actions))]
    own = [
        float(decision_alone(game.states[i], a).score) - float(game.states[i].score)
        for i, a in enumerate(game.actions)
    ]
    assert sorted((round(c, 2) for c in own), key=abs, reverse=True) == [m.change for m in top]
    assert any(abs(w - o) > 0.5 for w, o in zip(whole, own, strict=True))  # a week's end that moved the score
    assert all(m.turn == i + 1 for i, m in enumerate(sorted(top, key=lambda m: m.turn)))


def test_deciding_alone_leaves_the_game_as_it_was(by_id):
    game = Game.start(by_id["reassurance-force"], 5)
    state = game.state
    fingerprint = state.fingerprint()
    decision_alone(state, state.legal_actions()[0])
    assert state.fingerprint() == fingerprint
