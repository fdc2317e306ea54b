"""The rule families' seams: the ending choice in one place, typed events, the ally weight."""

from __future__ import annotations

import random

import pytest

from redline.engine import Game, Override
from redline.engine.endings import choose, in_order
from redline.engine.events import EventKind, Ref, RefKind, ally_of, ally_target


def _random_game(scenario, seed):
    game = Game.start(scenario, seed)
    r = random.Random(seed)
    while not game.state.is_over:
        game.apply(r.choice(game.state.legal_actions()))
    return game


def _ending_by_the_rule(state):
    """The ending rule read straight from the scenario, without the plan's pre-filter."""
    sc = state.scenario
    ordered = sorted(sc.endings, key=lambda e: -e.model.priority)
    for e in ordered:
        if not e.model.final and (e.when is None or e.when.fn(state)):
            return e
    if state.turn >= sc.turns:
        for e in ordered:
            if e.model.final and (e.when is None or e.when.fn(state)):
                return e
    return None


@pytest.mark.parametrize("seed", range(12))
def test_the_ending_reached_is_the_one_the_rule_names(shipped, seed):
    for scenario in shipped:
        state = _random_game(scenario, seed).state
        assert state.ending is not None
        assert state.ending is _ending_by_the_rule(state)
        assert choose(state) is state.ending  # the same choice, asked again at the end


def test_endings_are_tried_by_priority_and_ties_keep_the_scenario_order(shipped):
    for scenario in shipped:
        ordered = in_order(list(reversed(scenario.endings)))
        priorities = [e.model.priority for e in ordered]
        assert priorities == sorted(priorities, reverse=True)
        for p in set(priorities):
            tied = [e.id for e in ordered if e.model.priority == p]
            assert tied == [e.id for e in reversed(scenario.endings) if e.model.priority == p]


def test_every_event_has_a_kind_and_a_typed_origin(shipped):
    for scenario in shipped:
        for seed in range(4):
            for e in _random_game(scenario, seed).all_events():
                assert isinstance(e.kind, EventKind)
                assert e.ref is None or isinstance(e.ref, Ref)
                if e.kind == EventKind.DECISION:
                    assert e.ref is not None and e.ref.kind == RefKind.CARD and e.ref.id == e.target
                    assert e.ref.option in scenario.card_by_id[e.target].option_by_id
                if e.kind == EventKind.CHANGE and e.cause == "drift toward baseline":
                    assert e.ref == Ref(RefKind.DRIFT)
                if e.kind == EventKind.CHANGE and (e.cause or "").startswith("later: "):
                    assert e.ref == Ref(RefKind.LATER)
                if e.kind == EventKind.WITHDRAWAL:
                    assert e.ref == Ref(RefKind.ALLY, e.ally) and e.ally in scenario.allies


def test_an_outcome_lies_within_its_decision_and_nothing_else():
    decided = Ref(RefKind.CARD, "mandate", "early")
    rolled = Ref(RefKind.CARD, "mandate", "early", "stalls")
    assert rolled.within(decided) and decided.within(decided)
    assert not decided.within(rolled)
    assert not Ref(RefKind.CARD, "mandate", "late").within(decided)
    assert not Ref(RefKind.EVENT, "mandate_b").within(Ref(RefKind.EVENT, "mandate"))
    assert not rolled.within(None)
    assert str(rolled) == "card:mandate/option:early/outcome:stalls"
    assert str(Ref(RefKind.OVERRIDE)) == "override"
    assert EventKind.DECISION == "decision" and f"{EventKind.RED_LINE}" == "red_line"


def test_an_override_of_an_ally_names_the_ally(tutorial):
    game = Game.start(tutorial, 3)
    aid = next(iter(tutorial.allies))
    events = game.apply(Override(ally_target(aid), 12.0, "the cabinet fell"))
    change = next(e for e in events if e.kind == EventKind.CHANGE)
    assert change.ally == aid and ally_of(change.target) == aid
    assert change.ref == Ref(RefKind.OVERRIDE)
    assert ally_of("confidence") is None


def test_an_allys_weight_is_its_weight_or_its_contribution(shipped):
    for scenario in shipped:
        for aid, ally in scenario.allies.items():
            c = ally.contribution
            want = (
                ally.weight
                if ally.weight is not None
                else c.troops + c.batteries + c.ships + c.aircraft + c.money
            )
            assert scenario.ally_weight[aid] == ally.cohesion_weight == want > 0
