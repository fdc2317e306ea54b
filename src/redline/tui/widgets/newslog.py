"""The news and decision log: what was decided and what happened, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from redline.tui.turn_report import decision_text, signed, target_label
from redline.tui.widgets.panel import Panel, hanging

if TYPE_CHECKING:
    from redline.content import Scenario
    from redline.engine import Event, Game

SHOWN = {
    "decision": ("✎ ", "bold"),
    "outcome": ("  ↳ ", ""),
    "kremlin": ("☢ ", "$text-error"),
    "red_line": ("✖ ", "bold $text-error"),
    "rung": ("⇅ ", "$text-warning"),
    "event": ("✦ ", ""),
    "later": ("↻ ", ""),
    "withdrawal": ("⚑ ", "bold $text-warning"),
    "inject": ("✦ ", ""),
    "override": ("⚙ ", "$text-muted"),
    "bulletin": ("✉ ", "bold"),  # a free-text inject (the room sees only those sent to it)
    "adjudication": ("⚖ ", "bold"),  # an off-card ruling, once rolled
    "note": ("✎ ", "$text-muted"),
    "ending": ("■ ", "bold"),
}


def log_lines(scenario: Scenario, events: list[Event], turn_label: str, width: int) -> list[Content]:
    """Group by turn, newest turn first; within a turn, in the order things happened."""
    from redline.report.words import said_events

    events = said_events(events, scenario)  # the scenario's words, never its ids
    by_turn: dict[int, list[Content]] = {}
    headed: str | None = None  # the facilitator's act (an inject, a ruling) the lines follow
    for e in events:
        origin = str(e.ref.kind) if e.ref is not None else None
        if origin in RULINGS and e.kind in ("change", "reaction"):
            look, text = _effect(scenario, e, under=headed == origin)
        else:
            found = SHOWN.get(e.kind)
            if found is None:
                continue
            look = found
            headed = e.kind if e.kind in RULINGS else None
            text = e.text
        mark, style = look
        if e.kind == "withdrawal" and e.cause:
            text = f"{text}: {e.cause}"
        elif e.kind == "decision":
            text = decision_text(scenario, e)
        elif e.kind in RULINGS:
            text = _ruling(scenario, e)
        indent = len(mark)
        by_turn.setdefault(e.turn, []).extend(
            hanging(Content.styled(mark, style), text, width, indent, style)
        )
    rows: list[Content] = []
    for turn in sorted(by_turn, reverse=True):
        rows.append(Content.styled(f"— {turn_label} {turn} —", "bold $text-accent"))
        rows.extend(by_turn[turn])
    return rows


# The facilitator's rulings the news shows with their effects (event and ref kinds).
RULINGS = frozenset({"bulletin", "adjudication"})


def _ruling(scenario: Scenario, event: Event) -> str:
    """A free-text inject or an off-card ruling as the room reads it (never with its reason)."""
    from redline.report.words import role_name

    if event.kind == "bulletin":
        to = f" to {role_name(event.target, scenario)}" if event.target else ""
        return f"Inject{to}: {event.text}"
    who = role_name(event.target, scenario)
    return f"Ruling on {who}'s proposal: {event.text}" if who else f"Ruling: {event.text}"


def _effect(scenario: Scenario, event: Event, under: bool) -> tuple[tuple[str, str], str]:
    """A change an inject or a ruling made: under its headline, or on its own line when the
    headline is not shown (a free-text inject sent to another seat: its effects are public)."""
    from redline.session.public import PUBLIC_CAUSE

    delta = event.delta
    text = (
        f"{target_label(scenario, event.target)} {signed(delta)}"
        if delta is not None and event.target
        else event.text
    )
    if under:
        return SHOWN["outcome"], text
    cause = PUBLIC_CAUSE.get(str(event.ref.kind) if event.ref else "", "")
    return SHOWN["override"], f"{text} ({cause})" if cause else text


class NewsLog(Panel):
    def build(self, game: Game, width: int) -> Content:
        rows = log_lines(game.scenario, game.all_events(), game.scenario.info.turn_label, width)
        return Content("\n").join(rows) if rows else Content.styled("Nothing yet.", "$text-muted")
