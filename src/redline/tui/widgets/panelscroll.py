"""A panel's scroll container: the keyboard's way into a panel.

The turn screen keeps focus off everything so that numbers, Enter and the arrows drive the
card; a panel's key (or Tab) focuses its container, the arrows and PgUp/PgDn then scroll it,
and Esc gives the keys back to the card.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll


class PanelScroll(VerticalScroll):
    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to the card: the arrows move between options again"),
    ]

    def action_back(self) -> None:
        self.screen.set_focus(None)
