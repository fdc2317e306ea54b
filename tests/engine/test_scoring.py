"""The score taken apart (engine/scoring.py): its parts add up to the score, each within the
least and the most it could add, and the ending's bonus is one of them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from redline.content import load_scenario
from redline.engine.game import Game
from redline.engine.scoring import score_parts, score_span

CONTENT = Path(__file__).resolve().parents[2] / "content" / "scenarios"


def _played(sc, seed: int) -> Game:  # type: ignore[no-untyped-def]
    game = Game.start(sc, seed)
    while not game.state.is_over:
        legal = game.state.legal_actions()
        game.apply(legal[seed % len(legal)])
    return game


@pytest.mark.parametrize("scenario_id", ["tutorial", "reassurance-force"])
@pytest.mark.parametrize("seed", [1, 2, 5])
def test_the_parts_add_up_to_the_score(scenario_id, seed):
    sc = load_scenario(CONTENT / scenario_id)
    game = _played(sc, seed)
    parts = score_parts(game.state)
    assert abs(sum(p.points for p in parts) - game.state.score) < 0.01
    bonus = [p for p in parts if p.ending is not None]
    if game.state.ending.model.bonus:
        assert [p.points for p in bonus] == [game.state.ending.model.bonus]
        assert bonus[0].ending == game.state.ending.id
    for p in parts:
        assert p.least is not None and p.most is not None
        assert p.least - 1e-9 <= p.points <= p.most + 1e-9, p
    lo, hi = score_span(sc)
    assert lo <= game.state.score <= hi


def test_each_term_is_read_from_the_formula_itself(tmp_path):
    """A formula with a bare name, a division, a constant and a term of two names: every term
    is its own part, its points the term's value, and the parts still add up."""
    folder = tmp_path / "tutorial"
    shutil.copytree(CONTENT / "tutorial", folder)
    scenario = folder / "scenario.yaml"
    text = scenario.read_text(encoding="utf-8")
    formula = '"ceasefire * 0.4 + confidence * 0.3 + cohesion * 0.3 - escalation * 0.3"'
    assert formula in text
    scenario.write_text(
        text.replace(formula, '"0.5 * ceasefire - escalation / 4 + max(confidence, cohesion) * 0.1 + 3"'),
        encoding="utf-8",
    )
    sc = load_scenario(folder)
    game = _played(sc, 2)
    s = game.state
    parts = [p for p in score_parts(s) if p.ending is None]
    assert [p.reads for p in parts] == [("ceasefire",), ("escalation",), ("cohesion", "confidence"), ()]
    assert parts[0].weight == 0.5 and parts[0].value == s.meters["ceasefire"]
    assert parts[1].weight == -0.25 and parts[1].points == pytest.approx(-s.meters["escalation"] / 4)
    assert parts[2].weight is None
    assert parts[2].points == pytest.approx(max(s.meters["confidence"], s.cohesion) * 0.1)
    assert parts[3].points == 3 and parts[3].least == parts[3].most == 3
    assert abs(sum(p.points for p in score_parts(s)) - s.score) < 0.01
