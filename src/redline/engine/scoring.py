"""The score taken apart: what each term of the scenario's score formula adds, and the
ending's bonus.

The formula is read as a sum: its top-level `+` and `-` split it into terms, and each term is
compiled on its own by the same expression compiler as the whole (content/expr.py), so a
term's points are exactly what it adds to the score, never a second reading of the rule.
Each term also carries the least and the most it could add, over the declared ranges of the
names it reads (content/ranges.py), so a face can say how much of the possible it earned.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING

from redline.content.expr import Names, parse
from redline.content.ranges import Env, Interval, evaluate

if TYPE_CHECKING:
    from redline.content.compiled import Scenario
    from redline.engine.state import State


@dataclass(frozen=True)
class ScorePart:
    """One term of the score, or the ending's bonus (`ending` set, `reads` empty)."""

    text: str  # the term as the author wrote it (for authors; faces say it in words)
    reads: tuple[str, ...]  # the names it reads: meter and flag ids, `cohesion`, `ally.<id>`…
    points: float  # what it adds to the score now (negative: what it costs)
    weight: float | None = None  # the factor, when the term is one name times a number
    value: float | bool | None = None  # that name's value now
    least: float | None = None  # the least it could add over its names' ranges
    most: float | None = None  # the most it could add
    ending: str | None = None  # the ending's id, for its bonus


def _terms(node: ast.expr, sign: float = 1.0) -> list[tuple[float, ast.expr]]:
    """The formula's top-level terms with their signs: `a*0.4 - b*0.2` -> [(+1, a*0.4), (-1, b*0.2)]."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub):
        right = sign if isinstance(node.op, ast.Add) else -sign
        return _terms(node.left, sign) + _terms(node.right, right)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return _terms(node.operand, -sign)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.UAdd):
        return _terms(node.operand, sign)
    return [(sign, node)]


def _number(node: ast.expr) -> float | None:
    if (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    ):
        return float(node.value)
    return None


def _factor(node: ast.expr) -> tuple[ast.expr, float] | None:
    """`name * 0.4`, `0.4 * name`, `name / 2` or `name` as (name, factor); else None."""
    named = (ast.Name, ast.Attribute)
    if isinstance(node, named):
        return node, 1.0
    if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult | ast.Div)):
        return None
    left, right = node.left, node.right
    k = _number(right)
    if isinstance(left, named) and k:
        return left, (k if isinstance(node.op, ast.Mult) else 1.0 / k)
    k = _number(left)
    if isinstance(node.op, ast.Mult) and isinstance(right, named) and k is not None:
        return right, k
    return None


def _names(sc: Scenario) -> Names:
    return Names(
        meters=frozenset(sc.meters),
        flags=frozenset(sc.flags),
        allies=frozenset(sc.allies),
        red_lines=frozenset(rl.id for rl in sc.red_lines),
    )


def _ranges(sc: Scenario) -> Env:
    """Every name over its declared range: meters between their bounds, the rest 0-100 or yes/no."""
    names = {mid: Interval(m.min, m.max) for mid, m in sc.meters.items()}
    names.update({fid: Interval(0, 1) for fid in sc.flags})
    names.update(cohesion=Interval(0, 100), allies_in=Interval(0, len(sc.allies)))
    names.update(crossed_count=Interval(0, len(sc.red_lines)), rung=Interval(0, max(len(sc.rungs) - 1, 0)))
    names.update(turn=Interval(1, sc.turns))
    return Env(names=names, allies={aid: Interval(0, 100) for aid in sc.allies})


def score_parts(state: State) -> list[ScorePart]:
    """The score of `state` term by term, then the ending's bonus once the game is over.
    The points add up to the score (before its rounding to two places)."""
    sc = state.scenario
    formula = sc.score
    if formula.tree is None:  # a constant formula: one part, all of it
        parts = [ScorePart(formula.text, (), float(formula.constant or 0))]
    else:
        names, env = _names(sc), _ranges(sc)
        parts = []
        for sign, node in _terms(formula.tree):
            term = parse(ast.unparse(node), names)
            points = sign * float(term.fn(state))
            span = evaluate(term, env)
            least, most = sorted((sign * span.lo + 0.0, sign * span.hi + 0.0))  # no -0
            known = abs(least) != float("inf") and abs(most) != float("inf")
            weight = value = None
            simple = _factor(node)
            if simple is not None:
                name, factor = simple
                weight = sign * factor
                value = parse(ast.unparse(name), names).fn(state)
            parts.append(
                ScorePart(
                    ast.unparse(node),
                    tuple(sorted(term.reads)),
                    points,
                    weight,
                    value,
                    least if known else None,
                    most if known else None,
                )
            )
    if state.ending is not None and state.ending.model.bonus:
        bonus = float(state.ending.model.bonus)
        parts.append(ScorePart("bonus", (), bonus, least=bonus, most=bonus, ending=state.ending.id))
    return parts


def score_span(sc: Scenario) -> tuple[float, float] | None:
    """The least and the most the formula can give over the names' declared ranges, with the
    worst and the best ending bonus; None when a term has no bound."""
    if sc.score.tree is None:
        lo = hi = float(sc.score.constant or 0)
    else:
        span = evaluate(sc.score, _ranges(sc))
        lo, hi = span.lo, span.hi
    if abs(lo) == float("inf") or abs(hi) == float("inf"):
        return None
    bonuses = [float(e.model.bonus) for e in sc.endings] or [0.0]
    return lo + min(bonuses), hi + max(bonuses)
