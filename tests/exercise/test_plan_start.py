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
