"""The phases a game waits in, between two actions.

DECISIONS: a card waits for the players' decision. SIGNAL: a human red cell chooses this
turn's signals. KREMLIN: a human red cell chooses Moscow's response. OVER: an ending was
reached. Every other phase of a turn (briefing, adjudication, events, the turn's end) runs
inside `State.apply` and is never waited in.
"""

from __future__ import annotations

from typing import Final

DECISIONS: Final = "decisions"
SIGNAL: Final = "signal"  # a human red cell is choosing this turn's signals
KREMLIN: Final = "kremlin"  # a human red cell is choosing Moscow's response
OVER: Final = "over"
