"""A side panel that redraws from the current game, sized to the width it is given."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from textual import events
from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from redline.engine import Game


class Panel(Static):
    """Subclasses build their content for a width; the panel rebuilds it on resize."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes, markup=False)
        self._game: Game | None = None
        self._drawn: tuple[object, int] | None = None  # (state, width) last drawn

    def show(self, game: Game) -> None:
        self._game = game
        self._draw()

    def _draw(self) -> None:
        if self._game is None:
            return
        width = self.content_region.width
        if not width:  # not laid out yet, or in a hidden tab: on_resize draws it
            return
        # Every apply makes a new state object: the same object means nothing changed.
        key = (self._game.state, width)
        if self._drawn is not None and self._drawn[0] is key[0] and self._drawn[1] == width:
            return
        self._drawn = key
        self.update(self.build(self._game, max(width, 20)))

    def on_resize(self, event: events.Resize) -> None:
        # After this refresh, so that the new content's height is laid out again.
        self.call_after_refresh(self._draw)

    def build(self, game: Game, width: int) -> Content:
        raise NotImplementedError


def pad_between(left: Content, right: Content, width: int) -> Content:
    """`left` and `right` on one line, right-aligned to `width` when there is room."""
    gap = width - left.cell_length - right.cell_length
    return Content.assemble(left, " " * max(gap, 1), right)


def hanging(first: Content, text: str, width: int, indent: int, style: str = "") -> list[Content]:
    """`first` then `text`, wrapped to `width` with later lines indented by `indent`."""
    room = max(width - first.cell_length, 10)
    lines = textwrap.wrap(text, room) or [""]
    out = [Content.assemble(first, (lines[0], style))]
    rest = " ".join(lines[1:])
    for line in textwrap.wrap(rest, max(width - indent, 10)):
        out.append(Content.assemble(" " * indent, (line, style)))
    return out


def previous(game: Game, key: str) -> float | None:
    """The value of `key` at the start of the previous turn, for the ▲▼ of the last change."""
    history = game.state.history
    if not history:
        return None
    snap = history[-2] if len(history) >= 2 else history[0]
    return snap.get(key)
