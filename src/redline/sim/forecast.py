"""What are the odds: for each option of the card on the table, many random playouts from
the state as it is, tallied as the share of each ending and the mean change of each meter.

The engine plays every game (clone, `apply_quiet`, random choices among `legal_actions`);
nothing here knows a rule. The game's own dice stay unseen: each playout rolls its own,
seeded from the state and the playout's number, so the same state gives the same forecast to
the byte, and every option is tried against the same run of dice (common random numbers:
the comparison between options is fairer than the games behind it).

Work comes in batches (`Forecast.run(batch)`), so a face can show the forecast as it firms up
and stop it at once when the player decides.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from redline.engine import Decide, State
from redline.engine import rng as rngmod
from redline.engine.state import OVER
from redline.sim.policies import PolicyRng, random_policy

MASK = (1 << 64) - 1
SPREAD = 0x9E3779B97F4A7C15


@dataclass
class OptionOdds:
    card: str
    option: str
    label: str
    games: int = 0
    endings: dict[str, int] = field(default_factory=dict)
    change: dict[str, float] = field(default_factory=dict)  # summed final − now, per meter
    score: float = 0.0  # summed final score

    def shares(self) -> dict[str, float]:
        """Each ending's share of the games played; they sum to 1."""
        if not self.games:
            return {}
        return {k: n / self.games for k, n in sorted(self.endings.items(), key=lambda kv: (-kv[1], kv[0]))}

    def mean_change(self) -> dict[str, float]:
        return {k: round(v / self.games, 2) for k, v in self.change.items()} if self.games else {}

    def mean_score(self) -> float | None:
        return round(self.score / self.games, 2) if self.games else None


def _meters(state: State) -> dict[str, float]:
    values = dict(state.meters)
    if state.scenario.allies:
        values["cohesion"] = state.cohesion
    return values


class Forecast:
    """Playouts of every open option of the card now on the table, added batch by batch."""

    def __init__(self, state: State) -> None:
        self.state = state
        card = state.card
        self.options: list[OptionOdds] = []
        self._actions: list[Decide] = []
        if card is not None:
            for action in state.legal_actions():
                assert isinstance(action, Decide)
                option = card.option_by_id[action.option]
                self.options.append(OptionOdds(card.id, option.id, option.model.label))
                self._actions.append(action)
        self._now = _meters(state)
        # Where this state's playouts start: its own dice word and how far the game has come.
        self._base = (state.rng ^ (state.turn * SPREAD) ^ (len(state.hand) << 40)) & MASK
        self.played = 0  # playouts per option so far

    @property
    def games(self) -> int:
        return self.played

    def run(self, batch: int, give_way: Callable[[], None] | None = None) -> None:
        """`batch` more playouts of each option. `give_way`, if given, is called before each
        playout: a face running this in a thread lets its own work go first there."""
        for i in range(self.played, self.played + batch):
            seed = (self._base + (i + 1) * SPREAD) & MASK
            for odds, action in zip(self.options, self._actions, strict=True):
                if give_way is not None:
                    give_way()
                self._playout(odds, action, seed)
        self.played += batch

    def _playout(self, odds: OptionOdds, action: Decide, seed: int) -> None:
        s = self.state.clone()
        s.log = None
        s.rng = rngmod.seed_state(seed)  # fresh dice: the game's own stay unseen
        s.apply_quiet(action)
        chooser = PolicyRng(seed)
        while s.phase != OVER:
            s.apply_quiet(random_policy(s, s.legal_actions(), chooser))
        odds.games += 1
        ending = s.ending.id if s.ending is not None else "none"
        odds.endings[ending] = odds.endings.get(ending, 0) + 1
        for k, v in _meters(s).items():
            odds.change[k] = odds.change.get(k, 0.0) + (v - self._now.get(k, 0.0))
        odds.score += float(s.score)

    def as_dict(self) -> dict[str, Any]:
        return {
            "games": self.played,
            "options": [
                {
                    "card": o.card,
                    "option": o.option,
                    "label": o.label,
                    "games": o.games,
                    "endings": o.shares(),
                    "mean_change": o.mean_change(),
                    "mean_score": o.mean_score(),
                }
                for o in self.options
            ],
        }
