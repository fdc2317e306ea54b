"""The news and decision log: what was decided and what happened, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from redline.tui.turn_report import decision_text
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
    "note": ("✎ ", "$text-muted"),
    "ending": ("■ ", "bold"),
}


def log_lines(scenario: Scenario, events: list[Event], turn_label: str, width: int) -> list[Content]:
    """Group by turn, newest turn first; within a turn, in the order things happened."""
    from redline.report.words import said_events

    events = said_events(events, scenario)  # the scenario's words, never its ids
    by_turn: dict[int, list[Content]] = {}
    for e in events:
        look = SHOWN.get(e.kind)
        if look is None:
            continue
        mark, style = look
        text = e.text
        if e.kind == "withdrawal" and e.cause:
            text = f"{text}: {e.cause}"
        elif e.kind == "decision":
            text = decision_text(scenario, e)
        indent = len(mark)
        by_turn.setdefault(e.turn, []).extend(
            hanging(Content.styled(mark, style), text, width, indent, style)
        )
    rows: list[Content] = []
    for turn in sorted(by_turn, reverse=True):
        rows.append(Content.styled(f"— {turn_label} {turn} —", "bold $text-accent"))
        rows.extend(by_turn[turn])
    return rows


class NewsLog(Panel):
    def build(self, game: Game, width: int) -> Content:
        rows = log_lines(game.scenario, game.all_events(), game.scenario.info.turn_label, width)
        return Content("\n").join(rows) if rows else Content.styled("Nothing yet.", "$text-muted")
