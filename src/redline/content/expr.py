"""The expression language of conditions, chances, proximities and scores.

Text is parsed with Python's `ast` parser (mode "eval") only to get a tree; every node is
checked against a short whitelist and turned into a closure here. Nothing from content is
ever passed to `eval`, `exec` or `compile`. Anything outside the whitelist — attributes other
than the dotted game names, calls other than the listed functions, subscripts, lambdas,
comprehensions, strings, large powers — is an `ExprError` with its column.

A compiled expression is a function of the live game state `s`, which offers `s.meters`,
`s.flags`, `s.support`, `s.out` (allies who left), `s.crossed`, `s.turn`, `s.rung`,
`s.crossed_now` and `s.cohesion`, and `s.fbits`, its flags as one integer (see `memoise`).
"""

from __future__ import annotations

import ast
import difflib
import functools
import math
import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for the type only: content never imports the engine at run time
    from redline.engine.state import State

# A function of the live game state. Typed as the engine's State (not Any) so that the
# compiled engine (setup.py) reads the state's fields directly instead of by name.
Compiled = Callable[["State"], Any]

MAX_LENGTH = 2000
_ALLY_IN = re.compile(r"(?<=[A-Za-z0-9_])\.in\b(?!_)")
MAX_DEPTH = 60
MAX_POWER = 8

FUNCTIONS = ("min", "max", "abs", "clamp", "round")
SPECIALS = {
    "turn": "the current turn (1 = first)",
    "cohesion": "allied cohesion, 0-100, derived from the allies still in",
    "rung": "the escalation ladder rung (0 = lowest)",
    "crossed_now": "red lines newly crossed this turn",
    "crossed_count": "red lines crossed so far",
    "allies_in": "how many allies are still in the coalition",
}


# What an author wrote, in plain words, for the parts of Python an expression may not use.
_KINDS = {
    "Lambda": "a function definition (lambda)",
    "ListComp": "a list comprehension",
    "SetComp": "a set comprehension",
    "DictComp": "a dictionary comprehension",
    "GeneratorExp": "a generator (for ... in ...)",
    "JoinedStr": "an f-string",
    "FormattedValue": "an f-string",
    "Subscript": "indexing with [ ]",
    "Slice": "a slice with [ : ]",
    "List": "a list [ ]",
    "Tuple": "a tuple ( , )",
    "Set": "a set { }",
    "Dict": "a dictionary { : }",
    "Starred": "unpacking with *",
    "NamedExpr": "an assignment (:=)",
    "Await": "await",
    "Yield": "yield",
    "YieldFrom": "yield",
}


class ExprError(ValueError):
    """A problem in an expression; `col` is 0-based within the expression text."""

    def __init__(self, message: str, col: int = 0, code: str = "RL201") -> None:
        super().__init__(message)
        self.message = message
        self.col = col
        self.code = code
        # Further unknown names in the same expression: every one is reported, not the first.
        self.others: list[ExprError] = []

    @property
    def all(self) -> list[ExprError]:
        return [self, *self.others]


@dataclass(frozen=True)
class Names:
    """The names an expression may use, declared by the scenario."""

    meters: frozenset[str] = frozenset()
    flags: frozenset[str] = frozenset()
    allies: frozenset[str] = frozenset()
    red_lines: frozenset[str] = frozenset()
    extra: frozenset[str] = frozenset()  # context names such as `crossed_now`
    # The declared flags in bit order (see `flag_bits`); empty means "do not memoise".
    flag_order: tuple[str, ...] = ()

    def all_plain(self) -> list[str]:
        return sorted(self.meters | self.flags | set(SPECIALS) | self.extra)


@dataclass
class Expression:
    """A compiled expression, with the names it reads (for authoring checks)."""

    text: str
    fn: Compiled
    reads: frozenset[str] = field(default_factory=frozenset)
    constant: Any = None
    is_constant: bool = False
    tree: ast.expr | None = None  # the checked tree, for interval reasoning in `lint`

    def __call__(self, s: State) -> Any:
        return self.fn(s)


def flag_bits(flags: Iterable[str]) -> dict[str, int]:
    """Each flag's bit in a state's `fbits`, a mirror of its flags as one integer. The engine
    and the compiler both take the mapping from here, so they always agree."""
    return {name: 1 << i for i, name in enumerate(sorted(flags))}


@functools.lru_cache(maxsize=8)
def _bits_in_order(order: tuple[str, ...]) -> dict[str, int]:
    return flag_bits(order)


MEMO_LIMIT = 1 << 16
_MISSING = object()


