"""`redline play --plain`: lines of plain text, numbered choices, the same saves; end of input
quits cleanly after an autosave."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from redline.saves import read_save


def _play(args: list[str], text: str, saves: Path, env_extra: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return subprocess.run(
        [sys.executable, "-m", "redline", "play", *args, "--plain", "--saves", str(saves)],
        input=text,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_yes_1_plays_the_tutorial_to_an_ending_without_an_escape_byte(tmp_path):
    done = _play(["tutorial", "--seed", "1"], "1\n" * 200, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout and "\x1b" not in done.stderr
    assert "== The end: " in done.stdout and "Score: " in done.stdout
    assert "Choose 1-" in done.stdout
    assert "000_" not in done.stdout and "004_" not in done.stdout  # sources as their articles
    assert read_save(tmp_path / "autosave-tutorial.json").scenario == "tutorial"


def test_the_same_seed_and_answers_give_the_same_game(tmp_path):
    a = _play(["tutorial", "--seed", "4"], "\n2\n\n1\n\n2\n\n1\n\n2\n\n1\n" + "1\n" * 50, tmp_path / "a")
    b = _play(["tutorial", "--seed", "4"], "\n2\n\n1\n\n2\n\n1\n\n2\n\n1\n" + "1\n" * 50, tmp_path / "b")
    assert a.returncode == b.returncode == 0
    assert a.stdout.replace(str(tmp_path / "a"), "") == b.stdout.replace(str(tmp_path / "b"), "")


def test_end_of_input_mid_game_autosaves_and_the_tui_can_load_it(tmp_path):
    done = _play(["tutorial", "--seed", "1"], "\n2\n", tmp_path)  # begin, one decision, then nothing
    assert done.returncode == 0, done.stderr
    assert "Input ended" in done.stdout and "--load" in done.stdout
    save = tmp_path / "autosave-tutorial.json"
    data = read_save(save)
    assert len(data.actions) == 1
    again = _play(["--load", str(save)], "1\n" * 200, tmp_path)
    assert again.returncode == 0 and "== The end: " in again.stdout


def test_a_wrong_answer_asks_again(tmp_path):
    done = _play(["tutorial", "--seed", "1"], "\n9\nx\n1\n", tmp_path)
    assert done.stdout.count("Type a number from 1 to") == 2
    assert done.returncode == 0
