"""RL311: a delayed consequence that can never come within the game's length.

A consequence `after: N` of an option, an outcome or an event is applied N turns after it is
booked, at that turn's end; booked in the last turns, it would fall after the game's end and
never happen, while the player is told it will. This warns when even the earliest turn the
card (or event) can come up in is too late: the earliest turn is read with the same interval
reasoning as every other lint verdict (content/ranges.py), turn by turn.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from redline.content.compiled import CLater, Scenario
from redline.content.errors import ContentError
from redline.content.expr import Expression
from redline.content.ranges import Env, Interval, evaluate
from redline.plural import counted


def earliest(sc: Scenario, env: Env, *conditions: Expression | None) -> int | None:
    """The first turn in which every condition can hold, or None when none can."""
    for t in range(1, sc.turns + 1):
        at = replace(env, names={**env.names, "turn": Interval(t, t)})
        if all(c is None or evaluate(c, at).can_be_true for c in conditions):
            return t
    return None


def _laters(sc: Scenario) -> Iterator[tuple[str, str, tuple[str | int, ...], int | None, CLater, str]]:
    """(section, id, path to the later, fixed turn, later, what booked it) for every later."""
    for card in sc.cards:
        for i, option in enumerate(card.options):
            who = f"option '{card.id}.{option.id}'"
            for j, later in enumerate(option.later):
                yield "cards", card.id, ("options", i, "later", j, "after"), None, later, who
            for k, outcome in enumerate(option.outcomes):
                for j, later in enumerate(outcome.later):
                    path = ("options", i, "outcomes", k, "later", j, "after")
                    yield (
                        "cards",
                        card.id,
                        path,
                        None,
                        later,
                        f"outcome '{card.id}.{option.id}.{outcome.model.id}'",
                    )
    for event in sc.events:
        for j, later in enumerate(event.later):
            yield "events", event.id, ("later", j, "after"), event.model.turn, later, f"event '{event.id}'"


def too_late(sc: Scenario, env: Env) -> list[ContentError]:
    out = []
    cards = {c.id: c for c in sc.cards}
    unit = sc.info.turn_label.lower()  # the scenario's word for a turn
    for section, item, path, fixed, later, who in _laters(sc):
        if fixed is not None:
            first: int | None = fixed
        elif section == "cards":
            card = cards[item]
            option = card.options[int(path[1])]
            first = earliest(sc, env, card.when, option.when)
        else:
            first = earliest(sc, env, next(e for e in sc.events if e.id == item).when)
        if first is None:
            continue  # never drawn at all: RL304 says so
        after = later.model.after
        if first + after > sc.turns:
            out.append(
                ContentError(
                    *sc.where(section, item, *path),
                    "RL311",
                    f"a consequence {counted(after, unit)} after {who} can never come: booked in {unit} {first} at "
                    f"the earliest, it would fall after the last {unit} ({sc.turns})",
                    "warning",
                )
            )
    return out
