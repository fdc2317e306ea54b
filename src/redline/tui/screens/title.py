"""The title screen: new game, continue, load, tutorial, settings, quit.

It stays at the bottom of the screen stack; every game screen is shown over it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from redline.tui.savewords import catalogue, continue_line
from redline.tui.session import latest_autosave
from redline.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from redline.content import Entry
    from redline.saves import SaveInfo
    from redline.tui.app import RedlineApp
    from redline.tui.commands import Command

BANNER = "┏━┓┏━╸╺┳┓╻  ╻┏┓╻┏━╸\n┣┳┛┣╸  ┃┃┃  ┃┃┗┫┣╸ \n╹┗╸┗━╸╺┻┛┗━╸╹╹ ╹┗━╸"
TAGLINE = (
    "September 2025. Twenty-six countries pledge a “reassurance force” for Ukraine once a "
    "ceasefire holds. Moscow answers that foreign troops would be “legitimate targets”."
)


class TitleScreen(Screen[None]):
    app: RedlineApp
    AUTO_FOCUS = "#menu"
    BINDINGS = [
        Binding("n", "pick('new')", "New", tooltip="Choose a scenario and start a new game"),
        Binding("c", "pick('continue')", "Continue", tooltip="Continue the latest autosaved game"),
        Binding("l", "pick('load')", "Load", tooltip="Load a saved game"),
        Binding("t", "pick('tutorial')", "Tutorial", tooltip="Learn the game in five short weeks"),
        Binding("f", "pick('facilitate')", "Facilitate", tooltip="A tabletop session: teams and roles"),
        Binding("s", "pick('settings')", "Settings", tooltip="Theme, odds and the forecast"),
        Binding("r", "pick('resume')", "Resume", tooltip="Back to the game in progress"),
        Binding("escape", "pick('resume')", show=False),  # back to the game, as everywhere
    ]

    def __init__(self) -> None:
        super().__init__(classes="title-screen")
        self._autosave: SaveInfo | None = None
        self._entry: Entry | None = None  # the autosave's scenario, from the catalogue
        self._looked = False
        self._prefer_resume = False
        self._can_resume = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="title-body"):
            with Center():
                yield Static(Content.styled(BANNER, "bold $accent"), id="banner")
            with Center():
                yield Static(TAGLINE, id="tagline", markup=False)
            with Center():
                yield OptionList(id="menu", markup=False)
            yield Static("", id="title-note", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        # Draw the menu at once and look for an autosave beside it, so that the first frame
        # does not wait for the save and content code to load.
        self.refresh_menu()
        self.call_after_refresh(self.look_for_autosave)

    def on_screen_resume(self) -> None:
        self._prefer_resume = True
        self.refresh_menu()
        self.look_for_autosave()

    @work(thread=True, exclusive=True, group="autosave")
    def look_for_autosave(self) -> None:
        # The scenario's title and unit come from the catalogue (headers only), read here
        # beside the saves: the autosave is said in the player's words, never by its id.
        try:
            found = latest_autosave(self.app.saves)
        except OSError:
            found = None
        entry = catalogue(self.app.content_dirs).get(found.scenario) if found is not None else None
        try:
            self.app.call_from_thread(self.refresh_menu, found, True, entry)
        except RuntimeError:  # the app closed meanwhile
            pass

    def refresh_menu(
        self, autosave: SaveInfo | None = None, looked: bool = False, entry: Entry | None = None
    ) -> None:
        app = self.app
        session = app.session
        look = looked or self._looked
        self._looked = look
        if looked:
            changed = (self._autosave is None) != (autosave is None)
            self._autosave = autosave
            self._entry = entry
            if changed:
                self.refresh_bindings()
        if self._can_resume != (session is not None):  # show or hide "r Resume" in the footer
            self._can_resume = session is not None
            self.refresh_bindings()
        items: list[Option] = []
        if session is not None:
            where = "the ending" if session.state.is_over else session.turn_label()
            items.append(Option(f"Resume      {session.scenario.title} — {where}", id="resume"))
        items.append(Option("New game    choose a scenario", id="new"))
        if self._autosave is not None:
            said = continue_line(self._autosave, self._entry, app.clock, indent="\n" + " " * 12)
            items.append(Option(f"Continue    {said}", id="continue"))
        else:
            # An autosave of a finished game is no game to continue: said so, not "none yet".
            why = "no unfinished game to continue" if look else "looking for an autosave…"
            items.append(Option(f"Continue    {why}", id="continue", disabled=True))
        items.append(Option("Load        a saved game", id="load"))
        items.append(Option("Tutorial    five short weeks that teach the game", id="tutorial"))
        items.append(Option("Facilitate  a tabletop session: teams, roles, votes, injects", id="facilitate"))
        items.append(Option("Settings    theme, odds, forecast", id="settings"))
        items.append(Option("Quit", id="quit"))
        menu = self.query_one("#menu", OptionList)
        highlighted = menu.highlighted_option.id if menu.highlighted_option else None
        menu.clear_options()
        menu.add_options(items)
        ids = [o.id for o in items]
        if self._prefer_resume and "resume" in ids:
            highlighted = "resume"
            self._prefer_resume = False
        menu.highlighted = ids.index(highlighted) if highlighted in ids else 0
        seed = "random for each game" if app.seed is None else f"{app.seed} (from --seed)"
        self.query_one("#title-note", Static).update(
            Content.styled(f"Seed: {seed} · press ? for help · ctrl+p for commands", "$text-muted")
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick" and parameters == ("resume",):
            return self.app.session is not None
        if action == "pick" and parameters == ("continue",):
            # In the footer only when there is a game to continue and none to resume: every
            # key of the title then fits in 80 columns (Quit was cut to "Qui").
            return self._autosave is not None and self.app.session is None
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.action_pick(event.option.id)

    def action_pick(self, what: str) -> None:
        app = self.app
        if what == "resume" and app.session is not None:
            app.show_game()
        elif what == "new":
            from redline.tui.screens.picker import PickerScreen

            app.push_screen(PickerScreen())
        elif what == "continue":
            if self._autosave is None:
                self.notify("No unfinished game to continue.", severity="warning")
            else:
                app.open_save(self._autosave.path)
        elif what == "load":
            from redline.tui.screens.saves import SavesScreen

            app.push_screen(SavesScreen("load"))
        elif what == "tutorial":
            app.new_game("tutorial")
        elif what == "facilitate":
            app.facilitated_setup()
        elif what == "settings":
            app.action_settings()
        elif what == "quit":
            app.run_action("quit")

    def commands(self) -> list[Command]:
        return [
            ("New game", "Choose a scenario and start", lambda: self.action_pick("new")),
            ("Continue", "The latest autosaved game", lambda: self.action_pick("continue")),
            ("Load game", "Open a saved game", lambda: self.action_pick("load")),
            ("Tutorial", "Five short weeks that teach the game", lambda: self.action_pick("tutorial")),
            ("Facilitated session", "Teams, roles, votes, injects", lambda: self.action_pick("facilitate")),
        ]
