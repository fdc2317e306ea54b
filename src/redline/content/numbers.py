"""Arithmetic that can have no value in play is refused when the content loads.

The game's arithmetic is total (`expr.py`: x / 0 is 0, and so on), so nothing fails in
play; but a result the game has to make up is a defect in the content. Where the range
analysis (`ranges.reach`) shows for certain that an expression can meet one in any game, the
load fails with the file, line and column of the operation:

- RL203: a division (`/`, `//`, `%`) by a value whose range includes 0;
- RL204: a fractional power of a value that can be negative, or a negative power of one
  that can be 0;
- RL205: arithmetic whose range runs past the largest number (it would overflow).

Where the analysis cannot see it (a range it does not know, or a facilitator's override
that puts a meter where no play can), the engine's total arithmetic still gives a number.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Iterator

from redline.content.compiled import Change, CLater, Scenario
from redline.content.errors import ContentError, ContentErrors
from redline.content.expr import Expression
from redline.content.intervals import Hazard, Interval, evaluate, hazards
from redline.content.ranges import Env, reach

# (section, item id, path inside the item): what `Scenario.where` takes.
Where = tuple[str, str, tuple[str | int, ...]]


# Only these can divide by 0, have no real value or overflow (a sum cannot: every number
# in content, and every meter's bound, is within 1e12).
_RISKY = (ast.Div, ast.FloorDiv, ast.Mod, ast.Pow, ast.Mult)


def _risky(expr: Expression, seen: dict[int, bool]) -> bool:
    known = seen.get(id(expr))  # the loader shares one Expression among equal texts
    if known is None:
        tree = expr.tree
        known = seen[id(expr)] = tree is not None and any(
            isinstance(n, ast.BinOp) and isinstance(n.op, _RISKY) for n in ast.walk(tree)
        )
    return known


def check(scenario: Scenario) -> list[ContentError]:
    """Every hazard of `scenario`'s expressions, and every chance always outside 0-1, as
    errors at their file, line and column."""
    seen: dict[int, bool] = {}
    every = list(located(scenario))
    risky = [(at, expr) for at, expr in every if not expr.is_constant and _risky(expr, seen)]
    chances = [(at, expr) for at, expr in every if _is_chance(at, expr)]
    if not risky and not chances:
        return []
    env = reach(scenario).env
    out: list[ContentError] = [e for e in chance_problems(scenario, env, chances) if e.severity == "error"]
    found_in: dict[int, list[Hazard]] = {}
    for (section, item, sub), expr in risky:
        found = found_in.get(id(expr))
        if found is None:
            found = found_in[id(expr)] = hazards(expr, env)
        if not found:
            continue
        place = scenario.places.get((section, item))
        file, line, col = scenario.where(section, item, *sub)
        for h in found:
            # On its own line when the expression was written over several.
            at = place.at_offset(sub, expr.text, h.col) if place is not None else (line, col + h.col)
            out.append(ContentError(file, *at, h.code, h.message))
    return sorted(set(out))


def _is_chance(at: Where, expr: Expression) -> bool:
    """A chance written as an expression (a constant one is checked as it is read)."""
    sub = at[2]
    return bool(sub) and sub[-1] in ("chance", "act_chance") and not expr.is_constant


def chance_problems(
    scenario: Scenario, env: Env, chances: list[tuple[Where, Expression]] | None = None
) -> list[ContentError]:
    """Chances whose range in play leaves 0-1: an error (RL107) when it is always outside,
    a warning (RL312) when it can be; the game reads a chance above 1 as certain and one
    below 0 as never."""
    if chances is None:
        chances = [(at, expr) for at, expr in located(scenario) if _is_chance(at, expr)]
    out: list[ContentError] = []
    for (section, item, sub), expr in chances:
        i = evaluate(expr, env)
        if not (math.isfinite(i.lo) and math.isfinite(i.hi)) or 0 <= i.lo <= i.hi <= 1:
            continue  # within 0-1, or a range the analysis does not know: nothing certain
        at = scenario.where(section, item, *sub)
        shown = " ".join(expr.text.split())
        if i.lo > 1 or i.hi < 0:
            side = "above 1" if i.lo > 1 else "below 0"
            msg = f"a chance must be between 0 and 1, but `{shown}` is always {side} in play ({_it(i)})"
            out.append(ContentError(*at, "RL107", msg))
            continue
        side = "above 1" if i.lo >= 0 else "below 0" if i.hi <= 1 else "outside 0 to 1"
        msg = (
            f"the chance `{shown}` can be {side} in play ({_it(i)}); the game reads it as certain above 1"
            " and as never below 0 — if that is meant, say so with clamp(..., 0, 1)"
        )
        out.append(ContentError(*at, "RL312", msg, "warning"))
    return out


def _it(i: Interval) -> str:
    said = getattr(i, "said", None)
    words = said() if said is not None else f"within {i}"
    return f"it is {words}" if i.lo == i.hi else f"it stays {words}"


def refuse_hazards(scenario: Scenario) -> None:
    """Raise ContentErrors if `check` finds anything (the loader's last step)."""
    problems = check(scenario)
    if problems:
        raise ContentErrors(problems)


def located(sc: Scenario) -> Iterator[tuple[Where, Expression]]:
    """Every compiled expression of a scenario, with the place it was written."""

    def changes(
        section: str, item: str, sub: tuple, effects: dict, chs: tuple[Change, ...], key: str = "effects"
    ):
        # One Change per key of `effects`, in order (a load with errors never gets here).
        for target, ch in zip(effects, chs, strict=False):
            yield (section, item, (*sub, key, target)), ch.value

    def laters(section: str, item: str, sub: tuple, lts: tuple[CLater, ...]):
        for i, lt in enumerate(lts):
            if lt.when is not None:
                yield (section, item, (*sub, "later", i, "when")), lt.when
            yield from changes(section, item, (*sub, "later", i), lt.model.effects, lt.changes)

    yield ("scenario", "", ("score",)), sc.score
    yield ("kremlin", "", ("act_chance",)), sc.act_chance
    for ri, rung in enumerate(sc.rungs):
        for si, resp in enumerate(rung.responses):
            sub = ("ladder", ri, "responses", si)
            yield ("kremlin", "", (*sub, "weight")), resp.weight
            if resp.when is not None:
                yield ("kremlin", "", (*sub, "when")), resp.when
            yield from changes("kremlin", "", sub, resp.model.effects, resp.changes)
    for rl in sc.red_lines:
        yield ("red_lines", rl.id, ("crossed",)), rl.crossed
        if rl.proximity is not None:
            yield ("red_lines", rl.id, ("proximity",)), rl.proximity
        yield from changes("red_lines", rl.id, (), rl.model.effects, rl.changes)
        yield from changes("red_lines", rl.id, (), rl.model.lasting, rl.lasting, key="lasting")
    taken: dict[str, int] = {}  # reactions are kept by tag, in the order allies list them
    for aid, ally in sc.allies.items():
        for i, r in enumerate(ally.reactions):
            compiled = sc.reactions.get(r.tag, ())
            k = taken.get(r.tag, 0)
            taken[r.tag] = k + 1
            if k < len(compiled) and compiled[k].when is not None:
                yield ("allies", aid, ("reactions", i, "when")), compiled[k].when  # type: ignore[misc]
    for card in sc.cards:
        cid = card.id
        yield ("cards", cid, ("weight",)), card.weight
        if card.when is not None:
            yield ("cards", cid, ("when",)), card.when
        for oi, o in enumerate(card.options):
            base = ("options", oi)
            if o.when is not None:
                yield ("cards", cid, (*base, "when")), o.when
            yield from changes("cards", cid, base, o.model.effects, o.changes)
            yield from laters("cards", cid, base, o.later)
            for k, oc in enumerate(o.outcomes):
                at = (*base, "outcomes", k)
                yield ("cards", cid, (*at, "chance")), oc.chance
                yield from changes("cards", cid, at, oc.model.effects, oc.changes)
                yield from laters("cards", cid, at, oc.later)
    for ev in sc.events:
        if ev.when is not None:
            yield ("events", ev.id, ("when",)), ev.when
        yield ("events", ev.id, ("chance",)), ev.chance
        yield from changes("events", ev.id, (), ev.model.effects, ev.changes)
        yield from laters("events", ev.id, (), ev.later)
    for ending in sc.endings:
        if ending.when is not None:
            yield ("endings", ending.id, ("when",)), ending.when
