"""The move and its timer, one line, on every screen of a facilitated session (the players'
screen, hand-overs, the red cell's screens): "Move 2 of 4 · ⏱ 7:05"."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from redline.session.facilitated import FacilitatedSession


def in_units(node: DOMNode, unit: str) -> None:
    """Say the node's key tooltips in the scenario's unit: "{turn}" becomes "month"."""
    keys = node._bindings.key_to_bindings
    for key, bindings in keys.items():
        keys[key] = [
            replace(b, tooltip=b.tooltip.replace("{turn}", unit.lower())) if "{turn}" in b.tooltip else b
            for b in bindings
        ]


def clock_text(session: FacilitatedSession) -> Content:
    timer = session.timer
    turns = session.scenario.info.turns
    move = f" Move {timer.move_of(session.state.turn)} of {timer.move_of(turns)}"
    if not timer.is_set:
        return Content.styled(move + " ", "$text-muted")
    if timer.expired:
        up = " — close the move" if timer.asks_to_move_on else " — time is up"
        return Content.assemble((move, "bold"), (f" · ⏱ TIME{up} ", "bold reverse $text-error"))
    paused = "" if timer.running else " (paused)"
    return Content.assemble(
        (move, "bold"), (f" · ⏱ {timer.text()}{paused} ", "" if timer.running else "$text-muted")
    )


class MoveClock(Static):
    """Redraws itself every second while it is shown."""

    DEFAULT_CSS = "MoveClock { width: auto; height: 1; }"

    def __init__(self, session: FacilitatedSession, **kwargs: object) -> None:
        super().__init__("", markup=False, **kwargs)  # type: ignore[arg-type]
        self.session = session

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(1, self.tick)

    def tick(self) -> None:
        self.update(clock_text(self.session))
