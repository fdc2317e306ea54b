"""The printable deck: every card of a scenario as a print-ready HTML page of card faces.

Decision cards with their options (tags, odds, locks, delayed consequences), event cards,
red lines, Moscow's ladder, the allies and the endings, each citing its sources. Odds that
depend on the state of play are shown as their formula and their value at the start.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from redline.content import models as m
from redline.content.compiled import CLater, COption, Scenario
from redline.engine import new_game
from redline.engine.endings import in_order
from redline.engine.state import State
from redline.report.words import (
    article,
    condition,
    contribution,
    counted,
    date_words,
    effects,
    num,
    percent,
    signed,
    source,
    topic_words,
)

if TYPE_CHECKING:
    from redline.exercise.model import Plan

TOPIC_COLORS = {
    "mandate": "#1f5fa8",
    "consent": "#117a65",
    "roe": "#b03a2e",
    "air_defense": "#7d3c98",
    "exit": "#b9770e",
}
KIND_COLORS = {
    "scenario": "#1b1f24",
    "event": "#9a6400",
    "red_line": "#8e1b10",
    "rung": "#5e2a22",
    "ally": "#2e4053",
    "ending": "#1e8449",
    "failure": "#78281f",
}
SPARE = ("#21618c", "#0e6655", "#943126", "#6c3483", "#9c640c", "#424949")


@dataclass
class OutcomeFace:
    odds: str
    label: str
    text: str = ""
    partial: bool = False
    formula: str | None = None
    later: list[str] = field(default_factory=list)
    effects: list[str] = field(default_factory=list)


@dataclass
class OptionFace:
    letter: str
    id: str
    label: str
    text: str
    tags: list[str]
    locked: str | None = None
    outcomes: list[OutcomeFace] = field(default_factory=list)
    otherwise: str | None = None
    later: list[str] = field(default_factory=list)
    effects: list[str] = field(default_factory=list)


@dataclass
class Face:
    """One printed card."""

    kind: str
    band: str
    color: str
    id: str
    title: str
    text: str = ""
    subtitle: str | None = None
    quote: str | None = None  # as shown, quotation marks included (RedLine.shown_quote)
    facts: list[tuple[str, str]] = field(default_factory=list)
    options: list[OptionFace] = field(default_factory=list)
    items: list[tuple[str, str]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    density: str = ""
    number: int = 0
    span: int = 1  # 2: a long card that takes a whole column of the sheet
    col: int = 1
    row: int = 1

    def lines(self) -> float:
        """How many lines of body text the card needs at the normal type size (an estimate)."""
        n = 4.0 + _rows(self.title, scale=1.32) + _rows(self.subtitle, scale=0.92)
        n += _rows(self.quote, CHARS - 3, 1.12) + _rows(self.text)
        n += sum(_rows(f"{k}: {v}") + 0.15 for k, v in self.facts)
        for o in self.options:
            n += 0.9 + _rows(o.letter + " " + o.label, CHARS - 4) + _rows(o.text, CHARS - 4)
            n += _rows(" ".join(f"[{t}]" for t in o.tags), CHARS - 8) + _rows(o.locked, CHARS - 4)
            n += _rows("; ".join(o.effects), CHARS - 4, 1.0)
            n += sum(_rows(x, CHARS - 4, 0.92) for x in o.later)
            for c in o.outcomes:
                n += _rows(f"{c.odds}  {c.label} — {c.text}", CHARS - 10) + _rows(c.formula, CHARS - 4, 0.92)
                n += _rows("; ".join(c.effects), CHARS - 4, 1.0)
                n += sum(_rows(x, CHARS - 4, 0.92) for x in c.later)
            n += 1 if o.otherwise else 0
        n += sum(_rows(f"{k} — {v}", CHARS - 3) + 0.15 for k, v in self.items)
        n += sum(_rows(x, CHARS, 0.78) for x in self.sources)
        return n


CHARS = 52  # characters in a line of body text on a card at the normal type size


def _rows(text: str | None, width: int = CHARS, scale: float = 1.0) -> float:
    """Lines that `text` fills at `scale` times the normal type size, in normal lines."""
    if not text:
        return 0.0
    per = max(int(width / scale), 10)
    return -(-len(text) // per) * scale


def topic_color(topic: str) -> str:
    return TOPIC_COLORS.get(topic) or SPARE[zlib.crc32(topic.encode()) % len(SPARE)]


def _sources(items: list[m.Source], sc: Scenario) -> list[str]:
    return [f"Source: {source(s, sc)}" for s in items]


def _later(items: tuple[CLater, ...], sc: Scenario, show_effects: bool, hide: bool = False) -> list[str]:
    out = []
    label = sc.info.turn_label.lower()
    for lt in items:
        after = lt.model.after
        when = f" (only if {condition(lt.model.when, sc, hide)})" if lt.model.when else ""
        fx = (
            f" [{'; '.join(effects(lt.model.effects, sc, hide))}]"
            if show_effects and lt.model.effects
            else ""
        )
        out.append(f"After {after} {label}{'s' if after != 1 else ''}: {lt.model.text}{when}{fx}")
    return out


def _option(
    letter: str,
    option: COption,
    start: State,
    sc: Scenario,
    show_effects: bool,
    hide: bool = False,
    hide_odds: bool = False,
) -> OptionFace:
    o = option.model
    face = OptionFace(letter, o.id, o.label, o.text, list(o.tags))
    if o.when:
        face.locked = f"Locked unless {condition(o.when, sc, hide)}" + (
            f" — {o.locked_text}" if o.locked_text else ""
        )
    if option.outcomes:
        odds = dict(start.outcome_odds(option))
        for oc in option.outcomes:
            p = odds.get(oc.model.id, 0.0)
            varies = not oc.chance.is_constant
            if hide_odds:  # the outcomes, as the players' screen names them, without their chances
                face.outcomes.append(
                    OutcomeFace(
                        "?", oc.model.label or oc.model.id, oc.model.text, oc.model.partial, None, [], []
                    )
                )
                continue
            face.outcomes.append(
                OutcomeFace(
                    percent(p) + ("*" if varies else ""),
                    oc.model.label or oc.model.id,
                    oc.model.text,
                    oc.model.partial,
                    f"*{condition(oc.chance.text, sc, hide)}; {percent(p)} at the start" if varies else None,
                    _later(oc.later, sc, show_effects, hide),
                    effects(oc.model.effects, sc, hide) if show_effects else [],
                )
            )
        rest = 1.0 - sum(odds.values())
        if rest > 0.005 and not hide_odds:
            face.otherwise = percent(rest)
    face.later = _later(option.later, sc, show_effects, hide)
    face.effects = effects(o.effects, sc, hide) if show_effects else []
    return face


# Who plays Moscow when no plan says: the room decides at the table.
MOSCOW_PLAYERS = (
    "a red cell (a team of the room) if the facilitator seats one; otherwise the game, with its seeded dice"
)
RED_CELL = "red cell"


@dataclass(frozen=True)
class Seating:
    """What a session's plan tells the deck: who plays Moscow, in words; whether a human red
    cell decides Moscow's moves; and whether the red lines are kept from the players (then the
    deck neither prints them nor names them in a condition)."""

    moscow: str
    red_cell: bool = False
    hide_red_lines: bool = False
    hide_odds: bool = False  # the plan's show_odds: false; the players' cards then give no chances


def says_red_cell(text: str) -> bool:
    return RED_CELL in text.casefold()


def seating_of(plan: Plan) -> Seating:
    """The deck's seating for a checked session plan."""
    team = next((s.team for s in plan.seats if s.red_cell), None)
    if team is None:
        moscow = "the game, with its seeded dice (no red cell in this plan)"
    else:  # said once: a team called "Red cell" is not "Red cell, the red cell"
        moscow = team if says_red_cell(team) else f"{team}, the red cell"
    return Seating(moscow, team is not None, bool(plan.hide_red_lines), plan.show_odds is False)


