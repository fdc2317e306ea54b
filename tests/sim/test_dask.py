"""On a Dask cluster the reports are byte-identical to the local ones (a local cluster here,
on 127.0.0.1, with worker processes: tasks and results really cross to other processes)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from redline.sim import simulate
from redline.sim.analyze import Plan, analyze

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def scheduler():
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        worker_dashboard_address=None,
    ) as cluster:
        yield cluster.scheduler_address


def run(*args):
    proc = subprocess.run(
        [sys.executable, "-m", "redline", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_analyze_on_the_cluster_is_byte_identical(scheduler):
    args = ["analyze", "tutorial", "--runs", "300", "--seed", "5", "--rollout-runs", "8", "--format", "json"]
    local = run(*args, "--workers", "1")
    remote = run(*args, "--scheduler", scheduler)
    assert local.returncode == 0 and remote.returncode == 0, remote.stderr
    assert remote.stdout == local.stdout
    assert json.loads(remote.stdout)["policies"]["rollout:16"]["games"] == 8


def test_simulate_on_the_cluster_is_byte_identical(tutorial, scheduler):
    for policy, runs in (("random", 600), ("rollout:2", 9)):
        local = simulate(tutorial, runs, 4, policy, workers=1)
        remote = simulate(tutorial, runs, 4, policy, scheduler=scheduler)
        assert json.dumps(remote) == json.dumps(local)


def test_library_analyze_on_the_cluster(tutorial, scheduler):
    plan = Plan(250, 2, rollout_runs=0)
    assert json.dumps(analyze(tutorial, plan, scheduler=scheduler)) == json.dumps(analyze(tutorial, plan))
