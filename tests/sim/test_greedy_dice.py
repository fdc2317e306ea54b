"""A one-step player tries its options on dice of its own: it never sees what the game's
coming dice will say."""

from __future__ import annotations

from pathlib import Path

from redline.content import load_scenario
from redline.engine import Game, rng
from redline.sim.policies import PolicyRng, greedy_policy, random_policy

CONTENT = Path(__file__).resolve().parents[2] / "content" / "scenarios"


def test_greedy_picks_the_same_whatever_the_games_own_dice():
    """The same state but for the game's dice, all along random games: a player that cannot
    see them picks the same option (one that could, picked differently in some of these)."""
    sc = load_scenario(CONTENT / "reassurance-force")
    looked = 0
    for seed in range(6):
        state = Game.start(sc, seed).state
        chooser = PolicyRng(seed)
        while not state.is_over:
            legal = state.legal_actions()
            if len(legal) > 1:
                picks = set()
                for dice in range(5):
                    s = state.clone()
                    s.rng = rng.seed_state(dice)
                    picks.add(greedy_policy(s, s.legal_actions(), PolicyRng(seed)))
                assert len(picks) == 1, (state.turn, state.card.id if state.card else None)
                looked += 1
            state.apply_quiet(random_policy(state, legal, chooser))
    assert looked > 50


def test_greedy_leaves_the_games_dice_alone():
    sc = load_scenario(CONTENT / "reassurance-force")
    state = Game.start(sc, 3).state
    before = state.rng
    greedy_policy(state, state.legal_actions(), PolicyRng(3))
    assert state.rng == before
