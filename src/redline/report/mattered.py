"""The decisions that mattered most, from the game's trace: each decision's own change of the
score, from the state before it to the state after its option, its outcome and the allies'
reactions (`engine.decisions.decision_alone`). The turn's end that a turn's last card brings
(Moscow's acts, the events, the ending's bonus) is not the decision's: counting it once gave a
decision worth +0.9 a change of -6.76, a drone strike's."""

from __future__ import annotations

from dataclasses import dataclass

from redline.engine import Decide, Game
from redline.engine.decisions import decision_alone


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
        before = game.states[i]
        card = game.scenario.card_by_id.get(action.card)
        option = card.option_by_id.get(action.option) if card else None
        if card is None or option is None:
            continue
        after = decision_alone(before, action)
        change = round(float(after.score) - float(before.score), 2)
        found.append(Mattered(before.turn, card.model.title, option.model.label, change))
    found.sort(key=lambda m: -abs(m.change))
    return found[:most]
