"""The command line: clear messages, the right exit codes, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args, cwd=ROOT, env=None):
    proc = subprocess.run(
        [sys.executable, "-m", "redline", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_version_says_how_the_engine_runs():
    from redline import __version__, native

    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout == f"redline {__version__} (engine: {native.build()})\n"


def test_scenarios_lists_the_tutorial():
    proc = run("scenarios")
    assert proc.returncode == 0
    assert "tutorial" in proc.stdout


def test_simulate_is_deterministic_and_seed_sensitive():
    a = run("simulate", "tutorial", "--runs", "300", "--seed", "1", "--format", "json")
    b = run("simulate", "tutorial", "--runs", "300", "--seed", "1", "--format", "json")
    c = run("simulate", "tutorial", "--runs", "300", "--seed", "2", "--format", "json")
    assert a.returncode == 0 and a.stdout == b.stdout
    assert a.stdout != c.stdout
    report = json.loads(a.stdout)
    assert report["runs"] == 300 and report["seed"] == 1
    assert sum(report["endings"].values()) == 300
    assert isinstance(report["mean_score"], float)
    assert "cards_unreached" in report["coverage"] and "options_unreached" in report["coverage"]


def test_simulate_workers_give_identical_json():
    one = run("simulate", "tutorial", "--runs", "600", "--seed", "4", "--format", "json", "--workers", "1")
    two = run("simulate", "tutorial", "--runs", "600", "--seed", "4", "--format", "json", "--workers", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout


def test_simulate_save_then_replay(tmp_path):
    save = tmp_path / "first.json"
    proc = run("simulate", "tutorial", "--runs", "5", "--save", str(save), "--format", "json")
    assert proc.returncode == 0 and save.exists()
    replay = run("replay", str(save))
    assert replay.returncode == 0
    assert "Ending:" in replay.stdout and "score" in replay.stdout
    assert "Week" in replay.stdout


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["simulate", "nowhere"], 2, "no scenario 'nowhere'"),
        (["simulate", "tutorial", "--runs", "zero"], 2, "not a whole number"),
        (["simulate", "tutorial", "--runs", "0"], 2, "at least 1"),
        (["simulate", "tutorial", "--policy", "reckless"], 2, "invalid choice"),
        (["replay", "/nonexistent/save.json"], 1, "cannot read"),
        (["validate", "/nonexistent/folder"], 2, "no such file or folder"),
        (["frobnicate"], 2, "invalid choice"),
    ],
)
def test_bad_input_gets_a_message_and_exit_code(args, code, message):
    proc = run(*args)
    assert proc.returncode == code, proc.stderr
    assert message in proc.stderr


def test_validate_clean_and_broken(tmp_path):
    import shutil

    ok = run("validate", "content/scenarios/tutorial")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    broken = tmp_path / "tut"
    shutil.copytree(ROOT / "content" / "scenarios" / "tutorial", broken)
    p = broken / "meters.yaml"
    p.write_text(p.read_text().replace("start: 35", "start: [35"))
    before = p.read_bytes()
    proc = run("validate", str(broken))
    assert proc.returncode == 1
    line = proc.stdout.splitlines()[0]
    assert "meters.yaml:" in line and "RL001" in line
    assert p.read_bytes() == before
