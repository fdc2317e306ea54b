"""A loaded scenario: the validated models plus their compiled expressions.

The engine reads these objects only. They are built once by the loader and never change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from redline.content import models as m
from redline.content.expr import Expression


@dataclass(frozen=True, slots=True)
class Change:
    """One compiled effect: kind is "meter", "flag" or "ally"."""

    kind: str
    target: str
    value: Expression  # delta for meters and allies, the new value for flags

    def amount(self, s: Any) -> Any:
        return self.value.constant if self.value.is_constant else self.value.fn(s)


@dataclass(frozen=True, slots=True)
class CLater:
    model: m.Later
    when: Expression | None
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class COutcome:
    model: m.Outcome
    chance: Expression
    changes: tuple[Change, ...]
    later: tuple[CLater, ...]


@dataclass(frozen=True, slots=True)
class COption:
    model: m.Option
    card_id: str
    when: Expression | None
    changes: tuple[Change, ...]
    outcomes: tuple[COutcome, ...]
    later: tuple[CLater, ...]

    @property
    def id(self) -> str:
        return self.model.id


@dataclass(frozen=True, slots=True)
class CCard:
    model: m.Card
    when: Expression | None
    weight: Expression
    options: tuple[COption, ...]
    option_by_id: dict[str, COption]

    @property
    def id(self) -> str:
        return self.model.id


@dataclass(frozen=True, slots=True)
class CEvent:
    model: m.Event
    when: Expression | None
    chance: Expression
    changes: tuple[Change, ...]
    later: tuple[CLater, ...]

    @property
    def id(self) -> str:
        return self.model.id


@dataclass(frozen=True, slots=True)
class CResponse:
    model: m.Response
    rung: int
    weight: Expression
    when: Expression | None
    changes: tuple[Change, ...]

    @property
    def id(self) -> str:
        return self.model.id


@dataclass(frozen=True, slots=True)
class CRung:
    model: m.Rung
    responses: tuple[CResponse, ...]


@dataclass(frozen=True, slots=True)
class CRedLine:
    model: m.RedLine
    crossed: Expression
    proximity: Expression | None
    changes: tuple[Change, ...]

    @property
    def id(self) -> str:
        return self.model.id


@dataclass(frozen=True, slots=True)
class CReaction:
    ally: str
    delta: float
    when: Expression | None
    why: str


@dataclass(frozen=True, slots=True)
class CEnding:
    model: m.Ending
    when: Expression | None

    @property
    def id(self) -> str:
        return self.model.id


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
    endings: tuple[CEnding, ...]  # priority order, highest first
    score: Expression
    roles: dict[str, m.Role] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def title(self) -> str:
        return self.info.title

    @property
    def turns(self) -> int:
        return self.info.turns