def _role_line(role: Any) -> str:
    """A role's description, saying once that a red cell plays it (its name may say so)."""
    said = f"{role.name} {role.description}"
    return role.description + (" (red cell)" if role.red_cell and not says_red_cell(said) else "")


def _moscow(sc: Scenario, act_text: str, seating: Seating | None) -> str:
    """What Moscow does each turn: a human red cell decides; otherwise the game's dice do."""
    label = sc.info.turn_label.lower()
    signals = f"signals up to {counted(sc.kremlin.signals, 'threat')} each {label} before you decide, "
    if seating is not None and seating.red_cell:
        return signals + "then the red cell decides whether to carry one out, and which."
    return signals + f"then carries one out with chance {act_text}."


def faces(sc: Scenario, show_effects: bool = False, seating: Seating | None = None) -> list[Face]:
    # Red lines the plan keeps from the players: no card, and a condition says "a hidden
    # condition". The facilitator's copy (every effect shown) keeps them, as the white cell's brief does.
    hide = seating is not None and seating.hide_red_lines and not show_effects
    hide_odds = seating is not None and seating.hide_odds and not show_effects  # as the players' screen
    start, _ = new_game(sc, 0, quiet=True)
    label = sc.info.turn_label
    out: list[Face] = []
    info = sc.info

    out.append(
        Face(
            "scenario",
            "Scenario",
            KIND_COLORS["scenario"],
            info.id,
            info.title,
            info.summary,
            subtitle=f"{counted(info.turns, label.lower())} · {counted(info.cards_per_turn, 'card')}"
            + f" a {label.lower()}"
            + (f" · from {date_words(info.start_date)}" if info.start_date else ""),
            facts=[("Briefing", info.briefing)] if info.briefing else [],
            items=[(r.name, _role_line(r)) for r in info.roles],
            sources=_sources(info.sources, sc),
        )
    )
    act = sc.act_chance
    act_text = percent(act.constant) if act.is_constant else condition(act.text, sc, hide)
    rules = [
        (
            mt.label,
            ("high is good" if mt.good == "high" else "low is good")
            + f"; starts at {num(mt.start)}"
            + (f"; warning at {num(mt.warn)}" if mt.warn is not None else ""),
        )
        for mt in sc.meters.values()
    ]
    if sc.allies:
        rules.append(
            ("Allied cohesion", "high is good; the contribution-weighted support of the allies still in")
        )
    out.append(
        Face(
            "scenario",
            "How the game is scored",
            KIND_COLORS["scenario"],
            f"{info.id}.rules",
            "Meters and score",
            f"Score = {condition(info.score, sc, hide)}, plus the ending's bonus.",
            facts=[
                ("Moscow", _moscow(sc, act_text, seating)),
                ("Who plays Moscow", seating.moscow if seating else MOSCOW_PLAYERS),
                (
                    "The ladder",
                    f"rung 1 (lowest) to rung {len(sc.rungs)}, counted from 1 as the game shows it",
                ),
            ],
            items=rules,
        )
    )
    if sc.flags:
        out.append(
            Face(
                "scenario",
                "Flags",
                KIND_COLORS["scenario"],
                f"{info.id}.flags",
                "What is true, and what is not yet",
                "Flags are set by decisions and events, and open or lock cards and options.",
                items=[
                    (
                        f.label or f.id,
                        ("yes" if f.start else "no")
                        + " at the start"
                        + (f"; {f.description}" if f.description else ""),
                    )
                    for f in sc.flags.values()
                ],
            )
        )

    for card in sc.cards:
        c = card.model
        facts = []
        if c.when:
            facts.append(("Appears when", condition(c.when, sc, hide)))
        if c.repeatable:
            facts.append(("Repeatable", "may be drawn again"))
        role = sc.roles.get(c.role or "")
        out.append(
            Face(
                "decision",
                f"Decision · {topic_words(c.topic)}",
                topic_color(c.topic),
                c.id,
                c.title,
                c.text,
                subtitle=f"Role: {role.name if role else c.role}" if c.role else None,
                facts=facts,
                options=[
                    _option("ABCD"[i], o, start, sc, show_effects, hide, hide_odds)
                    for i, o in enumerate(card.options)
                ],
                sources=_sources(c.sources, sc),
            )
        )

    for ev in sc.events:
        e = ev.model
        when = condition(e.when, sc, hide) if e.when else ""
        if e.turn is not None:
            trigger = f"in {label.lower()} {e.turn}" + (f", if {when}" if when else "")
        elif not ev.chance.is_constant:
            trigger = f"each {label.lower()} with chance {condition(ev.chance.text, sc, hide)}" + (
                f", when {when}" if when else ""
            )
        elif ev.chance.constant:
            trigger = f"{percent(ev.chance.constant)} chance each {label.lower()}" + (
                f" when {when}" if when else ""
            )
        else:
            trigger = "only when the facilitator injects it"
        if e.repeatable:
            trigger += "; may fire again"
        if e.turn is not None or not (ev.chance.is_constant and not ev.chance.constant):
            trigger += "; the facilitator may also inject it"
        facts = [("Fires", trigger)]
        if show_effects and e.effects:
            facts.append(("Effects", "; ".join(effects(e.effects, sc, hide))))
        facts += [("Later", x) for x in _later(ev.later, sc, show_effects, hide)]
        out.append(
            Face(
                "event",
                "Event",
                KIND_COLORS["event"],
                e.id,
                e.title,
                e.text,
                facts=facts,
                sources=_sources(e.sources, sc),
            )
        )

    for rl in [] if hide else sc.red_lines:  # kept from the players: no card names them
        r = rl.model
        facts = [("Crossed when", condition(r.crossed, sc, hide))]
        if r.bump:
            facts.append(
                ("Crossing it", f"moves Moscow {r.bump} rung{'s' if r.bump != 1 else ''} up the ladder")
            )
        if show_effects and r.effects:
            facts.append(("Effects", "; ".join(effects(r.effects, sc, hide))))
        if r.floor:
            facts.append(("Afterwards", f"Moscow never steps below “{sc.rungs[r.floor].model.label}”"))
        if show_effects and r.lasting:
            facts.append(("Every month after", "; ".join(effects(r.lasting, sc, hide))))
        if r.proximity:
            facts.append(("Nearness (0-100)", condition(r.proximity, sc, hide)))
        out.append(
            Face(
                "red_line",
                "Moscow's red line",
                KIND_COLORS["red_line"],
                r.id,
                r.label,
                r.text,
                quote=r.shown_quote(),
                facts=facts,
                sources=_sources(r.sources, sc),
            )
        )

    meter = sc.meters[sc.escalation].label
    for i, rung in enumerate(sc.rungs):
        items = []
        for resp in rung.responses:
            x = resp.model
            extra = f" Only when {condition(x.when, sc, hide)}." if x.when else ""
            fx = f" [{'; '.join(effects(x.effects, sc, hide))}]" if show_effects and x.effects else ""
            items.append((x.label, f"Signal: {x.signal} If carried out: {x.text}{extra}{fx}"))
        out.append(
            Face(
                "rung",
                f"Moscow's ladder · rung {i + 1}",
                KIND_COLORS["rung"],
                rung.model.id,
                rung.model.label,
                f"From {meter} {num(rung.model.at)} upward, or when crossed red lines push Moscow up.",
                subtitle=f"Rung {i + 1} of {len(sc.rungs)} (1 is the lowest)",
                items=items,
            )
        )

    for ally in sc.allies.values():
        facts = [
            ("Contributes", contribution(ally)),
            ("Support", f"starts at {num(ally.support)}; leaves the coalition below {num(ally.threshold)}"),
        ]
        items = [
            (
                r.tag.replace("_", " "),
                f"{signed(r.delta)}"
                + (f" — {r.why}" if r.why else "")
                + (f" (when {condition(r.when, sc, hide)})" if r.when else ""),
            )
            for r in ally.reactions
        ]
        out.append(
            Face(
                "ally",
                "Ally",
                KIND_COLORS["ally"],
                ally.id,
                ally.name,
                ally.position,
                facts=facts,
                items=items,
                sources=_sources(ally.sources, sc),
            )
        )

    for rank, ending in enumerate(in_order(sc.endings), 1):
        e = ending.model
        when = f"when {condition(e.when, sc, hide)}" if e.when else "when no other ending applies"
        timing = (
            f"Classified after the last {label.lower()}"
            if e.final
            else f"Checked at the end of every {label.lower()}"
        )
        facts = [("Reached", when), ("When", f"{timing}; checked {rank} of {len(sc.endings)} in order")]
        if e.bonus:
            facts.append(("Score", f"{signed(e.bonus)} for this ending"))
        out.append(
            Face(
                "ending",
                "Ending · " + ("failure" if e.kind == "failure" else "outcome"),
                KIND_COLORS["failure" if e.kind == "failure" else "ending"],
                e.id,
                e.title,
                e.text,
                facts=facts,
            )
        )

    files = "; ".join(article(f, sc) for f in dict.fromkeys(s.file for s in info.sources))
    out = [part for face in out for part in _split(face)]
    for n, face in enumerate(out, 1):
        face.number = n
        if not face.sources and files:  # cite what the scenario as a whole stands on
            face.sources = [f"Scenario sources: {files}"]
        face.span, face.density = fit(face.lines())
    return out


