"""Choose a scenario: each with its length and summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from redline.tui.session import scenarios
from redline.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from redline.content import Entry
    from redline.tui.app import RedlineApp
    from redline.tui.commands import Command


class PickerScreen(Screen[None]):
    app: RedlineApp
    AUTO_FOCUS = "#scenarios"
    BINDINGS = [
        Binding("enter", "start", "Start", tooltip="Start the highlighted scenario", show=True),
        Binding("escape", "back", "Back", tooltip="Back to the title screen"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="picker-screen")
        self.entries: list[Entry] = []

    def compose(self) -> ComposeResult:
        yield Static("Choose a scenario", classes="screen-title", markup=False)
        yield OptionList(markup=False, id="scenarios")
        yield Static("", id="picker-note", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.entries = scenarios(self.app.content_dirs)
        menu = self.query_one("#scenarios", OptionList)
        for i, entry in enumerate(self.entries):
            if i:
                menu.add_option(None)
            prompt = Content.assemble(
                (entry.title, "bold"),
                (f"   {entry.length()}" if entry.turns else "", "$text-muted"),
                "\n",
                entry.summary,
            )
            menu.add_option(Option(prompt, id=entry.id))
        if self.entries:
            menu.highlighted = 0
        if not self.entries:
            self.query_one("#picker-note", Static).update("No scenarios are installed.")
        seed = "random (shown once the game starts)" if self.app.seed is None else str(self.app.seed)
        self.query_one("#picker-note", Static).update(
            Content.styled(f"Enter starts the highlighted scenario · seed: {seed}", "$text-muted")
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.app.new_game(event.option.id)

    def action_start(self) -> None:
        menu = self.query_one("#scenarios", OptionList)
        option = menu.highlighted_option
        if option is not None and option.id:
            self.app.new_game(option.id)

    def action_back(self) -> None:
        self.dismiss()

    def commands(self) -> list[Command]:
        out: list[Command] = []
        for entry in self.entries:
            out.append((f"Play {entry.title}", entry.summary, lambda e=entry: self.app.new_game(e.id)))
        return out
