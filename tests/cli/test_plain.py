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


def test_a_number_typed_where_enter_was_asked_is_the_next_choice(tmp_path):
    """`printf '1\\n\\n2\\n'`: the 1 typed at the briefing's Enter chooses week 1's option 1, the
    empty line goes on from the report, the 2 chooses week 2's option 2 (the 1 was once taken
    by the briefing, and the 2 deployed troops in week 1)."""
    done = _play(["tutorial", "--seed", "1"], "1\n\n2\n", tmp_path)
    assert done.returncode == 0, done.stderr
    actions = read_save(tmp_path / "autosave-tutorial.json").actions
    assert [a.option for a in actions] == ["post_ceasefire", actions[1].option]
    assert len(actions) == 2
    second = done.stdout.split("Choose 1-", 2)[-1]
    assert "Type a number" not in done.stdout and second


def test_help_and_quit_at_any_prompt(tmp_path):
    done = _play(["reassurance-force", "--seed", "3"], "\nhelp\n1\nstatus\nquit\n", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Commands: help" in done.stdout and done.stdout.count("Kremlin escalation:") >= 3
    # Moscow's panel in lines: the rung, and each red line read as the game reads it
    assert "Moscow's ladder: " in done.stdout
    assert "Red line SAFE" in done.stdout or "Red line NEAR" in done.stdout
    assert "The game is saved in" in done.stdout
    assert len(read_save(tmp_path / "autosave-reassurance-force.json").actions) == 1


def test_ctrl_c_saves_the_months_decisions(tmp_path):
    import os
    import select
    import signal
    import time

    proc = subprocess.Popen(
        [sys.executable, "-m", "redline", "play", "reassurance-force", "--seed", "3", "--plain"]
        + ["--saves", str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(b"\n1\n")  # begin, then the month's first card: no autosave yet
    proc.stdin.flush()
    seen = b""
    deadline = time.monotonic() + 120
    while seen.count(b"Choose 1-") < 2 and time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 1)
        if ready:
            seen += os.read(proc.stdout.fileno(), 65536)
    assert seen.count(b"Choose 1-") == 2, seen[-400:]
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert b"Interrupted. The game is saved in" in seen + out
    assert len(read_save(tmp_path / "autosave-reassurance-force.json").actions) == 1


def test_lines_wrap_between_words_at_the_terminals_width():
    from redline.plain import _wrap

    text = "  3. " + "word " * 30 + "\n- a short line"
    wrapped = _wrap(text, 40)
    lines = wrapped.split("\n")
    assert all(len(line) <= 40 for line in lines)
    assert lines[0].startswith("  3. word") and lines[1].startswith("     word")  # hangs under its text
    assert lines[-1] == "- a short line"
    assert _wrap(text, None) == text  # a pipe gets whole lines
