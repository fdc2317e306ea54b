"""`redline analyze` and `simulate --policy rollout:N` from the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args, code=None):
    cmd = [sys.executable, "-m", "redline", *args] if code is None else [sys.executable, "-c", code, *args]
    proc = subprocess.run(
        cmd, capture_output=True, text=True, cwd=ROOT, stdin=subprocess.DEVNULL, timeout=120
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_analyze_json_has_the_named_figures():
    proc = run("analyze", "tutorial", "--runs", "200", "--rollout-runs", "4", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # no progress bar when stderr is not a terminal
    r = json.loads(proc.stdout)
    assert r["runs"] == 200 and r["scenario"] == "tutorial"
    assert {"options", "topics", "red_lines", "policies"} <= set(r)
    assert list(r["policies"]) == ["random", "greedy", "rollout:16"]
    assert r["success_endings"] == ["tut_reassurance", "tut_offshore", "tut_no_deal"]


def test_analyze_text_is_tables():
    proc = run("analyze", "tutorial", "--runs", "200", "--rollout-runs", "0")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for heading in ("Policy ladder", "Topics", "Red lines", "Options"):
        assert heading in out
    assert "tut_timing.deploy_now" in out and "troops_at_war" in out
    assert "rollout" not in out.split("Topics")[0]  # --rollout-runs 0 leaves the rung out


def test_analyze_is_the_same_for_any_worker_count():
    args = ("analyze", "tutorial", "--runs", "300", "--rollout-runs", "4", "--format", "json")
    assert run(*args, "--workers", "1").stdout == run(*args, "--workers", "2").stdout


def test_simulate_rollout_from_the_command_line():
    args = ("simulate", "tutorial", "--runs", "8", "--policy", "rollout:2", "--format", "json")
    one = run(*args, "--workers", "1")
    assert one.returncode == 0, one.stderr
    assert json.loads(one.stdout)["policy"] == "rollout:2"
    assert run(*args, "--workers", "2").stdout == one.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["simulate", "tutorial", "--policy", "rollout:0"],
            "--policy rollout:0: N in rollout:N must be from 1",
        ),
        (["simulate", "tutorial", "--policy", "rollout:x"], "must be a whole number, not 'x'"),
        (["simulate", "tutorial", "--policy", "rollout:"], "must be a whole number, not empty"),
        (["simulate", "tutorial", "--policy", "reckless"], "invalid choice"),
        (["simulate", "tutorial", "--scheduler", "nonsense"], "--scheduler nonsense: missing port"),
        (["analyze", "nowhere"], "no scenario 'nowhere'"),
        (["analyze", "tutorial", "--runs", "0"], "at least 1"),
        (["analyze", "tutorial", "--rollout-runs", "-1"], "must be 0 or more"),
        (["analyze", "tutorial", "--min-games", "zero"], "not a whole number"),
        (["analyze", "tutorial", "--format", "xml"], "invalid choice"),
        (["analyze", "tutorial", "--workers", "0"], "or 'auto'"),
        (["analyze", "tutorial", "--scheduler", "foo://a:1"], "unknown protocol 'foo'"),
    ],
)
def test_bad_arguments_exit_2_with_a_message(args, message):
    proc = run(*args)
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr
    assert proc.stdout == ""


def test_policy_errors_are_one_line():
    proc = run("simulate", "tutorial", "--policy", "rollout:0")
    assert proc.stderr.count("\n") == 1


def test_scheduler_without_dask_names_the_extra():
    # Dask made unimportable, as where the [cluster] extra is not installed.
    code = (
        "import sys; sys.modules['dask'] = None; sys.modules['distributed'] = None\n"
        "sys.modules['dask.distributed'] = None\n"
        "from redline.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    for cmd in ("analyze", "simulate"):
        proc = run(cmd, "tutorial", "--runs", "5", "--scheduler", "tcp://127.0.0.1:8786", code=code)
        assert proc.returncode == 1
        assert "redline[cluster]" in proc.stderr and proc.stderr.count("\n") == 1
        assert proc.stdout == ""
