"""What values the game can ever reach, worked out from the content alone.

Used by `lint` to decide, without playing, that a condition can never hold or always
holds. Every figure here over-approximates: a meter's range holds every value it can take
in any game, so "can never hold" and "always holds" are only claimed when certain.

A meter starts at `start` and moves by the effects of cards, outcomes, delayed
consequences, events, red lines and Moscow's responses; each source is counted as often as
it can happen (a card once unless repeatable, Moscow once a turn, ...). The range runs from
the start minus every possible fall to the start plus every possible rise (widened to the
baseline if the meter drifts), clamped. Expression deltas count at their widest. Each event
counts as often as it may fire on its own (once, or every turn if repeatable). A
facilitator's injects and overrides are not counted: they can set anything.

Conditions are evaluated over intervals on the checked expression tree that `expr.parse`
keeps: numbers are [lo, hi], true/false are [1, 1] / [0, 0], a flag that may be either is
[0, 1].
"""

from __future__ import annotations

import ast
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from redline.content.compiled import Change, CLater, Scenario
from redline.content.expr import Expression, dotted_parts

INF = math.inf
ROUNDING = 0.01


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float

    @staticmethod
    def of(value: float | bool) -> Interval:
        v = float(value)
        return Interval(v, v)

    @property
    def can_be_false(self) -> bool:
        return self.lo <= 0 <= self.hi

    @property
    def can_be_true(self) -> bool:
        return not (self.lo == 0 and self.hi == 0)

    def hull(self, other: Interval) -> Interval:
        return Interval(min(self.lo, other.lo), max(self.hi, other.hi))

    def __str__(self) -> str:
        if self.lo == self.hi:
            return _num(self.lo)
        return f"{_num(self.lo)}–{_num(self.hi)}"


FALSE = Interval(0.0, 0.0)
TRUE = Interval(1.0, 1.0)
BOTH = Interval(0.0, 1.0)
ANY = Interval(-INF, INF)


def _num(x: float) -> str:
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    return f"{round(x, 2):g}"


def _truth(can_true: bool, can_false: bool) -> Interval:
    if can_true and can_false:
        return BOTH
    return TRUE if can_true else FALSE


def _mul(a: float, b: float) -> float:
    return 0.0 if a == 0 or b == 0 else a * b  # 0 * inf is 0 here, not nan


@dataclass
class Env:
    """The interval of every name an expression may read."""

    names: dict[str, Interval] = field(default_factory=dict)  # meters, flags, specials
    allies: dict[str, Interval] = field(default_factory=dict)  # support
    ally_in: dict[str, Interval] = field(default_factory=dict)  # [1,1] if the ally never leaves
    crossed: dict[str, Interval] = field(default_factory=dict)

    def lookup(self, node: ast.AST) -> Interval:
        if isinstance(node, ast.Name):
            if node.id in ("true", "True"):
                return TRUE
            if node.id in ("false", "False"):
                return FALSE
            return self.names.get(node.id, ANY)
        parts = dotted_parts(node) or [""]  # read exactly as the compiler reads it
        if parts[0] == "ally" and len(parts) in (2, 3):
            attr = parts[2] if len(parts) == 3 else "support"
            if attr == "support":
                return self.allies.get(parts[1], Interval(0, 100))
            stays = self.ally_in.get(parts[1], BOTH)
            if attr == "in":
                return stays
            if attr == "out":
                return _truth(stays.can_be_false, stays.can_be_true)
            return ANY
        if parts[0] == "crossed" and len(parts) == 2:
            return self.crossed.get(parts[1], BOTH)
        return ANY


def evaluate(expr: Expression, env: Env) -> Interval:
    """Every value `expr` can take while the names stay within `env`."""
    if expr.is_constant:
        c = expr.constant
        return Interval.of(c) if isinstance(c, int | float) else ANY
    if expr.tree is None:
        return ANY
    try:
        return _eval(expr.tree, env)
    except (ArithmeticError, ValueError, TypeError, RecursionError):
        return ANY


def _eval(node: ast.AST, env: Env) -> Interval:
    if isinstance(node, ast.Constant):
        return Interval.of(node.value)
    if isinstance(node, ast.Name | ast.Attribute):
        return env.lookup(node)
    if isinstance(node, ast.BoolOp):
        return _boolop(node, env)
    if isinstance(node, ast.UnaryOp):
        v = _eval(node.operand, env)
        if isinstance(node.op, ast.Not):
            return _truth(v.can_be_false, v.can_be_true)
        if isinstance(node.op, ast.USub):
            return Interval(-v.hi, -v.lo)
        return v
    if isinstance(node, ast.BinOp):
        return _binop(node.op, _eval(node.left, env), _eval(node.right, env))
    if isinstance(node, ast.Compare):
        values = [_eval(node.left, env), *(_eval(c, env) for c in node.comparators)]
        can_true, can_false = True, False
        for i, op in enumerate(node.ops):
            t, f = _compare(op, values[i], values[i + 1])
            can_true = can_true and t
            can_false = can_false or f
        return _truth(can_true, can_false)
    if isinstance(node, ast.IfExp):
        test = _eval(node.test, env)
        if not test.can_be_false:
            return _eval(node.body, env)
        if not test.can_be_true:
            return _eval(node.orelse, env)
        return _eval(node.body, env).hull(_eval(node.orelse, env))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return _call(node.func.id, [_eval(a, env) for a in node.args])
    return ANY


