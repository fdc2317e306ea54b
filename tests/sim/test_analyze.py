"""`analyze`: its figures hold together, and do not depend on who played the games."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from redline.content import load_scenario
from redline.content.errors import ContentErrors
from redline.sim.analyze import Plan, analyze, success_endings

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "content" / "scenarios" / "tutorial"


@pytest.fixture(scope="module")
def report(tutorial):
    return analyze(tutorial, Plan(400, 7, rollout_runs=10, rollout=4), workers=1)


def test_report_has_the_named_keys(report):
    for key in ("options", "topics", "red_lines", "policies"):
        assert key in report
    for o in report["options"]:
        assert set(o) == {"card", "option", "topic", "games", "success_rate", "mean_score"}
    for t in report["topics"].values():
        assert {"effect", "card", "best", "worst", "cards_measured"} <= set(t)
    for rl in report["red_lines"].values():
        assert {"crossed_share", "success_if_crossed", "success_if_kept"} <= set(rl)
    assert list(report["policies"]) == ["random", "greedy", "rollout:4"]
    for p in report["policies"].values():
        assert {"games", "mean_score", "ci95", "success_rate"} <= set(p)


def test_every_option_and_topic_and_red_line_is_listed(tutorial, report):
    assert [(o["card"], o["option"]) for o in report["options"]] == [
        (c.id, o.id) for c in tutorial.cards for o in c.options
    ]
    assert set(report["topics"]) == {c.model.topic for c in tutorial.cards}
    assert list(report["red_lines"]) == [r.id for r in tutorial.red_lines]


def _rates(report):
    yield report["success_rate"]
    for o in report["options"]:
        yield o["success_rate"]
    for rl in report["red_lines"].values():
        yield from (rl["crossed_share"], rl["success_if_crossed"], rl["success_if_kept"])
    for p in report["policies"].values():
        yield p["success_rate"]
    for t in report["topics"].values():
        yield t["effect"]


def test_rates_are_shares(report):
    rates = [r for r in _rates(report) if r is not None]
    assert rates and all(0.0 <= r <= 1.0 for r in rates)


def test_option_games_add_up_to_the_games_the_card_was_reached(tutorial, report):
    for card in tutorial.cards:
        assert not card.model.repeatable  # a repeated card may count a game under two options
        games = sum(o["games"] for o in report["options"] if o["card"] == card.id)
        assert games == report["cards"][card.id]["reached"] <= report["runs"]
    assert any(c["reached"] for c in report["cards"].values())


def test_effect_is_the_largest_best_minus_worst_spread(tutorial, report):
    least = report["min_games"]
    for topic, t in report["topics"].items():
        spreads = {}
        for card in (c for c in tutorial.cards if c.model.topic == topic):
            rates = [
                o["success_rate"] for o in report["options"] if o["card"] == card.id and o["games"] >= least
            ]
            if len(rates) >= 2:
                spreads[card.id] = round(max(rates) - min(rates), 4)
        if not spreads:
            assert t["effect"] is None and t["card"] is None
            continue
        assert t["effect"] == max(spreads.values())
        assert spreads[t["card"]] == t["effect"]
        assert t["cards_measured"] == len(spreads)


def test_red_line_rates_recombine_into_the_whole(report):
    n = report["runs"]
    whole = report["success_rate"]
    for rl in report["red_lines"].values():
        crossed = rl["crossed"]
        assert rl["crossed_share"] == round(crossed / n, 4)
        parts = (rl["success_if_crossed"] or 0) * crossed + (rl["success_if_kept"] or 0) * (n - crossed)
        assert abs(parts / n - whole) < 1e-3


def test_the_ladder_interval_holds_its_mean(report):
    for name, p in report["policies"].items():
        lo, hi = p["ci95"]
        assert lo <= p["mean_score"] <= hi, name
    assert report["policies"]["random"]["mean_score"] == report["mean_score"]
    assert report["policies"]["rollout:4"]["games"] == 10


def test_the_same_for_any_worker_count(tutorial, report):
    again = analyze(tutorial, Plan(400, 7, rollout_runs=10, rollout=4), workers=2)
    assert json.dumps(again) == json.dumps(report)


def test_another_seed_gives_other_games(tutorial, report):
    other = analyze(tutorial, Plan(400, 8, rollout_runs=0), workers=1)
    assert other["options"] != report["options"]
    assert "rollout:4" not in other["policies"]


def test_success_comes_from_the_endings_marked(tutorial):
    ids, _ = success_endings(tutorial)
    assert ids == [e.id for e in tutorial.endings if e.model.success]
    assert ids and all(e.model.kind == "outcome" for e in tutorial.endings if e.id in ids)


def test_without_marks_every_outcome_ending_is_a_success(tmp_path):
    folder = tmp_path / "tutorial"
    shutil.copytree(TUTORIAL, folder)
    p = folder / "endings.yaml"
    p.write_text(p.read_text().replace("    success: true\n", ""))
    scenario = load_scenario(folder)
    ids, why = success_endings(scenario)
    assert ids == [e.id for e in scenario.endings if e.model.kind == "outcome"]
    assert "outcome" in why


def test_a_failure_cannot_be_a_success(tmp_path):
    folder = tmp_path / "tutorial"
    shutil.copytree(TUTORIAL, folder)
    p = folder / "endings.yaml"
    before = p.read_text()
    p.write_text(before.replace("    kind: failure\n", "    kind: failure\n    success: true\n", 1))
    with pytest.raises(ContentErrors) as exc:
        load_scenario(folder)
    [error] = exc.value.errors
    assert "endings.yaml" in str(error) and "cannot be marked success" in str(error)


def test_the_command_lines_defaults_are_the_analysis_own() -> None:
    from redline import cli_analyze
    from redline.sim import analyze

    assert (cli_analyze.MIN_GAMES, cli_analyze.ROLLOUT, cli_analyze.ROLLOUT_RUNS) == (
        analyze.MIN_GAMES,
        analyze.ROLLOUT,
        analyze.ROLLOUT_RUNS,
    )
