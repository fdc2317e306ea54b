"""Moscow: the rung of the escalation ladder, the threats signalled, and each red line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from redline.engine import ladder
from redline.engine.ladder import NEAR_AT
from redline.tui.widgets.gauge import gauge
from redline.tui.widgets.panel import Panel, hanging

if TYPE_CHECKING:
    from redline.content.compiled import CRedLine
    from redline.engine import Game, State

__all__ = ["NEAR_AT", "STATUS_STYLE", "KremlinPanel", "proximity", "status"]


def proximity(red_line: CRedLine, state: State) -> float | None:
    """How near the line is, 0-100, or None when the scenario gives no gauge."""
    return ladder.gauge(state, red_line)


def status(red_line: CRedLine, state: State) -> tuple[str, float | None]:
    """SAFE, NEAR or CROSSED, with the proximity gauge's value (engine.ladder's reading)."""
    return ladder.red_line_status(state, red_line)


STATUS_STYLE = {"SAFE": "$text-success", "NEAR": "bold $text-warning", "CROSSED": "bold reverse $text-error"}


class KremlinPanel(Panel):
    # A facilitator may keep the red lines from the players until the debrief.
    red_lines_shown = True

    def build(self, game: Game, width: int) -> Content:
        state = game.state
        sc = game.scenario
        rungs = sc.rungs
        label = sc.info.turn_label.lower()
        ladder = "".join("■" if i <= state.rung else "□" for i in range(len(rungs)))
        rung_text = rungs[state.rung].model.label
        head = Content.assemble(
            ("Ladder ", "bold"),
            (ladder, "$text-error" if state.rung >= len(rungs) - 2 else "$text-warning"),
        )
        where = f"({state.rung + 1} of {len(rungs)})"
        line = Content.assemble(head, f"  {rung_text} {where}")
        if line.cell_length <= width:
            rows = [line]
        else:  # too narrow for one line: the rung's name on its own, never split inside
            rows = [Content.assemble(head, f" {where}"), *hanging(Content("  "), rung_text, width, 2)]
        if state.signals:
            rows.append(Content.styled(f"Signalled this {label}:", "bold"))
            for rid in state.signals:
                r = sc.responses[rid]
                rows += hanging(Content.styled("⚠ ", "$text-warning"), r.model.label, width, 2, "bold")
                rows += hanging(Content("  "), r.model.signal, width, 2, "$text-muted")
        elif not state.is_over:
            rows.append(Content.styled(f"No threats signalled this {label}.", "$text-muted"))
        if not self.red_lines_shown:
            rows.append(
                Content.styled("Red lines: kept by the facilitator until the debrief.", "$text-muted")
            )
            return Content("\n").join(rows)
        rows.append(Content.styled("Red lines:", "bold"))
        for rl in sc.red_lines:
            word, near = status(rl, state)
            tag = Content.styled(f"{word:<7}", STATUS_STYLE[word])
            rows += hanging(Content.assemble(tag, " "), rl.model.label, width, 8)
            if word == "CROSSED":
                rows.append(
                    Content.styled(f"        crossed in {label} {state.crossed[rl.id]}", "$text-muted")
                )
            elif near is not None:
                bar = gauge(
                    near,
                    min(50, max(8, width - 14)),
                    mark=NEAR_AT,
                    style="$warning" if word == "NEAR" else "$success",
                )
                rows.append(Content.assemble("        ", bar, f" {near:3.0f}"))
        return Content("\n").join(rows)


def red_line_tooltip(game: Game) -> str:
    """The words each red line stands on."""
    return "\n".join(f"{rl.model.label}: {rl.model.shown_quote()}" for rl in game.scenario.red_lines)
