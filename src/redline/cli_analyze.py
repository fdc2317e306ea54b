"""`redline analyze SCENARIO`: the command (the figures are in sim/analyze.py). It lives beside
`cli.py`, not in `sim/`, because it reads the command line's options and sim never imports a face."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

# The command line's defaults, written here so that building the parser imports nothing
# heavy (sim loads the engine and pydantic); tests/sim checks they are sim.analyze's own.
MIN_GAMES = 30
ROLLOUT = 16
ROLLOUT_RUNS = 150


def _count(value: str) -> int:
    """A whole number of games, 0 or more."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return n


# A rollout game plays its options out to the end, many games in one: a far lower bound than
# `--runs`' (the default is 150).
MAX_ROLLOUT_RUNS = 10_000


def _rollout_runs(value: str) -> int:
    n = _count(value)
    if n > MAX_ROLLOUT_RUNS:
        raise argparse.ArgumentTypeError(f"at most {MAX_ROLLOUT_RUNS:,} games")
    return n


def add_parser(sub: Any) -> None:
    from redline import cli

    p = sub.add_parser(
        "analyze",
        help="measure what each decision does to success: options, topics, red lines, policies",
    )
    p.add_argument("scenario")
    p.add_argument(
        "--runs",
        type=cli._runs,
        default=2000,
        help=f"random and greedy games (default 2000, at most {cli.MAX_RUNS:,})",
    )
    p.add_argument("--seed", type=cli._seed, default=1)
    p.add_argument(
        "--workers",
        type=cli._workers,
        default=0,
        metavar="N",
        help="processes to play in, or auto (default: every core); the report is the same for any N",
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="play on the Dask cluster at ADDRESS (pip install 'redline[cluster]'); the same report",
    )
    p.add_argument(
        "--rollout-runs",
        type=_rollout_runs,
        default=ROLLOUT_RUNS,
        metavar="N",
        help=f"games of the ladder's rollout:{ROLLOUT} rung (default {ROLLOUT_RUNS}, at most {MAX_ROLLOUT_RUNS:,};"
        " 0 leaves it out)",
    )
    p.add_argument(
        "--min-games",
        type=cli._positive,
        default=MIN_GAMES,
        metavar="N",
        help=f"games an option needs to count in its topic's effect (default {MIN_GAMES})",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument(
        "--content", action="append", metavar="DIR", help="extra content folder (pack); repeatable"
    )


def run(args: argparse.Namespace) -> int:
    from redline import cli
    from redline.sim.analyze import Plan, analyze
    from redline.sim.analyze_text import format_analysis

    scenario, entry = cli._load(args.scenario, args)
    plan = Plan(args.runs, args.seed, args.rollout_runs, ROLLOUT, args.min_games)
    bar = None
    progress = None
    if sys.stderr.isatty() and not args.quiet:
        from redline.sim.progress import ProgressBar

        ladder = plan.ladder()
        first, runs = ladder[0]
        bar = ProgressBar(runs, f"{scenario.id} · {first} × {runs}")
        bars = {first: bar.update}
        for policy, runs in ladder[1:]:
            bars[policy] = bar.add(f"{scenario.id} · {policy} × {runs}", runs)

        def progress(policy: str, done: int, total: int) -> None:
            bars[policy](done, total)

    try:
        result = analyze(
            scenario,
            plan,
            workers=args.workers,
            scheduler=args.scheduler,
            packs=[str(p) for p in entry.packs],
            progress=progress,
        )
    finally:
        if bar:
            bar.close()
    if args.format == "json":
        print(json.dumps(result, indent=1, ensure_ascii=False))
    else:
        print(format_analysis(result))
    return 0
