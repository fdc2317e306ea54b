"""The turn report: every change of a turn and why, grouped, built from the engine's events.

No Textual here, so the grouping can be tested on its own and reused by other faces (the
TUI's report screen, the host's views). A shared screen asks for the public report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

# The engine's event types are imported where a report is built, not here: the TUI imports
# this module before any game has started, and the engine loads only with a game.
if TYPE_CHECKING:
    from redline.content import Scenario
    from redline.engine import Event
    from redline.engine.events import Ref

MINUS = "\u2212"
UP, DOWN = "▲", "▼"

DECISIONS = "Decisions"
MOSCOW = "Moscow"
EVENTS = "Events"
ALLIES = "Allies"
METERS = "Meters"
ORDER = (DECISIONS, MOSCOW, EVENTS, ALLIES, METERS)


@dataclass(frozen=True)
class Line:
    text: str
    why: str | None = None
    arrow: str = ""  # ▲ or ▼ for a change, "" for a headline
    good: bool | None = None  # is this change good for the coalition?
    indent: int = 0
    kind: str = ""


@dataclass
class Section:
    title: str
    lines: list[Line] = field(default_factory=list)


def signed(delta: float) -> str:
    """+8 or −8 with a true minus sign; whole numbers without a decimal point."""
    text = f"{abs(delta):g}"
    return f"+{text}" if delta >= 0 else f"{MINUS}{text}"


def arrow(delta: float) -> str:
    return UP if delta > 0 else DOWN if delta < 0 else "="


def is_good(scenario: Scenario, target: str | None, delta: float) -> bool | None:
    """Whether a change of `target` by `delta` helps the coalition."""
    from redline.engine.events import ally_of

    if target is None or not delta:
        return None
    if ally_of(target) is not None or target == "cohesion":
        return delta > 0
    meter = scenario.meters.get(target)
    if meter is None:
        return None
    return (delta > 0) == (meter.good == "high")


def target_label(scenario: Scenario, target: str) -> str:
    from redline.engine.events import ally_of

    if target == "cohesion":
        return "Allied cohesion"
    aid = ally_of(target)
    if aid is not None:
        ally = scenario.allies.get(aid)
        return ally.name if ally else target
    meter = scenario.meters.get(target)
    if meter is not None:
        return meter.label
    flag = scenario.flags.get(target)
    return (flag.label or target) if flag is not None else target


def _section_of(event: Event) -> str | None:
    from redline.engine.events import EventKind, RefKind

    kind = event.kind
    origin = event.ref.kind if event.ref is not None else None
    if kind in (EventKind.TURN_START, EventKind.DRAW, EventKind.ENDING):
        return None
    if kind in (EventKind.REACTION, EventKind.WITHDRAWAL) or event.ally is not None:
        return ALLIES
    if kind == EventKind.SCHEDULED:  # a consequence belongs with what booked it
        return EVENTS if origin == RefKind.EVENT else DECISIONS
    if kind in (EventKind.DECISION, EventKind.OUTCOME, EventKind.NOTE):
        return DECISIONS
    if kind in (EventKind.SIGNAL, EventKind.RED_LINE, EventKind.RUNG, EventKind.KREMLIN):
        return MOSCOW
    if kind in (EventKind.EVENT, EventKind.LATER, EventKind.INJECT, EventKind.OVERRIDE):
        return EVENTS
    if kind == EventKind.CHANGE:
        if origin == RefKind.CARD:
            return DECISIONS
        if origin in (RefKind.RESPONSE, RefKind.RED_LINE):
            return MOSCOW
        if origin == RefKind.DRIFT:
            return METERS
        return EVENTS  # an event, a later consequence, an override, a facilitator's ruling
    return EVENTS


def _line(scenario: Scenario, event: Event) -> Line:
    delta = event.delta
    if event.kind in ("change", "reaction") and delta is not None and event.target:
        label = target_label(scenario, event.target)
        return Line(
            f"{label} {signed(delta)}",
            event.cause,
            arrow(delta),
            is_good(scenario, event.target, delta),
            indent=1,
            kind=event.kind,
        )
    if event.kind == "change" and isinstance(event.after, bool):
        return Line(event.text, event.cause, "•", None, indent=1, kind="flag")
    headline = {
        "decision": "Decided",
        "signal": "Signalled",
        "red_line": "",
        "outcome": "Outcome",
        "scheduled": "Later",
        "later": "Consequence",
    }
    # The event comes said in the players' words (report_for_turn): shown as it is.
    prefix = headline.get(event.kind, "")
    said = event.text
    text = f"{prefix}: {said}" if prefix else said
    if event.kind == "decision":
        text = decision_text(scenario, event)
    why = event.cause
    if event.kind == "outcome":
        why = "a partial result" if why == "partial" else None  # the outcome says what happened
    elif event.kind in ("decision", "signal"):
        why = None if event.kind == "decision" else event.cause
    indent = 1 if event.kind == "scheduled" else 0  # a consequence booked by what precedes it
    bad = False if event.kind in ("red_line", "withdrawal") else None
    return Line(text, why, "", bad, indent=indent, kind=event.kind)


def decision_text(scenario: Scenario, event: Event) -> str:
    """“Card title” → option label, read from the event's card and option ids."""
    option = _option_of(scenario, event.ref)
    card = scenario.card_by_id.get(option.card_id) if option else None
    if card is None or option is None:
        return f"Decided: {event.text}"
    return f"{card.model.title} → {option.model.label}"


def _option_of(scenario: Scenario, ref: Ref | None) -> Any:
    """The decided option a ref names, or None."""
    from redline.engine.events import RefKind

    if ref is None or ref.kind != RefKind.CARD:
        return None
    card = scenario.card_by_id.get(ref.id or "")
    return card.option_by_id.get(ref.option or "") if card else None


