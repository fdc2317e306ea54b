"""What a crossed red line keeps costing: a rung Moscow no longer steps below (`floor`) and
effects that come back at every later turn end (`lasting`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from redline.content import ContentErrors, load_scenario
from redline.engine import Decide, Game, Override
from redline.engine.events import Ref, RefKind
from redline.sim import play

TUTORIAL = Path(__file__).resolve().parents[2] / "content" / "scenarios" / "tutorial"


def _tutorial_with(tmp_path: Path, extra: str) -> Path:
    dest = tmp_path / "tutorial"
    shutil.copytree(TUTORIAL, dest)
    kremlin = dest / "kremlin.yaml"
    text = kremlin.read_text()
    anchor = "    effects: {escalation: 15}\n    bump: 1\n"
    assert anchor in text
    kremlin.write_text(text.replace(anchor, anchor + extra, 1))
    return dest


def _cross_troops_at_war(sc, seed: int = 1) -> Game:
    game = Game.start(sc, seed)
    game.apply(Override("ceasefire", 35, "test: fighting flares"))
    game.apply(Decide("tut_timing", "deploy_now"))
    assert "troops_at_war" in game.state.crossed
    return game


def _finish_turn(game: Game) -> None:
    turn = game.state.turn
    while not game.state.is_over and game.state.turn == turn:
        game.apply(game.state.legal_actions()[0])


def _rungs_after_calm(sc, turns: int = 3) -> list[int]:
    """Cross the line, then hold the escalation meter at 0: the rung at each later turn."""
    game = _cross_troops_at_war(sc)
    rungs = []
    for _ in range(turns):
        game.apply(Override("escalation", 0, "test: calm news"))
        game.apply(Override("ceasefire", 30, "test: the guns still fire"))
        _finish_turn(game)
        if game.state.is_over:
            break
        rungs.append(game.state.rung)
    assert rungs, "the game should outlast the crossing"
    return rungs


def test_a_floor_keeps_moscow_on_its_rung_after_the_meter_falls(tmp_path):
    sc = load_scenario(_tutorial_with(tmp_path, "    floor: 2\n"))
    assert all(r == 2 for r in _rungs_after_calm(sc))


def test_without_a_floor_the_rung_follows_the_meter(tmp_path):
    sc = load_scenario(_tutorial_with(tmp_path, ""))
    assert all(r == 0 for r in _rungs_after_calm(sc))


def test_lasting_effects_come_back_every_later_turn_and_say_why(tmp_path):
    sc = load_scenario(_tutorial_with(tmp_path, "    lasting: {confidence: -3}\n"))
    game = _cross_troops_at_war(sc)
    crossed_in = game.state.crossed["troops_at_war"]
    seen: list[int] = []
    start = len(game.events)
    while not game.state.is_over and game.state.turn < crossed_in + 3:
        game.apply(game.state.legal_actions()[0])
    for e in game.all_events()[start:]:
        if e.kind == "later" and e.ref == Ref(RefKind.RED_LINE, "troops_at_war"):
            seen.append(e.turn)
            assert "Foreign troops during hostilities" in e.text
    # Not in the turn of crossing (its own effects apply then), then once every turn end.
    assert seen and crossed_in not in seen
    assert seen == sorted(set(seen))
    changes = [
        e
        for e in game.all_events()[start:]
        if e.kind == "change" and e.target == "confidence" and "still felt" in (e.cause or "")
    ]
    assert changes and all(e.delta == -3 or e.after == 0 for e in changes)


def test_lasting_costs_are_the_same_in_quiet_and_logged_play(tmp_path):
    sc = load_scenario(
        _tutorial_with(tmp_path, "    floor: 1\n    lasting: {confidence: -2, escalation: 1}\n")
    )

    for seed in range(20):
        quiet, record = play(sc, seed)
        game = Game.start(sc, seed)
        for card, option, _ in record:
            while game.state.card is None and not game.state.is_over:
                game.apply(game.state.legal_actions()[0])
            game.apply(Decide(card, option))
        assert game.state.fingerprint() == quiet.fingerprint()


def test_a_floor_above_the_ladder_is_reported_at_its_line(tmp_path):
    folder = _tutorial_with(tmp_path, "    floor: 7\n")
    with pytest.raises(ContentErrors) as exc:
        load_scenario(folder)
    errors = exc.value.errors
    assert any("floor 7" in e.message and e.file.endswith("kremlin.yaml") and e.line for e in errors), errors


def test_the_printed_red_line_card_says_what_stays(tmp_path):
    from redline.report.deck import faces

    sc = load_scenario(_tutorial_with(tmp_path, "    floor: 2\n    lasting: {confidence: -3}\n"))
    face = next(f for f in faces(sc, show_effects=True) if f.kind == "red_line" and f.id == "troops_at_war")
    facts = dict(face.facts)
    assert facts["Afterwards"] == f"Moscow never steps below “{sc.rungs[2].model.label}”"
    assert "−3" in facts["Every month after"] or "-3" in facts["Every month after"]