def memoise(fn: Compiled, reads: frozenset[str], bits: dict[str, int]) -> Compiled:
    """A condition that reads only flags (and the turn) has one value per combination of
    them, and the same few combinations come up turn after turn and game after game. Those
    are remembered, keyed by the flag bits it reads (`bits`, from `flag_bits`), so the
    condition costs one lookup. Anything else is returned as it is.

    Only worth it for two names or more: one flag is already a single dictionary read."""
    if len(reads) < 2 or not bits or not reads <= bits.keys() | {"turn"}:
        return fn
    mask = 0
    for name in reads - {"turn"}:
        mask |= bits[name]
    cache: dict[int, Any] = {}

    def remember(key: int, s: State) -> Any:
        if len(cache) >= MEMO_LIMIT:  # a bound on memory for content with many flags
            cache.clear()
        value = cache[key] = fn(s)
        return value

    if "turn" in reads:
        shift = len(bits)

        def by_flags_and_turn(s: State) -> Any:
            key = (s.fbits & mask) | (s.turn << shift)
            value = cache.get(key, _MISSING)
            return remember(key, s) if value is _MISSING else value

        return by_flags_and_turn

    def by_flags(s: State) -> Any:
        key = s.fbits & mask
        value = cache.get(key, _MISSING)
        return remember(key, s) if value is _MISSING else value

    return by_flags


def _suggest(name: str, candidates: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""


def _safe_div(a: float, b: float) -> float:
    return a / b if b else 0.0


def _safe_floordiv(a: float, b: float) -> float:
    return a // b if b else 0.0


def _safe_mod(a: float, b: float) -> float:
    return a % b if b else 0.0


# The game's arithmetic is total: every operation on numbers gives a finite real number, so
# an expression that validates cannot fail in play. x / 0, x // 0 and x % 0 are 0; so is
# 0 to a negative power, and a negative number to a fractional power (which has no real
# value); a result too large saturates at +-LARGEST; and an expression whose value comes
# out NaN or infinite (1e300 * 1e300) reads as 0, or +-LARGEST (`finite`). Constants that
# would do any of this are refused when the content loads.
LARGEST = 1e15


def _safe_pow(a: Any, b: Any) -> Any:
    try:
        r = a**b
    except ZeroDivisionError:
        return 0.0
    except OverflowError:
        odd = float(b).is_integer() and int(b) % 2 == 1
        return -LARGEST if a < 0 and odd else LARGEST
    if r.__class__ is complex:
        return 0.0
    return r


def _safe_round(x: Any) -> Any:
    return round(finite(x))


def finite(x: Any) -> Any:
    """`x` if it is a finite number (or not a number at all), else 0 for NaN, or +-LARGEST."""
    if x.__class__ is float and not math.isfinite(x):
        return 0.0 if x != x else (LARGEST if x > 0 else -LARGEST)
    return x


def _clamp(x: float, lo: float = 0, hi: float = 100) -> float:
    return lo if x < lo else hi if x > hi else x


BINOPS: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: _safe_div,
    ast.FloorDiv: _safe_floordiv,
    ast.Mod: _safe_mod,
    ast.Pow: _safe_pow,
}
CMPOPS: dict[type, Callable[[Any, Any], bool]] = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}
FUNCS: dict[str, tuple[Callable[..., Any], int, int]] = {
    "min": (min, 2, 8),
    "max": (max, 2, 8),
    "abs": (abs, 1, 1),
    "clamp": (_clamp, 1, 3),
    "round": (_safe_round, 1, 1),
}


def _compare_constant(left: ast.AST, op: type, c: Any, names: Names) -> Compiled | None:
    """One closure for the commonest condition, `meter >= 60` or `turn >= 3`: it is most of
    what a turn evaluates, and one call is several times cheaper than a tree of them. The
    number is held typed (a float for meters and cohesion, an int for the turn), which the
    compiled engine compares as machine numbers; the result is the same either way."""
    if not isinstance(left, ast.Name) or isinstance(c, bool) or not isinstance(c, int | float):
        return None
    n = left.id
    if (n in names.meters or n == "cohesion") and float(c) == c:  # (a huge int may not be)
        f: float = float(c)
        if n == "cohesion":
            if op is ast.GtE:
                return lambda s: s.cohesion >= f
            if op is ast.Lt:
                return lambda s: s.cohesion < f
            return None
        if op is ast.GtE:
            return lambda s: s.meters[n] >= f
        if op is ast.Gt:
            return lambda s: s.meters[n] > f
        if op is ast.LtE:
            return lambda s: s.meters[n] <= f
        if op is ast.Lt:
            return lambda s: s.meters[n] < f
    elif n == "turn" and isinstance(c, int):
        k: int = c
        if op is ast.GtE:
            return lambda s: s.turn >= k
        if op is ast.LtE:
            return lambda s: s.turn <= k
        if op is ast.Eq:
            return lambda s: s.turn == k
    return None