# Estimated lines a card holds at each type size, measured in Chromium with 10-15% to spare:
# a card is ~27 estimated lines at the normal size; a double card (a whole column) twice that.
FITS = ((1, "", 24), (1, "dense", 28), (1, "denser", 33), (2, "", 50), (2, "dense", 60), (2, "denser", 70))


def _split(face: Face) -> list[Face]:
    """A card whose list is too long for a double card continues on more cards."""
    if face.lines() <= FITS[-1][2] or len(face.items) < 2:
        return [face]
    parts = [replace(face, items=[])]
    for item in face.items:
        part = parts[-1]
        part.items.append(item)
        if part.lines() > FITS[2][2] and len(part.items) > 1:  # keep each part a single card
            part.items.pop()
            parts.append(
                replace(
                    face,
                    id=f"{face.id}.{len(parts) + 1}",
                    title=f"{face.title} (continued)",
                    text="",
                    subtitle=None,
                    quote=None,
                    facts=[],
                    options=[],
                    items=[item],
                    sources=[],
                )
            )
    return parts


def fit(lines: float) -> tuple[int, str]:
    """The smallest card (then the largest type) that holds `lines`."""
    for span, density, most in FITS:
        if lines <= most:
            return span, density
    return 2, "denser"


def too_long(card: Face) -> bool:
    return card.lines() > FITS[-1][2] * 1.15  # the margin in FITS is for comfort; this is for real


def sheets(cards: list[Face]) -> list[list[Face]]:
    """Lay the cards out two columns by two rows a sheet, in order; a long card takes a column."""
    out: list[list[Face]] = []
    free: set[tuple[int, int]] = set()
    for card in cards:
        spot = None
        if card.span == 1:
            spot = next(((c, r) for r in (1, 2) for c in (1, 2) if (c, r) in free), None)
        else:
            spot = next(((c, 1) for c in (1, 2) if (c, 1) in free and (c, 2) in free), None)
        if spot is None:
            out.append([])
            free = {(1, 1), (2, 1), (1, 2), (2, 2)}
            spot = (1, 1)
        card.col, card.row = spot
        free -= {(card.col, card.row + i) for i in range(card.span)}
        out[-1].append(card)
    return out


def render_deck(sc: Scenario, effects: bool = False, seating: Seating | None = None) -> str:
    from redline.report.render import environment

    cards = faces(sc, show_effects=effects, seating=seating)
    return (
        environment()
        .get_template("deck.html.j2")
        .render(sc=sc, sheets=sheets(cards), effects=effects, count=len(cards))
    )
