"""The live forecast beside the card: for each option, how games played on from here end.

It only draws what `sim/forecast.py` counted; the turn screen runs the playouts in a thread
worker, batch by batch, and hands each firmer count to `show`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from redline.plural import counted
from redline.report.words import percent, signed

if TYPE_CHECKING:
    from redline.content.compiled import Scenario
    from redline.sim.forecast import OptionOdds

MOST_METERS = 2  # the meters that move most, per option: more would not fit on one line


def _classes(odds: OptionOdds, scenario: Scenario) -> tuple[float, str | None, float]:
    """(share of endings that are outcomes, not failures; the likeliest ending's title, its share)."""
    kinds = {e.id: e.model.kind for e in scenario.endings}
    titles = {e.id: e.model.title for e in scenario.endings}
    shares = odds.shares()
    good = sum(p for eid, p in shares.items() if kinds.get(eid) == "outcome")
    top = next(iter(shares.items()), None)
    return good, (titles.get(top[0]) if top else None), (top[1] if top else 0.0)


def forecast_lines(
    options: list[OptionOdds], scenario: Scenario, games: int, done: bool, selected: int | None = None
) -> Content:
    """One line per option; the picked one also gets the meters that move most."""
    labels = {k: m.label for k, m in scenario.meters.items()} | {"cohesion": "Allied cohesion"}
    head = f"Forecast: {counted(games, 'game')} per option played on from here" + (
        "" if done else " · refining…"
    )
    rows: list[Content] = [Content.styled(head, "bold")]
    if not games:
        rows.append(Content.styled("Playing the first games…", "$text-muted"))
        return Content("\n").join(rows)
    for n, odds in enumerate(options, 1):
        good, top, share = _classes(odds, scenario)
        score = odds.mean_score()
        rows.append(
            Content.assemble(
                ("▶ " if selected == n - 1 else "  ", "bold $accent"),
                (f"{n} ", "bold"),
                (f"outcome {percent(good)}", "$text-success" if good >= 0.5 else "$text-warning"),
                (f" · failure {percent(1 - good)}", ""),
                (f" · score {score:.0f} on average" if score is not None else "", "$text-muted"),
            )
        )
        if selected == n - 1:
            moves = sorted(odds.mean_change().items(), key=lambda kv: -abs(kv[1]))[:MOST_METERS]
            said = "; ".join(f"{labels.get(k, k)} {signed(round(v))}" for k, v in moves)
            likeliest = f"likeliest: {top} ({percent(share)})" if top else ""
            rows.append(Content.styled(f"    {likeliest}", "$text-muted"))
            if said:
                rows.append(Content.styled(f"    by the end, on average: {said}", "$text-muted"))
    return Content("\n").join(rows)


class ForecastPanel(Static):
    """What the forecast says so far; hidden when the player or the facilitator turns it off."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def show(self, options: list[OptionOdds], scenario: Scenario, games: int, done: bool) -> None:
        self.update(forecast_lines(options, scenario, games, done))
