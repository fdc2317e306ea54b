"""Events explain every change the engine makes: what, by how much, and because of what.

The TUI's turn report, the log, the month report and the after-action report are all built
from these. An event's `kind` says what happened and its `ref` where it came from, as values
to compare, never text to parse: `cause` is for people to read.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class EventKind(StrEnum):
    """What an event reports. A str: `e.kind == "decision"` holds for a decision."""

    TURN_START = "turn_start"
    DRAW = "draw"  # a card drawn into the hand
    DISCARD = "discard"  # a drawn card an earlier decision made moot, set aside
    SIGNAL = "signal"  # a threat Moscow signals this turn
    DECISION = "decision"
    NOTE = "note"
    OUTCOME = "outcome"  # the rolled outcome of a decision
    CHANGE = "change"  # a meter, a flag or an ally's support moved
    REACTION = "reaction"  # an ally's support moved by its reaction to a decision
    SCHEDULED = "scheduled"  # a later consequence booked
    LATER = "later"  # a later consequence, or a crossed red line's lasting cost, comes due
    RED_LINE = "red_line"
    RUNG = "rung"  # Moscow on another rung of the ladder
    KREMLIN = "kremlin"  # Moscow acts or holds
    EVENT = "event"
    INJECT = "inject"  # an event the facilitator scheduled for a later turn
    WITHDRAWAL = "withdrawal"  # an ally leaves the coalition
    OVERRIDE = "override"
    BULLETIN = "bulletin"  # a free-text inject
    ADJUDICATION = "adjudication"
    OBSERVATION = "observation"
    ENDING = "ending"


class RefKind(StrEnum):
    """Where a change came from: the value `str(Ref)` starts with."""

    CARD = "card"  # a decided option (and its outcome)
    EVENT = "event"
    RESPONSE = "response"  # Moscow's response, signalled or carried out
    RED_LINE = "redline"  # a red line crossed, or its lasting cost
    LATER = "later"  # a later consequence come due
    DRIFT = "drift"  # a meter's drift toward its baseline
    ALLY = "ally"  # an ally's withdrawal
    ENDING = "ending"
    OVERRIDE = "override"
    BULLETIN = "bulletin"
    ADJUDICATION = "adjudication"
    OBSERVATION = "observation"


@dataclass(frozen=True, slots=True)
class Ref:
    """The origin of an event: a kind and, where it has one, the content item's id; for a
    decision also the option, and for its rolled outcome the outcome."""

    kind: RefKind
    id: str | None = None
    option: str | None = None
    outcome: str | None = None

    def within(self, origin: Ref | None) -> bool:
        """Whether this comes from `origin`: the same item, or a part of it (an outcome of
        the decided option)."""
        if origin is None or self.kind != origin.kind or self.id != origin.id:
            return False
        if origin.option is not None and self.option != origin.option:
            return False
        return origin.outcome is None or self.outcome == origin.outcome

    def __str__(self) -> str:
        """The ref written out, as a log line shows it: `card:mandate/option:early`."""
        if self.id is None:
            return str(self.kind)
        text = f"{self.kind}:{self.id}"
        if self.option is not None:
            text += f"/option:{self.option}"
        if self.outcome is not None:
            text += f"/outcome:{self.outcome}"
        return text


def headed(title: str, text: str) -> str:
    """A title leading its text: "Title: text", but "Is it time? text" where the title ends in
    its own punctuation (never "?:")."""
    title = title.rstrip()
    return f"{title} {text}" if title.endswith(("?", "!", ":", ".", "…")) else f"{title}: {text}"


ALLY_PREFIX = "ally."  # an ally's support as a target: `ally.<id>`, as content names it


def ally_target(aid: str) -> str:
    return ALLY_PREFIX + aid


def ally_of(target: str | None) -> str | None:
    """The ally whose support `target` names, or None when it names something else."""
    if target is not None and target.startswith(ALLY_PREFIX):
        return target[len(ALLY_PREFIX) :]
    return None


@dataclass(frozen=True, slots=True)
class Event:
    turn: int
    kind: EventKind
    text: str
    target: str | None = None  # meter / flag / ally (`ally.<id>`) / card id ...
    before: float | bool | None = None
    after: float | bool | None = None
    cause: str | None = None  # human-readable why
    ref: Ref | None = None  # where it came from

    @property
    def delta(self) -> float | None:
        if isinstance(self.before, bool) or isinstance(self.after, bool):
            return None
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def ally(self) -> str | None:
        """The ally this event is about (its support, its withdrawal), if any."""
        return ally_of(self.target)

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}
