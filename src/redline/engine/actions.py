"""What a player or a facilitator can do. An ordered list of these *is* a saved game.

Actions name cards, options, events and responses by their stable ids, never by position.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


class IllegalAction(ValueError):
    """The action cannot be applied to this state; the message says why."""


# The longest note, rationale, reason or text an action takes: what a save may hold
# (saves/schema.py), so that every game the engine plays can be saved and read back.
MAX_TEXT = 4_000
# The most actions a game holds with its branches, and the most branches: also what a save
# may hold, so the engine refuses one more rather than play a game that cannot be saved.
MAX_ACTIONS = 10_000
MAX_BRANCHES = 64


def check_text(what: str, text: str | None) -> None:
    if text is not None and len(text) > MAX_TEXT:
        raise IllegalAction(f"{what} holds at most {MAX_TEXT:,} characters")


@dataclass(frozen=True, slots=True)
class Decide:
    """Choose `option` on `card`. `by` is the role that decided; `votes` a recorded tally."""

    card: str
    option: str
    by: str | None = None
    votes: tuple[tuple[str, int], ...] | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Inject:
    """The facilitator fires `event` now, or schedules it for `turn`."""

    event: str
    turn: int | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Override:
    """The facilitator sets a meter, flag or `ally.<id>` to `value`; a reason is required."""

    target: str
    value: float | bool
    reason: str


@dataclass(frozen=True, slots=True)
class Note:
    """A note for the record (rationale, debrief point). Changes nothing."""

    text: str
    by: str | None = None


@dataclass(frozen=True, slots=True)
class Signal:
    """A human red cell names the threats Moscow signals this turn."""

    responses: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Respond:
    """A human red cell carries out `response`, or holds (None)."""

    response: str | None = None


@dataclass(frozen=True, slots=True)
class Bulletin:
    """A free-text inject the facilitator writes on the spot: `text` goes `to` a role (None:
    the whole room); `changes` are (target, value) pairs — a meter or `ally.<id>` change
    (+/-) or a flag set true/false — and need a `reason`."""

    text: str
    to: str | None = None
    changes: tuple[tuple[str, float | bool], ...] = ()
    reason: str | None = None
    sender: str | None = None


@dataclass(frozen=True, slots=True)
class Adjudicate:
    """An off-card proposal ruled on matrix-game style: stated, argued for and against, given
    `odds` of success, rolled with the game's own generator, and the chosen changes applied."""

    proposal: str
    odds: float
    by: str | None = None
    pro: str | None = None
    con: str | None = None
    success: tuple[tuple[str, float | bool], ...] = ()
    failure: tuple[tuple[str, float | bool], ...] = ()
    reason: str | None = None


OBSERVATION_KINDS = ("strength", "improvement", "observation")


@dataclass(frozen=True, slots=True)
class Observe:
    """A hot-wash observation (strength, improvement or observation), during or after play."""

    text: str
    category: str = "observation"  # strength, improvement or observation
    by: str | None = None


Action = Decide | Inject | Override | Note | Signal | Respond | Bulletin | Adjudicate | Observe
KINDS: dict[str, type] = {
    "decide": Decide,
    "inject": Inject,
    "override": Override,
    "note": Note,
    "signal": Signal,
    "respond": Respond,
    "bulletin": Bulletin,
    "adjudicate": Adjudicate,
    "observe": Observe,
}
# Fields that hold (target, value) pairs; saved as a list of two-item lists.
_PAIRS = ("changes", "success", "failure")
_NAMES = {v: k for k, v in KINDS.items()}


def to_dict(action: Action) -> dict[str, Any]:
    data = {k: v for k, v in asdict(action).items() if v is not None}
    if isinstance(action, Decide) and action.votes is not None:
        data["votes"] = dict(action.votes)
    if isinstance(action, Signal):
        data["responses"] = list(action.responses)
    for name in _PAIRS:
        if name in data:
            if data[name]:
                data[name] = [[t, v] for t, v in data[name]]
            else:
                del data[name]
    return {"kind": _NAMES[type(action)], **data}


def from_dict(data: Any) -> Action:
    """Rebuild an action from its saved form; raises ValueError with a reason."""
    if not isinstance(data, dict):
        raise ValueError("an action must be an object")
    kind = data.get("kind")
    cls = KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise ValueError(f"unknown action kind {kind!r}")
    fields = {k: v for k, v in data.items() if k != "kind"}
    allowed = set(cls.__dataclass_fields__)  # type: ignore[attr-defined]
    extra = set(fields) - allowed
    if extra:
        raise ValueError(
            f"{kind}: unknown {'field' if len(extra) == 1 else 'fields'} {', '.join(sorted(extra))}"
        )
    if cls is Decide and isinstance(fields.get("votes"), dict):
        fields["votes"] = tuple((str(k), int(v)) for k, v in fields["votes"].items())
    if cls is Signal:
        fields["responses"] = tuple(fields.get("responses") or ())
    for name in _PAIRS:
        if name in fields:
            fields[name] = _pairs(str(kind), name, fields[name])
    if cls is Adjudicate:
        odds = fields.get("odds")
        if isinstance(odds, bool) or not isinstance(odds, int | float) or not 0 <= odds <= 1:
            raise ValueError("adjudicate: 'odds' must be a number from 0 to 1")
    if cls is Observe and fields.get("category", "observation") not in OBSERVATION_KINDS:
        raise ValueError(f"observe: 'category' must be one of {', '.join(OBSERVATION_KINDS)}")
    try:
        action = cls(**fields)
    except TypeError as exc:
        raise ValueError(f"{kind}: {exc}") from None
    for name, value in fields.items():
        if name in ("card", "option", "event", "target", "reason", "text", "proposal") and not isinstance(
            value, str
        ):
            raise ValueError(f"{kind}: '{name}' must be text")
    return action


def _pairs(kind: str, name: str, value: Any) -> tuple[tuple[str, float | bool], ...]:
    if not isinstance(value, list) or len(value) > 24:
        raise ValueError(f"{kind}: '{name}' must be a list of at most 24 [target, value] pairs")
    out = []
    for item in value:
        if (
            not isinstance(item, list | tuple)
            or len(item) != 2
            or not isinstance(item[0], str)
            or not isinstance(item[1], bool | int | float)
            or (not isinstance(item[1], bool) and item[1] != item[1])  # NaN
        ):
            raise ValueError(f"{kind}: each of '{name}' must be [target, number or true/false]")
        out.append((item[0], item[1]))
    return tuple(out)


def describe(action: Action) -> str:
    if isinstance(action, Decide):
        return f"{action.card} → {action.option}"
    if isinstance(action, Inject):
        return f"inject {action.event}" + (f" at turn {action.turn}" if action.turn else "")
    if isinstance(action, Override):
        return f"override {action.target} = {action.value} ({action.reason})"
    if isinstance(action, Note):
        return f"note: {action.text}"
    if isinstance(action, Signal):
        return "signal " + ", ".join(action.responses)
    if isinstance(action, Bulletin):
        return f"bulletin: {action.text}"
    if isinstance(action, Adjudicate):
        return f"adjudicate: {action.proposal} ({action.odds:.0%})"
    if isinstance(action, Observe):
        return f"{action.category}: {action.text}"
    return f"respond {action.response or 'hold'}"
