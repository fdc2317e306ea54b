"""The timer of a move, which the facilitator sets, starts and pauses. No Textual here.

A move is `months` months of play (one by default; the plan's time box may say more). The
timer resets at the start of each move, and keeps running into the new move if it was
running (or had run out) at the end of the last. Running out changes nothing in the game:
`warn` shows that time is up; `move_on` also asks the facilitator to close the move.
"""

from __future__ import annotations

import time
from collections.abc import Callable

WARN, MOVE_ON = "warn", "move_on"


class Timer:
    """A move's timer. The clock is injectable, so tests drive it without waiting."""

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, months: int = 1, when_time_is_up: str = WARN
    ) -> None:
        self.clock = clock
        self.minutes = 0.0
        self._left = 0.0
        self._since: float | None = None  # when it was last started, while running
        self.months = max(1, months)
        self.when_time_is_up = when_time_is_up if when_time_is_up in (WARN, MOVE_ON) else WARN
        self.move: int | None = None  # the move the timer counts down for

    @property
    def is_set(self) -> bool:
        return self.minutes > 0

    @property
    def running(self) -> bool:
        return self._since is not None

    def set(self, minutes: float) -> None:
        """Set (and reset) the timer; it waits, paused, until started."""
        self.minutes = max(0.0, minutes)
        self._left = self.minutes * 60
        self._since = None

    def left(self) -> float:
        if self._since is None:
            return self._left
        return max(0.0, self._left - (self.clock() - self._since))

    @property
    def expired(self) -> bool:
        return self.is_set and self.left() <= 0

    def start(self) -> None:
        if self.is_set and not self.running and not self.expired:
            self._since = self.clock()

    def pause(self) -> None:
        if self._since is not None:
            self._left = self.left()
            self._since = None

    def toggle(self) -> None:
        self.pause() if self.running else self.start()

    # ---- moves -----------------------------------------------------------------------------

    def move_of(self, turn: int) -> int:
        """The move (from 1) that `turn` belongs to."""
        return (max(1, turn) - 1) // self.months + 1

    def months_of(self, move: int) -> tuple[int, int]:
        """The first and last month of `move`."""
        first = (move - 1) * self.months + 1
        return first, first + self.months - 1

    def follow(self, turn: int) -> bool:
        """Reset the timer when `turn` opens a new move; True when it did. A timer that was
        running (or had run out) starts again at once for the new move."""
        move = self.move_of(turn)
        if move == self.move:
            return False
        first = self.move is None
        self.move = move
        if first or not self.is_set:
            return False
        going = self.running or self.expired
        self.set(self.minutes)
        if going:
            self.start()
        return True

    @property
    def asks_to_move_on(self) -> bool:
        """Time is up and the plan says the facilitator should close the move."""
        return self.expired and self.when_time_is_up == MOVE_ON

    def text(self) -> str:
        """The time left as "7:05", or "TIME" once it has run out."""
        if self.expired:
            return "TIME"
        seconds = int(self.left() + 0.999)  # 9:59.2 reads 10:00 until a full second has gone
        return f"{seconds // 60}:{seconds % 60:02d}"

    def describe(self) -> str:
        if not self.is_set:
            return "not set"
        state = "time is up" if self.expired else "running" if self.running else "paused"
        if self.asks_to_move_on:
            state = "time is up: close the move"
        return f"{self.text()} of {self.minutes:g} min, {state}"
