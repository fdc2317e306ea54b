"""Scenario tests in YAML: the runner, its messages and `redline test`."""

from __future__ import annotations

import re

from redline.content import models as m
from redline.sim.scenario_tests import run_test, run_tests


def test_the_tutorial_tests_pass(tutorial):
    results = run_tests(tutorial)
    assert results and all(r.passed for r in results)
    assert results[0].id == "tutorial::restraint keeps the peace"


def test_choices_are_played_when_their_card_comes_up(tutorial):
    test = m.ScenarioTest(name="t", seed=3, choices=["tut_air.ask_washington", "tut_timing.deploy_now"])
    result = run_test(tutorial, test)
    assert result.played[0] == "1 tut_timing.deploy_now"  # listed second, drawn first
    assert any(p.endswith("tut_air.ask_washington") for p in result.played)


def test_a_failure_reads_like_a_diff(tutorial):
    test = m.ScenarioTest(
        name="wrong on purpose",
        seed=1,
        choices=["tut_timing.deploy_now"],
        expect=m.Expectation(
            ending="tut_reassurance",
            meters={"escalation": [0, 10]},
            not_crossed=["troops_at_war"],
            allies_out=["france"],
        ),
    )
    result = run_test(tutorial, test)
    assert not result.passed
    text = result.report()
    assert text.startswith("FAIL tutorial::wrong on purpose")
    assert "  - ending: tut_reassurance\n  + ending: tut_" in text
    assert "  - meters.escalation: 0–10\n  + meters.escalation: " in text
    assert re.search(
        r"  - not_crossed: troops_at_war\n  \+ not_crossed: troops_at_war crossed at turn \d", text
    )
    assert "  - allies_out: france\n  + allies_out: france stayed in" in text
    assert "played: 1 tut_timing.deploy_now" in text


def test_a_locked_choice_fails_and_says_why(tutorial):
    test = m.ScenarioTest(
        name="locked", seed=1, choices=["tut_timing.deploy_now", "tut_roe.engage_threats"], policy="first"
    )
    result = run_test(tutorial, test)
    if result.passed:  # engage_threats was open when tut_roe came up: nothing to show then
        return
    assert "tut_roe.engage_threats" in result.report() and "locked at turn" in result.report()


def test_policies_decide_the_other_cards(tutorial):
    a = run_test(tutorial, m.ScenarioTest(name="a", seed=4, policy="hawk"))
    b = run_test(tutorial, m.ScenarioTest(name="b", seed=4, policy="dove"))
    assert a.passed and b.passed and a.played != b.played


def test_redline_test_command(cli, scenario_dir):
    code, out, _ = cli("test", "tutorial")
    assert code == 0 and "PASS tutorial::restraint keeps the peace" in out and "2 passed, 0 failed" in out
    folder = scenario_dir(("expect: {ending: peace,", "expect: {ending: spiral,"))
    code, out, _ = cli("test", str(folder))
    assert code == 1
    assert "FAIL broken_base::waiting keeps the peace" in out and "  - ending: spiral" in out
    assert "0 passed, 1 failed" in out


def test_redline_test_bad_input(cli, tmp_path):
    code, _, err = cli("test", "no_such_scenario")
    assert code == 2 and "no scenario 'no_such_scenario'" in err
    (tmp_path / "scenario.yaml").write_text("scenario: [\n")
    code, out, _ = cli("test", str(tmp_path))
    assert code == 1 and "RL001" in out and "content error" in out


def test_policy_names_in_the_content_format_match_the_simulator():
    from typing import get_args

    from redline.sim.policies import POLICIES

    assert set(get_args(m.Policy)) == set(POLICIES)
    assert set(get_args(m.TestPolicy)) == {"first", *POLICIES}
