"""Nothing a warning calls impossible ever happens in play.

Thousands of games of every shipped scenario and of every test scenario under
tests/authoring are played by the simulator's policies; every condition a warning judges is
evaluated at every decision of every game, and what happened (cards drawn, options open,
events fired, endings reached, flags and meters moved) is held against the warnings.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from redline.content import list_scenarios
from redline.content.errors import ContentErrors
from redline.content.expr import Names, parse
from redline.content.lint import lint
from redline.content.loader import load_scenario
from redline.content.ranges import evaluate, reach
from redline.engine import DECISIONS, OVER, new_game
from redline.sim import game_seed
from redline.sim.policies import POLICIES, PolicyRng

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
POLICY_CYCLE = ("random", "hawk", "dove", "greedy")


def _cases() -> list[tuple[str, Path, tuple[Path, ...]]]:
    cases = [(e.id, e.folder, e.packs) for e in list_scenarios([ROOT / "content"])]
    tutorial = ROOT / "content" / "scenarios" / "tutorial"
    cases.append(("tutorial+extra", tutorial, (HERE / "packs" / "extra",)))
    for folder in sorted(p for p in (HERE / "broken").iterdir() if p.is_dir()):
        cases.append((f"broken/{folder.name}", folder, ()))
    cases.append(("ally-in", HERE / "scenarios" / "ally_in", ()))
    return cases


CASES = _cases()

# The subject of each warning, read from its message: (what, id).
SUBJECTS = [
    (re.compile(r"^card '([^']+)' can never be drawn"), "card_never"),
    (re.compile(r"^option '([^']+)' is always locked"), "option_never"),
    (re.compile(r"^event '([^']+)' can never fire"), "event_never"),
    (re.compile(r"^ending '([^']+)' can never be reached"), "ending_never"),
    (re.compile(r"^flag '([^']+)' is (?:never set|only ever set)"), "flag_fixed"),
    (re.compile(r"^meter '([^']+)' never changes"), "meter_fixed"),
    (re.compile(r"^card '([^']+)': "), "card_always"),
    (re.compile(r"^option '([^']+)': "), "option_always"),
]


def _claims(scenario) -> dict[str, set[str]]:
    claims: dict[str, set[str]] = {kind: set() for _, kind in SUBJECTS}
    for w in lint(scenario):
        for pattern, kind in SUBJECTS:
            m = pattern.match(w.message)
            if m:
                claims[kind].add(m.group(1))
                break
    return claims


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_nothing_warned_impossible_happens(case):
    name, folder, packs = case
    try:
        sc = load_scenario(folder, packs)
    except ContentErrors:
        pytest.skip("does not load: its errors are the point of this case")
    claims = _claims(sc)
    cards = sc.card_by_id
    options = {f"{c.id}.{o.id}": o for c in sc.cards for o in c.options}
    endings = {e.id: e for e in sc.endings}
    # Conditions judged impossible (must never hold) or certain (must always hold).
    never = [cards[i].when for i in claims["card_never"] if cards[i].when is not None]
    never += [options[i].when for i in claims["option_never"]]
    never += [sc.event_by_id[i].when for i in claims["event_never"] if sc.event_by_id[i].when is not None]
    never += [endings[i].when for i in claims["ending_never"] if not endings[i].model.final]
    always = [cards[i].when for i in claims["card_always"]]
    always += [options[i].when for i in claims["option_always"]]
    games = 3000 if sc.turns <= 6 else 2000
    for i in range(games):
        seed = game_seed(19, i)
        policy = POLICY_CYCLE[i % len(POLICY_CYCLE)]
        choose, r = POLICIES[policy], PolicyRng(seed)
        state, _ = new_game(sc, seed, quiet=True)
        while state.phase != OVER:
            for cond in never:
                assert not cond.fn(state), (name, seed, f"`{cond.text}` held, warned never to")
            for cond in always:
                assert cond.fn(state), (name, seed, f"`{cond.text}` failed, warned always to hold")
            for fid in claims["flag_fixed"]:
                assert state.flags[fid] == sc.flags[fid].start, (name, seed, fid)
            if state.phase == DECISIONS and state.hand:
                assert not set(state.hand) & claims["card_never"], (name, seed, state.hand)
                legal = state.legal_actions()
                opened = {f"{a.card}.{a.option}" for a in legal}
                assert not opened & claims["option_never"], (name, seed, opened)
            else:
                legal = state.legal_actions()
            state.apply_quiet(choose(state, legal, r))
        assert state.ending.id not in claims["ending_never"], (name, seed, state.ending.id)
        assert not set(state.fired) & claims["event_never"], (name, seed, state.fired)
        assert not set(state.played) & claims["card_never"], (name, seed, state.played)
        for snap in state.history:
            for mid in claims["meter_fixed"]:
                assert snap[mid] == sc.meters[mid].start, (name, seed, mid, snap[mid])


def test_ally_in_reads_as_the_game_reads_it():
    """`ally.X.in` holds while the ally stays, `not ally.X.in` once it has left: the range
    analysis reads the dotted name as the compiler does."""
    sc = load_scenario(HERE / "scenarios" / "ally_in")
    assert [w for w in lint(sc) if w.code == "RL307"] == []
    env = reach(sc).env
    when = {e.id: e.when for e in sc.endings}
    names = Names(meters=frozenset(sc.meters), flags=frozenset(sc.flags), allies=frozenset(sc.allies))
    france_in = evaluate(parse("ally.france.in", names), env)
    assert (france_in.can_be_true, france_in.can_be_false) == (True, False)  # never leaves
    gone = evaluate(when["gone"], env)
    assert gone.can_be_true and gone.can_be_false


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_every_expression_stays_within_its_proven_range(case):
    """The root of every warning: at every decision of real games, each expression of the
    scenario takes a value inside the interval the range analysis gives it, and each flag
    a value it says the flag can hold."""
    from redline.content.lint import _expressions

    name, folder, packs = case
    try:
        sc = load_scenario(folder, packs)
    except ContentErrors:
        pytest.skip("does not load: its errors are the point of this case")
    r = reach(sc)
    checks = []
    for expr in {id(e): e for e in _expressions(sc) if not e.is_constant}.values():
        checks.append((expr, evaluate(expr, r.env)))
    for i in range(1000 if sc.turns <= 6 else 500):
        seed = game_seed(7, i)
        choose, rng = POLICIES[POLICY_CYCLE[i % len(POLICY_CYCLE)]], PolicyRng(seed)
        state, _ = new_game(sc, seed, quiet=True)
        while state.phase != OVER:
            for expr, iv in checks:
                v = float(expr.fn(state))
                assert iv.lo <= v <= iv.hi, (name, seed, expr.text, v, iv)
            for fid, values in r.flag_values.items():
                assert state.flags[fid] in values, (name, seed, fid)
            state.apply_quiet(choose(state, state.legal_actions(), rng))
