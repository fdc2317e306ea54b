"""A partial result is a partial success ("it works, but not wholly"), never a gamble that
failed: the tutorial's veto is a failure and is reported as one; a true partial says so."""

from __future__ import annotations

from pathlib import Path

from redline.content import load_scenario
from redline.engine import Decide
from redline.engine.game import Game
from redline.session.report import report_for_turn

CONTENT = Path(__file__).resolve().parents[2] / "content" / "scenarios"


def _outcome_line(sc, card: str, option: str, outcome: str) -> str:  # type: ignore[no-untyped-def]
    """The turn report's line for `outcome`, from the first seed whose roll gives it."""
    for seed in range(200):
        game = Game.start(sc, seed)
        while not game.state.is_over and (game.state.card is None or game.state.card.id != card):
            game.apply(game.state.legal_actions()[0])
        if game.state.is_over:
            continue
        turn = game.state.turn
        game.apply(Decide(card, option))
        for e in game.turn_events(turn):
            if e.kind == "outcome" and e.ref is not None and e.ref.outcome == outcome:
                lines = [
                    f"{line.text} — {line.why}" if line.why else line.text
                    for section in report_for_turn(game, turn)
                    for line in section.lines
                    if line.kind == "outcome"
                ]
                return lines[0]
    raise AssertionError(f"no seed rolled {outcome}")


def test_a_veto_is_not_called_a_partial_result():
    sc = load_scenario(CONTENT / "tutorial")
    vetoed = next(
        o for o in sc.card_by_id["tut_consent"].option_by_id["un_mandate"].outcomes if o.model.id == "vetoed"
    )
    assert not vetoed.model.partial
    line = _outcome_line(sc, "tut_consent", "un_mandate", "vetoed")
    assert "partial" not in line and "works" not in line


def test_a_true_partial_is_said_to_be_one():
    sc = load_scenario(CONTENT / "tutorial")
    half = next(
        o for o in sc.card_by_id["tut_air"].option_by_id["ask_washington"].outcomes if o.model.id == "partial"
    )
    assert half.model.partial and half.model.label == "Intelligence yes, airpower no"
    line = _outcome_line(sc, "tut_air", "ask_washington", "partial")
    assert line.endswith("a partial result")
