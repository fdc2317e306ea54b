"""The command palette (ctrl+p): the commands that make sense on the current screen.

A screen offers them by defining `commands()`, yielding (name, help, callback) triples.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider

Command = tuple[str, str, Callable[[], object]]


class ScreenCommands(Provider):
    def _commands(self) -> list[Command]:
        screen = self.screen
        offer = getattr(screen, "commands", None)
        return list(offer()) if callable(offer) else []

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
