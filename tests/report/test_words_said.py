"""The engine's record in the scenario's words: no id, no raw expression, the turn's own label."""

from __future__ import annotations

from redline.content import find_scenario, load_scenario
from redline.engine import Game, Inject, Override
from redline.report.words import said_events, said_text


def _scenario():
    entry = find_scenario("reassurance-force")
    return load_scenario(entry.folder, entry.packs)


def test_the_lines_the_facilitator_found_are_said_in_words():
    sc = _scenario()
    assert said_text("Facilitator set legitimacy to 52.0", sc) == "Facilitator set Legal basis to 52"
    chance = said_text("chance 50% when ryazan_hit", sc)
    assert chance.startswith("chance 50% when ") and "ryazan_hit" not in chance
    assert said_text("In 2 turn(s): the bill comes", sc) == "In 2 months: the bill comes"
    assert said_text("Scheduled for turn 3: a strike", sc) == "Scheduled for month 3: a strike"
    for raw in ("r_nato_enemy", "post_ceasefire"):
        assert raw not in said_text(f"over: {raw}", sc)
    assert said_text("Kremlin escalation +8", sc) == "Kremlin escalation +8"  # plain words stay


def test_a_played_record_carries_no_id():
    sc = _scenario()
    game = Game.start(sc, 5)
    game.apply(Override("legitimacy", 52.0, "a ruling"))
    game.apply(Inject("ev_ryazan", 3, "later"))
    lines = [f"{e.text} {e.cause or ''}" for e in said_events(game.all_events(), sc)]
    text = "\n".join(lines)
    assert "legitimacy" not in text and "ev_ryazan" not in text and "turn 3" not in text
    assert "Facilitator set Legal basis to 52" in text


def test_a_condition_on_the_ladder_counts_rungs_from_one():
    from redline.report.words import condition

    sc = _scenario()
    assert condition("rung >= 2", sc) == "the ladder rung ≥ 3"
    assert condition("rung<1", sc) == "the ladder rung < 2"
