"""Properties that hold for any seed and any sequence of legal actions."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redline.content import list_scenarios, load_scenario
from redline.content.expr import Names, flag_bits, parse
from redline.engine import Game, Inject, Note, Override, replay

CONTENT = Path(__file__).resolve().parents[2] / "content"

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def recompute_cohesion(state) -> float:
    weights = state.scenario.ally_weight
    total = sum(weights.values())
    kept = sum(w * state.support[a] for a, w in weights.items() if a not in state.out)
    return round(kept / total, 2)


@st.composite
def playthrough(draw, scenario):
    """A seed plus choices: an index into the legal actions, or now and then a facilitator move."""
    seed = draw(st.integers(min_value=0, max_value=2**63 - 1))
    moves = draw(
        st.lists(
            st.one_of(
                st.integers(min_value=0, max_value=3),
                st.tuples(st.sampled_from(sorted(scenario.meters)), st.floats(-50, 150, allow_nan=False)),
                st.tuples(st.sampled_from(sorted(scenario.flags)), st.booleans()),
                st.sampled_from(sorted(scenario.event_by_id)),
            ),
            max_size=60,
        )
    )
    return seed, moves


def play(scenario, seed, moves):
    game = Game.start(scenario, seed)
    for move in moves:
        if game.state.is_over:
            break
        if isinstance(move, int):
            legal = game.state.legal_actions()
            game.apply(legal[move % len(legal)])
        elif isinstance(move, tuple):
            game.apply(Override(move[0], move[1], "property test"))
        else:
            game.apply(Inject(move))
        check_invariants(game.state)
    while not game.state.is_over:
        game.apply(game.state.legal_actions()[0])
        check_invariants(game.state)
    return game


def check_invariants(state):
    for mid, meter in state.scenario.meters.items():
        assert meter.min <= state.meters[mid] <= meter.max, mid
    for aid, value in state.support.items():
        assert 0 <= value <= 100, aid
    assert state.cohesion == recompute_cohesion(state)
    assert 0 <= state.rung < len(state.scenario.rungs)
    check_memoised_conditions(state)
    for snap in state.history:
        for key, value in snap.items():
            if key in state.scenario.meters:
                meter = state.scenario.meters[key]
                assert meter.min <= value <= meter.max


def check_memoised_conditions(state):
    """Conditions remembered by flag bits (content/expr.py) give what a fresh evaluation
    gives, so the flag mirror `fbits` never falls out of step with the flags."""
    sc = state.scenario
    assert state.fbits == sum(b for f, b in flag_bits(sc.flags).items() if state.flags[f])
    plain = Names(
        frozenset(sc.meters), frozenset(sc.flags), frozenset(sc.allies), frozenset(r.id for r in sc.red_lines)
    )
    whens = [c.when for c in sc.cards] + [o.when for c in sc.cards for o in c.options]
    whens += [e.when for e in sc.events] + [e.when for e in sc.endings]
    for expr in whens:
        if expr is not None and len(expr.reads) > 1:
            assert expr.fn(state) == parse(expr.text, plain).fn(state), expr.text


_LOADED: dict[str, object] = {}


def _scenario(folder):
    if folder not in _LOADED:
        _LOADED[folder] = load_scenario(folder)
    return _LOADED[folder]


@pytest.mark.parametrize("folder", [e.folder for e in list_scenarios([CONTENT])], ids=lambda p: p.name)
@SETTINGS
@given(data=st.data())
def test_any_playthrough_keeps_invariants_and_replays_identically(folder, data):
    scenario = _scenario(folder)
    seed, moves = data.draw(playthrough(scenario))
    game = play(scenario, seed, moves)
    assert game.state.is_over and game.state.ending is not None
    again, failed, _ = replay(scenario, seed, list(game.actions))
    assert failed is None
    assert again.state.fingerprint() == game.state.fingerprint()
    assert again.all_events() == game.all_events()


@SETTINGS
@given(st.integers(min_value=0, max_value=2**32), st.integers(min_value=0, max_value=2**32))
def test_quiet_play_matches_full_play(tutorial, seed, pick):
    """The simulator's in-place fast path reaches exactly the state `apply` reaches."""
    game = Game.start(tutorial, seed)
    quiet = game.state.clone()
    quiet.log = None
    while not game.state.is_over:
        legal = game.state.legal_actions()
        action = legal[pick % len(legal)]
        game.apply(action)
        quiet.apply_quiet(action)
        assert quiet.fingerprint() == game.state.fingerprint()


def test_same_seed_same_game_different_seed_different_game(tutorial):
    def final(seed):
        game = Game.start(tutorial, seed)
        game.apply(Note("n"))
        while not game.state.is_over:
            game.apply(game.state.legal_actions()[0])
        return [e.as_dict() for e in game.all_events()]

    assert final(11) == final(11)
    assert any(final(11) != final(s) for s in (12, 13, 14))
