"""The player comes first: work in a background thread gives way while an input waits to be
drawn.

Python runs one thread at a time. A forecast playing games in its thread would otherwise take
the interpreter from the interface for half of every redraw, and a key would take up to twice
as long to show. So the interface says when an input arrives (`input_arrived`) and when the
next frame is on the screen (`drawn`); between the two, the worker waits at its next step
(`give_way`) without holding the interpreter. What the worker computes does not change, only
when.
"""

from __future__ import annotations

import threading
import time

# Seconds a worker waits at most after an input: an input that changes nothing draws no
# frame, and the work must not wait for one for ever.
HOLD = 0.25


class Pacer:
    def __init__(self) -> None:
        self._idle = threading.Event()
        self._idle.set()
        self._since = 0.0  # when the input now waiting arrived (monotonic seconds)

    def input_arrived(self) -> None:
        """An input is on its way through the interface: background work should wait."""
        self._since = time.monotonic()
        self._idle.clear()

    def drawn(self) -> None:
        """A frame is on the screen: background work may go on."""
        self._idle.set()

    @property
    def busy(self) -> bool:
        return not self._idle.is_set()

    def give_way(self) -> None:
        """Called by a worker between two steps: wait while an input is being drawn, for at
        most `HOLD` seconds from its arrival."""
        if self._idle.is_set():
            return
        left = self._since + HOLD - time.monotonic()
        if left <= 0 or not self._idle.wait(left):
            self._idle.set()  # no frame came: nothing to wait for