def _boolop(node: ast.BoolOp, env: Env) -> Interval:
    # Python's `a and b` is a if a is falsy, else b (and the other way round for `or`).
    result: Interval | None = None
    reach = True  # this operand may be evaluated
    for value in node.values:
        if not reach:
            break
        v = _eval(value, env)
        last = value is node.values[-1]
        stops = v.can_be_false if isinstance(node.op, ast.And) else v.can_be_true
        goes_on = v.can_be_true if isinstance(node.op, ast.And) else v.can_be_false
        if last:
            part = v
        elif isinstance(node.op, ast.And):
            part = FALSE if stops else None  # the falsy value stops the chain: it is 0
        else:
            part = Interval(v.lo, v.hi) if stops else None
        if part is not None:
            result = part if result is None else result.hull(part)
        reach = goes_on
    return result if result is not None else ANY


def _compare(op: ast.cmpop, a: Interval, b: Interval) -> tuple[bool, bool]:
    """(can be true, can be false)."""
    if isinstance(op, ast.Lt):
        return a.lo < b.hi, a.hi >= b.lo
    if isinstance(op, ast.LtE):
        return a.lo <= b.hi, a.hi > b.lo
    if isinstance(op, ast.Gt):
        return a.hi > b.lo, a.lo <= b.hi
    if isinstance(op, ast.GtE):
        return a.hi >= b.lo, a.lo < b.hi
    overlap = a.lo <= b.hi and b.lo <= a.hi
    single_equal = a.lo == a.hi == b.lo == b.hi
    if isinstance(op, ast.Eq):
        return overlap, not single_equal
    if isinstance(op, ast.NotEq):
        return not single_equal, overlap
    return True, True


def _binop(op: ast.operator, a: Interval, b: Interval) -> Interval:
    if isinstance(op, ast.Add):
        return Interval(a.lo + b.lo, a.hi + b.hi)
    if isinstance(op, ast.Sub):
        return Interval(a.lo - b.hi, a.hi - b.lo)
    if isinstance(op, ast.Mult):
        c = [_mul(x, y) for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
        return Interval(min(c), max(c))
    if isinstance(op, ast.Div | ast.FloorDiv):  # x / 0 is 0 in the game
        if (a.lo == a.hi == 0) or (b.lo == b.hi == 0):
            return FALSE
        if not (b.lo > 0 or b.hi < 0):
            return ANY
        c = [x / y for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
        if any(math.isnan(x) for x in c):
            return ANY
        if isinstance(op, ast.FloorDiv):  # floor is monotone
            return Interval(math.floor(min(c)), math.floor(max(c)))
        return Interval(min(c), max(c))
    if isinstance(op, ast.Mod):  # x % b lies between 0 and b; x % 0 is 0
        return Interval(min(b.lo, 0.0), max(b.hi, 0.0))
    if isinstance(op, ast.Pow) and b.lo == b.hi and float(b.lo).is_integer() and b.lo >= 0:
        n = int(b.lo)
        ends = [a.lo**n, a.hi**n]
        lo = 0.0 if (n % 2 == 0 and a.lo < 0 < a.hi) else min(ends)
        return Interval(lo, max(ends))
    return ANY


def _call(name: str, args: list[Interval]) -> Interval:
    if name == "min":
        return Interval(min(a.lo for a in args), min(a.hi for a in args))
    if name == "max":
        return Interval(max(a.lo for a in args), max(a.hi for a in args))
    if name == "abs":
        (a,) = args
        if a.lo >= 0:
            return a
        if a.hi <= 0:
            return Interval(-a.hi, -a.lo)
        return Interval(0.0, max(-a.lo, a.hi))
    if name == "round":
        (a,) = args
        lo = round(a.lo) if math.isfinite(a.lo) else a.lo
        hi = round(a.hi) if math.isfinite(a.hi) else a.hi
        return Interval(lo, hi)
    if name == "clamp":  # the result is x between the bounds, or one of the bounds
        x = args[0]
        lo = args[1] if len(args) > 1 else Interval.of(0)
        hi = args[2] if len(args) > 2 else Interval.of(100)
        inside = Interval(max(x.lo, lo.lo), min(x.hi, hi.hi))
        result = lo.hull(hi)
        return result.hull(inside) if inside.lo <= inside.hi else result
    return ANY


# ---- what the game can reach ---------------------------------------------------------


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
