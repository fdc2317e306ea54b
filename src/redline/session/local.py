"""One game being played: the scenario, the engine's `Game`, and its saves.

No Textual here. The TUI's screens ask a `Session` to decide, undo, save and load, and read the
engine's state back; every rule stays in the engine.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # the title screen must not pay for the engine's import
    from redline.content import Entry, Scenario
    from redline.engine import Action, Event, Game, State
    from redline.saves import SaveInfo
    from redline.session.report import Section

AUTOSAVE_PREFIX = "autosave-"


def new_seed() -> int:
    """A fresh random seed, small enough to read aloud and type back in with --seed."""
    return secrets.randbelow(1_000_000_000)


def local_now() -> datetime:
    return datetime.now().astimezone()


class Kept(NamedTuple):
    """Where the game was last written, and what that file holds: what is safe if the program
    stops now. The moves are the engine's frozen values, so a later undo cannot change them."""

    path: Path
    turn: int  # the turn the game was in when it was written
    actions: tuple[Action, ...]


@dataclass(frozen=True)
class Decided:
    """What one decision did, as far as the screens need to know."""

    events: list[Event]
    turn_before: int
    turn_ended: bool  # the decision closed its turn: show the turn report
    game_over: bool
    autosave_error: str | None = None
    turns: tuple[int, ...] = ()  # the turns that ended (several when a turn had no card)


