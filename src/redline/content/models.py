"""Frozen content models: what a scenario says, checked once at load.

These models are the contract between authors and the engine. Expressions are kept as
strings here; `redline.content.loader` compiles them once and attaches the compiled
form to a `Scenario` (see `compiled.py`), so the engine never parses text in play.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# An id is a short lowercase name used in expressions and saves; it must stay stable.
ID_PATTERN = r"^[a-z][a-z0-9_]*$"

# A number, or an expression string evaluated against the state of play.
Number = float | int | str
Text = str


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(Model):
    """A source a card stands on: a seed file name, and optionally the words quoted."""

    file: str = Field(description="File name of the source article under shared/seeds/.")
    quote: str | None = Field(default=None, description="The words quoted from it.")


class Meter(Model):
    """A 0-100 gauge such as Kremlin escalation or ceasefire stability."""

    id: str = Field(pattern=ID_PATTERN, description="Name used in expressions.")
    label: str = Field(description="Shown to players.")
    description: str = ""
    start: float = Field(ge=0, le=100, description="Value at the start of the game.")
    good: Literal["high", "low"] = Field(
        default="high", description="Which end of the gauge is good for the coalition."
    )
    min: float = Field(default=0, description="Lower clamp.")
    max: float = Field(default=100, description="Upper clamp.")
    baseline: float | None = Field(
        default=None, description="If set, the meter drifts toward this value each turn end."
    )
    drift: float = Field(default=0, ge=0, description="How far it drifts toward baseline per turn.")
    warn: float | None = Field(default=None, description="Threshold marked on the gauge (a danger line).")


class Flag(Model):
    id: str = Field(pattern=ID_PATTERN)
    label: str = ""
    description: str = ""
    start: bool = False


class Reaction(Model):
    """How an ally reacts when a decided option carries `tag`."""

    tag: str = Field(pattern=ID_PATTERN)
    delta: float = Field(description="Change to the ally's support when the tag is chosen.")
    when: str | None = Field(default=None, description="Only when this condition holds.")
    why: str | None = Field(default=None, description="Explanation shown in the turn report.")


class Contribution(Model):
    troops: float = Field(default=0, ge=0)
    batteries: float = Field(default=0, ge=0)
    ships: float = Field(default=0, ge=0)
    aircraft: float = Field(default=0, ge=0)
    money: float = Field(default=0, ge=0)


class Ally(Model):
    """A contributing nation. Cohesion is the contribution-weighted support of allies still in."""

    id: str = Field(pattern=ID_PATTERN)
    name: str
    support: float = Field(ge=0, le=100, description="Starting support for the mission.")
    threshold: float = Field(
        ge=0, le=100, description="Below this support at a turn's end, the ally withdraws."
    )
    weight: float | None = Field(
        default=None,
        gt=0,
        description="Weight in cohesion; defaults to the sum of the contribution figures.",
    )
    contribution: Contribution = Contribution()
    position: str = Field(default="", description="The national position, in a sentence.")
    reactions: list[Reaction] = Field(default_factory=list)
    max_swing: float = Field(default=12, gt=0, description="Largest change of support from one decision.")
    sources: list[Source] = Field(default_factory=list)


# Effects map a target to a change: a meter id or `ally.<id>` to a delta (a number or an
# expression string), a flag id to true or false.
Effects = dict[str, float | bool | str]


class Outcome(Model):
    """A chance outcome of an option; `chance` is a probability or an expression."""

    id: str = Field(pattern=ID_PATTERN)
    chance: Number
    label: str = ""
    text: str = ""
    partial: bool = Field(default=False, description="It works, but the named risk happens.")
    effects: Effects = Field(default_factory=dict, description="target: change")
    later: list[Later] = Field(default_factory=list)


class Later(Model):
    """A delayed consequence, applied `after` turns from now at the turn's end."""

    after: int = Field(ge=1, le=50)
    text: str
    when: str | None = Field(default=None, description="Applied only if this holds then.")
    effects: Effects = Field(default_factory=dict, description="target: change")


class Option(Model):
    id: str = Field(pattern=ID_PATTERN)
    label: str
    text: str = ""
    tags: list[str] = Field(default_factory=list)
    when: str | None = Field(default=None, description="Locked unless this holds.")
    locked_text: str | None = Field(default=None, description="Why it is locked, for players.")
    effects: Effects = Field(default_factory=dict, description="target: change")
    outcomes: list[Outcome] = Field(default_factory=list)
    later: list[Later] = Field(default_factory=list)


class Card(Model):
    """A decision card: appears when `when` holds and offers 2-4 options."""

    id: str = Field(pattern=ID_PATTERN)
    topic: str = Field(pattern=ID_PATTERN)
    title: str
    text: str
    role: str | None = Field(default=None, pattern=ID_PATTERN)
    when: str | None = None
    weight: Number = Field(default=1, description="Draw weight among eligible cards.")
    priority: int = Field(default=0, description="Higher priority cards are drawn first.")
    repeatable: bool = False
    sources: list[Source] = Field(default_factory=list)
    options: list[Option] = Field(min_length=2, max_length=4)


