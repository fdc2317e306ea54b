"""Events explain every change the engine makes: what, by how much, and because of what.

The TUI's turn report, the log and the after-action report are all built from these.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Event:
    turn: int
    kind: str  # turn_start, draw, signal, decision, outcome, change, reaction, withdrawal,
    #            red_line, rung, kremlin, event, later, drift, override, note, ending
    text: str
    target: str | None = None  # meter / flag / ally id / card id ...
    before: float | bool | None = None
    after: float | bool | None = None
    cause: str | None = None  # human-readable why
    ref: str | None = None  # machine-readable origin: "card:mandate/option:early" ...

    @property
    def delta(self) -> float | None:
        if isinstance(self.before, bool) or isinstance(self.after, bool):
            return None
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}
