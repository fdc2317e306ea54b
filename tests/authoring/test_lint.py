"""Warnings are given only when certain: interval reasoning checked against real play."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redline.content import list_scenarios
from redline.content.expr import Names, parse
from redline.content.lint import lint
from redline.content.loader import load_scenario
from redline.content.ranges import Env, Interval, evaluate, reach
from redline.content.scaffold import new_scenario
from redline.engine.state import State, bare_state
from redline.sim import play

NAMES = Names(meters=frozenset({"a", "b"}), flags=frozenset({"f"}))
EXPRESSIONS = [
    "a >= 60",
    "a > 10 and b < 5",
    "not f or a == 3",
    "f and a",
    "a or b",
    "0 < a <= b",
    "a / b",
    "a // (b - 3)",
    "a % 7",
    "-a * b + 2",
    "(a - 50) ** 2",
    "min(a, b, 40)",
    "max(a - b, 0)",
    "abs(a - b)",
    "clamp(a - b)",
    "clamp(a, b, 60)",
    "round(a / 3)",
    "a if f else b",
    "(10 if f else 0) + max(0, 60 - a)",
    "a != b",
    "f == true",
]


def _state(a: float, b: float, f: bool) -> State:
    return bare_state(meters={"a": a, "b": b}, flags={"f": f})


@pytest.mark.parametrize("text", EXPRESSIONS)
@settings(max_examples=150, deadline=None)
@given(
    a_lo=st.integers(-20, 120),
    a_span=st.integers(0, 60),
    b_lo=st.integers(-20, 120),
    b_span=st.integers(0, 60),
    f_values=st.sampled_from([(False,), (True,), (False, True)]),
    seed=st.integers(0, 2**32),
)
def test_intervals_hold_every_concrete_value(text, a_lo, a_span, b_lo, b_span, f_values, seed):
    expr = parse(text, NAMES)
    f_iv = Interval(float(min(f_values)), float(max(f_values)))
    env = Env({"a": Interval(a_lo, a_lo + a_span), "b": Interval(b_lo, b_lo + b_span), "f": f_iv})
    iv = evaluate(expr, env)
    r = random.Random(seed)
    points = [(a_lo, b_lo), (a_lo + a_span, b_lo + b_span), (a_lo, b_lo + b_span), (a_lo + a_span, b_lo)]
    points += [(r.uniform(a_lo, a_lo + a_span), r.uniform(b_lo, b_lo + b_span)) for _ in range(20)]
    for a, b in points:
        for f in f_values:
            v = expr(_state(a, b, f))
            assert iv.lo <= float(v) <= iv.hi, (text, a, b, f, v, iv)
            if v:
                assert iv.can_be_true
            else:
                assert iv.can_be_false


def test_verdicts_only_when_certain():
    env = Env({"a": Interval(20, 70), "b": Interval(0, 100), "f": Interval(0, 0)})
    never = evaluate(parse("a >= 80", NAMES), env)
    always = evaluate(parse("a >= 0 and not f", NAMES), env)
    open_ = evaluate(parse("a > 50 or a <= 50", NAMES), env)  # always true, but not provable by intervals
    assert not never.can_be_true and not always.can_be_false
    assert open_.can_be_true and open_.can_be_false


CONTENT = Path(__file__).resolve().parents[2] / "content"


def _scenarios(tmp_path):
    shipped = [load_scenario(e.folder, e.packs) for e in list_scenarios([CONTENT])]
    return [*shipped, load_scenario(new_scenario("scaffold", tmp_path))]


def test_meter_ranges_hold_in_real_play(tmp_path):
    for sc in _scenarios(tmp_path):
        r = reach(sc)
        for seed in range(200):
            state, _ = play(sc, seed, ("random", "hawk", "dove")[seed % 3])
            for snap in state.history:
                for mid, iv in r.meters.items():
                    assert iv.lo <= snap[mid] <= iv.hi, (sc.id, seed, mid, snap[mid], iv)
                assert r.env.names["cohesion"].lo <= snap["cohesion"] <= r.env.names["cohesion"].hi
            for aid in state.out:
                assert r.env.ally_in[aid].can_be_false, (sc.id, aid)


def test_tutorial_and_scaffold_are_lint_clean(tmp_path):
    for sc in (load_scenario(CONTENT / "scenarios" / "tutorial"), load_scenario(new_scenario("s", tmp_path))):
        assert lint(sc) == [], sc.id


def test_a_fallback_checked_first_hides_the_other_final_endings(scenario_dir):
    folder = scenario_dir(
        ("    final: true\n", "    final: true\n    priority: 50\n"),
        (
            "endings:\n",
            'endings:\n  - {id: calm_end, title: Calm, text: Calm., final: true, when: "calm >= 50"}\n',
        ),
    )
    (warning,) = lint(load_scenario(folder))
    assert warning.code == "RL307" and "'peace' always holds and is checked first" in warning.message
    assert "calm_end" in warning.message


def test_a_condition_on_a_flag_never_set(scenario_dir):
    folder = scenario_dir(
        (
            "  - {id: deployed, label: Troops deployed}\n",
            "  - {id: deployed, label: Troops deployed}\n  - {id: backstop}\n",
        ),
        ("    role: lead\n", '    role: lead\n    when: "backstop"\n'),
    )
    found = {w.code: w for w in lint(load_scenario(folder))}
    assert set(found) == {"RL302", "RL304"}
    assert "backstop is always false" in found["RL304"].message


def test_locked_options_and_late_events(scenario_dir):
    folder = scenario_dir(
        ("        tags: [robust]\n", '        tags: [robust]\n        when: "escalation > 90"\n'),
        (
            "endings:\n",
            "events:\n  - {id: late, title: Late, text: Too late., turn: 9, effects: {calm: 1}}\nendings:\n",
        ),
    )
    found = sorted((w.code, w.message.split(":")[0]) for w in lint(load_scenario(folder)))
    assert found == [
        ("RL304", "event 'late' can never fire on its own"),
        ("RL304", "option 'deploy.now' is always locked"),
    ]


def test_final_endings_are_judged_at_the_last_turn(scenario_dir):
    folder = scenario_dir(
        (
            "endings:\n",
            'endings:\n  - {id: early, title: Early, text: Early., final: true, when: "turn < 3"}\n',
        ),
    )
    (warning,) = lint(load_scenario(folder))
    assert warning.code == "RL307" and "ending 'early'" in warning.message and "turn is 3" in warning.message
