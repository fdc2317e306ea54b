"""The shape of a session plan: what a facilitator decides before the room sits down.

A plan names the scenario and seed, who sits at which seat (and with what objectives), whether
the players see Moscow's red lines, how long each move may take, and the master scenario events
list (MSEL): the injects, when they come, from whom, to whom, and what the facilitator expects.
Checked once at load like content; the session and the host start from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from redline.content.models import ID_PATTERN, MAX_ID

# The room as a whole: an inject that goes to every seat.
EVERYONE = "all"


def find_role(text: str, roles: Mapping[str, Any]) -> str | None:
    """The role id a seat is named by, wherever a person types one (`brief --seat`, a MSEL's
    `to` column): its id or its name ("Kyiv", "Coalition lead (Paris)"), case and spacing
    ignored. None when no role is named so."""
    key = " ".join(str(text).split()).casefold()
    if not key:
        return None
    for rid, role in roles.items():
        if key in (rid.casefold(), " ".join(role.name.split()).casefold()):
            return rid
    return None


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Seat(_Model):
    """One role of the scenario, the team that plays it, and what that team is after."""

    role: str = Field(
        pattern=ID_PATTERN, max_length=MAX_ID, description="A role id of the scenario (its `roles:`)."
    )
    team: str = Field(min_length=1, max_length=60, description="The team or player at this seat.")
    red_cell: bool = Field(default=False, description="A human red cell plays this (Moscow) seat.")
    objectives: list[str] = Field(
        default_factory=list, max_length=12, description="What this team tries to achieve, one line each."
    )


class Moves(_Model):
    """The time box: how many months a move spans and how long the room has for it."""

    months: int = Field(default=1, ge=1, le=12, description="Months of play in one move.")
    minutes: float = Field(default=0, ge=0, le=600, description="Minutes per move; 0 for no timer.")
    when_time_is_up: Literal["warn", "move_on"] = Field(
        default="warn",
        description="warn: the clock turns red; move_on: the facilitator is asked to close the move.",
    )


class Change(_Model):
    """A meter, flag or ally change a free-text inject makes."""

    target: str = Field(description="A meter id, a flag id, or ally.<id>.")
    value: float | bool = Field(description="A meter or support change (+/-), or true/false for a flag.")


class PlannedInject(_Model):
    """One row of the MSEL: an event of the scenario, or a free-text inject."""

    number: int = Field(ge=1, le=999, description="The MSEL number, unique in the plan.")
    turn: int = Field(ge=1, description="The month (turn) it is delivered in.")
    event: str | None = Field(
        default=None, pattern=ID_PATTERN, max_length=MAX_ID, description="An event id of the scenario."
    )
    text: str | None = Field(default=None, max_length=2000, description="A free-text inject.")
    sender: str = Field(default="", alias="from", max_length=80, description="Who it comes from.")
    to: str = Field(default=EVERYONE, description="A role id, or 'all' for the whole room.")
    expected_action: str = Field(default="", max_length=500, description="What the facilitator expects.")
    notes: str = Field(
        default="", max_length=1000, description="The facilitator's notes (never shown to seats)."
    )
    changes: list[Change] = Field(default_factory=list, max_length=12, description="Free-text inject only.")
    reason: str = Field(default="", max_length=500, description="Why the changes (free-text inject).")

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, populate_by_name=True)

    @model_validator(mode="after")
    def _one_kind(self) -> PlannedInject:
        if (self.event is None) == (self.text is None):
            raise ValueError("an inject names an `event` or has a free `text`, not both nor neither")
        if self.event is not None and self.changes:
            raise ValueError("`changes` belong to a free-text inject; an event has its own effects")
        if self.changes and not self.reason:
            raise ValueError("a free-text inject that changes the game needs a `reason`")
        return self


class Plan(_Model):
    """A session plan (`plan:` at the top of a YAML file)."""

    title: str = Field(default="", max_length=120, description="The exercise's name.")
    scenario: str = Field(min_length=1, description="The scenario id (see `redline scenarios`).")
    seed: int | None = Field(default=None, ge=0, le=2**63 - 1, description="Empty for a random seed.")
    format: Literal["full", "ninety_minutes"] = Field(
        default="full",
        description="full: one move a month; ninety_minutes: four moves of three months (main scenario).",
    )
    hide_red_lines: bool = Field(default=False, description="Keep Moscow's red lines from the players.")
    show_odds: bool = Field(default=True, description="Show the odds of chance outcomes to players.")
    moves: Moves | None = Field(default=None, description="The time box; `format` sets a default.")
    seats: list[Seat] = Field(default_factory=list, max_length=20, description="Who plays which role.")
    injects: list[PlannedInject] = Field(default_factory=list, max_length=500, description="The MSEL.")

    def time_box(self) -> Moves:
        """The moves as planned: explicit `moves`, or the format's default."""
        if self.moves is not None:
            return self.moves
        if self.format == "ninety_minutes":
            return Moves(months=3, minutes=18, when_time_is_up="move_on")
        return Moves()


class PlanFile(_Model):
    """A plan file holds one `plan:` section."""

    plan: Plan
