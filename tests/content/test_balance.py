"""Balance and coverage of the shipped scenarios, held in CI: a content change that breaks
them fails here. The figures are the ones the main scenario promises its players."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.content import list_scenarios, load_scenario
from redline.sim import simulate
from redline.sim.balance import check_gates

CONTENT = Path(__file__).resolve().parents[2] / "content"
NAMED_OUTCOMES = ("post_ceasefire_reassurance", "offshore_over_horizon", "hybrid_model", "no_deal_deterrence")


@pytest.fixture(scope="module")
def main_report():
    entry = {e.id: e for e in list_scenarios([CONTENT])}["reassurance-force"]
    scenario = load_scenario(entry.folder)
    return scenario, simulate(scenario, 5000, seed=1, policy="random", workers=2)


def test_every_ending_occurs_and_none_dominates(main_report):
    scenario, r = main_report
    assert r["runs"] == 5000
    assert r["coverage"]["endings_unreached"] == []
    for ending, share in r["ending_share"].items():
        assert share <= 0.5, f"{ending} ends {share:.1%} of games"


def test_the_four_named_outcomes_each_reach_three_percent(main_report):
    scenario, r = main_report
    assert set(NAMED_OUTCOMES) <= {e.id for e in scenario.endings}
    for ending in NAMED_OUTCOMES:
        assert r["ending_share"][ending] >= 0.03, f"{ending}: {r['ending_share'][ending]:.1%}"


def test_every_card_and_option_is_reached(main_report):
    _, r = main_report
    assert r["coverage"]["cards_unreached"] == []
    assert r["coverage"]["options_unreached"] == []


@pytest.mark.parametrize("entry", list_scenarios([CONTENT]), ids=lambda e: e.id)
def test_scenario_balance_gates(entry):
    scenario = load_scenario(entry.folder, entry.packs)
    assert check_gates(scenario, seed=1, workers=2) == []
