"""`redline brief`: what one seat may know before play, as a printable page.

A team's brief holds the situation, its role and objectives, the cards it decides, the
coalition and Moscow's ladder. Moscow's red lines are in it only when the plan shows them to
the players (the red cell and the facilitator always get them). The facilitator's brief adds
the MSEL; no other brief ever names a scheduled inject.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from redline.content.compiled import Scenario
from redline.exercise.model import EVERYONE, Plan, find_role
from redline.report.words import contribution, role_name

FACILITATOR = "facilitator"


class BriefError(Exception):
    """A seat the plan does not have; the message lists those it has."""


@dataclass(frozen=True)
class CardBrief:
    title: str
    text: str
    options: list[tuple[str, str]]


@dataclass(frozen=True)
class RedLineBrief:
    label: str
    quote: str  # as shown: in quotation marks only when a speaker's own words (RedLine.shown_quote)
    text: str


@dataclass(frozen=True)
class InjectBrief:
    number: int
    turn: int
    inject: str
    sender: str
    to: str
    expected_action: str
    notes: str


@dataclass(frozen=True)
class Brief:
    exercise: str
    scenario: str
    seat: str
    team: str
    description: str
    situation: list[str]
    objectives: list[str]
    cards: list[CardBrief]
    allies: list[tuple[str, str]]
    ladder: list[str]
    red_lines: list[RedLineBrief] | None  # None: kept from this seat
    responses: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    msel: list[InjectBrief] = field(default_factory=list)
    turn_label: str = "Month"
    time_box: str = ""


def seats_of(plan: Plan, scenario: Scenario) -> list[str]:
    return [*scenario.roles, FACILITATOR]


def seat_of(text: str, scenario: Scenario) -> str | None:
    """The seat `text` names: a role by its id or its name, or the facilitator (the white
    cell), case ignored; None when it names none."""
    if " ".join(text.split()).casefold() in (FACILITATOR, "white cell"):
        return FACILITATOR
    return find_role(text, scenario.roles)


def build_brief(plan: Plan, scenario: Scenario, seat: str) -> Brief:
    found = seat_of(seat, scenario)
    if found is None:
        names = [
            r.name if r.name.casefold() == rid else f"{r.name} or {rid}" for rid, r in scenario.roles.items()
        ]
        raise BriefError(
            f"--seat {seat}: no such seat (seats: {'; '.join([*names, FACILITATOR])}; by id or name)"
        )
    seat = found
    info = scenario.info
    planned = {s.role: s for s in plan.seats}
    facilitator = seat == FACILITATOR
    role = scenario.roles.get(seat)
    red_cell = bool(role and role.red_cell)
    cards = [] if red_cell else [c for c in scenario.cards if facilitator or c.model.role == seat]
    sees_red_lines = facilitator or red_cell or not plan.hide_red_lines
    box = plan.time_box()
    label = info.turn_label.lower()
    time_box = f"Each move covers {box.months} {label}{'s' if box.months > 1 else ''}" + (
        f" and has {box.minutes:g} minutes." if box.minutes else ", with no timer."
    )
    return Brief(
        exercise=plan.title or info.title,
        scenario=info.title,
        seat="The facilitator (white cell)" if facilitator else role_name(seat, scenario) or seat,
        team="" if facilitator else (planned[seat].team if seat in planned else "played by the facilitator"),
        description="Runs the exercise: injects, rulings, the clock and the debrief."
        if facilitator
        else (role.description if role else ""),
        situation=[p for p in (info.summary, info.briefing) if p],
        objectives=[] if facilitator else list(planned[seat].objectives) if seat in planned else [],
        cards=[
            CardBrief(c.model.title, c.model.text, [(o.model.label, o.model.text or "") for o in c.options])
            for c in cards
        ],
        allies=[(a.name, contribution(a)) for a in scenario.allies.values()],
        ladder=[r.model.label for r in scenario.rungs],
        red_lines=[
            RedLineBrief(
                rl.model.label, rl.model.shown_quote() if rl.model.quote else "", rl.model.text or ""
            )
            for rl in scenario.red_lines
        ]
        if sees_red_lines
        else None,
        responses=[
            (r.model.label, [(x.model.label, x.model.signal) for x in r.responses]) for r in scenario.rungs
        ]
        if red_cell or facilitator
        else [],
        msel=[
            InjectBrief(
                i.number,
                i.turn,
                scenario.event_by_id[i.event].model.title if i.event else i.text or "",
                i.sender,
                "the whole room" if i.to == EVERYONE else role_name(i.to, scenario) or i.to,
                i.expected_action,
                i.notes,
            )
            for i in sorted(plan.injects, key=lambda i: (i.turn, i.number))
        ]
        if facilitator
        else [],
        turn_label=info.turn_label,
        time_box=time_box,
    )


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("redline.exercise", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_brief(brief: Brief) -> str:
    return _environment().get_template("brief.html.j2").render(b=brief)
