"""A line of short phrases joined by " · ", wrapped between phrases, never inside one.

Textual wraps at any space, so "3 cards left this month" could end a line at "3"; this
widget lays the phrases out for the width it is given and again on every resize.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widgets import Static

SEPARATOR = " · "


def phrase_lines(phrases: list[str], width: int) -> list[str]:
    """The phrases packed into lines of at most `width` cells (a longer phrase gets its own)."""
    lines: list[str] = []
    line = ""
    for phrase in phrases:
        joined = f"{line}{SEPARATOR}{phrase}" if line else phrase
        if line and Content(joined).cell_length > width:
            lines.append(line)
            line = phrase
        else:
            line = joined
    if line:
        lines.append(line)
    return lines


class Phrases(Static):
    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes, markup=False)
        self._phrases: list[str] = []
        self._style = ""

    def show(self, phrases: list[str], style: str = "") -> None:
        self._phrases = phrases
        self._style = style
        self._draw()

    def _draw(self) -> None:
        width = self.content_region.width or self.app.size.width
        lines = phrase_lines(self._phrases, max(width, 1))
        self.update(Content.styled("\n".join(lines), self._style))

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._draw)
