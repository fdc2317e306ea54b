"""A game in progress: the scenario, the seed, the actions taken and every state passed.

This is what every face holds. Keeping the state after each action makes undo, rewind and
"what if" branches free: they truncate the list instead of replaying from the start.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from redline.content.compiled import Scenario
from redline.engine.actions import MAX_ACTIONS, MAX_BRANCHES, Action, Decide, IllegalAction, check_text
from redline.engine.events import Event
from redline.engine.state import State, new_game


@dataclass(frozen=True)
class Branch:
    """A line of play cut off by a rewind, kept for the after-action report."""

    name: str
    from_turn: int
    actions: tuple[Action, ...]
    ending: str | None = None
    score: float | None = None


@dataclass
class Game:
    scenario: Scenario
    seed: int
    red_cell: bool = False
    actions: list[Action] = field(default_factory=list)
    states: list[State] = field(default_factory=list)
    events: list[list[Event]] = field(default_factory=list)  # events[i] led to states[i]
    branches: list[Branch] = field(default_factory=list)

    @classmethod
    def start(cls, scenario: Scenario, seed: int, red_cell: bool = False) -> Game:
        state, events = new_game(scenario, seed, red_cell=red_cell)
        return cls(scenario, seed, red_cell, [], [state], [events])

    @property
    def state(self) -> State:
        return self.states[-1]

    def apply(self, action: Action) -> list[Event]:
        """Apply an action; raises IllegalAction and leaves the game as it was."""
        held = len(self.actions)
        if self.branches:
            held += sum(len(b.actions) for b in self.branches)
        if held >= MAX_ACTIONS:
            raise IllegalAction(f"this game holds {MAX_ACTIONS:,} moves and notes, the most a save may")
        state, events = self.state.apply(action)
        self.actions.append(action)
        self.states.append(state)
        self.events.append(events)
        return events

    def all_events(self) -> list[Event]:
        return [e for batch in self.events for e in batch]

    def turn_events(self, turn: int) -> list[Event]:
        return [e for e in self.all_events() if e.turn == turn]

    # ---- undo and rewind ----------------------------------------------------------------

    def can_undo(self) -> bool:
        """The last decision can be taken back while its turn is still being played."""
        if not self.actions:
            return False
        return self.states[-2].turn == self.state.turn and not self.state.is_over

    def undo(self) -> Action:
        if not self.can_undo():
            raise IllegalAction("nothing to undo in this turn")
        self.states.pop()
        self.events.pop()
        return self.actions.pop()

    def turn_starts(self) -> dict[int, int]:
        """Turn -> index into `states` of the first state of that turn."""
        starts: dict[int, int] = {}
        for i, s in enumerate(self.states):
            starts.setdefault(s.turn, i)
        return starts

    def rewind(self, turn: int, name: str | None = None) -> Branch:
        """Go back to the start of `turn`; the line of play cut off is kept as a branch."""
        starts = self.turn_starts()
        if turn not in starts:
            raise IllegalAction(f"turn {turn} has not been played")
        index = starts[turn]
        cut = tuple(self.actions[index:])
        check_text("a branch's name", name)
        if cut and len(self.branches) >= MAX_BRANCHES:
            raise IllegalAction(f"this game keeps {MAX_BRANCHES} branches already, the most a save may")
        final = self.state
        branch = Branch(
            name or f"branch {len(self.branches) + 1}",
            turn,
            cut,
            final.ending.id if final.ending else None,
            final.final_score,
        )
        if cut:
            self.branches.append(branch)
        del self.actions[index:]
        del self.states[index + 1 :]
        del self.events[index + 1 :]
        return branch

    def decisions(self) -> list[tuple[int, Decide]]:
        """(turn decided, action) for every decision, in order."""
        return [(self.states[i].turn, a) for i, a in enumerate(self.actions) if isinstance(a, Decide)]


def replay(
    scenario: Scenario, seed: int, actions: list[Action], red_cell: bool = False
) -> tuple[Game, int | None, str | None]:
    """Replay `actions`. Returns (game, index of the first action that failed, reason)."""
    game = Game.start(scenario, seed, red_cell)
    for i, action in enumerate(actions):
        try:
            game.apply(action)
        except (IllegalAction, KeyError) as exc:
            reason = exc.args[0] if exc.args else str(exc)
            return game, i, str(reason)
    return game, None, None
