"""The shape of a save, checked field by field before anything is replayed.

A save is data written by redline, but it is also a file anyone can edit or plant, so every
field is typed and bounded here (pydantic, strict: a number written as text, a boolean where
a count belongs, NaN or infinity are all refused), and the first problem is reported with the
field's place in the file (`actions[3].votes.france`).

Bounds (README, "Limits"): a save is at most 4 MB; it holds at most 10,000 actions in all,
its branches included (each is replayed, and each replayed action keeps a state); a note, a
reason or a label is at most 4,000 characters; an id at most 200; at most 64 branches, 64
votes on a decision and 64 signalled responses.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

from redline.content.models import ID_PATTERN, MAX_ID, SCENARIO_ID_PATTERN
from redline.engine.actions import MAX_ACTIONS as ENGINE_MAX_ACTIONS
from redline.engine.actions import MAX_BRANCHES as ENGINE_MAX_BRANCHES
from redline.engine.actions import MAX_TEXT as ENGINE_MAX_TEXT

MAX_SAVE_BYTES = 4 * 1024 * 1024
MAX_ACTIONS = ENGINE_MAX_ACTIONS  # the engine plays no game a save could not hold
MAX_TEXT = ENGINE_MAX_TEXT  # the engine refuses a longer note, so every game can be saved
MAX_BRANCHES = ENGINE_MAX_BRANCHES
MAX_LIST = 64
MAX_TURN = 10_000
MAX_VOTES = 1_000_000
MAX_VALUE = 1e9  # an override's value; the engine clamps it to the meter's own range after

Id = Annotated[str, StringConstraints(min_length=1, max_length=MAX_ID)]
# An id the scenario defines (a card, an option, an event, a response, an ending): of the
# content's own shape, so a save cannot carry a line break or a control into a message.
ContentId = Annotated[str, StringConstraints(max_length=MAX_ID, pattern=ID_PATTERN)]
ScenarioId = Annotated[str, StringConstraints(max_length=MAX_ID, pattern=SCENARIO_ID_PATTERN)]
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
Turn = Annotated[int, Field(ge=0, le=MAX_TURN)]


def _finite(x: float) -> float:
    if not math.isfinite(x) or abs(x) > MAX_VALUE:
        raise ValueError(f"must be a number between -{MAX_VALUE:g} and {MAX_VALUE:g}")
    return x


def _timestamp(x: str) -> str:
    try:
        datetime.fromisoformat(x)
    except ValueError:
        raise ValueError("must be a date and time (ISO 8601)") from None
    return x


Number = Annotated[float, AfterValidator(_finite)]
When = Annotated[str, StringConstraints(max_length=64), AfterValidator(_timestamp)]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class DecideDoc(_Strict):
    kind: Literal["decide"]
    card: ContentId
    option: ContentId
    by: Id | None = None
    votes: (
        Annotated[dict[Id, Annotated[int, Field(ge=0, le=MAX_VOTES)]], Field(max_length=MAX_LIST)] | None
    ) = None
    note: Text | None = None


class InjectDoc(_Strict):
    kind: Literal["inject"]
    event: ContentId
    turn: Annotated[int, Field(ge=1, le=MAX_TURN)] | None = None
    reason: Text | None = None


class OverrideDoc(_Strict):
    kind: Literal["override"]
    target: Id
    value: bool | Number
    reason: Text


class NoteDoc(_Strict):
    kind: Literal["note"]
    text: Text
    by: Id | None = None


class SignalDoc(_Strict):
    kind: Literal["signal"]
    responses: Annotated[list[ContentId], Field(max_length=MAX_LIST)] = []


class RespondDoc(_Strict):
    kind: Literal["respond"]
    response: ContentId | None = None


# A (target, value) change of a free-text inject or a ruling: a meter, flag or ally.<id>.
def _pair(x: list[Any]) -> list[Any]:
    if not isinstance(x[0], str) or isinstance(x[1], str):
        raise ValueError("must be [target, a number or true/false]")
    return x


Pair = Annotated[list[Id | bool | Number], Field(min_length=2, max_length=2), AfterValidator(_pair)]
Pairs = Annotated[list[Pair], Field(max_length=24)]


class BulletinDoc(_Strict):
    kind: Literal["bulletin"]
    text: Text
    to: Id | None = None
    changes: Pairs = []
    reason: Text | None = None
    sender: Text | None = None


class AdjudicateDoc(_Strict):
    kind: Literal["adjudicate"]
    proposal: Text
    odds: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
    by: Id | None = None
    pro: Text | None = None
    con: Text | None = None
    success: Pairs = []
    failure: Pairs = []
    reason: Text | None = None


class ObserveDoc(_Strict):
    kind: Literal["observe"]
    text: Text
    category: Literal["strength", "improvement", "observation"] = "observation"
    by: Id | None = None


ActionDoc = Annotated[
    DecideDoc
    | InjectDoc
    | OverrideDoc
    | NoteDoc
    | SignalDoc
    | RespondDoc
    | BulletinDoc
    | AdjudicateDoc
    | ObserveDoc,
    Field(discriminator="kind"),
]
Actions = Annotated[list[ActionDoc], Field(max_length=MAX_ACTIONS)]


class BranchDoc(_Strict):
    name: Text
    from_turn: Annotated[int, Field(ge=1, le=MAX_TURN)] = 1
    ending: ContentId | None = None
    score: Number | None = None
    actions: Actions = []


class SeatDoc(BaseModel):
    model_config = ConfigDict(strict=True, extra="allow", frozen=True)
    id: Id | None = None
    name: Text | None = None
    played_by: Text | None = None


class FacilitationDoc(BaseModel):
    """The seats and settings of a facilitated session (tui/facilitation/session.py)."""

    model_config = ConfigDict(strict=True, extra="allow", frozen=True)
    teams: Annotated[dict[Id, Text], Field(max_length=MAX_LIST)] = {}
    roles: Annotated[list[SeatDoc], Field(max_length=MAX_LIST)] = []
    red_cell: bool = False
    show_red_lines: bool = True
    timer_minutes: Annotated[float, Field(ge=0, le=24 * 60, allow_inf_nan=False)] = 0


class MetaDoc(BaseModel):
    model_config = ConfigDict(strict=True, extra="allow", frozen=True)
    label: Text | None = None
    facilitation: FacilitationDoc | None = None


class SaveDoc(BaseModel):
    # Fields a newer build adds are ignored (a save says which formats can read it).
    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)
    format: int
    oldest: int | None = None
    scenario: ScenarioId
    content_hash: Annotated[str, StringConstraints(max_length=MAX_ID)]
    seed: Annotated[int, Field(ge=0, lt=2**63)]
    red_cell: bool = False
    saved: When | None = None
    turn: Turn | None = None
    over: bool | None = None
    ending: ContentId | None = None
    meta: MetaDoc = MetaDoc()
    actions: Actions
    branches: Annotated[list[BranchDoc], Field(max_length=MAX_BRANCHES)] = []


def where(loc: tuple[int | str, ...]) -> str:
    """A pydantic location as a reader finds it in the file: `actions[3].votes.france`,
    counting actions and branches from 1 as the messages elsewhere do. The tag a union adds
    (the action's kind) is left out."""
    out = ""
    parts = list(loc)
    for i, part in enumerate(parts):
        if isinstance(part, int):
            out += f"[{part + 1}]"
        elif (
            i > 0 and isinstance(parts[i - 1], int) and part in _KINDS or part in _MEMBERS or "[" in str(part)
        ):
            continue
        else:
            out += f".{part}" if out else str(part)
    return out


_KINDS = {"decide", "inject", "override", "note", "signal", "respond", "bulletin", "adjudicate", "observe"}
_MEMBERS = {"bool", "int", "float", "str", "none"}


def first_problem(exc: ValidationError) -> str:
    """The first problem of a failed check, in one line, naming the field."""
    from redline.textsafe import clean_line

    errors = exc.errors(include_url=False, include_input=False)
    field = where(tuple(errors[0]["loc"]))
    # Of a union's tries at the same field the last is the telling one ("a number between").
    same = [e for e in errors if where(tuple(e["loc"])) == field]
    err = same[-1]
    errors = [e for e in errors if where(tuple(e["loc"])) != field] + [err]
    msg = str(err["msg"]).removeprefix("Value error, ")
    ctx = err.get("ctx") or {}
    plain = _PLAIN.get(err["type"])
    if plain is not None:
        msg = plain.format(**ctx)
    if err["type"] == "union_tag_invalid":
        msg = f"unknown action kind ({', '.join(sorted(_KINDS))})"
    elif err["type"] == "union_tag_not_found":
        msg = "an action needs a 'kind'"
    elif err["type"] == "extra_forbidden":
        msg = "unknown field"
    elif err["type"] == "missing":
        msg = "missing"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return clean_line(f"'{field}': {msg[:200]}{more}")


_PLAIN = {
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_type": "must be true or false",
    "float_type": "must be a number",
    "list_type": "must be a list",
    "dict_type": "must be an object",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "string_too_long": "is longer than {max_length:,} characters",
    "string_too_short": "must not be empty",
    "too_long": "has more than {max_length:,} entries",
    "greater_than_equal": "must be at least {ge}",
    "greater_than": "must be more than {gt}",
    "less_than_equal": "must be at most {le}",
    "less_than": "must be less than {lt}",
    "finite_number": "must be a finite number",
    "string_pattern_mismatch": "is not an id of the scenario (lowercase letters, digits, _ and -)",
}


def check(doc: Any) -> SaveDoc:
    """The document as a SaveDoc; ValidationError for anything out of shape."""
    return SaveDoc.model_validate(doc)
