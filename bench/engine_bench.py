"""Headless games per second and the memory of a game in progress."""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from redline import native
from redline.content import list_scenarios, load_scenario
from redline.engine import Game
from redline.sim import simulate
from redline.sim.analyze import Plan, analyze


def _main_scenario():
    entries = {e.id: e for e in list_scenarios()}
    entry = entries.get("reassurance-force") or entries["tutorial"]
    return load_scenario(entry.folder, entry.packs)


def games_per_second(scenario, runs: int = 3000, workers: int = 1, repeats: int = 5) -> float:
    """The best of `repeats` timings of `runs` games: on a shared machine the other tenants
    only ever slow a run down, so the fastest run is the closest to the program's own speed."""
    simulate(scenario, 200, 99, "random", 1)  # warm up
    best = 0.0
    for _ in range(repeats):
        start = time.perf_counter()
        simulate(scenario, runs, 1, "random", workers)
        best = max(best, runs / (time.perf_counter() - start))
    return best


def interpreted_games_per_second() -> float:
    """The same figure for the engine uncompiled (as REDLINE_PURE=1 installs it), measured
    in a child process on a copy of the package's .py files, where nothing compiled is found."""
    with tempfile.TemporaryDirectory() as tmp:
        native.copy_uncompiled(tmp)
        code = (
            "import sys; sys.path[:0] = sys.argv[1:3]\n"
            "from redline import native; assert native.build() == 'interpreted'\n"
            "from bench.engine_bench import _main_scenario, games_per_second\n"
            "print(games_per_second(_main_scenario(), runs=600, repeats=3))\n"
        )
        root = str(Path(__file__).resolve().parent.parent)
        out = subprocess.run(
            [sys.executable, "-c", code, tmp, root], capture_output=True, text=True, check=True
        )
        return float(out.stdout)


def rollout_games_per_second(scenario, runs: int = 6, n: int = 16) -> float:
    """Games a second of `rollout:n` on one core: each decision looks at n random games per
    option, so a game costs hundreds of random ones."""
    simulate(scenario, 1, 98, f"rollout:{n}", 1)  # warm up
    start = time.perf_counter()
    simulate(scenario, runs, 1, f"rollout:{n}", 1)
    return runs / (time.perf_counter() - start)


def analyze_games_per_second(scenario, runs: int = 1000, workers: int = 1) -> float:
    """Games a second of `redline analyze` without the rollout rung (random and greedy games,
    and the figures summed from them): the rollout rung's cost is the row above."""
    start = time.perf_counter()
    analyze(scenario, Plan(runs, 1, rollout_runs=0), workers=workers)
    return 2 * runs / (time.perf_counter() - start)


def rss_mb_of_a_game(scenario) -> float:
    game = Game.start(scenario, 1)
    while not game.state.is_over:
        game.apply(game.state.legal_actions()[0])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run() -> list[tuple[str, str, str]]:
    scenario = _main_scenario()
    one = games_per_second(scenario, runs=1000, repeats=9)
    plain = interpreted_games_per_second()
    two = games_per_second(scenario, runs=3000, workers=2, repeats=3)
    rollout = rollout_games_per_second(scenario)
    analyzed = analyze_games_per_second(scenario)
    analyzed_two = analyze_games_per_second(scenario, 2000, workers=2)
    rss = rss_mb_of_a_game(scenario)
    return [
        (f"games/s, {scenario.id}, random policy, 1 core", f"{one:,.0f}", "≥ 2,000 per core"),
        ("  the engine that ran it (redline --version)", native.build(), "compiled (setup.py)"),
        ("  the same, engine interpreted (REDLINE_PURE=1)", f"{plain:,.0f}", "(for comparison)"),
        (f"games/s, {scenario.id}, 2 workers", f"{two:,.0f}", "faster than 1 worker"),
        (f"games/s, {scenario.id}, rollout:16 policy, 1 core", f"{rollout:,.1f}", "(for comparison)"),
        (f"games/s, analyze {scenario.id} (random + greedy), 1 core", f"{analyzed:,.0f}", "(for comparison)"),
        ("  the same, 2 workers (byte-identical report)", f"{analyzed_two:,.0f}", "faster than 1 worker"),
        ("resident memory after a whole game (max RSS)", f"{rss:.0f} MB", "< 100 MB"),
    ]


if __name__ == "__main__":
    for row in run():
        print(*row, sep="  ")
