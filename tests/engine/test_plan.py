"""The engine's precomputed indexes (engine/plan.py) only ever leave out what cannot apply."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redline.content.expr import Names, parse
from redline.engine import new_game
from redline.engine.plan import plan_for, turn_window
from redline.engine.state import State, bare_state
from redline.numeric import round2, running_sum

NAMES = Names(meters=frozenset({"m"}), flags=frozenset({"f", "g"}), flag_order=("f", "g"))
INF = math.inf


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("turn >= 3", (3, INF)),
        ("turn >= 2 and f and m > 5", (2, INF)),
        ("turn > 2", (3, INF)),
        ("turn > 2.5", (3, INF)),
        ("turn < 7", (-INF, 6)),
        ("turn <= 7 and turn >= 3", (3, 7)),
        ("2 <= turn <= 5", (2, 5)),
        ("3 < turn", (4, INF)),
        ("turn == 4", (4, 4)),
        ("f and turn == 4 and turn >= 2", (4, 4)),
        # Not a top-level `and` of bounds: the window stays open, never too narrow.
        ("turn < 7 or f", (-INF, INF)),
        ("not (turn >= 3)", (-INF, INF)),
        ("turn != 3", (-INF, INF)),
        ("turn >= m", (-INF, INF)),
        ("f", (-INF, INF)),
    ],
)
def test_turn_window_reads_only_top_level_bounds(text, window):
    assert turn_window(parse(text, NAMES)) == window


def test_a_card_is_left_out_of_a_turn_only_when_its_condition_cannot_hold(shipped):
    for sc in shipped:
        plan = plan_for(sc)
        for turn in range(1, sc.turns + 1):
            kept = {c.id for group in plan.cards_on[turn] for c, _ in group}
            state, _ = new_game(sc, 1, quiet=True)
            state.turn = turn
            for card in sc.cards:
                lo, hi = turn_window(card.when)
                assert (card.id in kept) == (lo <= turn <= hi)
                if card.id not in kept:
                    assert card.when is not None and not card.when.fn(state)


def test_priority_groups_are_highest_first_and_keep_the_scenario_order(shipped):
    for sc in shipped:
        plan = plan_for(sc)
        for groups in plan.cards_on:
            priorities = [g[0][0].priority for g in groups]
            assert priorities == sorted(priorities, reverse=True)
            for g in groups:
                order = [sc.cards.index(c) for c, _ in g]
                assert order == sorted(order) and len({c.priority for c, _ in g}) == 1
                assert all(test is plan.drawable[c] for c, test in g)


def test_the_drawable_test_is_the_draw_rule(shipped):
    """One test per card stands for its condition and its open options, in any state."""
    from redline.sim.policies import PolicyRng, random_policy

    for sc in shipped:
        plan = plan_for(sc)
        for seed in range(6):
            state, _ = new_game(sc, seed, quiet=True)
            r = PolicyRng(seed)
            while not state.is_over:
                for card in sc.cards:
                    test = plan.drawable[card]
                    rule = (card.when is None or bool(card.when.fn(state))) and (
                        not card.gated or any(state.available(o) for o in card.options)
                    )
                    assert (test is None or test(state)) == rule, card.id
                state.apply_quiet(random_policy(state, state.legal_actions(), r))


def test_fixed_reactions_are_the_capped_sum_per_ally(shipped):
    for sc in shipped:
        for option, op in plan_for(sc).options.items():
            if op.fixed is None:
                assert any(r[2] is not None for r in op.reactions)
                continue
            for aid, delta, _why in op.fixed:
                raw = running_sum(r[1] for r in op.reactions if r[0] == aid)
                swing = sc.allies[aid].max_swing
                assert delta == max(-swing, min(swing, raw))
            assert op.action.card == option.card_id and op.action.option == option.id


def test_memoised_conditions_follow_the_flags():
    expr = parse("f and not g", NAMES)

    def state(fbits: int, turn: int = 1) -> State:
        flags = {"f": bool(fbits & 1), "g": bool(fbits & 2)}  # bits in sorted name order
        return bare_state(fbits=fbits, turn=turn, flags=flags)

    for fbits, want in ((0b00, False), (0b01, True), (0b11, False), (0b01, True), (0b10, False)):
        assert expr.fn(state(fbits)) is want
    turned = parse("f or turn > 3", NAMES)
    for turn, want in ((1, False), (4, True), (2, False), (4, True)):
        assert turned.fn(state(0, turn)) is want
    assert turned.fn(state(1, 1)) is True


def test_running_sum_adds_left_to_right():
    values = [0.1] * 10 + [1e16, 1.0, -1e16]
    total = 0.0
    for v in values:
        total += v
    assert running_sum(values) == total
    assert running_sum([]) == 0.0


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.floats(allow_nan=False, allow_infinity=False),
        st.sampled_from([0.0, -0.0, 0.005, -0.004, 2.675, 1e15, -1e15, 1e13 + 0.5]),
        # values with two places or fewer, and their neighbours: round2's shortcut
        st.integers(-(10**9), 10**9).map(lambda n: n / 100),
        st.integers(-(10**9), 10**9).map(lambda n: math.nextafter(n / 100, math.inf)),
        st.integers(-(10**9), 10**9).map(lambda n: math.nextafter(n / 100, -math.inf)),
    )
)
def test_round2_is_round_to_two_places_to_the_bit(x):
    for _ in range(2):  # once worked out, once remembered
        got, want = round2(x), round(x, 2)
        assert got == want and math.copysign(1, got) == math.copysign(1, want)


def test_the_states_draws_are_the_generators_sequence(tutorial):
    from redline.engine import rng

    state, _ = new_game(tutorial, 12345, quiet=True)
    g = state.rng
    for _ in range(50):
        g, want = rng.draw(g)
        assert state._random() == want and state.rng == g
