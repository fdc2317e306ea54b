"""The turn report: every change of the turn and why, grouped, shown before the next turn."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from redline.session.report import Section
from redline.tui.widgets.footer import KeyFooter
from redline.tui.widgets.gauge import tone

if TYPE_CHECKING:
    from redline.tui.app import RedlineApp
    from redline.tui.commands import Command


SCROLLBAR = 2  # Textual's vertical scroll bar, as the report body keeps it


def render_section(section: Section, width: int) -> Content:
    """A section's lines, each wrapped under its own text (a hanging indent)."""
    rows: list[Content] = []
    for line in section.lines:
        mark = line.arrow or "•"
        style = tone(line.good) if line.arrow in ("▲", "▼") or line.good is False else ""
        parts: list[str | tuple[str, str]] = [(f"{mark} ", style), (line.text, "" if line.indent else "bold")]
        if line.why:
            parts.append((f" — {line.why}", "$text-muted"))
        lead = 2 * (min(line.indent, 2) + 1)
        wrapped = Content.assemble(*parts).wrap(max(width - lead - 2, 20))
        rows.append(Content.assemble(" " * lead, wrapped[0]))
        rows.extend(Content.assemble(" " * (lead + 2), more) for more in wrapped[1:])
    return Content("\n").join(rows)


class ReportScreen(Screen[None]):
    app: RedlineApp
    BINDINGS = [
        Binding("enter", "next", "Continue", tooltip="On to what comes next"),
        Binding("space", "next", show=False),
        Binding("escape", "next", show=False),
        Binding("pageup", "scroll(-1)", show=False),
        Binding("pagedown", "scroll(1)", show=False),
    ]

    def __init__(self, turns: tuple[int, ...], reread: bool = False) -> None:
        super().__init__(classes="report-screen")
        self.turns = turns
        self.reread = reread  # earlier reports, opened from the turn screen: Enter goes back
        self._sections: list[Section] = []
        self._drawn_width = 0

    def compose(self) -> ComposeResult:
        session = self.app.session
        assert session is not None
        state = session.state
        label = session.turn_label(self.turns[0])
        if len(self.turns) > 1:
            label = f"{session.scenario.info.turn_label}s {self.turns[0]}–{self.turns[-1]} of {session.scenario.turns}"
        then = "the ending" if state.is_over else session.turn_label(state.turn)
        if self.reread:
            then = f"back to {session.turn_label(state.turn)}"
        yield Static(
            Content.assemble((f" Report — {label}", "bold"), (f"   next: {then}", "$text-muted")), id="status"
        )
        with VerticalScroll(id="report-body"):
            for turn in self.turns:
                if len(self.turns) > 1:
                    yield Static(
                        Content.styled(session.turn_label(turn), "bold reverse"), classes="section-title"
                    )
                mattered = self._mattered(turn)
                if mattered is not None:
                    yield Static(
                        Content.styled("What mattered", "bold $text-accent"), classes="section-title"
                    )
                    yield Static(mattered, classes="report-section report-lead")
                for section in session.report(turn):
                    yield Static(Content.styled(section.title, "bold $text-accent"), classes="section-title")
                    self._sections.append(section)
                    yield Static(render_section(section, self._width()), classes="report-section -ledger")
            yield Static(Content.styled(f"Press Enter to go on: {then}.", "$text-muted"), id="report-hint")
        yield KeyFooter()

    def _mattered(self, turn: int) -> Content | None:
        """The turn's big moments, first: what the ledger below explains."""
        from redline.report.moments import moments

        game = self.app.session.game  # type: ignore[union-attr]
        every = [e for batch in game.events[1:] for e in batch]
        found = moments(
            game.scenario, [e for e in every if e.turn == turn], [e for e in every if e.turn < turn]
        )
        if not found:
            return None
        rows = [
            Content.assemble(("  ! " if m.good is False else "  ✓ ", tone(m.good)), (m.title, "bold"))
            for m in found
        ]
        return Content("\n").join(rows)

    def _width(self) -> int:
        """The text width inside the body's padding (2 a side) and its scroll bar (2, drawn
        once the report is longer than the screen): the lines are wrapped here, between
        words, so they must never be wider than that, or the widget wraps them again and a
        word is left alone on a line of its own."""
        self._drawn_width = max(self.app.size.width - 4 - SCROLLBAR, 30)
        return self._drawn_width

    def on_mount(self) -> None:
        self.query_one("#report-body").focus()

    def on_resize(self) -> None:
        if max(self.app.size.width - 4 - SCROLLBAR, 30) != self._drawn_width:
            width = self._width()
            for widget, section in zip(self.query(".report-section.-ledger"), self._sections, strict=True):
                widget.update(render_section(section, width))  # type: ignore[attr-defined]

    def action_next(self) -> None:
        self.dismiss(None)

    def action_scroll(self, pages: int) -> None:
        body = self.query_one("#report-body", VerticalScroll)
        body.scroll_page_down(animate=False) if pages > 0 else body.scroll_page_up(animate=False)

    def commands(self) -> list[Command]:
        return [("Continue", "On to what comes next", self.action_next)]
