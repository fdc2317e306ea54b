"""What values the game can ever reach, worked out from the content alone.

Used by `lint` to decide, without playing, that a condition can never hold or always
holds, and by `numbers` to refuse at load arithmetic that can have no value in play. Every
figure here over-approximates: a meter's range holds every value it can take in any game,
so "can never hold" and "always holds" are only claimed when certain.

A meter starts at `start` and moves by the effects of cards, outcomes, delayed
consequences, events, red lines (and their lasting costs) and Moscow's responses; each
source is counted as often as it can happen (a card once unless repeatable, Moscow once a
turn, ...). The range runs from the start minus every possible fall to the start plus every
possible rise (widened to the baseline if the meter drifts), clamped. Expression deltas count at their widest. Each event
counts as often as it may fire on its own (once, or every turn if repeatable). A
facilitator's injects and overrides are not counted: they can set anything.

Expressions are read over these ranges by `intervals` (one walk of the expression tree),
whose names are re-exported here for the modules that read both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from redline.content.compiled import Change, CLater, Scenario
from redline.content.intervals import (
    ANY,
    BOTH,
    FALSE,
    INF,
    TRUE,
    Env,
    Hazard,
    Interval,
    _mul,
    evaluate,
    hazards,
)

__all__ = [
    "ANY",
    "BOTH",
    "FALSE",
    "INF",
    "TRUE",
    "Env",
    "Hazard",
    "Interval",
    "Reach",
    "evaluate",
    "hazards",
    "reach",
]

ROUNDING = 0.01


@dataclass
class Reach:
    """The ranges of a scenario, and the facts lint reports with them."""

    env: Env
    meters: dict[str, Interval]
    flag_values: dict[str, set[bool]]  # every value a flag can hold
    flag_setters: dict[str, set[bool]]  # values effects assign
    changed: set[str]  # meters and allies some effect or drift moves


@dataclass
class _Swing:
    """The most a target can rise and fall over a game."""

    up: float = 0.0
    down: float = 0.0

    def add(self, other: _Swing, times: float = 1) -> None:
        self.up += _mul(other.up, times)
        self.down += _mul(other.down, times)

    def widest(self, other: _Swing) -> None:
        self.up = max(self.up, other.up)
        self.down = max(self.down, other.down)


class _Analysis:
    def __init__(self, sc: Scenario) -> None:
        self.sc = sc
        self.turns = sc.info.turns
        self.full = self._full_env()
        self.setters: dict[str, set[bool]] = {}
        self.changed: set[str] = set()

    def _full_env(self) -> Env:
        sc = self.sc
        env = Env()
        for mid, meter in sc.meters.items():
            env.names[mid] = Interval(meter.min, meter.max)
        for fid in sc.flags:
            env.names[fid] = BOTH
        n_lines, n_allies = len(sc.red_lines), len(sc.allies)
        env.names.update(
            turn=Interval(1, sc.info.turns),
            cohesion=Interval(0, 100),
            rung=Interval(0, len(sc.rungs) - 1),
            crossed_now=Interval(0, n_lines),
            crossed_count=Interval(0, n_lines),
            allies_in=Interval(0, n_allies),
        )
        env.allies = {aid: Interval(0, 100) for aid in sc.allies}
        return env

    # Each source's swing on each target ("meter id" or "ally.<id>").

    def changes(self, changes: Iterable[Change]) -> dict[str, _Swing]:
        out: dict[str, _Swing] = {}
        for ch in changes:
            if ch.kind == "flag":
                # A flag set to a condition takes whatever the condition can be.
                v = Interval.of(ch.value.constant) if ch.value.is_constant else evaluate(ch.value, self.full)
                to = self.setters.setdefault(ch.target, set())
                if v.can_be_true:
                    to.add(True)
                if v.can_be_false:
                    to.add(False)
                continue
            key = ch.target if ch.kind == "meter" else f"ally.{ch.target}"
            d = evaluate(ch.value, self.full)
            if d.lo == d.hi == 0:
                continue
            self.changed.add(key)
            sw = out.setdefault(key, _Swing())
            sw.up += max(d.hi, 0.0)
            sw.down += max(-d.lo, 0.0)
        return out

    def laters(self, laters: Iterable[CLater]) -> dict[str, _Swing]:
        total: dict[str, _Swing] = {}
        for lt in laters:
            _merge(total, self.changes(lt.changes))
        return total

    def reactions(self, tags: Iterable[str]) -> dict[str, _Swing]:
        per_ally: dict[str, _Swing] = {}
        for tag in tags:
            for r in self.sc.reactions.get(tag, ()):
                sw = per_ally.setdefault(f"ally.{r.ally}", _Swing())
                sw.up += max(r.delta, 0.0)
                sw.down += max(-r.delta, 0.0)
        for key, sw in per_ally.items():
            swing = self.sc.allies[key[5:]].max_swing
            sw.up, sw.down = min(sw.up, swing), min(sw.down, swing)
            self.changed.add(key)
        return per_ally

    def run(self) -> Reach:
        sc, turns = self.sc, self.turns
        total: dict[str, _Swing] = {}
        for card in sc.cards:
            best: dict[str, _Swing] = {}
            for o in card.options:
                one = self.changes(o.changes)
                _merge(one, self.laters(o.later))
                _merge(one, self.reactions(o.model.tags))
                outcome_best: dict[str, _Swing] = {}
                for oc in o.outcomes:
                    each = self.changes(oc.changes)
                    _merge(each, self.laters(oc.later))
                    _widest(outcome_best, each)
                _merge(one, outcome_best)
                _widest(best, one)
            _merge(total, best, turns if card.model.repeatable else 1)
        for ev in sc.events:
            swing = self.changes(ev.changes)
            _merge(swing, self.laters(ev.later))
            once = not ev.model.repeatable or ev.model.turn is not None
            _merge(total, swing, 1 if once else turns)
        for rl in sc.red_lines:
            _merge(total, self.changes(rl.changes))  # crossed once
            _merge(total, self.changes(rl.lasting), turns)  # then felt at every later turn's end
        moscow: dict[str, _Swing] = {}
        for resp in sc.responses.values():
            _widest(moscow, self.changes(resp.changes))
        _merge(total, moscow, turns)  # Moscow acts at most once a turn

        env = Env(dict(self.full.names), {}, {}, {})
        meters: dict[str, Interval] = {}
        for mid, meter in sc.meters.items():
            sw = total.get(mid, _Swing())
            lo, hi = meter.start, meter.start
            if meter.baseline is not None and meter.drift:
                # Drift only moves a meter toward its baseline, never past it.
                lo, hi = min(lo, meter.baseline), max(hi, meter.baseline)
                if meter.baseline != meter.start:
                    self.changed.add(mid)
            meters[mid] = _clamped(lo - sw.down, hi + sw.up, meter.min, meter.max)
            env.names[mid] = meters[mid]
        for aid, ally in sc.allies.items():
            sw = total.get(f"ally.{aid}", _Swing())
            support = _clamped(ally.support - sw.down, ally.support + sw.up, 0, 100)
            env.allies[aid] = support
            env.ally_in[aid] = TRUE if support.lo >= ally.threshold else BOTH  # withdraws below it
        weights = sc.ally_weight
        all_weight = sum(weights.values())
        if all_weight:
            lo = sum(weights[a] * env.allies[a].lo for a in sc.allies if not env.ally_in[a].can_be_false)
            hi = sum(weights[a] * env.allies[a].hi for a in sc.allies)
            env.names["cohesion"] = _clamped(lo / all_weight, hi / all_weight, 0, 100)
        leavers = sum(1 for a in sc.allies if env.ally_in[a].can_be_false)
        env.names["allies_in"] = Interval(len(sc.allies) - leavers, len(sc.allies))
        flag_values: dict[str, set[bool]] = {}
        for fid, flag in sc.flags.items():
            values = {flag.start} | self.setters.get(fid, set())
            flag_values[fid] = values
            env.names[fid] = BOTH if len(values) == 2 else (TRUE if flag.start else FALSE)
        # A red line whose condition can never hold is never crossed.
        crossable = 0
        for rl in sc.red_lines:
            can = evaluate(rl.crossed, env).can_be_true
            env.crossed[rl.id] = BOTH if can else FALSE
            crossable += can
        env.names["crossed_now"] = Interval(0, crossable)
        env.names["crossed_count"] = Interval(0, crossable)
        return Reach(env, meters, flag_values, self.setters, self.changed)


def _clamped(lo: float, hi: float, floor: float, ceiling: float) -> Interval:
    lo = min(max(lo, floor), ceiling)
    hi = min(max(hi, floor), ceiling)
    # The engine rounds every value to 2 decimals, which may step just past a finer bound.
    if round(lo, 2) != lo:
        lo = max(lo - ROUNDING, floor)
    if round(hi, 2) != hi:
        hi = min(hi + ROUNDING, ceiling)
    return Interval(lo, hi)


def _merge(into: dict[str, _Swing], more: dict[str, _Swing], times: float = 1) -> None:
    for key, sw in more.items():
        into.setdefault(key, _Swing()).add(sw, times)


def _widest(into: dict[str, _Swing], more: dict[str, _Swing]) -> None:
    for key, sw in more.items():
        into.setdefault(key, _Swing()).widest(sw)


def reach(scenario: Scenario) -> Reach:
    """The ranges every meter, flag, ally and count can take in any game of `scenario`."""
    return _Analysis(scenario).run()