# The largest number a constant may be or fold to: far beyond any gauge, and far below the
# point where a float stops holding whole numbers exactly or overflows.
MAX_NUMBER = 1e12


def _in_range(value: Any, node: ast.AST, compiler: _Compiler) -> Any:
    """`value` if it is a finite number within MAX_NUMBER, else an RL202 error."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if isinstance(value, float) and not math.isfinite(value) or abs(value) > MAX_NUMBER:
        raise compiler.fail(node, "number out of range", "RL202")
    return value


def dotted_parts(node: ast.AST) -> list[str] | None:
    """`ally.france.in` as ["ally", "france", "in"]: the one reading of a dotted name, shared
    by the compiler and the range analysis so that both always mean the same thing. The
    parser sees `in` as `in_` (a keyword); it is given back its own name here."""
    parts: list[str] = []
    cur: ast.AST = node
    while isinstance(cur, ast.Attribute):
        parts.append(cur.attr)
        cur = cur.value
    if not isinstance(cur, ast.Name):
        return None
    parts.append(cur.id)
    parts.reverse()
    if len(parts) == 3 and parts[0] == "ally" and parts[2] == "in_":
        parts[2] = "in"
    return parts


class _Compiler:
    def __init__(self, names: Names) -> None:
        self.names = names
        self.reads: set[str] = set()
        self.unknown: list[ExprError] = []  # unknown names, collected so all are reported

    def fail(self, node: ast.AST, message: str, code: str = "RL201") -> ExprError:
        return ExprError(message, getattr(node, "col_offset", 0), code)

    def unknown_name(self, node: ast.AST, message: str, code: str) -> tuple[Compiled, Any, bool]:
        """Note an unknown name and go on, so the rest of the expression is checked too."""
        self.unknown.append(self.fail(node, message, code))
        return (lambda s: 0), None, False

    def compile(self, node: ast.AST, depth: int = 0) -> tuple[Compiled, Any, bool]:
        """Return (closure, constant value, is_constant)."""
        if depth > MAX_DEPTH:
            raise self.fail(node, "expression nested too deeply", "RL202")
        d = depth + 1
        if isinstance(node, ast.Constant):
            v = node.value
            if isinstance(v, bool) or (isinstance(v, int | float) and not isinstance(v, complex)):
                _in_range(v, node, self)
                return (lambda s, v=v: v), v, True
            raise self.fail(node, f"only numbers and true/false are allowed, not {v!r}"[:120])
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.Attribute):
            return self.dotted(node)
        if isinstance(node, ast.BoolOp):
            parts = [self.compile(v, d) for v in node.values]
            fns = [p[0] for p in parts]
            # Folded into a chain of two-way closures: much faster than all()/any() over a list.
            fn = fns[-1]
            if isinstance(node.op, ast.And):
                for g in reversed(fns[:-1]):
                    fn = (lambda a, b: lambda s: a(s) and b(s))(g, fn)
            else:
                for g in reversed(fns[:-1]):
                    fn = (lambda a, b: lambda s: a(s) or b(s))(g, fn)
            return fn, None, False
        if isinstance(node, ast.UnaryOp):
            f, c, k = self.compile(node.operand, d)
            if isinstance(node.op, ast.Not):
                if isinstance(node.operand, ast.Name) and node.operand.id in self.names.flags:
                    flag = node.operand.id
                    return (lambda s: not s.flags[flag]), None, False
                return (lambda s: not f(s)), (not c if k else None), k
            if isinstance(node.op, ast.USub):
                return (lambda s: -f(s)), (-c if k else None), k
            if isinstance(node.op, ast.UAdd):
                return f, c, k
            raise self.fail(node, "operator not allowed")
        if isinstance(node, ast.BinOp):
            op = BINOPS.get(type(node.op))
            if op is None:
                raise self.fail(node, "operator not allowed (use + - * / // % **)")
            a, ca, ka = self.compile(node.left, d)
            b, cb, kb = self.compile(node.right, d)
            if isinstance(node.op, ast.Pow):
                if not kb or not isinstance(cb, int | float) or abs(cb) > MAX_POWER:
                    raise self.fail(node, f"a power must be a constant of at most {MAX_POWER}")
                if ka and isinstance(ca, int | float) and abs(ca) > 1e6:
                    raise self.fail(node, "number out of range", "RL202")
            if (
                kb
                and not isinstance(cb, bool)
                and cb == 0
                and isinstance(node.op, ast.Div | ast.FloorDiv | ast.Mod)
            ):
                raise self.fail(node, "division by zero (the game would read it as 0)", "RL202")
            if ka and kb:
                raw = operator.pow if isinstance(node.op, ast.Pow) else op  # refused, not saturated
                try:
                    value = raw(ca, cb)
                except ZeroDivisionError:
                    raise self.fail(node, "0 to a negative power has no value", "RL202") from None
                if value.__class__ is complex:
                    raise self.fail(node, "a negative number to a fractional power has no value", "RL202")
                value = _in_range(value, node, self)
                return (lambda s, v=value: v), value, True
            if kb:
                return (lambda s: op(a(s), cb)), None, False
            return (lambda s: op(a(s), b(s))), None, False
        if isinstance(node, ast.Compare):
            left = self.compile(node.left, d)[0]
            found = [CMPOPS.get(type(o)) for o in node.ops]
            ops = [o for o in found if o is not None]
            if len(ops) < len(found):
                raise self.fail(node, "comparison not allowed (use < <= > >= == !=)")
            rights = [self.compile(c, d) for c in node.comparators]
            if len(ops) == 1:
                op0 = ops[0]
                rf, rc, rk = rights[0]
                if rk:
                    fast = _compare_constant(node.left, type(node.ops[0]), rc, self.names)
                    if fast is not None:
                        return fast, None, False
                    return (lambda s: op0(left(s), rc)), None, False
                return (lambda s: op0(left(s), rf(s))), None, False
            chain = [left] + [r[0] for r in rights]

            def compare_chain(s: State) -> bool:
                values = [f(s) for f in chain]
                return all(o(values[i], values[i + 1]) for i, o in enumerate(ops))

            return compare_chain, None, False
        if isinstance(node, ast.IfExp):
            t = self.compile(node.test, d)[0]
            y = self.compile(node.body, d)[0]
            n = self.compile(node.orelse, d)[0]
            return (lambda s: y(s) if t(s) else n(s)), None, False
        if isinstance(node, ast.Call):
            return self.call(node, d)
        kind = _KINDS.get(type(node).__name__, "this kind of expression")
        raise self.fail(node, f"{kind} is not allowed in an expression")

    def name(self, node: ast.Name) -> tuple[Compiled, Any, bool]:
        n = node.id
        if n in ("true", "True"):
            return (lambda s: True), True, True
        if n in ("false", "False"):
            return (lambda s: False), False, True
        if n.startswith("_"):
            raise self.fail(node, f"name '{n}' is not allowed", "RL101")
        names = self.names
        self.reads.add(n)
        if n in names.meters:
            return (lambda s: s.meters[n]), None, False
        if n in names.flags:
            return (lambda s: s.flags[n]), None, False
        if n == "turn":
            return (lambda s: s.turn), None, False
        if n == "cohesion":
            return (lambda s: s.cohesion), None, False
        if n == "rung":
            return (lambda s: s.rung), None, False
        if n == "crossed_now":
            return (lambda s: s.crossed_now), None, False
        if n == "crossed_count":
            return (lambda s: len(s.crossed)), None, False
        if n == "allies_in":
            return (lambda s: len(s.support) - len(s.out)), None, False
        if n in names.extra:
            return (lambda s: getattr(s, n)), None, False
        if n in ("ally", "crossed"):
            return self.unknown_name(node, f"'{n}' needs a dotted name, e.g. {n}.<id>", "RL101")
        pool = names.all_plain()
        return self.unknown_name(node, f"unknown name '{n}'{_suggest(n, pool)}", "RL101")

    def dotted(self, node: ast.Attribute) -> tuple[Compiled, Any, bool]:
        found = dotted_parts(node)
        if found is None:
            raise self.fail(node, "only dotted names such as ally.<id>.support are allowed")
        parts = found
        if any(p.startswith("_") for p in parts):
            raise self.fail(node, "names starting with '_' are not allowed", "RL101")
        text = ".".join(parts)
        head = parts[0]
        if head == "ally" and len(parts) in (2, 3):
            ally = parts[1]
            if ally not in self.names.allies:
                hint = _suggest(ally, self.names.allies)
                return self.unknown_name(node, f"unknown ally '{ally}'{hint}", "RL102")
            attr = parts[2] if len(parts) == 3 else "support"
            self.reads.add(f"ally.{ally}")
            if attr == "support":
                return (lambda s: s.support[ally]), None, False
            if attr == "in":
                return (lambda s: ally not in s.out), None, False
            if attr == "out":
                return (lambda s: ally in s.out), None, False
            raise self.fail(node, f"unknown ally attribute '{attr}' (support, in, out)", "RL101")
        if head == "crossed" and len(parts) == 2:
            line = parts[1]
            if line not in self.names.red_lines:
                hint = _suggest(line, self.names.red_lines)
                return self.unknown_name(node, f"unknown red line '{line}'{hint}", "RL103")
            self.reads.add(f"crossed.{line}")
            return (lambda s: line in s.crossed), None, False
        return self.unknown_name(
            node, f"unknown name '{text}' (use ally.<id>.support or crossed.<id>)", "RL101"
        )

    def call(self, node: ast.Call, d: int) -> tuple[Compiled, Any, bool]:
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCS:
            raise self.fail(node, f"only these functions may be called: {', '.join(FUNCTIONS)}")
        if node.keywords:
            raise self.fail(node, "keyword arguments are not allowed")
        fn, lo, hi = FUNCS[node.func.id]
        if not lo <= len(node.args) <= hi:
            many = (
                f"{lo} argument"
                if lo == hi == 1
                else f"{lo} arguments"
                if lo == hi
                else f"{lo} to {hi} arguments"
            )
            raise self.fail(node, f"{node.func.id}() takes {many}, not {len(node.args)}")
        args = [self.compile(a, d)[0] for a in node.args]
        if len(args) == 1:
            (a0,) = args
            return (lambda s: fn(a0(s))), None, False
        if len(args) == 2:
            a0, a1 = args
            return (lambda s: fn(a0(s), a1(s))), None, False
        return (lambda s: fn(*[a(s) for a in args])), None, False


def parse(text: str | float | int | bool, names: Names) -> Expression:
    """Compile `text` against `names`, or raise ExprError."""
    if isinstance(text, bool | int | float):
        v = text
        if not isinstance(v, bool) and (not math.isfinite(v) or abs(v) > MAX_NUMBER):
            raise ExprError("number out of range", 0, "RL202")
        return Expression(str(text), lambda s: v, frozenset(), v, True)
    if not isinstance(text, str):
        raise ExprError("an expression must be text or a number")
    if len(text) > MAX_LENGTH:
        raise ExprError(f"expression is {len(text)} characters long; the limit is {MAX_LENGTH}", 0, "RL202")
    if not text.strip():
        raise ExprError("empty expression")
    source = text.strip()
    # Authors write `and/or/not`; `&&` and `||` are common slips worth a precise message.
    for slip, right in (("&&", "and"), ("||", "or")):
        if slip in source:
            raise ExprError(f"use '{right}' instead of '{slip}'", source.index(slip))
    # `ally.<id>.in` reads naturally but `in` is a Python keyword: give the parser a name
    # of the same length so columns in messages stay right.
    parsed = _ALLY_IN.sub(".in_", source)
    try:
        tree = ast.parse(parsed, mode="eval")
    except SyntaxError as exc:
        col = max((exc.offset or 1) - 1, 0)
        msg = (exc.msg or "syntax error").replace("invalid syntax", "syntax error")
        if not exc.offset:  # Python points nowhere when the text stops mid-expression
            col, msg = len(source), "the expression ends too early"
        elif re.search(r"(?<![=<>!])=(?!=)", source):
            msg += " (compare with '==')"
        raise ExprError(msg, col, "RL200") from None
    except (RecursionError, MemoryError, ValueError):
        raise ExprError("expression too complex to read", 0, "RL200") from None
    compiler = _Compiler(names)
    try:
        fn, const, is_const = compiler.compile(tree.body)
    except RecursionError:
        raise ExprError("expression nested too deeply", 0, "RL202") from None
    except (OverflowError, ArithmeticError):
        raise ExprError("number out of range", 0, "RL202") from None
    except ExprError as exc:
        exc.others = compiler.unknown  # names met before the fault are reported with it
        raise
    if compiler.unknown:
        first, *rest = compiler.unknown
        first.others = rest
        raise first
    reads = frozenset(compiler.reads)
    if not is_const and isinstance(tree.body, ast.BinOp | ast.UnaryOp | ast.Call | ast.IfExp):
        inner = fn  # a number: NaN or an infinity reaching the engine reads as 0 or +-LARGEST
        fn = lambda s: finite(inner(s))  # noqa: E731
    if not is_const and names.flag_order:
        fn = memoise(fn, reads, _bits_in_order(names.flag_order))
    return Expression(source, fn, reads, const, is_const, tree.body)
