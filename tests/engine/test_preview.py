"""`State.preview` and what an option touches: certain effects and reactions, no dice."""

from __future__ import annotations

from pathlib import Path

from redline.content import load_scenario
from redline.engine import new_game
from redline.sim.touches import touches

CONTENT = Path(__file__).resolve().parents[2] / "content" / "scenarios"


def test_preview_draws_no_dice_and_leaves_the_state_alone():
    sc = load_scenario(CONTENT / "reassurance-force")
    state, _ = new_game(sc, 1)
    before = (state.rng, dict(state.meters), dict(state.support), state.hand)
    for option in state.card.options:
        after = state.preview(option)
        assert after.rng == state.rng  # the game's dice stay unseen
        assert after.hand == state.hand and after.turn == state.turn
    assert (state.rng, dict(state.meters), dict(state.support), state.hand) == before


def test_touches_agree_with_the_decision_itself():
    """Each ally's move in the preview is what the real decision does to it (no chance here)."""
    sc = load_scenario(CONTENT / "reassurance-force")
    state, _ = new_game(sc, 1)
    for option in state.card.options:
        t = touches(state, option)
        _, events = state.apply(state.plan.options[option].action)
        reacted = {}
        for e in events:
            if e.kind in ("reaction", "change") and (e.target or "").startswith("ally.") and e.delta:
                name = sc.allies[e.target.removeprefix("ally.")].name
                reacted[name] = reacted.get(name, 0) + e.delta
        assert {a.name: a.delta for a in t.allies} == {
            k: round(v, 2) for k, v in reacted.items() if abs(v) >= 0.01
        }


def test_deploying_during_the_war_is_shown_to_cross_the_first_red_line():
    sc = load_scenario(CONTENT / "reassurance-force")
    state, _ = new_game(sc, 1)
    early = state.card.option_by_id["early_demining"]
    crossing = {rl.label for rl in touches(state, early).red_lines if rl.crosses}
    assert "Foreign troops during hostilities" in crossing
    restraint = state.card.option_by_id["post_ceasefire"]
    assert not any(rl.crosses for rl in touches(state, restraint).red_lines)
