"""The one plain-words renderer: conditions, causes, later consequences and sources."""

from __future__ import annotations

from pathlib import Path

from redline.content import load_scenario
from redline.report import words

CONTENT = Path(__file__).resolve().parents[2] / "content" / "scenarios"


def test_causes_and_laters_are_said_in_the_scenarios_words():
    sc = load_scenario(CONTENT / "reassurance-force")
    assert words.cause("because ceasefire and stability >= 35", sc) == (
        "because “Ceasefire in force” and Ceasefire stability ≥ 35"
    )
    assert words.cause("chance 30% when ad_hoc", sc).startswith("chance 30% when “")
    assert words.event_text("In 1 turn(s): X", sc, 3) == "Next month: X"
    assert words.event_text("In 3 turn(s): X", sc, 3) == "In 3 months: X"
    last = sc.info.turns
    assert words.event_text("In 2 turn(s): X", sc, last - 1).startswith("Too late to matter")


def test_a_source_is_its_article_never_its_file():
    sc = load_scenario(CONTENT / "reassurance-force")
    file = next(iter(sc.info.articles))
    said = words.article(file, sc)
    assert file not in said and sc.info.articles[file].headline in said
    assert words.article("999_unknown.txt", sc) == "an article the scenario cites"
    assert words.date_words("2025-09-06") == "6 September 2025"
