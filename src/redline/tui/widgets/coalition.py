"""The coalition board: each ally's support, trend, contribution, and who has left."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from redline.tui.widgets.gauge import gauge
from redline.tui.widgets.meters import change
from redline.tui.widgets.panel import Panel, hanging, pad_between
from redline.tui.widgets.phrases import SEPARATOR, phrase_lines

if TYPE_CHECKING:
    from redline.content.models import Ally
    from redline.engine import Game

CONTRIBUTIONS = {"troops": "T", "batteries": "B", "ships": "S", "aircraft": "A", "money": "M"}
LEGEND = "T troops · B batteries · S ships · A aircraft · M money"


def contribution(ally: Ally, short: bool = False) -> str:
    """ "troops 5 · aircraft 3", or "T5 A3" when space is short."""
    c = ally.contribution
    if short:
        return " ".join(
            f"{abbr}{getattr(c, name):g}" for name, abbr in CONTRIBUTIONS.items() if getattr(c, name)
        )
    return " · ".join(f"{name} {getattr(c, name):g}" for name in CONTRIBUTIONS if getattr(c, name))


class CoalitionPanel(Panel):
    def build(self, game: Game, width: int) -> Content:
        state = game.state
        sc = game.scenario
        label = sc.info.turn_label.lower()
        inside = [a for a in sc.allies if a not in state.out]
        rows = [
            Content.assemble(
                ("Cohesion ", "bold"),
                (f"{state.cohesion:g}", "bold"),
                " ",
                change(game, "cohesion", state.cohesion),
                (f"   {len(inside)} of {len(sc.allies)} allies in", "$text-muted"),
            )
        ]
        short = any(len(a.name) + 3 + len(contribution(a)) > width for a in sc.allies.values())
        if short:
            for line in phrase_lines(LEGEND.split(SEPARATOR), width):  # "M money" kept whole
                rows.append(Content.styled(line, "$text-muted"))
        for aid, ally in sc.allies.items():
            what = Content.styled(contribution(ally, short), "$text-muted")
            if aid in state.out:
                left = Content.assemble((ally.name, "strike"), ("  LEFT", "bold $text-error"))
                rows.append(pad_between(left, what, width))
                why = state.grievance.get(aid, "support fell too low")
                rows += hanging(
                    Content("  "), f"left in {label} {state.out[aid]}: {why}", width, 2, "$text-muted"
                )
                continue
            support = state.support[aid]
            risky = support < ally.threshold + 10
            rows.append(pad_between(Content.styled(ally.name, "bold"), what, width))
            note = f"  ⚠ leaves <{ally.threshold:g}" if risky else f"  leaves <{ally.threshold:g}"
            bar = gauge(
                support,
                min(50, max(8, width - 27)),
                mark=ally.threshold,
                style="$warning" if risky else "$accent",
            )
            rows.append(
                Content.assemble(
                    bar,
                    (f" {support:>5g} ", "bold"),
                    change(game, f"ally.{aid}", support),
                    (note, "bold $text-warning" if risky else "$text-muted"),
                )
            )
        return Content("\n").join(rows)
