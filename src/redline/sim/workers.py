"""Where headless games are played: in this process, in local worker processes, or on a
Dask cluster (`--scheduler ADDRESS`, the optional `redline[cluster]` extra).

The caller cuts its games into tasks of a fixed size, whatever runs them, and gets the
results back in task order; so a report is byte-identical however many workers played it,
and wherever. A task is a module-level function `fn(scenario, *args)`: what crosses to a
worker is the function's name, the scenario's folder and content hash, and the arguments;
every worker loads the scenario once and checks it is the same content.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from redline.content.compiled import Scenario
from redline.content.loader import load_scenario

T = TypeVar("T")
EXTRA = "pip install 'redline[cluster]'"


class ClusterError(Exception):
    """The cluster cannot be used: Dask missing, the scheduler unreachable, other content.
    `code` is the exit status: 2 for an address that is not one (a usage error), else 1."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


# (folder, packs) -> the scenario, loaded once per worker process (or thread).
_scenarios: dict[tuple[str, tuple[str, ...]], Scenario] = {}


def _where(scenario: Scenario, packs: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    return str(Path(scenario.folder).resolve()), tuple(str(Path(p).resolve()) for p in packs)


def _scenario(folder: str, packs: tuple[str, ...], content_hash: str) -> Scenario:
    scenario = _scenarios.get((folder, packs))
    if scenario is None or scenario.content_hash != content_hash:
        # First use here, or the files changed since this worker read them: read them again.
        scenario = _scenarios[(folder, packs)] = load_scenario(folder, packs)
    if scenario.content_hash != content_hash:
        raise ClusterError(
            f"a worker read different content in {folder} (hash {scenario.content_hash}, "
            f"expected {content_hash}): workers must see the same scenario files"
        )
    return scenario


def _job(job: tuple[Callable[..., Any], str, tuple[str, ...], str, tuple[Any, ...]]) -> Any:
    fn, folder, packs, content_hash, args = job
    return fn(_scenario(folder, packs, content_hash), *args)


def local_workers(workers: int, tasks: int) -> int:
    """Processes to use: `workers` (0: every core), never more than cores or tasks."""
    cores = os.cpu_count() or 1
    return max(1, min(workers or cores, tasks, cores))


def run_tasks(
    scenario: Scenario,
    fn: Callable[..., T],
    tasks: Iterable[tuple[Any, ...]],
    workers: int = 1,
    scheduler: str | None = None,
    packs: Sequence[str] = (),
    count: int | None = None,
) -> Iterator[T]:
    """`fn(scenario, *task)` for every task, yielded in task order. `tasks` may be a
    generator (give its length as `count`): local workers take each task as it is made."""
    if count is None:
        tasks = list(tasks)
        count = len(tasks)
    folder, pack_dirs = _where(scenario, packs)
    jobs = ((fn, folder, pack_dirs, scenario.content_hash, tuple(t)) for t in tasks)
    if scheduler is not None:
        yield from _on_dask(scheduler, list(jobs))
        return
    n = local_workers(workers, count)
    if n == 1:
        for job in jobs:
            yield fn(scenario, *job[4])
        return
    import multiprocessing as mp

    fork = "fork" in mp.get_all_start_methods()
    if fork:  # forked workers inherit the scenario already loaded here
        _scenarios[(folder, pack_dirs)] = scenario
    ctx = mp.get_context("fork" if fork else "spawn")
    with ctx.Pool(n) as pool:
        yield from pool.imap(_job, jobs)  # imap keeps task order


def connect(address: str) -> Any:
    """A Dask client on the scheduler at `address`; ClusterError with a one-line reason."""
    try:
        from dask.distributed import Client
    except ImportError:
        raise ClusterError(f"--scheduler needs Dask, the cluster extra: {EXTRA}") from None
    from distributed.comm import registry
    from distributed.comm.addressing import parse_address, parse_host_port

    # Checked before a Client exists: a client half made of a bad address takes 20 s to
    # give up, and complains on its way out.
    try:
        scheme, where = parse_address(address, strict=False)
        if scheme not in registry.backends:
            raise ValueError(f"unknown protocol '{scheme}' (try tcp://HOST:PORT)")
        if scheme in ("tcp", "tls", "ws", "wss"):
            host, port = parse_host_port(where)
            if not host or not 0 < port < 65536:
                raise ValueError("give it as tcp://HOST:PORT")
    except ValueError as exc:
        raise ClusterError(f"--scheduler {address}: {exc}", code=2) from None
    try:
        return Client(address, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {reason}") from None


def _on_dask(address: str, jobs: list[Any]) -> Iterator[Any]:
    client = connect(address)
    try:
        # pure=False: a task is named afresh each run, so a cluster never hands back a
        # result cached from another client's run of other code.
        futures = client.map(_job, jobs, pure=False)
        for future in futures:
            yield future.result()
    finally:
        client.close()
