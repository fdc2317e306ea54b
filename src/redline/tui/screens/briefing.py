"""The briefing: the scenario's situation and what Moscow signals before the first turn."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from redline.report.words import date_words
from redline.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from redline.tui.app import RedlineApp
    from redline.tui.commands import Command


class BriefingScreen(Screen[None]):
    app: RedlineApp
    BINDINGS = [
        Binding("enter", "begin", "Begin", tooltip="Begin the game"),
        Binding("space", "begin", "Begin", show=False),
        Binding("escape", "back", "Title", tooltip="Back to the title screen (the game is kept)"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="briefing-screen")

    def compose(self) -> ComposeResult:
        session = self.app.session
        assert session is not None
        sc = session.scenario
        info = sc.info
        state = session.state
        with VerticalScroll(id="briefing-body"):
            yield Static(Content.styled(info.title, "bold $accent"), classes="screen-title")
            facts = [f"{info.turns} {info.turn_label.lower()}s", f"seed {session.seed}"]
            if info.start_date:
                facts.insert(0, f"from {date_words(info.start_date)}")
            yield Static(Content.styled(" · ".join(facts), "$text-muted"), id="briefing-facts")
            yield Static(info.briefing or info.summary, id="briefing-text", markup=False)
            yield Static(
                Content.styled(f"Moscow signals before {info.turn_label.lower()} 1", "bold"),
                classes="section-title",
            )
            signals = []
            for rid in state.signals:
                r = sc.responses[rid]
                signals.append(
                    Content.assemble(("⚠ ", "$text-warning"), (r.model.label, "bold"), f" — {r.model.signal}")
                )
            if not signals:
                signals.append(Content.styled("No threats signalled.", "$text-muted"))
            yield Static(Content("\n").join(signals), id="briefing-signals")
            allies = ", ".join(a.name for a in sc.allies.values())
            yield Static(Content.styled("The coalition", "bold"), classes="section-title")
            yield Static(allies, id="briefing-allies", markup=False)
            yield Static(
                Content.styled("Press Enter to begin. Press ? at any time for help.", "$text-muted"),
                id="briefing-hint",
            )
        yield KeyFooter()

    def action_begin(self) -> None:
        from redline.tui.screens.turn import TurnScreen

        self.app.show_main(TurnScreen())

    def action_back(self) -> None:
        self.app.show_title()

    def commands(self) -> list[Command]:
        return [("Begin", "Begin the game", self.action_begin)]
