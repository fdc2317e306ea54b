"""The engine's rules, on the tutorial scenario (which exercises every feature)."""

from __future__ import annotations

import pytest

from redline.engine import (
    DECISIONS,
    Decide,
    Game,
    IllegalAction,
    Inject,
    Note,
    Override,
    new_game,
)


def play_first_options(scenario, seed=1):
    game = Game.start(scenario, seed)
    while not game.state.is_over:
        game.apply(game.state.legal_actions()[0])
    return game


def test_new_game_starts_with_a_card_and_signals(tutorial):
    state, events = new_game(tutorial, 7)
    assert state.phase == DECISIONS
    assert state.card is not None
    assert state.turn == 1
    kinds = [e.kind for e in events]
    assert kinds[0] == "turn_start"
    assert "draw" in kinds and "signal" in kinds
    assert len(state.signals) == tutorial.kremlin.signals


def test_priority_card_is_drawn_first(tutorial):
    # tut_timing has the highest priority and no condition.
    for seed in range(5):
        state, _ = new_game(tutorial, seed)
        assert state.card.id == "tut_timing"


def test_decision_applies_effects_and_reactions_with_reasons(tutorial):
    state, _ = new_game(tutorial, 1)
    before = dict(state.meters)
    new, events = state.apply(Decide("tut_timing", "deploy_now"))
    assert state.meters == before, "apply must not change the old state"
    assert new.flags["troops_deployed"] is True
    germany = [e for e in events if e.kind == "reaction" and e.target == "ally.germany"]
    assert germany and germany[0].cause == "boots on the ground without a US backstop"
    assert germany[0].delta == -8
    changes = [e for e in events if e.kind == "change" and e.target == "confidence"]
    assert changes[0].cause == "Deploy a limited mission now"


def test_reaction_condition_is_respected(tutorial):
    state, _ = new_game(tutorial, 1)
    state = state.clone()
    state._set_flag("us_backstop", True)
    _, events = state.apply(Decide("tut_timing", "deploy_now"))
    assert not [e for e in events if e.kind == "reaction" and e.target == "ally.germany"]


def test_illegal_actions_raise_typed_errors_and_change_nothing(tutorial):
    game = Game.start(tutorial, 1)
    with pytest.raises(IllegalAction, match="the card to decide"):
        game.apply(Decide("tut_exit", "milestones"))
    with pytest.raises(IllegalAction, match="no option"):
        game.apply(Decide("tut_timing", "nope"))
    with pytest.raises(IllegalAction, match="needs a reason"):
        game.apply(Override("escalation", 50, ""))
    with pytest.raises(IllegalAction, match="no event"):
        game.apply(Inject("nothing"))
    assert game.actions == []


def test_locked_option_is_not_legal(tutorial):
    game = Game.start(tutorial, 1)
    game.apply(Override("escalation", 85, "test: Moscow at the top of the ladder"))
    state = game.state.clone()
    state.hand = ("tut_roe",)
    legal = [a.option for a in state.legal_actions()]
    assert legal == ["self_defense_only"]
    with pytest.raises(IllegalAction, match="locked: Too dangerous"):
        state.apply(Decide("tut_roe", "engage_threats"))


def test_meters_clamp_to_bounds(tutorial):
    game = Game.start(tutorial, 1)
    game.apply(Override("confidence", 500, "test clamp"))
    assert game.state.meters["confidence"] == 100
    game.apply(Override("confidence", -20, "test clamp"))
    assert game.state.meters["confidence"] == 0


def test_red_line_crossing_bumps_the_ladder_and_is_explained(tutorial):
    game = Game.start(tutorial, 1)
    game.apply(Override("ceasefire", 20, "test: fighting flares"))
    events = game.apply(Decide("tut_timing", "deploy_now"))
    crossed = [e for e in events if e.kind == "red_line"]
    assert crossed and crossed[0].target == "troops_at_war"
    assert "legitimate targets" in crossed[0].cause
    assert "troops_at_war" in game.state.crossed
    assert [e for e in events if e.kind == "rung"]


def test_chance_outcome_and_delayed_consequence(tutorial):
    game = Game.start(tutorial, 1)
    events = game.apply(Decide("tut_timing", "deploy_now"))
    assert [e for e in events if e.kind == "scheduled"]
    assert game.state.card.id == "tut_consent"
    # the UN mandate has two outcomes; one of them must be rolled
    events = game.apply(Decide("tut_consent", "un_mandate"))
    assert [e for e in events if e.kind == "outcome"]
    later = [e for e in events if e.kind == "later"]
    assert later and later[0].cause == "consequence of: Deploy a limited mission now"


