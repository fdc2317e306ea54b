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
    rss = rss_mb_of_a_game(scenario)
    return [
        (f"games/s, {scenario.id}, random policy, 1 core", f"{one:,.0f}", "≥ 2,000 per core"),
        ("  the engine that ran it (redline --version)", native.build(), "compiled (setup.py)"),
        ("  the same, engine interpreted (REDLINE_PURE=1)", f"{plain:,.0f}", "(for comparison)"),
        (f"games/s, {scenario.id}, 2 workers", f"{two:,.0f}", "faster than 1 worker"),
        ("resident memory after a whole game (max RSS)", f"{rss:.0f} MB", "< 100 MB"),
    ]


if __name__ == "__main__":
    for row in run():
        print(*row, sep="  ")
