"""The turn timer a facilitator sets, starts and pauses. No Textual here."""

from __future__ import annotations

import time
from collections.abc import Callable


class Timer:
    """A turn timer the facilitator sets, starts and pauses. Running out changes nothing in
    the game: the players' screen only shows that time is up."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.minutes = 0.0
        self._left = 0.0
        self._since: float | None = None  # when it was last started, while running

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
        return f"{self.text()} of {self.minutes:g} min, {state}"
