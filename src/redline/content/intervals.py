"""Expressions read over intervals: every value an expression can take while the names it
reads stay within given ranges, and the arithmetic in it that can have no value.

The checked expression tree that `expr.parse` keeps is walked once (`_Walk`): numbers are
[lo, hi], true/false are [1, 1] / [0, 0], a flag that may be either is [0, 1]. Inside
`a if test else b`, `test and a` and `test or a`, what the test proves narrows the ranges
(`x / y if y > 0 else 0` never divides by 0). With the ranges a game can reach
(`ranges.reach`), `lint` judges conditions and `numbers` refuses at load a division by a
value that can be 0, a power with no value and an overflow (`hazards`).
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass, field, replace
from typing import cast

from redline.content.expr import LARGEST, Expression, dotted_parts

INF = math.inf


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

    def said(self) -> str:
        """In words, for a message: 'always 5', 'between −42 and 58' (a real minus sign,
        and no dash between two numbers that may be negative)."""
        if self.lo == self.hi:
            return f"always {_said(self.lo)}"
        return f"between {_said(self.lo)} and {_said(self.hi)}"


FALSE = Interval(0.0, 0.0)
TRUE = Interval(1.0, 1.0)
BOTH = Interval(0.0, 1.0)
ANY = Interval(-INF, INF)


def _num(x: float) -> str:
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    return f"{round(x, 2):g}"


def _said(x: float) -> str:
    return _num(x).replace("-", "−")


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
    # What a guard proves inside the branch it guards (`x / y if y > 0 else 0`): a narrower
    # interval, or "never 0", for a sub-expression, keyed by its tree (`ast.dump`).
    facts: dict[str, Interval] = field(default_factory=dict)
    nonzero: frozenset[str] = frozenset()

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


@dataclass(frozen=True)
class Hazard:
    """Arithmetic that the ranges show can have no value in play: `col` is 0-based in the
    expression's first line, `code` one of RL203-RL205."""

    col: int
    code: str
    message: str


def evaluate(expr: Expression, env: Env) -> Interval:
    """Every value `expr` can take while the names stay within `env`."""
    if expr.is_constant:
        c = expr.constant
        return Interval.of(c) if isinstance(c, int | float) else ANY
    if expr.tree is None:
        return ANY
    try:
        return _Walk(None, expr.text).eval(expr.tree, env)
    except (ArithmeticError, ValueError, TypeError, RecursionError):
        return ANY


def hazards(expr: Expression, env: Env) -> list[Hazard]:
    """Every division by a value that can be 0, power with no real value and overflow that
    `expr` can meet while the names stay within `env`. Only what the ranges show for certain
    is reported: a sub-expression whose range is unknown (infinite) is never blamed."""
    if expr.is_constant or expr.tree is None:
        return []  # a constant with no value is refused when it is parsed (RL202)
    found: list[Hazard] = []
    try:
        _Walk(found, expr.text).eval(expr.tree, env)
    except (ArithmeticError, ValueError, TypeError, RecursionError):
        pass
    return found


def _within(i: Interval) -> str:
    return f"it is {i.said()}" if i.lo == i.hi else f"it stays {i.said()}"


def _finite(i: Interval) -> bool:
    return math.isfinite(i.lo) and math.isfinite(i.hi)


def _key(node: ast.AST) -> str:
    return ast.dump(node, annotate_fields=False)


def _on_grid(node: ast.AST) -> bool:
    """A name the game holds to 2 decimals (meters, support, cohesion) or a whole number
    (turn, rung, counts, flags): none lies strictly between 0 and 0.01."""
    return isinstance(node, ast.Name | ast.Attribute)


def _above(c: float) -> float:
    """The least value on the 0.01 grid above `c` (for a name: `x > c` means x >= this)."""
    if not math.isfinite(c) or abs(c) > 1e12:
        return c
    base = math.floor(c * 100)
    return min(v for v in ((base + k) / 100 for k in range(-1, 3)) if v > c)


def _below(c: float) -> float:
    return -_above(-c)


_NEGATED: dict[type, type] = {
    ast.Gt: ast.LtE,
    ast.GtE: ast.Lt,
    ast.Lt: ast.GtE,
    ast.LtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
}


