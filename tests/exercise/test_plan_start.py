"""`play --facilitate --plan` and `host --plan`: a bad plan is refused before anything starts."""

from __future__ import annotations

import re

import pytest

from redline.cli import main

BAD = """\
plan:
  scenario: tutorial
  seats:
    - {role: kyvi, team: Yellow}
"""


@pytest.mark.parametrize("argv", [["play", "--facilitate", "--plan"], ["host", "--plan"]])
def test_a_bad_plan_says_where_and_starts_nothing(argv, tmp_path, capsys):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    saves = tmp_path / "saves"
    assert main([*argv, str(path), "--saves", str(saves)]) == 1
    err = capsys.readouterr().err
    assert re.search(r"bad\.yaml:4:\d+: RL104 unknown role 'kyvi'", err), err
    assert "nothing started" in err and "Traceback" not in err
    assert not saves.exists() or not any(saves.iterdir())


def test_a_missing_plan_is_one_line(tmp_path, capsys):
    assert main(["host", "--plan", str(tmp_path / "none.yaml")]) == 1
    assert "no such file" in capsys.readouterr().err


GOOD = """\
plan:
  scenario: tutorial
  seats:
    - {role: moscow, team: The Kremlin Desk, red_cell: true}
"""


def test_the_deck_scoring_card_says_who_plays_moscow(tmp_path, capsys):
    plan = tmp_path / "plan.yaml"
    plan.write_text(GOOD, encoding="utf-8")
    assert main(["deck", "--plan", str(plan), "-o", str(tmp_path / "deck.html")]) == 0
    page = (tmp_path / "deck.html").read_text(encoding="utf-8")
    assert "Who plays Moscow</dt><dd>The Kremlin Desk, the red cell" in page
    assert "Rung 1 of " in page and "0 is the lowest" not in page  # counted from 1, as the game does
    assert main(["deck", "tutorial", "-o", str(tmp_path / "plain.html")]) == 0
    plain = (tmp_path / "plain.html").read_text(encoding="utf-8")
    assert "otherwise the game, with its seeded dice" in plain
    assert main(["deck"]) == 2