def test_odds_are_probabilities(tutorial):
    state, _ = new_game(tutorial, 1)
    card = tutorial.card_by_id["tut_air"]
    odds = dict(state.outcome_odds(card.option_by_id["ask_washington"]))
    assert set(odds) == {"agreed", "partial"}
    # 0.4 + cohesion/200 plus 0.3 exceeds certainty, so the odds are scaled to sum to 1
    raw = 0.4 + state.cohesion / 200
    assert sum(odds.values()) == pytest.approx(min(1.0, raw + 0.3))
    assert odds["agreed"] / odds["partial"] == pytest.approx(raw / 0.3)


def test_game_ends_with_an_ending_and_score(tutorial):
    game = play_first_options(tutorial)
    state = game.state
    assert state.is_over and state.ending is not None
    assert state.legal_actions() == []
    assert isinstance(state.score, float)
    assert game.all_events()[-1].kind == "ending"
    with pytest.raises(IllegalAction, match="over"):
        game.apply(Decide("tut_timing", "post_ceasefire"))


def test_cohesion_is_derived_and_withdrawal_is_explained(tutorial):
    game = Game.start(tutorial, 3)
    game.apply(Override("ally.slovakia", 5, "test: Bratislava walks"))
    while not game.state.is_over and "slovakia" not in game.state.out:
        game.apply(game.state.legal_actions()[0])
    assert "slovakia" in game.state.out
    left = [e for e in game.all_events() if e.kind == "withdrawal"]
    assert left and "Bratislava walks" in left[0].cause


def test_inject_now_and_scheduled(tutorial):
    game = Game.start(tutorial, 1)
    events = game.apply(Inject("tut_ryazan", reason="facilitator test"))
    assert events[0].kind == "event" and "facilitator" in events[0].cause
    game.apply(Inject("tut_ryazan", turn=3))
    while game.state.turn < 4 and not game.state.is_over:
        game.apply(game.state.legal_actions()[0])
    fired = [
        e
        for e in game.all_events()
        if e.kind == "event" and "scheduled by the facilitator" in (e.cause or "")
    ]
    assert [e.turn for e in fired] == [3]
    with pytest.raises(IllegalAction, match="passed"):
        game.apply(Inject("tut_ryazan", turn=1))


def test_note_changes_nothing(tutorial):
    game = Game.start(tutorial, 1)
    before = game.state.fingerprint()
    events = game.apply(Note("rationale: wait for Washington", by="coalition_lead"))
    assert game.state.fingerprint() == before
    assert events[0].kind == "note"


def test_undo_within_turn_and_rewind_keeps_branch(tutorial):
    game = Game.start(tutorial, 2)
    game.apply(game.state.legal_actions()[0])  # week 1 decided -> week 2
    assert not game.can_undo()  # the turn moved on
    game.apply(Note("x"))
    assert game.can_undo()
    game.undo()
    while not game.state.is_over:
        game.apply(game.state.legal_actions()[-1])
    end = game.state.ending.id
    branch = game.rewind(2)
    assert game.state.turn == 2 and not game.state.is_over
    assert branch.ending == end and game.branches == [branch]


def test_red_cell_chooses_signals_and_response(tutorial):
    from redline.engine import KREMLIN, SIGNAL, Respond, Signal

    game = Game.start(tutorial, 1, red_cell=True)
    assert game.state.phase == SIGNAL
    game.apply(Signal(("tv_warning",)))
    assert game.state.signals == ("tv_warning",)
    game.apply(game.state.legal_actions()[0])
    assert game.state.phase == KREMLIN
    events = game.apply(Respond("tv_warning"))
    assert any(e.kind == "kremlin" and "as signalled" in e.text for e in events)
    with pytest.raises(IllegalAction):
        game.apply(Respond("strike_near"))


def test_draw_rule_and_its_explanation_agree(shipped):
    """`ineligible_because` explains exactly the rule the draw applies."""
    from redline.sim.policies import PolicyRng, random_policy

    for scenario in shipped:
        for seed in range(15):
            state, _ = new_game(scenario, seed)
            r = PolicyRng(seed)
            while not state.is_over:
                turn = state.turn
                state, _ = state.apply(random_policy(state, state.legal_actions(), r))
                if state.turn != turn and not state.is_over:
                    eligible_now = {c.id for c in scenario.cards if state.ineligible_because(c) is None}
                    assert set(state.hand) <= eligible_now
                    if len(eligible_now) <= scenario.info.cards_per_turn:
                        assert set(state.hand) == eligible_now
