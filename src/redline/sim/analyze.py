"""`redline analyze`: what each decision does to the chance of success, measured.

Success is a game that ends in one of the scenario's successful outcomes: the endings it
marks `success: true`, or, if it marks none, every ending of kind `outcome`.

From `runs` games of random play (every option equally likely, so each one's games are a
fair sample of the rest of the game):
- options: for every card option, the games in which it was chosen, their success rate and
  mean score;
- topics: a topic's effect is the largest spread of success rates (best minus worst option)
  over its cards, among options chosen in at least `min_games` games;
- red lines: the share of games that crossed each, and the success rate with and without.
The policy ladder plays the same game seeds again with greedy and with rollout:N (on
fewer games: a rollout game costs hundreds of random ones), and gives each policy's mean
score with a 95% confidence interval and its success rate.

The games are played in tasks of a fixed size (sim/workers.py) and summed in game order,
so the report is byte-identical for a seed whatever plays it: one process, many, a cluster.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from redline.content.compiled import Scenario
from redline.engine.endings import in_order
from redline.numeric import running_sum
from redline.sim import _play, chunk_size, game_seed
from redline.sim.workers import run_tasks

MIN_GAMES = 30  # an option's games below this say too little to count in a topic's effect
ROLLOUT = 16  # continuations per option of the ladder's rollout rung
ROLLOUT_RUNS = 150
Z95 = 1.959964  # the normal quantile of a two-sided 95% interval

# One game: (ending id, final score, "card.option" of every decision, red lines crossed).
Game = tuple[str, float, tuple[str, ...], tuple[str, ...]]
Progress = Callable[[str, int, int], None]  # (policy, games done, games of that policy)


def play_games(scenario: Scenario, base_seed: int, start: int, stop: int, policy: str) -> list[Game]:
    """Games `start`..`stop` of a run, as compact records (a worker's task)."""
    games: list[Game] = []
    for i in range(start, stop):
        state, record = _play(scenario, game_seed(base_seed, i), policy)
        assert state.ending is not None
        picks = tuple(f"{a.card}.{a.option}" for a, _ in record)
        games.append((state.ending.id, state.score, picks, tuple(state.crossed)))
    return games


def success_endings(scenario: Scenario) -> tuple[list[str], str]:
    """The ids of the successful endings, and where that comes from."""
    endings = in_order(scenario.endings)  # listed in the order they are tried
    marked = [e.id for e in endings if e.model.success]
    if marked:
        return marked, "success: true in the scenario's endings"
    return [e.id for e in endings if e.model.kind == "outcome"], (
        "no ending marked success: true, so every ending of kind outcome"
    )


@dataclass(frozen=True)
class Plan:
    """Which games to play: `runs` random and greedy, `rollout_runs` with rollout:N."""

    runs: int
    seed: int
    rollout_runs: int = ROLLOUT_RUNS
    rollout: int = ROLLOUT
    min_games: int = MIN_GAMES

    def ladder(self) -> list[tuple[str, int]]:
        rungs = [("random", self.runs), ("greedy", self.runs)]
        if self.rollout_runs:
            rungs.append((f"rollout:{self.rollout}", self.rollout_runs))
        return rungs


def analyze(
    scenario: Scenario,
    plan: Plan,
    workers: int = 1,
    scheduler: str | None = None,
    packs: Sequence[str] = (),
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Play the plan's games and return the report (plain data, ready for JSON)."""
    tasks: list[tuple[int, int, int, str]] = []
    for policy, runs in plan.ladder():
        size = chunk_size(policy)
        tasks += [(plan.seed, a, min(a + size, runs), policy) for a in range(0, runs, size)]
    games: dict[str, list[Game]] = {policy: [] for policy, _ in plan.ladder()}
    totals = dict(plan.ladder())
    parts = run_tasks(scenario, play_games, tasks, workers, scheduler, packs)
    for (_, _, _, policy), part in zip(tasks, parts, strict=True):
        games[policy].extend(part)  # in task order: game order, however they were played
        if progress:
            progress(policy, len(games[policy]), totals[policy])
    return report(scenario, plan, games)


# ---- the figures --------------------------------------------------------------------------


def _rate(hits: int, n: int) -> float | None:
    return round(hits / n, 4) if n else None


def _mean(values: list[float]) -> float | None:
    return round(running_sum(values) / len(values), 2) if values else None


def ladder_rung(games: list[Game], success: set[str]) -> dict[str, Any]:
    """A policy's mean score with its 95% confidence interval, and its success rate."""
    scores = [g[1] for g in games]
    n = len(scores)
    mean = running_sum(scores) / n if n else 0.0
    sd = math.sqrt(running_sum((x - mean) ** 2 for x in scores) / (n - 1)) if n > 1 else 0.0
    half = Z95 * sd / math.sqrt(n) if n else 0.0
    return {
        "games": n,
        "mean_score": round(mean, 2),
        "ci95": [round(mean - half, 2), round(mean + half, 2)],
        "success_rate": _rate(sum(g[0] in success for g in games), n),
    }


def report(scenario: Scenario, plan: Plan, games: dict[str, list[Game]]) -> dict[str, Any]:
    success_ids, success_from = success_endings(scenario)
    success = set(success_ids)
    played = games["random"]
    n = len(played)
    wins = sum(g[0] in success for g in played)

    # Per option: the games in which it was chosen (once per game, however often); per
    # card: the games in which it was decided.
    chosen: dict[str, list[Game]] = {}
    reached: dict[str, int] = {}
    for g in played:
        for key in dict.fromkeys(g[2]):
            chosen.setdefault(key, []).append(g)
        for card in dict.fromkeys(k.partition(".")[0] for k in g[2]):
            reached[card] = reached.get(card, 0) + 1
    options = []
    for card in scenario.cards:
        for o in card.options:
            mine = chosen.get(f"{card.id}.{o.id}", [])
            options.append(
                {
                    "card": card.id,
                    "option": o.id,
                    "topic": card.model.topic,
                    "games": len(mine),
                    "success_rate": _rate(sum(g[0] in success for g in mine), len(mine)),
                    "mean_score": _mean([g[1] for g in mine]),
                }
            )
    return {
        "scenario": scenario.id,
        "content_hash": scenario.content_hash,
        "seed": plan.seed,
        "runs": n,
        "play": "random",
        "min_games": plan.min_games,
        "success_endings": success_ids,
        "success_from": success_from,
        "success_rate": _rate(wins, n),
        "mean_score": _mean([g[1] for g in played]),
        "cards": {c.id: {"topic": c.model.topic, "reached": reached.get(c.id, 0)} for c in scenario.cards},
        "options": options,
        "topics": topic_effects(scenario, options, plan.min_games),
        "red_lines": red_line_costs(scenario, played, success),
        "policies": {policy: ladder_rung(games[policy], success) for policy, _ in plan.ladder()},
    }


def topic_effects(scenario: Scenario, options: list[dict[str, Any]], min_games: int) -> dict[str, Any]:
    """Per topic, the card whose options' success rates spread the most, and that spread."""
    topics: dict[str, dict[str, Any]] = {}
    for c in scenario.cards:
        topics.setdefault(c.model.topic, {"effect": None, "card": None, "best": None, "worst": None})
    cards_measured: dict[str, int] = dict.fromkeys(topics, 0)
    for c in scenario.cards:
        mine = [o for o in options if o["card"] == c.id and o["games"] >= min_games]
        if len(mine) < 2:
            continue
        cards_measured[c.model.topic] += 1
        # max/min keep the first of equals: the card's own order breaks ties.
        best = max(mine, key=lambda o: o["success_rate"])
        worst = min(mine, key=lambda o: o["success_rate"])
        spread = round(best["success_rate"] - worst["success_rate"], 4)
        t = topics[c.model.topic]
        if t["effect"] is None or spread > t["effect"]:
            t.update(effect=spread, card=c.id, best=best["option"], worst=worst["option"])
    for topic, t in topics.items():
        t["cards_measured"] = cards_measured[topic]
    return topics


def red_line_costs(scenario: Scenario, played: list[Game], success: set[str]) -> dict[str, Any]:
    out = {}
    n = len(played)
    for rl in scenario.red_lines:
        crossed = [g for g in played if rl.id in g[3]]
        kept = [g for g in played if rl.id not in g[3]]
        if_crossed = _rate(sum(g[0] in success for g in crossed), len(crossed))
        if_kept = _rate(sum(g[0] in success for g in kept), len(kept))
        out[rl.id] = {
            "crossed": len(crossed),
            "crossed_share": _rate(len(crossed), n),
            "success_if_crossed": if_crossed,
            "success_if_kept": if_kept,
            # What crossing costs in points of success (kept minus crossed), when both happen.
            "cost": None if if_crossed is None or if_kept is None else round(if_kept - if_crossed, 4),
        }
    return out
