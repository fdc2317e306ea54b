"""Frozen content models: what a scenario says, checked once at load.

These models are the contract between authors and the engine. Expressions are kept as
strings here; `redline.content.loader` compiles them once and attaches the compiled
form to a `Scenario` (see `compiled.py`), so the engine never parses text in play.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

# An id is a short lowercase name used in expressions and saves; it must stay stable. A save
# holds ids of at most MAX_ID characters (saves/schema.py), so content may use no longer one.
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
MAX_ID = 200
# A scenario's id is never read in an expression, so it may also have hyphens
# (`reassurance-force`). The one rule for scenario ids: `new`, `scenario.id` and `pack:`.
SCENARIO_ID_PATTERN = r"^[a-z][a-z0-9_-]*$"

# A number, or an expression string evaluated against the state of play.
Number = float | int | str

# The automatic players of `redline simulate` (see `redline.sim.policies`); tests add "first".
Policy = Literal["random", "greedy", "cautious", "hawk", "dove"]
TestPolicy = Literal["first", "random", "greedy", "cautious", "hawk", "dove"]


class Model(BaseModel):
    # No NaN or infinity anywhere: YAML reads `.nan` and `.inf` as numbers, and either would
    # poison every comparison and sum it reaches.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, allow_inf_nan=False)


class Source(Model):
    """A source a card stands on: a seed file name, and optionally the words quoted."""

    file: str = Field(description="File name of the source article under shared/seeds/.")
    quote: str | None = Field(default=None, description="The words quoted from it.")


class Article(Model):
    """What a source file is, as players see it: the article's own headline, outlet and date.

    Only what the article itself shows: where it names no outlet, `section` says what it does
    print (a section or site name), and `outlet` stays empty."""

    headline: str = Field(description="The headline as printed.")
    outlet: str | None = Field(
        default=None, description="The outlet that published it, if the article names it."
    )
    section: str | None = Field(default=None, description="The section or site name it prints, if no outlet.")
    date: str | None = Field(
        default=None,
        pattern=r"^\d{4}-\d{2}-\d{2}$",
        description="Publication date as printed (ISO, e.g. 2025-09-06); empty if it prints none.",
    )
    quotes: list[str] = Field(
        default_factory=list, description="Outlets the article quotes or cites (e.g. ABC News, Reuters)."
    )


class Meter(Model):
    """A 0-100 gauge such as Kremlin escalation or ceasefire stability."""

    id: str = Field(
        pattern=ID_PATTERN, max_length=MAX_ID, description="Name used in expressions and effects."
    )
    label: str = Field(description="Shown to players.")
    description: str = Field(default="", description="A sentence on what the gauge measures.")
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
    """A yes/no fact of the game, such as `troops_deployed`; effects set it."""

    id: str = Field(
        pattern=ID_PATTERN, max_length=MAX_ID, description="Name used in expressions and effects."
    )
    label: str = Field(default="", description="Shown to players.")
    description: str = Field(default="", description="A sentence on what it means.")
    start: bool = Field(default=False, description="Value at the start of the game.")


class Reaction(Model):
    """How an ally reacts when a decided option carries `tag`."""

    tag: str = Field(
        pattern=ID_PATTERN, max_length=MAX_ID, description="An option tag, e.g. `boots_on_ground`."
    )
    delta: float = Field(description="Change to the ally's support when the tag is chosen.")
    when: str | None = Field(default=None, description="Only when this condition holds.")
    why: str | None = Field(default=None, description="Explanation shown in the turn report.")


class Contribution(Model):
    """What an ally brings; the figures are relative sizes and weigh its say in cohesion."""

    troops: float = Field(default=0, ge=0, description="Ground troops.")
    batteries: float = Field(default=0, ge=0, description="Air-defense batteries.")
    ships: float = Field(default=0, ge=0, description="Naval assets.")
    aircraft: float = Field(default=0, ge=0, description="Air assets.")
    money: float = Field(default=0, ge=0, description="Funding.")


class Ally(Model):
    """A contributing nation. Cohesion is the contribution-weighted support of allies still in."""

    id: str = Field(
        pattern=ID_PATTERN, max_length=MAX_ID, description="Name used in expressions (`ally.<id>`)."
    )
    name: str = Field(description="Shown to players.")
    support: float = Field(ge=0, le=100, description="Starting support for the mission.")
    threshold: float = Field(
        ge=0, le=100, description="Below this support at a turn's end, the ally withdraws."
    )
    weight: float | None = Field(
        default=None,
        gt=0,
        description="Weight in cohesion; defaults to the sum of the contribution figures.",
    )
    contribution: Contribution = Field(default=Contribution(), description="What the ally brings.")
    position: str = Field(default="", description="The national position, in a sentence.")
    reactions: list[Reaction] = Field(
        default_factory=list, description="How support moves with the tags of what is decided."
    )
    max_swing: float = Field(default=12, gt=0, description="Largest change of support from one decision.")
    sources: list[Source] = Field(default_factory=list, description="Where the position comes from.")

    @property
    def cohesion_weight(self) -> float:
        """The ally's weight in cohesion: its `weight` if given, else the sum of its
        contribution figures (the loader refuses an ally whose weight comes to nothing)."""
        if self.weight is not None:
            return self.weight
        given = self.contribution
        return given.troops + given.batteries + given.ships + given.aircraft + given.money


# Effects map a target to a change: a meter id or `ally.<id>` to a delta (a number or an
# expression string), a flag id to true or false.
Effects = dict[str, float | bool | str]


class Outcome(Model):
    """A chance outcome of an option; `chance` is a probability or an expression."""

    id: str = Field(
        pattern=ID_PATTERN, max_length=MAX_ID, description="Stable id, used in saves and reports."
    )
    chance: Number = Field(description="Probability 0-1, or an expression giving one.")
    label: str = Field(default="", description="Shown with the odds.")
    text: str = Field(default="", description="What happens, for players.")
    partial: bool = Field(
        default=False,
        description="A partial success: it works, but not wholly, or at the named cost. Never a failure.",
    )
    effects: Effects = Field(default_factory=dict, description="target: change")
    later: list[Later] = Field(default_factory=list, description="Delayed consequences.")


class Later(Model):
    """A delayed consequence, applied `after` turns from now at the turn's end."""

    after: int = Field(ge=1, le=50, description="How many turns from now.")
    text: str = Field(description="What happens, for players.")
    when: str | None = Field(default=None, description="Applied only if this holds then.")
    effects: Effects = Field(default_factory=dict, description="target: change")


