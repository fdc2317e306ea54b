"""The decisions that mattered most, from the game's trace: each decision's change of the
score, from the state before it to the state after it (its turn's end included when it was
the turn's last card)."""

from __future__ import annotations

from dataclasses import dataclass

from redline.engine import Decide, Game


@dataclass(frozen=True)
class Mattered:
    turn: int
    card: str
    option: str
    change: float


def decisions_that_mattered(game: Game, most: int = 3) -> list[Mattered]:
    found = []
    for i, action in enumerate(game.actions):
        if not isinstance(action, Decide):
            continue
        before, after = game.states[i], game.states[i + 1]
        card = game.scenario.card_by_id.get(action.card)
        option = card.option_by_id.get(action.option) if card else None
        if card is None or option is None:
            continue
        change = round(float(after.score) - float(before.score), 2)
        found.append(Mattered(before.turn, card.model.title, option.model.label, change))
    found.sort(key=lambda m: -abs(m.change))
    return found[:most]
