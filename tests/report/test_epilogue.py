"""The ending's afterword (report/epilogue.py): the ending's own epilogue, then what the game
says of the force, Moscow's ladder and the coalition; the score in words. One function feeds
the ending screen, `--plain` and the after-action report."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from redline.content import load_scenario
from redline.engine.game import Game
from redline.report import aar, render
from redline.report.epilogue import epilogue, score_in_words
from redline.report.words import signed

CONTENT = Path(__file__).resolve().parents[2] / "content" / "scenarios"


def _played(sc, seed: int, pick: int) -> Game:  # type: ignore[no-untyped-def]
    game = Game.start(sc, seed)
    while not game.state.is_over:
        legal = game.state.legal_actions()
        game.apply(legal[pick % len(legal)])
    return game


@pytest.mark.parametrize("scenario_id", ["tutorial", "reassurance-force"])
def test_every_ending_has_an_epilogue_of_its_own(scenario_id):
    sc = load_scenario(CONTENT / scenario_id)
    texts = [e.model.epilogue.strip() for e in sc.endings]
    assert all(len(t.split()) >= 20 for t in texts), [e.id for e in sc.endings if not e.model.epilogue]
    assert len(set(texts)) == len(texts)
    for ending, text in zip(sc.endings, texts, strict=True):
        assert text != ending.model.text.strip()
        assert "“" not in text and '"' not in text  # paraphrase: no words put in anyone's mouth


@pytest.mark.parametrize(("scenario_id", "seed", "pick"), [("tutorial", 3, 0), ("reassurance-force", 8, 8)])
def test_the_epilogue_says_what_this_game_did(scenario_id, seed, pick):
    sc = load_scenario(CONTENT / scenario_id)
    state = _played(sc, seed, pick).state
    said = epilogue(state)
    assert said[0] == " ".join(state.ending.model.epilogue.split())
    text = " ".join(said)
    label = sc.info.turn_label.lower()
    assert f"“{sc.rungs[state.rung].model.label}”, rung {state.rung + 1} of {len(sc.rungs)}" in text
    for rl in sc.red_lines:
        if rl.id in state.crossed:
            assert f"“{rl.model.label}” in {label} {state.crossed[rl.id]}" in text
    if not state.crossed:
        assert "No red line of Moscow's was crossed." in text
    for aid, turn in state.out.items():
        assert f"{sc.allies[aid].name} in {label} {turn}" in text
    stayed = len(sc.allies) - len(state.out)
    assert (f"All {stayed} partners" if not state.out else f"{stayed} of {len(sc.allies)} partners") in text
    assert epilogue(Game.start(sc, seed).state) == []  # nothing to say before the end


def test_the_score_in_words_adds_up_and_says_what_it_means():
    sc = load_scenario(CONTENT / "tutorial")
    state = _played(sc, 3, 0).state
    words = score_in_words(state)
    assert words.total == state.score
    assert abs(sum(line.points for line in words.lines) - state.score) < 0.02
    labels = [line.said for line in words.lines]
    assert any(s.startswith(f"Ceasefire stability {state.meters['ceasefire']:g} × 0.4: ") for s in labels)
    assert any("Kremlin escalation" in s and "counted against" in s for s in labels)
    assert labels[-1].startswith(
        f"The ending, “{state.ending.model.title}”: {signed(state.ending.model.bonus)}"
    )
    assert "The score runs from −50" in words.meaning and "110" in words.meaning
    assert "Most of it came from" in words.meaning and "cost the most" in words.meaning


def test_plain_and_the_report_say_the_same_afterword(tmp_path):
    from redline.plain import Plain
    from redline.session.local import Session

    sc = load_scenario(CONTENT / "tutorial")
    session = Session.new(sc, 1, tmp_path)
    out = io.StringIO()
    assert Plain(session, out, io.StringIO("\n" + "1\n" * 100)).play() == 0
    state = session.state
    printed = out.getvalue()
    record = aar.build(session.game)
    md, html = render.markdown(record), render.html(record)
    assert record.result.epilogue == epilogue(state)
    for paragraph in epilogue(state):
        assert paragraph in printed and paragraph in md
    for line in score_in_words(state).lines:
        assert line.said in printed and line.said in md
    assert score_in_words(state).meaning in printed
    assert "What the score is made of" in html and "Afterwards" in html
    assert f"Saved in {session.autosave_path}" in printed


def test_plain_never_claims_a_final_save_that_failed(tmp_path, monkeypatch):
    from redline.plain import Plain
    from redline.session.local import Session

    monkeypatch.setattr(Session, "save_to", lambda self, path, meta: f"{path}: disk full")
    session = Session.new(load_scenario(CONTENT / "tutorial"), 1, tmp_path)
    out = io.StringIO()
    assert Plain(session, out, io.StringIO("\n" + "1\n" * 100)).play() == 0
    printed = out.getvalue()
    assert "Saved in" not in printed
    assert "The finished game could not be saved" in printed and "disk full" in printed


@pytest.mark.parametrize("scenario_id", ["tutorial", "reassurance-force"])
def test_the_ladders_highest_rung_is_the_highest_the_game_showed(scenario_id):
    """A fresh breach puts Moscow a rung higher within a turn, and the turn may end lower: the
    afterword's "at its highest" is the highest rung of the whole record, never only of the
    turns' ends (it once said "Probing drones" after a big moment had shown "Strikes")."""
    sc = load_scenario(CONTENT / scenario_id)
    checked = 0
    for seed in range(12):
        game = _played(sc, seed, seed % 3)
        events = game.all_events()
        stood = [int(e.after) for e in events if e.kind == "rung" and e.after is not None]
        stood += [int(h["rung"]) for h in game.state.history[1:]]
        top = min(max(stood), len(sc.rungs) - 1)
        ladder = next(p for p in epilogue(game.state, events) if p.startswith("Moscow ends on"))
        if top > int(game.state.rung):
            assert f"At its highest it stood on “{sc.rungs[top].model.label}”" in ladder, ladder
            checked += 1
        else:
            assert "At its highest" not in ladder
    assert checked
