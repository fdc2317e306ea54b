"""`redline forecast SAVE [--games N] [--format text|json]`: the odds of each option of the
card waiting in a save, as the TUI shows them while the card is open."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from redline.plural import counted


def _games(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if not 1 <= n <= 100_000:
        raise argparse.ArgumentTypeError("--games must be between 1 and 100000")
    return n


def add_parser(sub: Any, content_opt: Any) -> None:
    p = sub.add_parser("forecast", help="the odds of each option of the card waiting in a save")
    p.add_argument("save", metavar="SAVE")
    p.add_argument("--games", type=_games, default=100, help="playouts per option (default 100)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    content_opt(p)


def run(args: argparse.Namespace, load: Any) -> int:
    from redline.report.words import percent, signed
    from redline.saves import read_save, restore
    from redline.sim.forecast import Forecast

    data = read_save(args.save)
    scenario, _ = load(data.scenario, args)
    restored = restore(data, scenario)
    msg = restored.message(args.save)
    if msg:
        print(msg, file=sys.stderr)
    state = restored.game.state
    if state.card is None:
        print(f"redline: error: {args.save}: no decision is waiting in this save", file=sys.stderr)
        return 1
    forecast = Forecast(state)
    forecast.run(args.games)
    doc = forecast.as_dict()
    if args.format == "json":
        print(json.dumps(doc, indent=1, ensure_ascii=False))
        return 0
    titles = {e.id: e.model.title for e in scenario.endings}
    labels = {k: m.label for k, m in scenario.meters.items()} | {"cohesion": "Allied cohesion"}
    print(f"{state.card.model.title} — {counted(doc['games'], 'game')} per option")
    for o in doc["options"]:
        print(f"\n{o['label']}  (mean score {o['mean_score']:g})")
        for eid, share in o["endings"].items():
            print(f"  {percent(share):>4}  {titles.get(eid, 'no ending')}")
        moves = [f"{labels.get(k, k)} {signed(v)}" for k, v in o["mean_change"].items()]
        print("  expected change: " + "; ".join(moves))
    return 0
