"""The deck made with a session plan: it says once who plays Moscow and how Moscow decides (a
human red cell, or the game's dice), and when the plan keeps the red lines from the players it
neither prints them nor names them in a condition, as the teams' briefs do."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from redline.cli import main
from redline.report.words import condition

PLAN = """\
plan:
  scenario: reassurance-force
  hide_red_lines: {hide}
  seats:
    - {{role: coalition_lead, team: Blue}}
    - {{role: kyiv, team: Gold}}
    - {{role: moscow, team: {moscow}, red_cell: {red_cell}}}
"""


def _deck(
    tmp_path: Path, *extra: str, hide: bool = True, moscow: str = "Red cell", red_cell: bool = True
) -> str:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        PLAN.format(hide=str(hide).lower(), moscow=moscow, red_cell=str(red_cell).lower()), encoding="utf-8"
    )
    out = tmp_path / "deck.html"
    assert main(["deck", "--plan", str(plan), "-o", str(out), "--force", *extra]) == 0
    return out.read_text(encoding="utf-8")


def _words(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.fixture(scope="module")
def main_scenario(shipped):
    return next(sc for sc in shipped if sc.id == "reassurance-force")


def test_a_plan_that_hides_the_red_lines_makes_a_deck_that_never_names_them(tmp_path, main_scenario):
    page = _deck(tmp_path)
    words = _words(page)
    assert "card-red_line" not in page  # no red line card
    assert "red line “" not in words  # no formula names one
    for rl in main_scenario.red_lines:
        assert rl.model.label not in words, rl.model.label
    assert "a hidden condition" in words  # the odds that hang on one say so, and no more
    assert "a hidden condition or a hidden condition" not in words
    brief = tmp_path / "kyiv.html"
    assert main(["brief", str(tmp_path / "plan.yaml"), "--seat", "kyiv", "-o", str(brief)]) == 0
    assert not any(rl.model.label in brief.read_text(encoding="utf-8") for rl in main_scenario.red_lines)


def test_the_red_lines_are_in_the_deck_when_the_plan_shows_them_and_in_the_facilitators_copy(
    tmp_path, main_scenario
):
    for page in (_deck(tmp_path, hide=False), _deck(tmp_path, "--effects")):
        words = _words(page)
        assert "card-red_line" in page and "red line “" in words
        assert all(rl.model.label in words for rl in main_scenario.red_lines)


def test_the_scoring_card_says_once_who_plays_moscow_and_that_the_red_cell_decides(tmp_path):
    words = _words(_deck(tmp_path))
    assert "Who plays Moscow Red cell The ladder" in words and "Red cell, the red cell" not in words
    moscow = re.search(r"Moscow \(red cell\) — (.*?) Source:", words)
    assert moscow is not None and "(red cell)" not in moscow.group(1), words  # in its name already
    assert "then the red cell decides whether to carry one out" in words
    assert "carries one out with chance" not in words  # untrue when people decide


def test_without_a_red_cell_the_game_rolls_for_moscow(tmp_path):
    words = _words(_deck(tmp_path, moscow="Nobody", red_cell=False))
    assert "Who plays Moscow the game, with its seeded dice" in words
    assert "then carries one out with chance" in words and "the red cell decides" not in words


def test_a_condition_says_a_hidden_red_line_as_a_hidden_condition(main_scenario):
    rl = main_scenario.red_lines[0]
    text = f"0.2 if crossed.{rl.id} or crossed.{main_scenario.red_lines[1].id} else 0"
    assert f"red line “{rl.model.label}” crossed" in condition(text, main_scenario)
    assert condition(text, main_scenario, hide_red_lines=True) == "0.2 if a hidden condition else 0"


@pytest.mark.parametrize("show_odds", [False, True])
def test_a_plan_that_hides_the_odds_gives_the_players_deck_none(tmp_path, show_odds):
    """With `show_odds: false` the players' screen says "odds hidden by the facilitator"; the
    deck made from that plan gives each outcome without its chance, as the screen names it."""
    plan = tmp_path / "plan.yaml"
    text = (
        PLAN.format(hide="false", moscow="Red cell", red_cell="true")
        + f"  show_odds: {str(show_odds).lower()}\n"
    )
    plan.write_text(text, encoding="utf-8")
    out = tmp_path / "deck.html"
    assert main(["deck", "--plan", str(plan), "-o", str(out), "--force"]) == 0
    page = out.read_text(encoding="utf-8")
    chances = re.findall(r'<span class="pct">([^<]*)</span>', page)
    assert chances, "the deck lists outcomes"
    assert all(c == "?" for c in chances) is (not show_odds)
    assert "Russia vetoes" in _words(page)  # the outcomes are still there, by name
    facilitator = tmp_path / "white.html"
    assert main(["deck", "--plan", str(plan), "--effects", "-o", str(facilitator), "--force"]) == 0
    assert any("%" in c for c in re.findall(r'<span class="pct">([^<]*)</span>', facilitator.read_text()))
