"""Indexes the engine builds once per scenario so the turn loop does less work.

Nothing here changes a rule: every index is a pre-filter or a precomputed sum, and the
engine still evaluates each condition it keeps. They exist because the simulator plays
thousands of games a second and the same static facts — which cards a turn can draw at all,
how an option moves each ally — were being worked out again on every turn.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from redline.content.compiled import CCard, CEnding, CEvent, COption, CRedLine, Scenario
from redline.content.expr import Expression, flag_bits, memoise
from redline.engine import endings
from redline.engine.actions import Decide

if TYPE_CHECKING:
    from redline.engine.state import State

Drawable = Callable[["State"], bool] | None
# (ally, delta, when, why, |delta|) for each reaction to an option, in tag order.
Reaction = tuple[str, float, Expression | None, str, float]


@dataclass(frozen=True, slots=True)
class OptionPlan:
    action: Decide  # shared: actions are immutable values
    # When no reaction has a condition, the net, capped change per ally is fixed: only
    # allies that have left are skipped. `fixed` is None otherwise and `reactions` is read.
    fixed: tuple[tuple[str, float, str], ...] | None
    reactions: tuple[Reaction, ...]


class Plan:
    __slots__ = (
        "drawable",
        "cards_on",
        "events_on",
        "endings_on",
        "final_endings",
        "options",
        "history_keys",
        "snapshot",
        "start_meters",
        "start_flags",
        "start_fbits",
        "start_support",
        "flag_bit",
        "meter_bounds",
        "weights",
        "weight_values",
        "total_weight",
        "drifting",
        "thresholds",
        "signal_pool",
        "rung_at",
        "floors",
        "lasting",
        "max_swing",
    )

    def __init__(self, sc: Scenario) -> None:
        # Indexed by turn, 1 to the last (0 is never played). The loader requires a final
        # ending without a condition, so no game goes past its last turn.
        turns = range(sc.turns + 1)
        self.flag_bit = flag_bits(sc.flags)
        self.drawable = {c: _drawable(c, self.flag_bit) for c in sc.cards}
        windows = {c.id: turn_window(c.when) for c in sc.cards}
        self.cards_on: list[tuple[tuple[tuple[CCard, Drawable], ...], ...]] = [
            self._by_priority([c for c in sc.cards if within(t, windows[c.id])]) for t in turns
        ]
        self.events_on: list[tuple[CEvent, ...]] = [
            tuple(e for e in sc.events if _event_may_fire(e, t)) for t in turns
        ]
        # The endings each turn tries, and the finals tried after the last (engine/endings.py).
        self.endings_on: list[tuple[CEnding, ...]] = endings.checked_on(sc)
        self.final_endings: tuple[CEnding, ...] = endings.finals(sc)
        self.options: dict[COption, OptionPlan] = {
            o: _option_plan(sc, o) for c in sc.cards for o in c.options
        }
        self.history_keys = tuple((aid, f"ally.{aid}") for aid in sc.allies)
        # A turn's snapshot with every key in place, in the order `_snapshot` writes them
        # (meters, cohesion, rung, allies): copied and filled in, it never has to grow.
        self.snapshot: dict[str, float] = dict.fromkeys(
            [*sc.meters, "cohesion", "rung", *(key for _, key in self.history_keys)], 0.0
        )
        # A new game's values, copied for each game rather than read from the models again.
        self.start_meters = {k: float(v.start) for k, v in sc.meters.items()}
        self.start_flags = {k: bool(v.start) for k, v in sc.flags.items()}
        self.start_fbits = 0
        for name, bit in self.flag_bit.items():
            if self.start_flags[name]:
                self.start_fbits |= bit
        self.start_support = {k: float(v.support) for k, v in sc.allies.items()}
        # As floats: a meter holds floats only, whatever the author wrote (100 or 100.0).
        self.meter_bounds = {mid: (float(m.min), float(m.max)) for mid, m in sc.meters.items()}
        # Cohesion weights in the order of the allies, which is also the order of a state's
        # `support` (built from `sc.allies`, and only ever updated in place).
        self.weights = tuple((aid, sc.ally_weight[aid]) for aid in sc.allies)
        self.weight_values = tuple(w for _, w in self.weights)
        self.total_weight = sc.total_weight
        self.drifting = tuple(
            (mid, m.baseline, m.drift) for mid, m in sc.meters.items() if m.baseline is not None and m.drift
        )
        self.thresholds = tuple((aid, a.threshold) for aid, a in sc.allies.items())
        top = len(sc.rungs) - 1
        self.signal_pool = tuple(
            tuple(r for rung in sc.rungs[i : min(i + 1, top) + 1] for r in rung.responses)
            for i in range(len(sc.rungs))
        )
        self.rung_at = tuple(r.model.at for r in sc.rungs)
        # Red lines that leave a mark after the turn they are crossed: a rung Moscow no longer
        # steps below, and effects that come back every turn.
        self.floors: tuple[tuple[str, int], ...] = tuple(
            (rl.id, rl.model.floor) for rl in sc.red_lines if rl.model.floor > 0
        )
        self.lasting: tuple[CRedLine, ...] = tuple(rl for rl in sc.red_lines if rl.lasting)
        self.max_swing = {aid: a.max_swing for aid, a in sc.allies.items()}

    def _by_priority(
        self, cards: list[CCard] | tuple[CCard, ...]
    ) -> tuple[tuple[tuple[CCard, Drawable], ...], ...]:
        """Cards in groups of equal priority, highest first, each in the scenario's order,
        with the test of whether each can be drawn."""
        levels = sorted({c.priority for c in cards}, reverse=True)
        return tuple(tuple((c, self.drawable[c]) for c in cards if c.priority == p) for p in levels)


def _drawable(card: CCard, bits: dict[str, int]) -> Drawable:
    """Whether `card` may be drawn, as one test: its condition holds and, if some options
    have conditions, at least one option is open. None when it always may. Remembered by
    flag bits like a condition when everything it reads is a flag or the turn."""
    when = card.when
    if when is None and not card.gated:
        return None
    options = card.options
    reads = frozenset().union(*(e.reads for e in (when, *(o.when for o in options)) if e is not None))

    def drawable(s: State) -> bool:
        if when is not None and not when.fn(s):
            return False
        return not card.gated or any(o.when is None or o.when.fn(s) for o in options)

    return memoise(drawable, reads, bits)


def plan_for(sc: Scenario) -> Plan:
    """The scenario's plan, built on first use and kept with it."""
    plan = sc.plan
    if plan is None:
        plan = Plan(sc)
        object.__setattr__(sc, "plan", plan)  # a frozen dataclass; the plan is derived data
    return plan