class Option(Model):
    """One choice on a decision card."""

    id: str = Field(pattern=ID_PATTERN, max_length=MAX_ID, description="Stable id, used in saves and tests.")
    label: str = Field(description="Shown to players.")
    text: str = Field(default="", description="What choosing it means, for players.")
    tags: list[str] = Field(default_factory=list, description="What allies react to, e.g. `restraint`.")
    when: str | None = Field(default=None, description="Locked unless this holds.")
    locked_text: str | None = Field(default=None, description="Why it is locked, for players.")
    effects: Effects = Field(default_factory=dict, description="target: change")
    outcomes: list[Outcome] = Field(default_factory=list, description="Chance outcomes; at most one happens.")
    later: list[Later] = Field(default_factory=list, description="Delayed consequences.")


class Card(Model):
    """A decision card: appears when `when` holds and offers 2-4 options."""

    id: str = Field(pattern=ID_PATTERN, max_length=MAX_ID, description="Stable id, used in saves and tests.")
    topic: str = Field(
        pattern=ID_PATTERN,
        max_length=MAX_ID,
        description="mandate, consent, roe, air_defense, exit, or your own.",
    )
    title: str = Field(description="Shown to players.")
    text: str = Field(description="The question, for players.")
    role: str | None = Field(
        default=None, pattern=ID_PATTERN, max_length=MAX_ID, description="The role that decides it."
    )
    when: str | None = Field(default=None, description="Drawn only while this holds.")
    weight: Number = Field(default=1, description="Draw weight among eligible cards.")
    priority: int = Field(default=0, description="Higher priority cards are drawn first.")
    repeatable: bool = Field(default=False, description="May be drawn again after it is decided.")
    sources: list[Source] = Field(default_factory=list, description="Where the question comes from.")
    options: list[Option] = Field(min_length=2, max_length=4, description="Two to four choices.")


class Event(Model):
    """An event card (inject): fires on a schedule, at random when its condition holds,
    or by the facilitator's hand."""

    id: str = Field(
        pattern=ID_PATTERN, max_length=MAX_ID, description="Stable id, used in saves and injects."
    )
    title: str = Field(description="Shown to players.")
    text: str = Field(description="What happened, for players.")
    turn: int | None = Field(default=None, ge=1, description="Fires at this turn's events phase.")
    when: str | None = Field(default=None, description="Fires only while this holds.")
    chance: Number = Field(default=0, description="Per-turn chance when `when` holds.")
    repeatable: bool = Field(default=False, description="May fire again.")
    effects: Effects = Field(default_factory=dict, description="target: change")
    later: list[Later] = Field(default_factory=list, description="Delayed consequences.")
    sources: list[Source] = Field(default_factory=list, description="Where the event comes from.")


