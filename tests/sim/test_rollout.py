"""The rollout policy: foresight that pays, deterministic, and blind to the game's own dice."""

from __future__ import annotations

import json

import pytest

from redline.engine import new_game
from redline.sim import play, simulate
from redline.sim.policies import PolicyError, PolicyRng, policy_by_name
from redline.sim.rollout import continuation_seeds, parse_rollout


def test_rollout_is_deterministic_for_a_seed(tutorial):
    a = play(tutorial, 11, "rollout:4")
    b = play(tutorial, 11, "rollout:4")
    assert a[1] == b[1]
    assert a[0].fingerprint() == b[0].fingerprint()


def test_rollout_report_is_the_same_for_any_worker_count(tutorial):
    one = simulate(tutorial, 24, 5, "rollout:3", workers=1)
    two = simulate(tutorial, 24, 5, "rollout:3", workers=2)
    assert json.dumps(one) == json.dumps(two)
    assert one["policy"] == "rollout:3" and one["runs"] == 24


def test_rollout_beats_random_by_a_clear_margin(tutorial):
    random = simulate(tutorial, 200, 3, "random")
    rollout = simulate(tutorial, 40, 3, "rollout:8")
    assert rollout["mean_score"] >= random["mean_score"] + 10, (rollout["mean_score"], random["mean_score"])


def test_looking_ahead_leaves_the_game_untouched(tutorial):
    state, _ = new_game(tutorial, 21, quiet=True)
    before = state.fingerprint()
    policy = policy_by_name("rollout:5")
    r = PolicyRng(21)
    rng_before = r.state
    action = policy(state, state.legal_actions(), r)
    assert action in state.legal_actions()
    assert state.fingerprint() == before  # the game's dice and everything else as they were
    assert r.state == rng_before  # nor does it draw from the policy's own stream


def test_continuations_differ_and_depend_on_the_decision(tutorial):
    state, _ = new_game(tutorial, 8, quiet=True)
    seeds = continuation_seeds(state, 16)
    assert len(set(seeds)) == 16
    assert continuation_seeds(state, 16) == seeds
    later = state.clone()
    later.apply_quiet(later.legal_actions()[0])
    assert not set(continuation_seeds(later, 16)) & set(seeds)
    other, _ = new_game(tutorial, 9, quiet=True)
    assert not set(continuation_seeds(other, 16)) & set(seeds)


def test_more_continuations_pick_from_the_same_legal_options(tutorial):
    state, _ = new_game(tutorial, 2, quiet=True)
    legal = state.legal_actions()
    for n in (1, 2, 16):
        assert policy_by_name(f"rollout:{n}")(state, legal, PolicyRng(2)) in legal


@pytest.mark.parametrize("name", ["rollout:0", "rollout:x", "rollout:", "rollout:-3", "rollout:1.5", "bogus"])
def test_bad_policy_names_are_refused_with_a_reason(name):
    with pytest.raises(PolicyError) as exc:
        policy_by_name(name)
    assert exc.value.name == name
    assert exc.value.reason and "\n" not in str(exc.value)


def test_parse_rollout():
    assert parse_rollout("rollout:16") == 16
    assert parse_rollout("greedy") is None
    with pytest.raises(ValueError):
        parse_rollout("rollout:10001")
