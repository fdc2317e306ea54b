"""`redline graph` (DOT, HTML, SVG) and `redline where`."""

from __future__ import annotations

import re
from pathlib import Path

import pydot
import pytest

# pydot's parser is built with names pyparsing has since renamed
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "content" / "scenarios" / "tutorial"


def test_graph_tutorial_dot_is_valid_dot(cli):
    code, out, _ = cli("graph", "tutorial", "--format", "dot")
    assert code == 0
    (graph,) = pydot.graph_from_dot_data(out)
    names = {n.get_name().strip('"') for n in graph.get_nodes()}
    assert {"card:tut_timing", "flag:troops_deployed", "meter:escalation", "ending:tut_spiral"} <= names
    edges = {
        (e.get_source().strip('"'), e.get_destination().strip('"'), e.get_label()) for e in graph.get_edges()
    }
    # the deploy card sets the flag; the red line on foreign troops reads it
    assert ("card:tut_timing", "flag:troops_deployed", "sets") in edges
    assert any(
        s == "flag:troops_deployed" and d.startswith("red_line:") and lab == "reads" for s, d, lab in edges
    )
    # a card that sets what another card's condition reads unlocks it
    assert any(s == "card:tut_timing" and d.startswith("card:") and "unlocks" in lab for s, d, lab in edges)


def test_graph_dot_quotes_every_label(cli, scenario_dir):
    folder = scenario_dir(("title: Deploy now?", 'title: Deploy "now" \\\\ or later?'))
    code, out, _ = cli("graph", str(folder), "--format", "dot")
    assert code == 0 and pydot.graph_from_dot_data(out)


def test_graph_html_is_self_contained(cli, tmp_path):
    target = tmp_path / "graph.html"
    code, _, err = cli("graph", "reassurance-force", "-o", str(target))
    assert code == 0 and "Wrote" in err
    html = target.read_text(encoding="utf-8")
    assert "<svg" in html and "Cards that unlock cards" in html
    # nothing fetched from anywhere: no scripts, stylesheets or images by address
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<script" not in html
    assert "http://www.w3.org/2000/svg" in html  # the SVG namespace is a name, not a fetch


def test_graph_svg_without_graphviz_says_so(cli, tmp_path, monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    code, out, err = cli("graph", "tutorial", "--format", "svg")
    assert code == 0 and out.startswith("<svg") and "dot" in err


def test_graph_refuses_an_unknown_scenario_and_a_missing_folder(cli, tmp_path):
    code, _, err = cli("graph", "no_such_scenario")
    assert code == 2 and "no scenario 'no_such_scenario'" in err
    code, _, err = cli("graph", "tutorial", "-o", str(tmp_path / "nowhere" / "g.html"))
    assert code == 2 and "does not exist" in err


def test_where_lists_definition_and_every_use(cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, _ = cli("where", "troops_deployed", "tutorial")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "tutorial:" and lines[1] == "flag 'troops_deployed':"
    assert re.match(r"  content/scenarios/tutorial/\w+\.yaml:\d+: defined$", lines[2])
    assert any("set by card 'tut_timing' (effects)" in line for line in lines)
    assert any("read by ending" in line for line in lines)
    for line in lines[2:]:
        file, lineno = line.strip().split(":")[:2]
        text = (ROOT / file).read_text().splitlines()[int(lineno) - 1]
        assert "troops_deployed" in text, line
    code, out, err = cli("where", "no_such_id")
    assert code == 1 and "not defined or used" in err


def test_where_places_a_use_inside_an_expression_written_over_several_lines(cli, tmp_path):
    """A `>-` block or wrapped text: each name is found on its own line, not on the key's."""
    import shutil

    folder = tmp_path / "rf2"
    shutil.copytree(ROOT / "content" / "scenarios" / "reassurance-force", folder)
    scenario = folder / "scenario.yaml"
    scenario.write_text(scenario.read_text(encoding="utf-8").replace("id: reassurance-force", "id: rf2", 1))
    lines = (folder / "events.yaml").read_text(encoding="utf-8").splitlines()
    used = [n for n, line in enumerate(lines, 1) if "crossed.troops_at_war" in line]
    assert used and not lines[used[0] - 1].lstrip().startswith("chance:")  # a continuation line
    code, out, _ = cli("where", "troops_at_war", str(folder))
    assert code == 0
    assert any(f"events.yaml:{used[0]}: read by event" in line for line in out.splitlines()), out