class Response(Model):
    """Something Moscow may do, signalled first and then perhaps carried out."""

    id: str = Field(pattern=ID_PATTERN, max_length=MAX_ID, description="Stable id, used in saves.")
    label: str = Field(description="Shown to players.")
    signal: str = Field(description="How it is signalled before the player decides.")
    text: str = Field(description="What happens when carried out.")
    weight: Number = Field(default=1, description="Weight when Moscow picks among its responses.")
    when: str | None = Field(default=None, description="Available only while this holds.")
    effects: Effects = Field(default_factory=dict, description="target: change")


class Rung(Model):
    """A rung of the escalation ladder, reached from `at` escalation upward."""

    id: str = Field(pattern=ID_PATTERN, max_length=MAX_ID, description="Stable id.")
    label: str = Field(description="Shown to players, e.g. Probing drones.")
    at: float = Field(ge=0, le=100, description="Escalation from which this rung is reached.")
    responses: list[Response] = Field(min_length=1, description="What Moscow may do on this rung.")


class RedLine(Model):
    """One of the Kremlin's red lines: crossed once, when its condition first holds."""

    id: str = Field(
        pattern=ID_PATTERN, max_length=MAX_ID, description="Name used in expressions (`crossed.<id>`)."
    )
    label: str = Field(description="Shown to players.")
    quote: str = Field(description="The words the red line stands on.")
    reading: bool = Field(
        default=False,
        description="True when `quote` is the analysts' reading of Moscow's line, not a speaker's own "
        "words: it is then shown without quotation marks, marked as the analysts' reading.",
    )
    sources: list[Source] = Field(default_factory=list, description="Where the quote comes from.")
    crossed: str = Field(description="Condition that crosses the line.")
    proximity: str | None = Field(default=None, description="0-100: how near the line is.")
    effects: Effects = Field(default_factory=dict, description="target: change")
    bump: int = Field(
        default=1, ge=0, le=4, description="Extra ladder rungs Moscow climbs in the turn the line is crossed."
    )
    floor: int = Field(
        default=0,
        ge=0,
        le=10,
        description="The lowest ladder rung (0 = the first) Moscow stands on from the turn the line is"
        " crossed to the end of the game, whatever the escalation meter says.",
    )
    lasting: Effects = Field(
        default_factory=dict,
        description="Effects applied again at the end of every turn after the one in which the line was"
        " crossed: what it keeps costing.",
    )
    text: str = Field(default="", description="What crossing it means, for players.")

    def shown_quote(self) -> str:
        """The quote as players see it: in quotation marks only when it is the speaker's words."""
        return f"{self.quote} (the analysts' reading)" if self.reading else f"“{self.quote}”"


class Kremlin(Model):
    """Moscow: the escalation meter, its signals and its ladder of responses."""

    meter: str = Field(description="The escalation meter that sets the ladder rung.")
    signals: int = Field(default=3, ge=0, le=5, description="Threats signalled per turn.")
    act_chance: Number = Field(
        default=0.5,
        description="Chance Moscow carries out a signalled threat; may use `crossed_now`.",
    )
    ladder: list[Rung] = Field(min_length=1, description="Rungs from the lowest `at` upward.")


class Ending(Model):
    """How the game ends: checked at every turn's end, or (final) after the last turn."""

    id: str = Field(
        pattern=ID_PATTERN, max_length=MAX_ID, description="Stable id, used in tests and reports."
    )
    title: str = Field(description="Shown to players.")
    text: str = Field(description="What the ending means, for players.")
    epilogue: str = Field(
        default="",
        description="Shown to players after the ending: what became of it all, a few sentences. The "
        "game adds what it knows of this game (the force, Moscow's ladder, who stayed and who left).",
    )
    kind: Literal["outcome", "failure"] = Field(default="outcome", description="How the ending is presented.")
    when: str | None = Field(default=None, description="Condition; none means always.")
    priority: int = Field(default=0, description="Higher priority endings are checked first.")
    final: bool = Field(
        default=False,
        description="Classified only after the last turn; otherwise checked at every turn end.",
    )
    bonus: float = Field(default=0, description="Added to the score when this ending is reached.")
    success: bool = Field(
        default=False,
        description="One of the scenario's successful outcomes: `redline analyze` counts games that "
        "end here as successes. If no ending says so, every ending of kind `outcome` counts.",
    )

    @model_validator(mode="after")
    def _success_is_an_outcome(self) -> Ending:
        if self.success and self.kind == "failure":
            # A custom error, so the message reads without pydantic's "Value error," prefix.
            raise PydanticCustomError(
                "success_failure", "an ending of kind failure cannot be marked success: true"
            )
        return self


class Role(Model):
    """A seat at the table in a facilitated session; cards name the role that decides them."""

    id: str = Field(pattern=ID_PATTERN, max_length=MAX_ID, description="Name used in cards' `role`.")
    name: str = Field(description="Shown to players.")
    description: str = Field(default="", description="Who this is, in a sentence.")
    red_cell: bool = Field(default=False, description="This role plays Moscow.")


