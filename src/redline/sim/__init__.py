"""Headless playthroughs: many games by a policy, summed into coverage and balance figures.

Games are cut into fixed chunks whatever the number of workers, and chunks are merged in
order, so the report is byte-identical for 1 worker or many.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from redline.content.compiled import Scenario
from redline.engine import DECISIONS, OVER, Decide, State, new_game
from redline.engine import rng as rngmod
from redline.engine.endings import in_order
from redline.numeric import running_sum
from redline.sim.policies import PolicyRng, policy_by_name
from redline.sim.workers import run_tasks

CHUNK = 250
# A rollout game costs hundreds of random ones: smaller tasks spread it over the workers.
ROLLOUT_CHUNK = 4
Progress = Callable[[int, int], None]


def game_seed(base: int, index: int) -> int:
    """The seed of game `index` of a run started with `base`."""
    _, x = rngmod.draw(rngmod.seed_state(base * 1_000_003 + index))
    return int(x * 2**53)


@dataclass
class Tally:
    """Sums over a run of games, mergeable in order."""

    games: int = 0
    endings: Counter[str] = field(default_factory=Counter)
    end_turn: Counter[int] = field(default_factory=Counter)
    scores: list[float] = field(default_factory=list)
    card_reach: Counter[str] = field(default_factory=Counter)
    option_reach: Counter[str] = field(default_factory=Counter)
    option_picks: Counter[str] = field(default_factory=Counter)
    option_score: dict[str, float] = field(default_factory=dict)
    events: Counter[str] = field(default_factory=Counter)
    crossed: Counter[str] = field(default_factory=Counter)
    withdrawals: Counter[str] = field(default_factory=Counter)
    # id -> per turn [sum, min, max, games]: Any, not float, as the count must stay an int
    # (the compiled engine turns an int held as float into a float).
    meters: dict[str, list[list[Any]]] = field(default_factory=dict)

    def merge(self, other: Tally) -> None:
        self.games += other.games
        self.endings.update(other.endings)
        self.end_turn.update(other.end_turn)
        self.scores.extend(other.scores)
        self.card_reach.update(other.card_reach)
        self.option_reach.update(other.option_reach)
        self.option_picks.update(other.option_picks)
        for k, v in other.option_score.items():
            self.option_score[k] = self.option_score.get(k, 0.0) + v
        self.events.update(other.events)
        self.crossed.update(other.crossed)
        self.withdrawals.update(other.withdrawals)
        for mid, rows in other.meters.items():
            mine = self.meters.setdefault(mid, [])
            for t, (s, lo, hi, n) in enumerate(rows):
                if t < len(mine):
                    row = mine[t]
                    row[0] += s
                    row[1] = min(row[1], lo)
                    row[2] = max(row[2], hi)
                    row[3] += n
                else:
                    mine.append([s, lo, hi, n])


def play(
    scenario: Scenario, seed: int, policy: str = "random"
) -> tuple[State, list[tuple[str, str, tuple[str, ...]]]]:
    """Play one game quietly. Returns the final state and (card, option, available) per decision."""
    state, record = _play(scenario, seed, policy)
    return state, [(a.card, a.option, tuple(o.option for o in legal)) for a, legal in record]


def _play(scenario: Scenario, seed: int, policy: str) -> tuple[State, list[tuple[Decide, list[Decide]]]]:
    """One quiet game; each decision is recorded as the action taken and the legal ones."""
    choose = policy_by_name(policy)
    r = PolicyRng(seed)
    state, _ = new_game(scenario, seed, quiet=True)
    record: list[tuple[Any, Any]] = []
    while state.phase != OVER:
        legal = state.legal_actions()
        action = choose(state, legal, r)
        if state.phase == DECISIONS:
            record.append((action, legal))
        state.apply_quiet(action)
    return state, record


def run_chunk(scenario: Scenario, base_seed: int, start: int, stop: int, policy: str) -> Tally:
    t = Tally()
    picked: list[Decide] = []
    pick_score: list[float] = []
    reached: list[Decide] = []
    histories = []
    for i in range(start, stop):
        state, record = _play(scenario, game_seed(base_seed, i), policy)
        score = state.score
        t.games += 1
        assert state.ending is not None
        t.endings[state.ending.id] += 1
        t.end_turn[state.turn] += 1
        t.scores.append(score)
        for action, legal in record:
            picked.append(action)
            pick_score.append(score)
            reached.extend(legal)
        t.events.update(state.fired.keys())
        t.crossed.update(state.crossed.keys())
        t.withdrawals.update(state.out.keys())
        histories.append(state.history)
    # Counted once per chunk, in the order the games were played, so the figures do not
    # depend on how games are split between workers.
    key_of: dict[int, str] = {}
    for a in (*picked, *reached):
        if id(a) not in key_of:
            key_of[id(a)] = f"{a.card}.{a.option}"
    t.card_reach.update(a.card for a in picked)
    t.option_reach.update(key_of[i] for i in map(id, reached))
    t.option_picks.update(key_of[i] for i in map(id, picked))
    for a, score in zip(picked, pick_score, strict=True):
        key = key_of[id(a)]
        t.option_score[key] = t.option_score.get(key, 0.0) + score
    for mid in [*scenario.meters, "cohesion", "rung"]:
        rows = t.meters[mid] = []
        for turn in range(max(map(len, histories), default=0)):
            values: list[float] = [h[turn][mid] for h in histories if len(h) > turn]
            # From the first value, not from 0.0: the sum of -0.0s stays -0.0.
            total = running_sum(values[1:], values[0])
            rows.append([total, min(values), max(values), len(values)])
    return t


def chunk_size(policy: str) -> int:
    """Games per task: fixed by the policy, never by the workers, so sums come out the same."""
    return ROLLOUT_CHUNK if policy.startswith("rollout:") else CHUNK


def simulate(
    scenario: Scenario,
    runs: int,
    seed: int = 1,
    policy: str = "random",
    workers: int = 1,
    progress: Progress | None = None,
    packs: tuple[str, ...] = (),
    scheduler: str | None = None,
) -> dict[str, Any]:
    """Play `runs` games and return the report (plain data, ready for JSON). `workers`
    local processes (0: every core) play them, or the Dask cluster at `scheduler`."""
    policy_by_name(policy)  # ValueError on a bad name, before any game
    size = chunk_size(policy)
    # Chunks are made as they are handed out (a generator, streamed through imap): a
    # million games are 4,000 chunks, none of them held before its turn.
    n_chunks = -(-runs // size)
    chunks = ((seed, a, min(a + size, runs), policy) for a in range(0, runs, size))
    total = Tally()
    for i, part in enumerate(
        run_tasks(scenario, run_chunk, chunks, workers, scheduler, packs, count=n_chunks)
    ):
        total.merge(part)  # in chunk order: the same sums for one worker or many
        if progress:
            progress(min(runs, (i + 1) * size), runs)
    return report(scenario, total, runs, seed, policy)


def report(scenario: Scenario, t: Tally, runs: int, seed: int, policy: str) -> dict[str, Any]:
    n = max(t.games, 1)
    scores = t.scores
    mean = running_sum(scores) / n if scores else 0.0
    spread = math.sqrt(running_sum((x - mean) ** 2 for x in scores) / n) if scores else 0.0
    all_cards = [c.id for c in scenario.cards]
    ordered = in_order(scenario.endings)  # listed in the order they are tried
    all_options = [f"{c.id}.{o.id}" for c in scenario.cards for o in c.options]
    cards = {}
    for c in scenario.cards:
        cards[c.id] = {
            "reached": t.card_reach[c.id],
            "options": {
                o.id: {
                    "reached": t.option_reach[f"{c.id}.{o.id}"],
                    "picked": t.option_picks[f"{c.id}.{o.id}"],
                    "mean_score": _mean(
                        t.option_score.get(f"{c.id}.{o.id}", 0.0), t.option_picks[f"{c.id}.{o.id}"]
                    ),
                }
                for o in c.options
            },
        }
    meters = {}
    for mid, rows in t.meters.items():
        meters[mid] = [
            {"turn": turn, "mean": round(s / k, 2), "min": round(lo, 2), "max": round(hi, 2), "games": k}
            for turn, (s, lo, hi, k) in enumerate(rows)
            if k
        ]
    return {
        "scenario": scenario.id,
        "content_hash": scenario.content_hash,
        "runs": t.games,
        "seed": seed,
        "policy": policy,
        "endings": {e.id: t.endings[e.id] for e in ordered},
        "ending_share": {e.id: round(t.endings[e.id] / n, 4) for e in ordered},
        "end_turn": {str(k): v for k, v in sorted(t.end_turn.items())},
        "mean_score": round(mean, 2),
        "score_spread": round(spread, 2),
        "score_min": round(min(scores), 2) if scores else 0.0,
        "score_max": round(max(scores), 2) if scores else 0.0,
        "cards": cards,
        "coverage": {
            "cards_unreached": [c for c in all_cards if not t.card_reach[c]],
            "options_unreached": [o for o in all_options if not t.option_picks[o]],
            "events_unfired": [e.id for e in scenario.events if not t.events[e.id]],
            "red_lines_uncrossed": [r.id for r in scenario.red_lines if not t.crossed[r.id]],
            "endings_unreached": [e.id for e in ordered if not t.endings[e.id]],
        },
        "events": {e.id: t.events[e.id] for e in scenario.events},
        "red_lines": {r.id: t.crossed[r.id] for r in scenario.red_lines},
        "withdrawals": {a: t.withdrawals[a] for a in scenario.allies},
        "meters_by_turn": meters,
        "dominant_options": dominant_options(scenario, cards),
    }


def _mean(total: float, n: int) -> float | None:
    return round(total / n, 2) if n else None


def dominant_options(
    scenario: Scenario, cards: dict[str, Any], margin: float = 8.0, min_picks: int = 30
) -> list[dict[str, Any]]:
    """Options whose games score clearly better than every sibling's: choices that aren't."""
    out = []
    for c in scenario.cards:
        opts = cards[c.id]["options"]
        scored = [(oid, o["mean_score"]) for oid, o in opts.items() if o["picked"] >= min_picks]
        if len(scored) < 2:
            continue
        scored.sort(key=lambda x: -x[1])
        (best, top), (_, second) = scored[0], scored[1]
        if top - second >= margin:
            out.append({"card": c.id, "option": best, "mean_score": top, "next_best": second})
    return out