class _Walk:
    """One walk of an expression tree over intervals; with `found`, it also notes every
    hazard (see `hazards`). The one place that reads an expression with ranges."""

    def __init__(self, found: list[Hazard] | None, text: str) -> None:
        self.found = found
        self.text = text

    def note(self, node: ast.AST, code: str, message: str) -> None:
        if self.found is not None:
            col = getattr(node, "col_offset", 0) if getattr(node, "lineno", 1) == 1 else 0
            self.found.append(Hazard(col, code, message))

    def shown(self, node: ast.AST) -> str:
        text = ast.get_source_segment(self.text, node) or "this"
        return " ".join(text.split())[:80]

    def eval(self, node: ast.AST, env: Env) -> Interval:
        value = self._eval(node, env)
        if env.facts:
            fact = env.facts.get(_key(node))
            if fact is not None:
                lo, hi = max(value.lo, fact.lo), min(value.hi, fact.hi)
                value = Interval(lo, hi) if lo <= hi else fact
        return value

    def _eval(self, node: ast.AST, env: Env) -> Interval:
        if isinstance(node, ast.Constant):
            return Interval.of(node.value)  # type: ignore[arg-type]  # the parser admits numbers and booleans only
        if isinstance(node, ast.Name | ast.Attribute):
            return env.lookup(node)
        if isinstance(node, ast.BoolOp):
            return self.boolop(node, env)
        if isinstance(node, ast.UnaryOp):
            v = self.eval(node.operand, env)
            if isinstance(node.op, ast.Not):
                return _truth(v.can_be_false, v.can_be_true)
            if isinstance(node.op, ast.USub):
                return Interval(-v.hi, -v.lo)
            return v
        if isinstance(node, ast.BinOp):
            return self.binop(node, self.eval(node.left, env), self.eval(node.right, env), env)
        if isinstance(node, ast.Compare):
            values = [self.eval(node.left, env), *(self.eval(c, env) for c in node.comparators)]
            can_true, can_false = True, False
            for i, op in enumerate(node.ops):
                t, f = _compare(op, values[i], values[i + 1])
                can_true = can_true and t
                can_false = can_false or f
            return _truth(can_true, can_false)
        if isinstance(node, ast.IfExp):
            test = self.eval(node.test, env)
            if not test.can_be_false:
                return self.eval(node.body, self.guarded(node.test, env, True))
            if not test.can_be_true:
                return self.eval(node.orelse, self.guarded(node.test, env, False))
            body = self.eval(node.body, self.guarded(node.test, env, True))
            return body.hull(self.eval(node.orelse, self.guarded(node.test, env, False)))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            return _call(node.func.id, [self.eval(a, env) for a in node.args])
        return ANY

    def boolop(self, node: ast.BoolOp, env: Env) -> Interval:
        # Python's `a and b` is a if a is falsy, else b (and the other way round for `or`).
        is_and = isinstance(node.op, ast.And)
        result: Interval | None = None
        reach = True  # this operand may be evaluated
        for value in node.values:
            if not reach:
                break
            v = self.eval(value, env)
            last = value is node.values[-1]
            stops = v.can_be_false if is_and else v.can_be_true
            goes_on = v.can_be_true if is_and else v.can_be_false
            if last:
                part: Interval | None = v
            elif is_and:
                part = FALSE if stops else None  # the falsy value stops the chain: it is 0
            else:
                part = Interval(v.lo, v.hi) if stops else None
            if part is not None:
                result = part if result is None else result.hull(part)
            reach = goes_on
            if reach and not last:  # the next operand runs only if this one let it
                env = self.guarded(value, env, is_and)
        return result if result is not None else ANY

    # ---- what a guard proves -------------------------------------------------------------

    def guarded(self, test: ast.AST, env: Env, holds: bool) -> Env:
        """`env` narrowed by knowing that `test` is true (`holds`) or false."""
        facts, nonzero = dict(env.facts), set(env.nonzero)
        self._learn(test, env, holds, facts, nonzero)
        if facts == env.facts and nonzero == env.nonzero:
            return env
        return replace(env, facts=facts, nonzero=frozenset(nonzero))

    def _learn(self, test: ast.AST, env: Env, holds: bool, facts: dict, nonzero: set) -> None:
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            self._learn(test.operand, env, not holds, facts, nonzero)
            return
        if isinstance(test, ast.BoolOp):
            # `a and b` true (or `a or b` false) says each part is; the other way, only one is.
            if isinstance(test.op, ast.And) == holds:
                for value in test.values:
                    self._learn(value, env, holds, facts, nonzero)
            return
        if isinstance(test, ast.Compare):
            if len(test.ops) > 1 and not holds:
                return
            sides = [test.left, *test.comparators]
            for i, op in enumerate(test.ops):
                kind = type(op) if holds else _NEGATED.get(type(op))
                if kind is not None:
                    self._narrow(sides[i], kind, sides[i + 1], env, facts, nonzero)
            return
        if holds:  # a truthy value is not 0
            nonzero.add(_key(test))
        else:
            facts[_key(test)] = FALSE

    def _narrow(self, left: ast.AST, kind: type, right: ast.AST, env: Env, facts: dict, nonzero: set) -> None:
        quiet = _Walk(None, self.text)  # hazards in the test are noted where it is evaluated
        a, b = quiet.eval(left, env), quiet.eval(right, env)
        if kind in (ast.Lt, ast.LtE):  # b > a, b >= a
            left, right, a, b = right, left, b, a
            kind = ast.Gt if kind is ast.Lt else ast.GtE
        lhs, rhs = cast(ast.expr, left), cast(ast.expr, right)
        ahead, behind = ast.BinOp(lhs, ast.Sub(), rhs), ast.BinOp(rhs, ast.Sub(), lhs)
        if kind is ast.Eq:
            both = Interval(max(a.lo, b.lo), min(a.hi, b.hi))
            if both.lo <= both.hi:
                facts[_key(left)] = facts[_key(right)] = both
                facts[_key(ahead)] = facts[_key(behind)] = FALSE
            return
        if kind is ast.NotEq:  # then left - right is not 0 either
            nonzero.update((_key(ahead), _key(behind)))
            if a.lo == a.hi == 0:
                nonzero.add(_key(right))
            if b.lo == b.hi == 0:
                nonzero.add(_key(left))
            return
        strict = kind is ast.Gt  # left > right (or >=)
        lo = _above(b.lo) if strict and _on_grid(left) else b.lo
        hi = _below(a.hi) if strict and _on_grid(right) else a.hi
        if a.lo < lo <= a.hi:
            facts[_key(left)] = Interval(lo, a.hi)
        if b.lo <= hi < b.hi:
            facts[_key(right)] = Interval(b.lo, hi)
        # left - right >= 0 (and right - left <= 0), as in `(x - c) ** 0.5 if x > c else 0`
        up, down = quiet.eval(ahead, env), quiet.eval(behind, env)
        if up.lo < 0 <= up.hi:
            facts[_key(ahead)] = Interval(0.0, up.hi)
        if down.lo <= 0 < down.hi:
            facts[_key(behind)] = Interval(down.lo, 0.0)
        if strict:
            nonzero.update((_key(ahead), _key(behind)))
            if b.lo >= 0:
                nonzero.add(_key(left))  # left > right >= 0
            if a.hi <= 0:
                nonzero.add(_key(right))  # right < left <= 0

    # ---- arithmetic --------------------------------------------------------------------------

    def binop(self, node: ast.BinOp, a: Interval, b: Interval, env: Env) -> Interval:
        op = node.op
        seen = _finite(a) and _finite(b)  # only what the ranges show for certain is blamed
        if isinstance(op, ast.Div | ast.FloorDiv | ast.Mod) and b.lo <= 0 <= b.hi:
            if env.nonzero and _key(node.right) in env.nonzero:
                return self.split(op, a, b, node.right)
            if seen:
                self.note(
                    node,
                    "RL203",
                    f"`{self.shown(node)}` divides by `{self.shown(node.right)}`, which can be 0 in play"
                    f" ({_within(b)}); the game would read the result as 0 — "
                    + (
                        "divide by max(..., 1), or guard it with `... if ... > 0 else ...`"
                        if b.lo >= 0
                        else "guard it with `... if ... != 0 else ...` (max(..., 1) would also turn"
                        " its negative values into 1)"
                    ),
                )
            return ANY
        if isinstance(op, ast.Pow) and b.lo == b.hi and seen:
            n = b.lo
            if not float(n).is_integer() and a.lo < 0:
                self.note(
                    node,
                    "RL204",
                    f"`{self.shown(node)}` raises `{self.shown(node.left)}`, which can be negative in play"
                    f" ({_within(a)}), to a fractional power: it has no real value and the game"
                    " would read it as 0 — use max(0, ...) or abs(...) for the base",
                )
                return ANY
            if n < 0 and a.lo <= 0 <= a.hi:
                self.note(
                    node,
                    "RL204",
                    f"`{self.shown(node)}` raises `{self.shown(node.left)}`, which can be 0 in play"
                    f" ({_within(a)}), to a negative power: it has no value and the game would"
                    " read it as 0 — keep the base away from 0"
                    + (", e.g. max(..., 1)" if a.lo >= 0 else ", e.g. `... if ... != 0 else ...`"),
                )
                return ANY
        result = _binop(op, a, b)
        if seen and not _finite(result):
            self.note(
                node,
                "RL205",
                f"`{self.shown(node)}` can overflow past the largest number in play (`{self.shown(node.left)}`"
                f" {_within(a)[3:]}, `{self.shown(node.right)}` {_within(b)[3:]}); the game would have to make a number up for it (±{LARGEST:g}"
                " or 0) — use smaller numbers, or clamp(...) what it works on",
            )
        return result

    def split(self, op: ast.operator, a: Interval, b: Interval, divisor: ast.AST) -> Interval:
        """A division by a value a guard proves is never 0, though its range spans 0."""
        if not _on_grid(divisor):
            return ANY  # how near 0 it comes is unknown
        parts = [Interval(b.lo, -0.01)] if b.lo <= -0.01 else []
        if b.hi >= 0.01:
            parts.append(Interval(0.01, b.hi))
        result: Interval | None = None
        for part in parts:
            one = _binop(op, a, part)
            result = one if result is None else result.hull(one)
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


