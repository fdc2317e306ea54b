"""A loaded scenario: the validated models plus their compiled expressions.

The engine reads these objects only. The loader builds them once (content/linker.py
compiles them, content/loader.py then adds `Scenario.places`); after that only
`Scenario.plan`, the engine's index of the scenario, is filled in, on first use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from redline.content import models as m
from redline.content.expr import Expression
from redline.numeric import running_sum

if TYPE_CHECKING:
    from redline.content.placement import Place
    from redline.engine.plan import Plan


@dataclass(frozen=True, slots=True, eq=False)
class Change:
    """One compiled effect: kind is "meter", "flag" or "ally"."""

    kind: str
    target: str
    value: Expression  # delta for meters and allies, the new value for flags


@dataclass(frozen=True, slots=True, eq=False)
class CLater:
    model: m.Later
    when: Expression | None
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True, eq=False)
class COutcome:
    model: m.Outcome
    chance: Expression
    changes: tuple[Change, ...]
    later: tuple[CLater, ...]


@dataclass(frozen=True, slots=True, eq=False)
class COption:
    model: m.Option
    card_id: str
    when: Expression | None
    changes: tuple[Change, ...]
    outcomes: tuple[COutcome, ...]
    later: tuple[CLater, ...]

    id: str = field(init=False)

    def __post_init__(self) -> None:
        # A plain attribute like every compiled item's id (the model's is a pydantic field):
        # the plan builds each option's Decide action from it (engine/plan.py).
        object.__setattr__(self, "id", self.model.id)


@dataclass(frozen=True, slots=True, eq=False)
class CCard:
    model: m.Card
    when: Expression | None
    weight: Expression
    options: tuple[COption, ...]
    option_by_id: dict[str, COption]

    id: str = field(init=False)
    priority: int = field(init=False)
    once: bool = field(init=False)
    gated: bool = field(init=False)  # some option has a condition

    def __post_init__(self) -> None:
        # Plain attributes: the card draw reads `id` and `once` of every drawable card, every
        # turn (engine/draw.py), and the plan groups cards by `priority` (engine/plan.py);
        # `gated` spares both of them a look at the options of a card none of whose options
        # has a condition.
        object.__setattr__(self, "id", self.model.id)
        object.__setattr__(self, "priority", self.model.priority)
        object.__setattr__(self, "once", not self.model.repeatable)
        object.__setattr__(self, "gated", any(o.when is not None for o in self.options))


@dataclass(frozen=True, slots=True, eq=False)
class CEvent:
    model: m.Event
    when: Expression | None
    chance: Expression
    changes: tuple[Change, ...]
    later: tuple[CLater, ...]

    id: str = field(init=False)
    turn: int | None = field(init=False)  # fires at this turn if `when` holds, whatever its chance
    once: bool = field(init=False)

    def __post_init__(self) -> None:
        # Plain attributes: the events phase (engine/happenings.py) reads these for every
        # event the turn may fire, every turn.
        object.__setattr__(self, "id", self.model.id)
        object.__setattr__(self, "turn", self.model.turn)
        object.__setattr__(self, "once", not self.model.repeatable)


@dataclass(frozen=True, slots=True, eq=False)
class CResponse:
    model: m.Response
    rung: int
    weight: Expression
    when: Expression | None
    changes: tuple[Change, ...]

    id: str = field(init=False)

    def __post_init__(self) -> None:
        # A plain attribute: Moscow's turn (engine/kremlin.py) lists the reachable responses
        # by id (legal actions, signals), every turn.
        object.__setattr__(self, "id", self.model.id)


@dataclass(frozen=True, slots=True, eq=False)
class CRung:
    model: m.Rung
    responses: tuple[CResponse, ...]


@dataclass(frozen=True, slots=True, eq=False)
class CRedLine:
    model: m.RedLine
    crossed: Expression
    proximity: Expression | None
    changes: tuple[Change, ...]
    lasting: tuple[Change, ...] = ()  # applied at the end of every turn after the crossing's

    id: str = field(init=False)

    def __post_init__(self) -> None:
        # A plain attribute: the red-line check (engine/ladder.py) looks up every line's id in
        # `crossed`, every turn.
        object.__setattr__(self, "id", self.model.id)


@dataclass(frozen=True, slots=True, eq=False)
class CReaction:
    ally: str
    delta: float
    when: Expression | None
    why: str


@dataclass(frozen=True, slots=True, eq=False)
class CEnding:
    model: m.Ending
    when: Expression | None

    id: str = field(init=False)

    def __post_init__(self) -> None:
        # A plain attribute like every compiled item's id; read when an ending is reached
        # (engine/endings.py), and by the faces that list or count endings.
        object.__setattr__(self, "id", self.model.id)


@dataclass(frozen=True)
class Scenario:
    info: m.ScenarioInfo
    folder: str
    files: tuple[str, ...]
    content_hash: str
    meters: dict[str, m.Meter]
    flags: dict[str, m.Flag]
    allies: dict[str, m.Ally]
    ally_weight: dict[str, float]
    reactions: dict[str, tuple[CReaction, ...]]  # by option tag
    red_lines: tuple[CRedLine, ...]
    kremlin: m.Kremlin
    escalation: str
    act_chance: Expression
    rungs: tuple[CRung, ...]
    responses: dict[str, CResponse]
    cards: tuple[CCard, ...]
    card_by_id: dict[str, CCard]
    events: tuple[CEvent, ...]
    event_by_id: dict[str, CEvent]
    # The scenario's order (files by name, items as written; a pack's replacement keeps the
    # place of the item it replaces). The order they are tried in: engine/endings.py `in_order`.
    endings: tuple[CEnding, ...]
    score: Expression
    roles: dict[str, m.Role] = field(default_factory=dict)
    total_weight: float = field(init=False)
    # (section, id) -> where the item was written, for authoring messages (see `where`);
    # ("scenario", "") and ("kremlin", "") for the single sections.
    places: dict[tuple[str, str], Place] = field(default_factory=dict, repr=False, compare=False)
    # The engine's indexes of this scenario (engine/plan.py), built on first use.
    plan: Plan | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "total_weight", running_sum(self.ally_weight.values()))
        object.__setattr__(self, "plan", None)  # set here: the compiled class skips defaults of init=False

    def where(self, section: str, item: str, *sub: str | int, key: bool = False) -> tuple[str, int, int]:
        """(file, line, col) of an item, or of a value inside it."""
        place = self.places.get((section, item))
        if place is None:
            return (self.files[0] if self.files else self.folder, 1, 1)
        return (place.file, *place.at(*sub, key=key))

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def title(self) -> str:
        return self.info.title

    @property
    def turns(self) -> int:
        return self.info.turns