class Event(Model):
    """An event card (inject): fires on a schedule, at random when its condition holds,
    or by the facilitator's hand."""

    id: str = Field(pattern=ID_PATTERN)
    title: str
    text: str
    turn: int | None = Field(default=None, ge=1, description="Fires at this turn's events phase.")
    when: str | None = None
    chance: Number = Field(default=0, description="Per-turn chance when `when` holds.")
    repeatable: bool = False
    effects: Effects = Field(default_factory=dict, description="target: change")
    later: list[Later] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)


class Response(Model):
    """Something Moscow may do, signalled first and then perhaps carried out."""

    id: str = Field(pattern=ID_PATTERN)
    label: str
    signal: str = Field(description="How it is signalled before the player decides.")
    text: str = Field(description="What happens when carried out.")
    weight: Number = 1
    when: str | None = None
    effects: Effects = Field(default_factory=dict, description="target: change")


class Rung(Model):
    """A rung of the escalation ladder, reached from `at` escalation upward."""

    id: str = Field(pattern=ID_PATTERN)
    label: str
    at: float = Field(ge=0, le=100)
    responses: list[Response] = Field(min_length=1)


class RedLine(Model):
    id: str = Field(pattern=ID_PATTERN)
    label: str
    quote: str
    sources: list[Source] = Field(default_factory=list)
    crossed: str = Field(description="Condition that crosses the line.")
    proximity: str | None = Field(default=None, description="0-100: how near the line is.")
    effects: Effects = Field(default_factory=dict, description="target: change")
    bump: int = Field(default=1, ge=0, le=4, description="Ladder rungs added while crossed.")
    text: str = Field(default="", description="What crossing it means, for players.")


class Kremlin(Model):
    meter: str = Field(description="The escalation meter that sets the ladder rung.")
    signals: int = Field(default=3, ge=0, le=5, description="Threats signalled per turn.")
    act_chance: Number = Field(
        default=0.5,
        description="Chance Moscow carries out a signalled threat; may use `crossed_now`.",
    )
    ladder: list[Rung] = Field(min_length=1)


class Ending(Model):
    id: str = Field(pattern=ID_PATTERN)
    title: str
    text: str
    kind: Literal["outcome", "failure"] = "outcome"
    when: str | None = Field(default=None, description="Condition; none means always.")
    priority: int = 0
    final: bool = Field(
        default=False,
        description="Classified only after the last turn; otherwise checked at every turn end.",
    )
    bonus: float = Field(default=0, description="Added to the score when this ending is reached.")


class Role(Model):
    id: str = Field(pattern=ID_PATTERN)
    name: str
    description: str = ""
    red_cell: bool = Field(default=False, description="This role plays Moscow.")


class Expectation(Model):
    ending: str | None = None
    meters: dict[str, list[float]] = Field(default_factory=dict, description="id: [low, high]")
    crossed: list[str] = Field(default_factory=list)
    not_crossed: list[str] = Field(default_factory=list)
    allies_in: list[str] = Field(default_factory=list)
    allies_out: list[str] = Field(default_factory=list)
    turn: int | None = None


class ScenarioTest(Model):
    name: str
    seed: int = 1
    choices: list[str] = Field(default_factory=list, description="card_id.option_id, in order.")
    policy: str | None = Field(default=None, description="Policy for cards not in `choices`.")
    expect: Expectation = Expectation()


class BalanceGate(Model):
    name: str
    ending_max: float | None = Field(default=None, description="No ending above this share.")
    ending_min: dict[str, float] = Field(default_factory=dict)
    all_endings: bool = False
    full_coverage: bool = False
    runs: int = 2000
    policy: str = "random"


class ScenarioInfo(Model):
    """`scenario.yaml`: the frame of the game."""

    id: str = Field(pattern=ID_PATTERN)
    title: str
    summary: str
    briefing: str = ""
    start_date: str = ""
    turn_label: str = Field(default="Turn", description="What a turn is called (e.g. Month).")
    turns: int = Field(ge=1, le=200)
    cards_per_turn: int = Field(default=2, ge=1, le=10)
    events_per_turn: int = Field(default=2, ge=0, le=10, description="Most random events a turn.")
    score: str = Field(description="Expression rating the result.")
    roles: list[Role] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    balance: list[BalanceGate] = Field(default_factory=list)
    tests: list[ScenarioTest] = Field(default_factory=list)


Outcome.model_rebuild()


class ContentFile(Model):
    """One YAML file of a scenario folder. Sections from every file are merged by id."""

    scenario: ScenarioInfo | None = None
    meters: list[Meter] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    allies: list[Ally] = Field(default_factory=list)
    kremlin: Kremlin | None = None
    red_lines: list[RedLine] = Field(default_factory=list)
    cards: list[Card] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    endings: list[Ending] = Field(default_factory=list)
