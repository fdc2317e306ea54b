"""A big moment, on its own: the ceasefire, the first casualties, an ally leaving, a red line
crossed, the ladder climbing. Full screen, a few words; any key goes on."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Center, Middle, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from redline.report.moments import Moment

MARKS = {"ceasefire": "☮", "casualties": "✸", "withdrawal": "⇠", "red_line": "⚠", "ladder": "⇧"}


class MomentScreen(ModalScreen[None]):
    """Dismissed by any key or a click."""

    def __init__(self, moment: Moment, count: tuple[int, int] = (1, 1)) -> None:
        super().__init__(classes=f"moment-screen moment-{moment.kind}")
        self.moment = moment
        self.count = count

    def compose(self) -> ComposeResult:
        m = self.moment
        tone = "$text-success" if m.good else "$text-error" if m.good is False else "$text-accent"
        n, of = self.count
        more = f"  ({n} of {of})" if of > 1 else ""
        with Middle(), Center(), Vertical(id="moment-box"):
            yield Static(Content.styled(MARKS.get(m.kind, "•"), f"bold {tone}"), id="moment-mark")
            yield Static(Content.styled(m.title, f"bold {tone}"), id="moment-title")
            if m.text:
                yield Static(Content(m.text), id="moment-text")
            yield Static(Content.styled(f"Press any key to go on{more}", "$text-muted"), id="moment-hint")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss(None)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.dismiss(None)
