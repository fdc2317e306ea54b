"""Set up a facilitated session: the scenario, who plays which role, a human red cell, the seed.

A role left without a team is played by the facilitator; Moscow without a human red cell is
played by the game, as in a solo game.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, OptionList, Static
from textual.widgets.option_list import Option

from redline.session.local import find_entry, load_entry, scenarios
from redline.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from redline.content import Entry, Scenario
    from redline.tui.app import RedlineApp
    from redline.tui.commands import Command


class SetupScreen(Screen[None]):
    app: RedlineApp
    CSS_PATH = "../styles/facilitation.tcss"
    AUTO_FOCUS = "#setup-scenarios"
    BINDINGS = [
        Binding("ctrl+s", "start", "Start", tooltip="Start the session with these seats"),
        Binding("escape", "back", "Back", tooltip="Back to the title screen"),
        # Taken by the app in the order typed, so the keys typed after Enter find the next
        # field (see FormDialog.action_next_field).
        Binding("enter", "next_field", show=False, priority=True),
    ]

    def __init__(self, scenario_id: str | None = None) -> None:
        super().__init__(classes="setup-screen")
        self.start_with = scenario_id
        self.entries: list[Entry] = []
        self.scenario: Scenario | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(" Facilitated session — setup", "bold $text-accent"), id="status")
        with VerticalScroll(id="setup-body"):
            yield Static(Content.styled("1 · Scenario", "bold"), classes="section-title")
            yield OptionList(markup=False, id="setup-scenarios")
            yield Static(Content.styled("2 · Who plays which role", "bold"), classes="section-title")
            yield Static(
                Content.styled(
                    "Type a team or player's name for each role taken; a role left empty is played "
                    "by the facilitator. Enter moves to the next field.",
                    "$text-muted",
                ),
                id="seats-hint",
            )
            yield Vertical(id="seats")
            with Horizontal(classes="seat-row", id="seed-row"):
                yield Static("Seed", classes="seat-name", markup=False)
                seed = "" if self.app.seed is None else str(self.app.seed)
                yield Input(
                    seed, placeholder="empty: a random seed", id="setup-seed", compact=True, type="integer"
                )
            yield Static("", id="setup-note", markup=False)
            yield Button("Start the session (ctrl+s)", id="setup-start", variant="primary")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.entries = scenarios(self.app.content_dirs)
        menu = self.query_one("#setup-scenarios", OptionList)
        for entry in self.entries:
            turns = f" · {entry.length()}" if entry.turns else ""
            menu.add_option(
                Option(Content.assemble((entry.title, "bold"), (turns, "$text-muted")), id=entry.id)
            )
        ids = [e.id for e in self.entries]
        if self.start_with in ids:
            menu.highlighted = ids.index(self.start_with)
            self.call_after_refresh(self.choose, self.start_with)
        elif ids:
            menu.highlighted = 0
            self._say("Enter chooses the highlighted scenario; its roles appear below.")
        else:
            self._say("No scenarios are installed.")
        for field in self.query(Input):
            field.cursor_blink = self.app.cursor_blink

    def _say(self, text: str, error: bool = False) -> None:
        self.query_one("#setup-note", Static).update(
            Content.styled(text, "bold $text-error" if error else "$text-muted")
        )

    # ---- choosing ----------------------------------------------------------------------------

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            await self.choose(event.option.id)

    async def choose(self, scenario_id: str) -> None:
        try:
            preloaded = self.app.preloaded  # what the command line already loaded
            if preloaded is not None and preloaded.id == scenario_id:
                self.scenario = preloaded
            else:
                self.scenario = load_entry(find_entry(scenario_id, self.app.content_dirs))
        except Exception as exc:  # content errors are shown, never a traceback
            self.scenario = None
            self.app.show_error(f"Cannot start '{scenario_id}'", exc)
            return
        seats = self.query_one("#seats", Vertical)
        await seats.remove_children()
        rows = []
        for role in self.scenario.roles.values():
            name = Static(role.name, classes="seat-name", markup=False)
            if role.red_cell:
                row = Horizontal(
                    name,
                    Checkbox(
                        "red cell",
                        id="red-cell",
                        compact=True,
                        tooltip="Moscow is played by a human red cell",
                    ),
                    Input(
                        placeholder="name; empty: the facilitator",
                        id=f"team-{role.id}",
                        compact=True,
                        disabled=True,
                    ),
                    classes="seat-row",
                )
            else:
                row = Horizontal(
                    name,
                    Input(
                        placeholder="team or player; empty: the facilitator",
                        id=f"team-{role.id}",
                        compact=True,
                    ),
                    classes="seat-row",
                )
            rows.append(row)
            if role.description:
                rows.append(Static(Content.styled(role.description, "$text-muted"), classes="seat-desc"))
        if not rows:
            rows.append(
                Static(
                    "This scenario names no roles: the facilitator runs every decision.", classes="seat-desc"
                )
            )
        await seats.mount_all(rows)
        self._say(f"{self.scenario.title}: name the teams, then ctrl+s (or Enter on the seed) starts.")
        self._focus_first_seat()

    def _focus_first_seat(self) -> None:
        fields = [w for w in self.query("#seats Input, #seats Checkbox") if not w.disabled]
        (fields[0] if fields else self.query_one("#setup-seed", Input)).focus()
        for field in self.query(Input):
            field.cursor_blink = self.app.cursor_blink

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        if event.checkbox.id == "red-cell" and self.scenario is not None:
            role = next((r.id for r in self.scenario.roles.values() if r.red_cell), None)
            if role:
                self.query_one(f"#team-{role}", Input).disabled = not event.value

    def action_next_field(self) -> None:
        """Enter in a team's name: the next field at once; on the seed, it starts (as usual)."""
        from textual.actions import SkipAction

        if not isinstance(self.focused, Input) or self.focused.id == "setup-seed":
            raise SkipAction()
        self.focus_next()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "setup-seed":
            self.action_start()
        else:
            self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_start()

    # ---- starting -----------------------------------------------------------------------------

    def teams(self) -> dict[str, str]:
        assert self.scenario is not None
        out = {}
        for role in self.scenario.roles:
            field = self.query_one(f"#team-{role}", Input)
            if field.value.strip() and not field.disabled:
                out[role] = field.value.strip()
        return out

    def action_start(self) -> None:
        if self.scenario is None:
            self._say("Choose a scenario first: highlight it and press Enter.", error=True)
            self.query_one("#setup-scenarios").focus()
            return
        text = self.query_one("#setup-seed", Input).value.strip()
        try:
            seed = int(text) if text else None
        except ValueError:
            self._say(f"'{text}' is not a seed: give a whole number or leave it empty.", error=True)
            return
        boxes = list(self.query("#red-cell").results(Checkbox))
        red_cell = bool(boxes and boxes[0].value)
        # The game in progress, or an earlier sitting's unfinished session in this scenario's
        # one facilitated autosave: asked about first (keep both, start anyway, back).
        asked = self.app.ask_before_replacing(
            self.scenario,
            lambda: self._start(seed, red_cell),
            facilitated=True,
            question="Start a facilitated session?",
            yes="Start",
        )
        if not asked:
            self._start(seed, red_cell)

    def _start(self, seed: int | None, red_cell: bool) -> None:
        from redline.session.facilitated import FacilitatedSession
        from redline.tui.facilitation.screens import FacilitatedBriefing

        assert self.scenario is not None
        self.app.session = FacilitatedSession.start(
            self.scenario, seed, self.app.saves, self.teams(), red_cell
        )
        self.app.show_main(FacilitatedBriefing())

    def action_back(self) -> None:
        self.dismiss(None)

    def commands(self) -> list[Command]:
        return [("Start the session", "With the seats as typed", self.action_start)]
