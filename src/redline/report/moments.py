"""The big moments of a turn: what deserves its own beat before the ledger.

Read from the engine's events only (the ceasefire flag set, Moscow acting from the top rung
for the first time, an ally leaving, a red line crossed, the ladder climbing). Face-neutral:
the TUI shows each as a full-screen moment, the line mode as a headline, the report leads
with them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from redline.content.compiled import Scenario
from redline.engine import Event
from redline.report.words import article
from redline.report.words import why as said_why

CEASEFIRE = "ceasefire"  # the flag a scenario sets when the guns fall silent


@dataclass(frozen=True)
class Moment:
    kind: str  # ceasefire, casualties, withdrawal, red_line, ladder
    title: str
    text: str
    good: bool | None = None


def moments(scenario: Scenario, events: Iterable[Event], earlier: Iterable[Event] = ()) -> list[Moment]:
    """The moments in `events` (a turn's), in the order they happened. `earlier` are the
    game's events before them, so that "the first casualties" come only once."""
    top = len(scenario.rungs) - 1
    top_responses = {r.id for r in scenario.rungs[top].responses} if scenario.rungs else set()
    hit_before = any(e.kind == "kremlin" and e.target in top_responses for e in earlier)
    out: list[Moment] = []
    for e in events:
        if e.kind == "change" and e.target == CEASEFIRE and e.after is True and e.before is not True:
            label = scenario.flags[CEASEFIRE].label if CEASEFIRE in scenario.flags else "Ceasefire"
            out.append(
                Moment(
                    "ceasefire",
                    "The guns fall silent",
                    f"{label}. The reassurance force's moment has come — and Moscow's red lines with it.",
                    True,
                )
            )
        elif e.kind == "kremlin" and e.target in top_responses and not hit_before:
            hit_before = True
            response = scenario.responses[e.target]
            # Said as what happened (the response's own label: "Strike near a coalition site"):
            # a top-rung strike need not hit the force, and "the force is hit" was untrue.
            out.append(Moment("casualties", response.model.label, response.model.text, False))
        elif e.kind == "withdrawal":
            why = said_why(e.cause, scenario)
            out.append(Moment("withdrawal", e.text, f"Why: {why}." if why else "", False))
        elif e.kind == "red_line":
            line = next((r for r in scenario.red_lines if r.id == e.target), None)
            label = line.model.label if line else e.text
            out.append(Moment("red_line", f"Red line crossed: {label}", _line_quote(line, scenario), False))
        elif e.kind == "rung" and e.before is not None and e.after is not None and e.after > e.before:
            rung = scenario.rungs[int(e.after)].model.label if int(e.after) < len(scenario.rungs) else ""
            out.append(
                Moment(
                    "ladder",
                    "Moscow climbs the ladder",
                    f"Now: {rung} (rung {int(e.after) + 1} of {len(scenario.rungs)}).",
                    False,
                )
            )
    climbs = [m for m in out if m.kind == "ladder"]
    return [m for m in out if m.kind != "ladder" or m is climbs[-1]]  # one climb: where it ended


def _line_quote(line: Any, scenario: Scenario) -> str:
    """The words a red line stands on, as players see them everywhere (in quotation marks only
    when they are a speaker's own: RedLine.shown_quote), and the article they come from."""
    if line is None or not line.model.quote:
        return ""
    sources = line.model.sources
    where = f"\n— {article(sources[0].file, scenario)}" if sources else ""
    return line.model.shown_quote() + where