def within(turn: int, window: tuple[float, float]) -> bool:
    return window[0] <= turn <= window[1]


def _event_may_fire(e: CEvent, turn: int) -> bool:
    if e.model.turn is not None:
        return e.model.turn == turn
    if e.chance.is_constant and not e.chance.constant:
        return False  # chance 0 and no fixed turn: only an inject fires it
    return within(turn, turn_window(e.when))


def _option_plan(sc: Scenario, option: COption) -> OptionPlan:
    label = option.model.label
    flat: list[Reaction] = []
    for tag in option.model.tags:
        for r in sc.reactions.get(tag, ()):
            flat.append((r.ally, r.delta, r.when, r.why or f"{label} ({tag})", abs(r.delta)))
    fixed = None
    if all(r[2] is None for r in flat):
        swing = {aid: a.max_swing for aid, a in sc.allies.items()}
        fixed = tuple(net_reactions(((aid, d, why, size) for aid, d, _, why, size in flat), swing))
    return OptionPlan(Decide(option.card_id, option.id), fixed, tuple(flat))


def net_reactions(
    reactions: Iterable[tuple[str, float, str, float]], swing: dict[str, float]
) -> list[tuple[str, float, str]]:
    """(ally, delta, why, |delta|) reactions summed per ally, in the order allies first come
    up, each capped at the ally's `max_swing` and explained by its strongest reaction."""
    per_ally: dict[str, list[Any]] = {}
    for aid, delta, why, size in reactions:
        entry = per_ally.get(aid)
        if entry is None:
            per_ally[aid] = [delta, why, size]
        else:
            entry[0] += delta
            if size > entry[2]:  # the strongest reason explains the change
                entry[1], entry[2] = why, size
    out = []
    for aid, (delta, why, _) in per_ally.items():
        cap = swing[aid]
        out.append((aid, cap if delta > cap else -cap if delta < -cap else delta, why))
    return out


# ---- turn windows ----------------------------------------------------------------------


def turn_window(expr: Expression | None) -> tuple[float, float]:
    """The turns in which `expr` can hold, read from its top-level `and` of comparisons of
    `turn` with a number. Anything else leaves the window open: it is only a pre-filter."""
    lo, hi = -math.inf, math.inf
    if expr is None or expr.tree is None:
        return lo, hi
    tree = expr.tree
    clauses = tree.values if isinstance(tree, ast.BoolOp) and isinstance(tree.op, ast.And) else [tree]
    for clause in clauses:
        for op, bound in _turn_bounds(clause):
            if op is ast.GtE:
                lo = max(lo, bound)
            elif op is ast.Gt:
                lo = max(lo, math.floor(bound) + 1)
            elif op is ast.LtE:
                hi = min(hi, bound)
            elif op is ast.Lt:
                hi = min(hi, math.ceil(bound) - 1)
            elif op is ast.Eq:
                lo, hi = max(lo, bound), min(hi, bound)
    return lo, hi


_FLIP = {ast.Lt: ast.Gt, ast.LtE: ast.GtE, ast.Gt: ast.Lt, ast.GtE: ast.LtE, ast.Eq: ast.Eq}


def _turn_bounds(node: ast.AST) -> list[tuple[type, float]]:
    """(operator, number) pairs that bound `turn` in a comparison, written either way round
    and chained (`2 <= turn <= 5`)."""
    if not isinstance(node, ast.Compare):
        return []
    terms = [node.left, *node.comparators]
    out: list[tuple[type, float]] = []
    for (a, b), op in zip(zip(terms, terms[1:], strict=False), node.ops, strict=True):
        kind: type = type(op)
        if kind not in _FLIP:
            continue
        nb, na = _number(b), _number(a)
        if _is_turn(a) and nb is not None:
            out.append((kind, nb))
        elif _is_turn(b) and na is not None:
            out.append((_FLIP[kind], na))
    return out


def _is_turn(node: ast.AST) -> bool:
    return isinstance(node, ast.Name) and node.id == "turn"


def _number(node: ast.AST) -> float | None:
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return float(node.value)  # type: ignore[arg-type]  # an int or a float, just checked
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _number(node.operand)
        if inner is not None and isinstance(node.operand, ast.Constant):
            return -inner
    return None
