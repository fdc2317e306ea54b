"""`redline simulate`: workers, balance gates and the turn-by-turn trace."""

from __future__ import annotations

import json

import pytest

from redline.content.loader import load_scenario
from redline.content.scaffold import new_scenario
from redline.sim.balance import check_gates
from redline.sim.trace import trace


def test_workers_give_byte_identical_reports(cli):
    one = cli("simulate", "tutorial", "--runs", "600", "--workers", "1", "--format", "json", "--quiet")
    four = cli("simulate", "tutorial", "--runs", "600", "--workers", "4", "--format", "json", "--quiet")
    assert one[0] == four[0] == 0
    assert one[1] == four[1]
    report = json.loads(one[1])
    assert "cards_unreached" in report["coverage"] and "options_unreached" in report["coverage"]


def test_workers_default_to_every_core_with_the_same_report(cli, capsys):
    args = ("simulate", "tutorial", "--runs", "600", "--format", "json", "--quiet")
    default = cli(*args)
    auto = cli(*args, "--workers", "auto")
    one = cli(*args, "--workers", "1")
    assert default[0] == auto[0] == one[0] == 0
    assert default[1] == auto[1] == one[1]
    with pytest.raises(SystemExit) as stop:
        cli(*args, "--workers", "0")
    assert stop.value.code == 2 and "--workers: must be at least 1 (or 'auto'" in capsys.readouterr().err


def test_text_report_names_endings_coverage_and_meters(cli):
    code, out, _ = cli("simulate", "tutorial", "--runs", "200", "--quiet")
    assert code == 0
    for heading in ("Endings", "Coverage", "cards never reached", "Meters by week", "Week of ending"):
        assert heading in out


def test_assert_fails_with_one_line_per_failed_gate(scenario_dir, cli):
    folder = scenario_dir(
        (
            "  tests:\n",
            "  balance:\n"
            "    - {name: spiral is rare, ending_max: 0.1, runs: 200}\n"
            "    - {name: peace is common, ending_min: {peace: 0.99}, runs: 200}\n"
            "    - {name: everything happens, all_endings: true, runs: 50}\n"
            "  tests:\n",
        )
    )
    failures = check_gates(load_scenario(folder))
    assert failures and all(f.startswith(("spiral is rare:", "peace is common:")) for f in failures)
    code, _, err = cli("simulate", str(folder), "--runs", "50", "--quiet", "--assert")
    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith("balance: FAIL")]
    assert len(lines) == len(failures)
    assert any("ending 'peace'" in line and "(min 99%)" in line for line in lines)


def test_assert_passes_on_the_scaffold(tmp_path, cli):
    folder = new_scenario("gates", tmp_path)
    code, _, err = cli("simulate", str(folder), "--runs", "50", "--quiet", "--assert")
    assert code == 0 and "all gates pass" in err


def test_trace_explains_a_game_turn_by_turn(tutorial):
    text = trace(tutorial, 1)
    assert text.count("── Week") >= 2
    assert "✓ tut_timing" in text and "drawn" in text
    assert "not eligible: when turn >= 3 → false" in text  # the condition and its value then
    assert "Moscow signals:" in text
    assert "because" in text  # every change says why
    assert "Endings checked" in text and "Ending:" in text
    assert trace(tutorial, 1) == text  # same seed, same story


def test_trace_matches_the_simulated_game(tutorial):
    from redline.sim import play

    state, decisions = play(tutorial, 5, "greedy")
    text = trace(tutorial, 5, "greedy")
    for card, option, _ in decisions:
        assert f"Decide {card}:" in text and f"chooses {option}" in text
    assert f"({state.ending.id})" in text and f"Score: {state.score:g}" in text


def test_trace_from_the_command_line(cli):
    code, out, _ = cli("simulate", "tutorial", "--trace", "3", "--policy", "dove")
    assert code == 0 and "policy dove" in out and "Ending:" in out