def _power(x: float, n: float) -> float:
    try:
        r = x**n
    except OverflowError:
        return -INF if x < 0 and float(n).is_integer() and int(n) % 2 else INF
    except ZeroDivisionError:
        return INF
    return r.real if isinstance(r, complex) else r


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
            lo, hi = min(c), max(c)
            return Interval(
                math.floor(lo) if math.isfinite(lo) else lo, math.floor(hi) if math.isfinite(hi) else hi
            )
        return Interval(min(c), max(c))
    if isinstance(op, ast.Mod):  # x % b lies between 0 and b; x % 0 is 0
        return Interval(min(b.lo, 0.0), max(b.hi, 0.0))
    if isinstance(op, ast.Pow) and b.lo == b.hi:
        n = b.lo
        if float(n).is_integer() and n >= 0:
            k = int(n)
            ends = [_power(a.lo, k), _power(a.hi, k)]
            lo = 0.0 if (k % 2 == 0 and a.lo < 0 < a.hi) else min(ends)
            return Interval(lo, max(ends))
        # A negative power of a base that is never 0, or a fractional power of one that is
        # never negative: monotone on the base's range, so its ends give the result's.
        if float(n).is_integer() and not a.lo <= 0 <= a.hi or a.lo >= 0 and not (n < 0 and a.lo == 0):
            ends = [_power(a.lo, n), _power(a.hi, n)]
            if not any(math.isnan(e) for e in ends):
                return Interval(min(ends), max(ends))
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
        floor = args[1] if len(args) > 1 else Interval.of(0)
        ceiling = args[2] if len(args) > 2 else Interval.of(100)
        inside = Interval(max(x.lo, floor.lo), min(x.hi, ceiling.hi))
        result = floor.hull(ceiling)
        return result.hull(inside) if inside.lo <= inside.hi else result
    return ANY


# ---- what the game can reach ---------------------------------------------------------
