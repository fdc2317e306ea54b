"""The pure game engine: no Textual, no files, no terminal.

state, events = new_game(scenario, seed)
while not state.is_over:
    state, events = state.apply(state.legal_actions()[0])
state.ending, state.score
"""

from redline.engine.actions import (
    Action,
    Adjudicate,
    Bulletin,
    Decide,
    IllegalAction,
    Inject,
    Note,
    Observe,
    Override,
    Respond,
    Signal,
)
from redline.engine.events import Event
from redline.engine.game import Branch, Game, replay
from redline.engine.state import DECISIONS, KREMLIN, OVER, SIGNAL, State, new_game

__all__ = [
    "DECISIONS",
    "KREMLIN",
    "OVER",
    "SIGNAL",
    "Action",
    "Adjudicate",
    "Branch",
    "Bulletin",
    "Game",
    "replay",
    "Decide",
    "Event",
    "IllegalAction",
    "Inject",
    "Note",
    "Observe",
    "Override",
    "Respond",
    "Signal",
    "State",
    "new_game",
]