class Expectation(Model):
    """What a scenario test expects when its game is over."""

    ending: str | None = Field(default=None, description="The ending id reached.")
    meters: dict[str, list[float]] = Field(
        default_factory=dict, description="Meter id: [low, high], the final value inclusive."
    )
    crossed: list[str] = Field(default_factory=list, description="Red lines crossed.")
    not_crossed: list[str] = Field(default_factory=list, description="Red lines not crossed.")
    allies_in: list[str] = Field(default_factory=list, description="Allies still in the coalition.")
    allies_out: list[str] = Field(default_factory=list, description="Allies that left.")
    turn: int | None = Field(default=None, description="The turn the game ended on.")


class ScenarioTest(Model):
    """A game played by script and checked: `redline test` and pytest run these."""

    name: str = Field(description="Shown in test output, e.g. `tutorial::<name>`.")
    seed: int = Field(default=1, ge=0, description="The game's seed.")
    choices: list[str] = Field(
        default_factory=list,
        description="card_id.option_id: what to play when that card comes up. A card listed "
        "several times (repeatable cards) uses its choices in order, the last one repeating.",
    )
    policy: TestPolicy | None = Field(
        default=None,
        description="How to decide cards not in `choices`: first (the first available option, "
        "the default), random, greedy, cautious, hawk or dove.",
    )
    expect: Expectation = Field(default=Expectation(), description="What must hold at the end.")


Share = Annotated[float, Field(ge=0, le=1)]  # a share of games, 0 to 1


class BalanceGate(Model):
    """A balance check over many automatic games, run by `redline simulate --assert`."""

    name: str = Field(description="Shown when the gate fails.")
    ending_max: float | None = Field(default=None, ge=0, le=1, description="No ending above this share.")
    ending_min: dict[str, Share] = Field(
        default_factory=dict, description="Ending id: the least share of games it must reach."
    )
    all_endings: bool = Field(default=False, description="Every ending must be reached at least once.")
    full_coverage: bool = Field(default=False, description="Every card reached and every option picked.")
    runs: int = Field(default=2000, ge=1, description="How many games.")
    policy: Policy = Field(default="random", description="Which automatic player.")


class ScenarioInfo(Model):
    """`scenario.yaml`: the frame of the game."""

    id: str = Field(
        pattern=SCENARIO_ID_PATTERN, max_length=MAX_ID, description="The scenario's id: `redline play <id>`."
    )
    title: str = Field(description="Shown on the title screen.")
    summary: str = Field(description="One or two sentences for the scenario list.")
    briefing: str = Field(default="", description="Read to players before the first turn.")
    start_date: str = Field(default="", description="In-game date of turn 1, e.g. 2025-09-05.")
    turn_label: str = Field(default="Turn", description="What a turn is called (e.g. Month).")
    turns: int = Field(ge=1, le=200, description="How many turns the game lasts.")
    cards_per_turn: int = Field(default=2, ge=1, le=10, description="Decision cards drawn each turn.")
    events_per_turn: int = Field(default=2, ge=0, le=10, description="Most random events a turn.")
    score: str = Field(description="Expression rating the result.")
    roles: list[Role] = Field(default_factory=list, description="Seats for a facilitated session.")
    sources: list[Source] = Field(default_factory=list, description="The articles the scenario stands on.")
    articles: dict[str, Article] = Field(
        default_factory=dict,
        description="Each source file's article, keyed by file name: how players see the source.",
    )
    balance: list[BalanceGate] = Field(default_factory=list, description="Checked by `simulate --assert`.")
    tests: list[ScenarioTest] = Field(default_factory=list, description="Run by `redline test`.")


Outcome.model_rebuild()


class ContentFile(Model):
    """One YAML file of a scenario folder. Sections from every file are merged by id."""

    pack: str | None = Field(
        default=None,
        pattern=SCENARIO_ID_PATTERN,
        max_length=MAX_ID,
        description="This folder is a pack for the scenario with this id: its items add to it "
        "or replace the ones with the same id.",
    )
    scenario: ScenarioInfo | None = Field(default=None, description="The frame of the game (one file).")
    meters: list[Meter] = Field(default_factory=list, description="0-100 gauges.")
    flags: list[Flag] = Field(default_factory=list, description="Yes/no facts.")
    allies: list[Ally] = Field(default_factory=list, description="The contributing nations.")
    kremlin: Kremlin | None = Field(default=None, description="Moscow's ladder (one file).")
    red_lines: list[RedLine] = Field(default_factory=list, description="The Kremlin's red lines.")
    cards: list[Card] = Field(default_factory=list, description="Decision cards.")
    events: list[Event] = Field(default_factory=list, description="Event cards (injects).")
    endings: list[Ending] = Field(default_factory=list, description="How the game can end.")
