"""The authoring tools speak plainly: counts with their noun in the right number (never
"(s)"), the scenario's own word for a turn, a possessive that fits a plural name, ranges
said in words, advice that fits the value, and `redline new NAME` as a shortcut."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

from redline.content import load_scenario
from redline.content.errors import ContentErrors
from redline.engine import Game
from redline.sim.text import format_report
from redline.sim.trace import trace
from redline.tui.reload import reload_keeping

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "content" / "scenarios"
S_PLURAL = re.compile(r"\w\(s\)")


def test_trace_says_later_consequences_in_the_scenarios_unit():
    sc = load_scenario(SCENARIOS / "reassurance-force")
    text = "\n".join(trace(sc, seed) for seed in (1, 2, 3))
    assert not S_PLURAL.search(text)
    scheduled = [line for line in text.splitlines() if line.strip().startswith("scheduled:")]
    assert scheduled and all("turn" not in line.split(":", 2)[1] for line in scheduled), scheduled
    assert any(re.search(r"scheduled: (In \d+ months|Next month|Too late)", line) for line in scheduled)
    # an outcome line does not say "outcome" twice; a partial one says so in words
    outcomes = [line for line in text.splitlines() if line.strip().startswith("outcome:")]
    assert outcomes and not any(line.endswith("(outcome)") or line.endswith("(partial)") for line in outcomes)


def test_simulate_tables_use_the_scenarios_unit(cli):
    code, out, _ = cli("simulate", "reassurance-force", "--runs", "20", "--quiet")
    assert code == 0
    assert "Month of ending" in out and "Meters by month" in out and "Turn of ending" not in out
    assert re.search(r"^  month\s+0\s+1", out, re.M), out
    report = {
        "scenario": "x",
        "runs": 1,
        "policy": "random",
        "seed": 1,
        "endings": {},
        "ending_share": {},
        "end_turn": {},
        "mean_score": 0,
        "score_spread": 0,
        "score_min": 0,
        "score_max": 0,
        "cards": {},
        "coverage": dict.fromkeys(
            [
                "cards_unreached",
                "options_unreached",
                "events_unfired",
                "red_lines_uncrossed",
                "endings_unreached",
            ],
            [],
        ),
        "dominant_options": [],
        "meters_by_turn": {},
    }
    assert format_report(report, "Week").startswith("x: 1 game, ")


def test_reload_counts_moves_in_the_right_number(tmp_path):
    folder = tmp_path / "tutorial"
    shutil.copytree(SCENARIOS / "tutorial", folder)
    game = Game.start(load_scenario(folder), 11)
    game.apply(game.state.legal_actions()[0])
    _, message, _ = reload_keeping(game, folder)
    assert "replayed the one move" in message and "actions" not in message, message
    game.apply(game.state.legal_actions()[0])
    _, message, _ = reload_keeping(game, folder)
    assert "replayed all 2 moves" in message, message


def test_graph_counts_links_and_says_a_plural_possessive(cli, tmp_path):
    folder = tmp_path / "rf"
    shutil.copytree(SCENARIOS / "reassurance-force", folder)
    sc = load_scenario(folder)
    code, html, _ = cli("graph", str(folder))
    assert code == 0
    summary = re.search(r"<p>(.*?)</p>", html, re.S)[1]
    assert "cards unlocked by other cards" not in summary
    links = int(re.search(r"([\d,]+) links? between cards", summary)[1].replace(",", ""))
    unlocked = int(re.search(r"\(([\d,]+) cards? unlocked by another card\)", summary)[1])
    assert unlocked <= len(sc.cards) < links  # the links outnumber the cards; what is unlocked does not
    assert "Nordic states&#39; reactions" in html and "states&#39;s" not in html
    code, dot, _ = cli("graph", str(folder), "--format", "dot")
    assert "Nordic states' reactions" in dot and "states's" not in dot


def test_new_takes_the_documented_form_and_the_short_one(cli, tmp_path):
    code, out, _ = cli("new", "my-scenario", "--dir", str(tmp_path))
    assert code == 0 and (tmp_path / "my-scenario" / "scenario.yaml").is_file(), out
    code, _, _ = cli("new", "scenario", "other", "--dir", str(tmp_path))
    assert code == 0 and (tmp_path / "other").is_dir()
    code, _, err = cli("new", "--dir", str(tmp_path))
    assert code == 2 and "redline new scenario NAME" in err and "kind" not in err
    code, _, err = cli("new", "thing", "x", "--dir", str(tmp_path))
    assert code == 2 and "redline new scenario NAME" in err and "invalid choice" not in err
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "redline new scenario NAME" in readme and "redline new NAME" in readme


def _load_error(scenario_dir, score: str, name: str) -> str:
    folder = scenario_dir(('score: "calm - escalation"', f'score: "{score}"'), name=name)
    try:
        load_scenario(folder)
    except ContentErrors as exc:
        return str(exc)
    raise AssertionError("loaded")


def test_a_division_by_a_value_that_can_be_negative_is_not_told_to_use_max(scenario_dir):
    message = _load_error(scenario_dir, "100 / (calm - 50)", "spans")  # calm stays between 44 and 53
    assert "RL203" in message and "stays between −6 and 3" in message, message
    assert "divide by max(..., 1)" not in message and "!= 0" in message
    message = _load_error(scenario_dir, "100 / (calm - 44)", "above")  # never negative: max(..., 1) is right
    assert "stays between 0 and 9" in message and "divide by max(..., 1)" in message, message


def _strings(tree: ast.AST) -> list[tuple[int, str]]:
    """Every string literal (f-strings too) but docstrings, with its line."""
    docs = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
    ]


def test_no_count_in_the_source_is_said_with_s_in_brackets():
    found = []
    for path in sorted((ROOT / "src" / "redline").rglob("*.py")):
        for line, text in _strings(ast.parse(path.read_text(encoding="utf-8"))):
            if S_PLURAL.search(text) and not (path.name == "state.py" and " turn(s): " in text):
                found.append(f"{path.relative_to(ROOT)}:{line}: {text!r}")
    # the engine's record says "In 2 turn(s): ..."; `Said` puts it in the scenario's words
    assert not found, "\n".join(found)
