"""The ladder is read one way everywhere: the rung a turn's snapshot keeps (the report's
"rung at the end", the ending's epilogue) is the rung the next turn's panel shows, and the
climb or step down that moves it is reported in the turn whose changes caused it."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.content import load_scenario
from redline.engine.game import Game

CONTENT = Path(__file__).resolve().parents[2] / "content" / "scenarios"


@pytest.mark.parametrize("scenario_id", ["tutorial", "reassurance-force"])
@pytest.mark.parametrize("seed", [1, 3, 7])
def test_each_snapshot_holds_the_rung_the_next_turn_begins_on(scenario_id, seed):
    sc = load_scenario(CONTENT / scenario_id)
    game = Game.start(sc, seed)
    begins = {1: game.state.rung}  # the rung the panel shows as each turn begins
    while not game.state.is_over:
        legal = game.state.legal_actions()
        game.apply(legal[-1] if seed % 2 else legal[0])
        begins.setdefault(game.state.turn, game.state.rung)
    history = game.state.history
    assert history[0]["rung"] == begins[1]  # the start, as the first turn shows it
    for t in range(1, len(history) - 1):
        assert history[t]["rung"] == begins[t + 1], t
    assert history[-1]["rung"] == game.state.rung  # the end, as the ending shows it
    # Each turn's reported rung changes lead from the last turn's rung to this turn's end.
    for t in range(1, len(history)):
        moves = [e for e in game.turn_events(t) if e.kind == "rung"]
        if moves:
            assert moves[-1].after == history[t]["rung"], t
        else:
            assert history[t]["rung"] == history[t - 1]["rung"], t