# Headlines that own what follows them (event kinds: a StrEnum, equal to these values).
OWNERS = frozenset(
    {"decision", "event", "red_line", "kremlin", "later", "override", "bulletin", "adjudication"}
)
# Where a facilitator's act comes from (RefKind values): its changes follow its own headline,
# which the room may not see (a free-text inject addressed to another team).
FACILITATOR_REFS = frozenset({"override", "bulletin", "adjudication"})


def _orphan(owner: tuple[str | None, Event] | None, event: Event) -> bool:
    """Whether `event`, a facilitator's change, has no headline of its own above it: it is
    then shown on its own line, never under the headline of something else."""
    ref = event.ref
    if ref is None or ref.kind not in FACILITATOR_REFS:
        return False
    return owner is None or not ref.within(owner[1].ref)


def _owner(scenario: Scenario, event: Event) -> str | None:
    """The cause that the changes following `event` carry, so that they need not repeat it.
    (A later consequence's own changes are known by their ref: see `_repeats`.)"""
    from redline.engine.events import EventKind

    if event.kind == EventKind.DECISION:
        option = _option_of(scenario, event.ref)
        return option.model.label if option else None
    if event.kind == "event" and event.target in scenario.event_by_id:
        return scenario.event_by_id[event.target].model.title
    if event.kind == "red_line":
        line = next((r for r in scenario.red_lines if r.id == event.target), None)
        return f"red line: {line.model.label}" if line else None
    if event.kind == "kremlin" and event.cause:
        return f"Moscow: {event.cause}"
    return None


def _repeats(owner: tuple[str | None, Event] | None, event: Event, why: str) -> bool:
    """Whether `why`, the cause of `event`, only repeats the headline that owns it."""
    from redline.engine.events import EventKind, RefKind

    if owner is None:
        return False
    text, head = owner
    if head.kind == EventKind.LATER:  # a consequence come due, and the changes it makes
        return (
            head.ref is not None
            and head.ref.kind == RefKind.LATER
            and event.ref is not None
            and event.ref.kind == RefKind.LATER
        )
    return bool(text) and (why == text or why.startswith(f"{text} — "))


def _ally_line(scenario: Scenario, target: str, changes: list[Event]) -> Line:
    """One ally's net change over the turn, with every reason given (and how often)."""
    total = round(sum(e.delta or 0.0 for e in changes), 2)
    reasons: dict[str, int] = {}
    for e in changes:
        if e.cause:
            reasons[e.cause] = reasons.get(e.cause, 0) + 1
    why = "; ".join(r if n == 1 else f"{r} (×{n})" for r, n in reasons.items()) or None
    label = target_label(scenario, target)
    first, last = changes[0].before, changes[-1].after
    span = (
        f" ({first:g} → {last:g})" if isinstance(first, float | int) and isinstance(last, float | int) else ""
    )
    return Line(
        f"{label} {signed(total)}{span}",
        why,
        arrow(total) if total else "=",
        is_good(scenario, target, total),
        indent=1,
        kind="ally",
    )


def build_report(
    scenario: Scenario,
    events: Iterable[Event],
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
) -> list[Section]:
    """Group a turn's events; `before`/`after` are the history snapshots around the turn."""
    sections = {title: Section(title) for title in ORDER}
    owners: dict[str, tuple[str | None, Event]] = {}
    allies: dict[str, list[Event]] = {}  # each ally's changes, summed into one line
    for event in events:
        where = _section_of(event)
        if where is None:
            continue
        if where == ALLIES and event.kind != "withdrawal" and event.delta is not None and event.target:
            allies.setdefault(event.target, []).append(event)
            continue
        line = _line(scenario, event)
        if event.kind in OWNERS:
            owners[where] = (_owner(scenario, event), event)
        elif line.indent and _orphan(owners.get(where), event):
            line = Line(line.text, line.why, line.arrow, line.good, 0, line.kind)
        elif line.indent and line.why and _repeats(owners.get(where), event, line.why):
            line = Line(line.text, None, line.arrow, line.good, line.indent, line.kind)
        sections[where].lines.append(line)
    sections[ALLIES].lines[:0] = [_ally_line(scenario, target, changes) for target, changes in allies.items()]
    if before is not None and after is not None:
        net = []
        for target in [*scenario.meters, "cohesion"]:
            b, a = before.get(target), after.get(target)
            if b is None or a is None:
                continue
            delta = round(a - b, 2)
            good = is_good(scenario, target, delta)
            verdict = "" if good is None else (" better" if good else " worse")
            text = f"{target_label(scenario, target)} {b:g} → {a:g}"
            why = f"{signed(delta)}{verdict}" if delta else "unchanged"
            net.append(Line(text, why, arrow(delta) if delta else "=", good, kind="net"))
        sections[METERS].lines[:0] = net
    return [s for s in sections.values() if s.lines]


def report_for_turn(game: Any, turn: int, *, public: bool = False, role: str | None = None) -> list[Section]:
    """The report of `turn` in `game` (an engine `Game`), once the turn has been played.

    `public`: for the room (a shared screen, a team's seat): no scheduled injects, no notes."""
    from redline.session.public import public_events

    history = game.state.history
    before = history[turn - 1] if len(history) > turn - 1 else None
    after = history[turn] if len(history) > turn else None
    events = game.turn_events(turn)
    from redline.report.words import said_events

    shown = said_events(public_events(events, role) if public else events, game.scenario)
    return build_report(game.scenario, shown, before, after)
