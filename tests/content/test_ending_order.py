"""The order endings are written in changes nothing but their places in the files.

The engine tries endings by priority, highest first (engine/endings.py `in_order`); every
face that lists them (the simulator's report and trace, the analysis, the card deck, the
authoring warnings) lists them in that order too, whatever order the files give them in.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from redline.content import load_scenario
from redline.content.lint import lint
from redline.engine.endings import in_order
from redline.report.deck import render_deck
from redline.sim import simulate
from redline.sim.analyze import success_endings
from redline.sim.trace import trace

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    """The tutorial as shipped, and a copy with its endings written in reverse order."""
    root = tmp_path_factory.mktemp("order")
    as_written = root / "as-written"
    reversed_ = root / "reversed"
    for folder in (as_written, reversed_):
        shutil.copytree(CONTENT / "scenarios" / "tutorial", folder)
    path = reversed_ / "endings.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["endings"].reverse()
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_scenario(as_written), load_scenario(reversed_)


def test_the_files_really_differ_in_order(pair):
    first, second = pair
    priorities = [e.model.priority for e in in_order(first.endings)]
    assert len(set(priorities)) > 1  # else the order would be the files' either way
    assert (
        first.places[("endings", first.endings[0].id)].at()[0]
        != (second.places[("endings", first.endings[0].id)].at()[0])
    )


def test_the_engine_tries_them_in_the_same_order(pair):
    first, second = pair
    assert [e.id for e in in_order(first.endings)] == [e.id for e in in_order(second.endings)]


def test_simulator_report_and_trace_are_the_same(pair):
    first, second = pair
    a, b = simulate(first, 60, seed=7), simulate(second, 60, seed=7)
    a.pop("content_hash"), b.pop("content_hash")
    assert list(a["endings"]) == [e.id for e in in_order(first.endings)]
    assert a == b
    assert list(a["endings"]) == list(b["endings"])  # dict equality ignores order; JSON does not
    assert a["coverage"]["endings_unreached"] == b["coverage"]["endings_unreached"]
    assert trace(first, 7) == trace(second, 7)


def test_analysis_lists_success_the_same(pair):
    first, second = pair
    assert success_endings(first) == success_endings(second)


def test_deck_ranks_endings_in_the_order_they_are_checked(pair):
    first, second = pair
    assert render_deck(first) == render_deck(second)


def test_warnings_judge_endings_in_the_order_they_are_checked(pair):
    first, second = pair
    # Only the endings' places move; every warning says the same things.
    assert sorted((w.code, w.message) for w in lint(first)) == sorted(
        (w.code, w.message) for w in lint(second)
    )