class Session:
    """A game in progress plus where it is saved."""

    def __init__(self, scenario: Scenario, game: Game, saves: Path) -> None:
        self.scenario = scenario
        self.game = game
        self.saves = saves
        # The file that holds this game most recently (every save that was written sets it,
        # one that failed never does). None while the game has never been written.
        self.kept_in: Kept | None = None

    # ---- starting ------------------------------------------------------------------------

    @classmethod
    def new(cls, scenario: Scenario, seed: int | None, saves: Path) -> Session:
        from redline.engine import Game

        return cls(scenario, Game.start(scenario, new_seed() if seed is None else seed), saves)

    @classmethod
    def load(cls, path: Path, saves: Path, content_dirs: Iterable[Path] | None) -> tuple[Session, str | None]:
        """Replay a save. Returns the session and a message when the replay diverged.

        Raises SaveError, ContentErrors or ScenarioNotFound; the save file is never changed.
        """
        from redline.saves import read_save, restore

        data = read_save(path)
        scenario = load_entry(find_entry(data.scenario, content_dirs))
        restored = restore(data, scenario)
        seats = data.meta.get("facilitation")
        if isinstance(seats, dict):  # a facilitated session: its seats and settings come back
            from redline.session.facilitated import FacilitatedSession

            session: Session = FacilitatedSession.from_meta(scenario, restored.game, saves, seats)
        else:
            session = cls(scenario, restored.game, saves)
        session.keep(path)
        return session, restored.message(path)

    # ---- reading -------------------------------------------------------------------------

    @property
    def state(self) -> State:
        return self.game.state

    @property
    def seed(self) -> int:
        return self.game.seed

    @property
    def in_progress(self) -> bool:
        """A game that would lose something if it were dropped now."""
        return not self.state.is_over and bool(self.game.actions)

    @property
    def autosave_path(self) -> Path:
        return self.saves / f"{AUTOSAVE_PREFIX}{self.scenario.id}.json"

    def report(self, turn: int) -> list[Section]:
        """The report of `turn` as this session's screen shows it (all of it, played alone)."""
        from redline.session.report import report_for_turn

        return report_for_turn(self.game, turn)

    def turn_label(self, turn: int | None = None) -> str:
        info = self.scenario.info
        return f"{info.turn_label} {self.state.turn if turn is None else turn} of {info.turns}"

    # ---- playing -------------------------------------------------------------------------

    def decide(self, option_id: str) -> Decided:
        """Decide the current card. Raises IllegalAction (and changes nothing) if not allowed."""
        from redline.engine import Decide

        state = self.state
        card = state.card
        if card is None:
            from redline.engine import IllegalAction

            raise IllegalAction("no decision is due now")
        before = state.turn
        events = self.game.apply(Decide(card.id, option_id))
        after = self.state
        ended = after.turn != before or after.is_over
        error = self.autosave() if ended else None
        last = after.turn if after.is_over else after.turn - 1
        turns = tuple(range(before, last + 1)) if ended else ()
        return Decided(events, before, ended, after.is_over, error, turns)

    def unsaved(self) -> int:
        """The moves made since the game was last written (every move when it never was): what
        stopping now would lose. A move taken back and made again differently is unsaved."""
        return len(self.game.actions) - self._moves_kept()

    def kept_at_turn_start(self) -> bool:
        """The last file written holds the game as a turn began (an autosave at a turn's end),
        and this game has not left that line of play since."""
        kept = self.kept_in
        if kept is None or self._moves_kept() < len(kept.actions):
            return False
        return self.game.turn_starts().get(kept.turn) == len(kept.actions)

    def _moves_kept(self) -> int:
        """How many of this game's moves, from the first, the last file written holds."""
        if self.kept_in is None:
            return 0
        same = 0
        for saved, now in zip(self.kept_in.actions, self.game.actions, strict=False):
            if saved != now:
                break
            same += 1
        return same

    def is_saved_as_is(self) -> bool:
        """The last file written holds exactly this game, move for move."""
        return self.kept_in is not None and self.kept_in.actions == tuple(self.game.actions)

    def decisions_this_turn(self) -> int:
        """Actions taken since the current turn began: what an autosave does not hold yet."""
        start = self.game.turn_starts().get(self.state.turn, 0)
        return len(self.game.states) - 1 - start

    def can_undo(self) -> bool:
        return self.game.can_undo()

    def undo(self) -> str:
        """Take back the last decision of this turn; returns the card's title."""
        action = self.game.undo()
        card = self.scenario.card_by_id.get(getattr(action, "card", ""))
        return card.model.title if card else "the last decision"

    # ---- saving --------------------------------------------------------------------------

    def autosave(self) -> str | None:
        """Write the autosave; returns the error message instead of raising."""
        return self.save_to(self.autosave_path, {"label": "autosave"})

    def save_as(self, name: str) -> tuple[Path, str | None]:
        path = self.saves / f"{slug(name) or 'save'}.json"
        return path, self.save_to(path, {"label": name.strip() or path.stem})

    def save_to(self, path: Path, meta: dict[str, Any]) -> str | None:
        """Write the game to `path`; returns the error message instead of raising. A written
        file becomes where the game is kept (`kept_in`)."""
        from redline.saves import SaveError, write_save

        try:
            write_save(path, self.game, meta)
        except SaveError as exc:
            return str(exc)
        self.keep(path)
        return None

    def keep(self, path: Path) -> None:
        """The game as it is now was just written to (or read from) `path`."""
        self.kept_in = Kept(path, self.state.turn, tuple(self.game.actions))


# ---- catalogue and saves, without a session ------------------------------------------------


def find_entry(name: str, content_dirs: Iterable[Path] | None) -> Entry:
    from redline.content import find_scenario

    return find_scenario(name, content_dirs)


def load_entry(entry: Entry) -> Scenario:
    from redline.content import load_scenario

    return load_scenario(entry.folder, entry.packs)


def scenarios(content_dirs: Iterable[Path] | None) -> list[Entry]:
    from redline.content import list_scenarios

    return list_scenarios(content_dirs)


def saves_in(folder: Path) -> list[SaveInfo]:
    from redline.saves import list_saves

    return list_saves(folder)


def latest_autosave(folder: Path) -> SaveInfo | None:
    """The newest autosave of a game still being played, for "continue"."""
    for info in saves_in(folder):
        if info.path.name.startswith(AUTOSAVE_PREFIX) and not info.over and info.turn is not None:
            return info
    return None


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60]


def format_saved(saved: str | None, clock: Callable[[], datetime]) -> str:
    """A save's UTC timestamp shown in the clock's time zone, to the minute."""
    if not saved:
        return "—"
    try:
        when = datetime.fromisoformat(saved)
    except ValueError:
        return saved
    tz = clock().tzinfo
    return when.astimezone(tz).strftime("%Y-%m-%d %H:%M")
