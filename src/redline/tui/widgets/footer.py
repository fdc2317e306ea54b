"""The footer of keys, redrawn only when the keys it shows change.

Textual's Footer rebuilds all its keys on every bindings signal (each focus change, each
screen resume); with a dozen keys that is most of the time a screen switch takes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen


PALETTE_FROM = 100  # columns: narrower, the palette's key (in help) leaves room for the game's


class KeyFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)  # every key of the turn screen fits in 80 columns
        self._shown: tuple[object, ...] | None = None

    def on_resize(self, event: events.Resize) -> None:
        wide = event.size.width >= PALETTE_FROM
        if wide != self.show_command_palette:
            self.show_command_palette = wide
            self._shown = None
            self.refresh(recompose=True)

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple(
            (key, b.binding.action, b.binding.description, b.binding.key_display, b.enabled, b.tooltip)
            for key, b in screen.active_bindings.items()
            if b.binding.show
        )
        if shown == self._shown:
            return
        if screen.app.app_focus:  # unfocused, the footer waits and redraws later
            self._shown = shown
        super().bindings_changed(screen)
