"""The meters: a number, the last change (▲▼), a bar and its marked danger line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from redline.tui.turn_report import arrow, is_good, signed
from redline.tui.widgets.gauge import gauge, tone
from redline.tui.widgets.panel import Panel, pad_between, previous

if TYPE_CHECKING:
    from redline.engine import Game


def danger(value: float, warn: float | None, good: str) -> bool:
    if warn is None:
        return False
    return value >= warn if good == "low" else value <= warn


def change(game: Game, key: str, value: float) -> Content:
    before = previous(game, key)
    delta = 0.0 if before is None else round(value - before, 2)
    if not delta:
        return Content.styled("=".ljust(6), "$text-muted")
    return Content.styled(f"{arrow(delta)}{signed(delta)}".ljust(6), tone(is_good(game.scenario, key, delta)))


class MetersPanel(Panel):
    """Every meter of the scenario, and the allied cohesion derived from the allies."""

    def build(self, game: Game, width: int) -> Content:
        state = game.state
        rows: list[Content] = []
        items = [
            (mid, m.label, state.meters[mid], m.warn, m.good, m.min, m.max)
            for mid, m in game.scenario.meters.items()
        ]
        items.append(("cohesion", "Allied cohesion", state.cohesion, None, "high", 0.0, 100.0))
        bar_width = min(50, max(8, width - 13))
        for key, label, value, warn, good, lo, hi in items:
            hot = danger(value, warn, good)
            side = "≥" if good == "low" else "≤"
            if warn is None:
                note = Content.styled("low is good" if good == "low" else "", "$text-muted")
            elif hot:
                note = Content.styled(f"⚠ DANGER {side}{warn:g}", "bold $text-warning")
            else:
                note = Content.styled(f"danger {side}{warn:g}", "$text-muted")
            rows.append(pad_between(Content.styled(label, "bold"), note, width))
            style = "$error" if hot else "$accent"
            rows.append(
                Content.assemble(
                    gauge(value, bar_width, mark=warn, style=style, lo=lo, hi=hi),
                    (f" {value:>5g} ", "bold"),
                    change(game, key, value),
                )
            )
        return Content("\n").join(rows)
