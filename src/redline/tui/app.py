"""The Textual application: one factory used by `redline play` and by the tests.

Screens live in `screens/`, modal dialogs in `dialogs/`, widgets in `widgets/`, styles in
`styles/`. The app holds the game `Session`, the settings and the navigation between
screens; every rule stays in the engine.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from redline.tui import themes
from redline.tui.commands import ScreenCommands
from redline.tui.pacing import Pacer
from redline.tui.prefs import Settings
from redline.tui.session import Session, local_now

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import RenderableType
    from textual.message import Message

    from redline.content import Scenario
    from redline.tui.crash import CrashReport

# Set by the start-up benchmark: leave as soon as the first screen has been drawn.
EXIT_AFTER_FIRST_FRAME = "REDLINE_EXIT_AFTER_FIRST_FRAME"
# What a person does at the terminal; each waits for its frame before background work goes on.
INPUTS = (
    events.Key,
    events.MouseDown,
    events.MouseUp,
    events.MouseScrollDown,
    events.MouseScrollUp,
    events.Resize,
)


class RedlineApp(App[int]):
    TITLE = "redline"
    CSS_PATH = "styles/app.tcss"  # the turn screen brings its own, read when first shown
    COMMANDS = App.COMMANDS | {ScreenCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding(
            "question_mark", "help", "Help", key_display="?", tooltip="How to play, and every key", id="help"
        ),
        Binding(
            "q", "quit", "Quit", tooltip="Leave redline (asks first if a game is in progress)", id="quit"
        ),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        # `--watch` only: the author's inspector (widgets/inspector.py)
        Binding("i", "inspect", "Inspect", show=False, tooltip="Flags, meters, consequences, the hand"),
    ]

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification is plain text: messages quote content, saves and file names,
        and a bracket in any of them must show as a bracket, not be read as markup."""
        from redline.textsafe import clean

        super().notify(clean(message), title=clean(title), severity=severity, timeout=timeout, markup=False)

    def __init__(
        self,
        *,
        scenario: str | None = None,
        seed: int | None = None,
        load: Path | None = None,
        content_dirs: Iterable[Path] | None = None,
        saves: Path | None = None,
        clock: Callable[[], datetime] = local_now,
        settings: Settings | None = None,
        animations: bool = True,
        cursor_blink: bool = True,
        preloaded: Scenario | None = None,
        facilitate: bool = False,
        watch: bool = False,
        settings_file: Path | None = None,
        plan: object = None,
    ) -> None:
        super().__init__()
        # Where changed settings are kept between runs; None (the tests) keeps them in memory.
        self.settings_file = settings_file
        self.settings_notice: str | None = None
        self.watch_content = watch  # `--watch`: reload edited content, keep the game
        self.start_scenario = scenario
        self.start_load = load
        self.seed = seed
        self.content_dirs = list(content_dirs) if content_dirs is not None else None
        self._saves_override = saves
        self._saves: Path | None = None
        self.clock = clock
        self.settings = settings or Settings()
        self.cursor_blink = cursor_blink
        self.session: Session | None = None
        self.preloaded = preloaded  # the scenario `run_app` already loaded and checked
        self.facilitate = facilitate  # start on the facilitated session's setup
        self.start_plan = plan  # a checked session plan (`--plan`): the session it sets up
        if not animations:
            self.animation_level = "none"
        self.pacer = Pacer()  # background work (the live forecast) waits while a key is drawn
        themes.install(self, self.settings.theme)

    def watch_theme(self, name: str) -> None:
        # One setting, whichever way the theme was chosen: the settings screen or the palette.
        themes.keep(self, self.settings, self.settings_file, name)

    def post_message(self, message: Message) -> bool:
        queued = super().post_message(message)
        # An input from the terminal: background threads give way until its frame is drawn
        # (`on_event`). Only on the interface's own thread, where the driver's inputs arrive.
        if queued and isinstance(message, INPUTS) and threading.get_ident() == self._thread_id:
            self.pacer.input_arrived()
        return queued

    def _display(self, screen: Screen, renderable: RenderableType | None) -> None:
        # Every frame goes through here (Textual is pinned exactly): once one is on the
        # screen after an input, background work may go on.
        super()._display(screen, renderable)
        if renderable is not None and self.pacer.busy:
            self.pacer.drawn()

    # ---- an internal error --------------------------------------------------------------

    crash: CrashReport | None = None

    def _handle_exception(self, error: Exception) -> None:
        # Textual ends the app on any unhandled error. The game is safe in the autosave of
        # the last completed turn; keep the traceback in a file and say where everything is.
        if self.crash is None:
            from redline.tui.crash import record_crash

            try:
                self.crash = record_crash(self, error, self.clock())
            except Exception:  # never let the report hide the error itself
                self.crash = None
        super()._handle_exception(error)

    def _print_error_renderables(self) -> None:
        if self.crash is None or "debug" in self.features:
            super()._print_error_renderables()
            return
        from redline.tui.crash import crash_message

        self._exit_renderables.clear()
        print(crash_message(self.crash), file=sys.stderr)

    @property
    def saves(self) -> Path:
        """The saves folder; resolved on first use so that start-up imports no save code."""
        if self._saves is None:
            from redline.saves import saves_dir

            self._saves = saves_dir(self._saves_override)
        return self._saves

    # ---- start ---------------------------------------------------------------------------

    def on_mount(self) -> None:
        from redline.tui.screens.title import TitleScreen

        self.push_screen(TitleScreen())
        if self.start_load is not None:
            self.open_save(self.start_load, confirm=False)
        elif self.start_plan is not None:
            from redline.tui.facilitation.planned import start_planned

            start_planned(self, self.start_plan)
        elif self.facilitate:
            self.facilitated_setup(self.start_scenario)
        elif self.start_scenario is not None:
            # `redline play SCENARIO` asks too before its autosave replaces an earlier
            # sitting's unfinished game of that scenario (there is no game in progress yet).
            self.new_game(self.start_scenario)
        if self.watch_content:
            from redline.tui.watcher import ContentWatcher

            self.watcher = ContentWatcher(self)
            self.watcher.start()
        if self.settings_notice:
            self.notify(self.settings_notice, severity="warning", timeout=8)
        if os.environ.get(EXIT_AFTER_FIRST_FRAME):
            self.call_after_refresh(lambda: self.call_after_refresh(self.exit, 0))

    # ---- navigation ----------------------------------------------------------------------

    def show_main(self, screen: Screen) -> None:
        """Show `screen` over the title screen, closing whatever else was open."""
        self.show_title()
        self.push_screen(screen)

    def show_title(self) -> None:
        """Back to the title screen, which always stays at the bottom of the stack."""
        while len(self.screen_stack) > 2:
            self.pop_screen()

    def show_game(self) -> None:
        """The turn screen, or the ending when the game is over."""
        from redline.tui.screens.ending import EndingScreen
        from redline.tui.screens.turn import TurnScreen

        assert self.session is not None
        if getattr(self.session, "facilitated", False):
            from redline.tui.facilitation.screens import facilitated_screen

            self.show_main(facilitated_screen(self.session))  # type: ignore[arg-type]
            return
        self.show_main(EndingScreen() if self.session.state.is_over else TurnScreen())

    def facilitated_setup(self, scenario_id: str | None = None) -> None:
        """The setup of a facilitated session: scenario, seats and teams, red cell, seed."""
        from redline.tui.facilitation.setup import SetupScreen

        self.push_screen(SetupScreen(scenario_id))

    def confirm_then(
        self,
        question: str,
        detail: str,
        action: Callable[[], None],
        *,
        yes: str = "Yes",
        save: str | None = None,
    ) -> None:
        """Ask before anything that loses progress; run `action` only on yes. With `save`
        (the button's words, "Save and quit"), offer to autosave the game in progress first,
        when it holds anything its last save does not; a save that fails stops the action."""
        from redline.tui.dialogs.confirm import Answer, ConfirmDialog

        session = self.session
        if session is None or session.is_saved_as_is():
            save = None

        def answered(answer: Answer | None) -> None:
            if answer == "save" and session is not None:
                error = session.autosave()
                if error:
                    from redline.tui.dialogs.message import MessageDialog

                    self.push_screen(MessageDialog("Not saved; nothing else was done", error))
                    return
            if answer:
                action()

        if save:
            yes = f"{yes} without saving"
        self.push_screen(ConfirmDialog(question, detail, yes=yes, save=save), answered)

    def losing_progress(self, replacing: str | None = None, *, can_save: bool = False) -> str | None:
        """What would be lost by dropping the game now, or None when nothing would. Says only
        what is true of the saves: `kept_in` is set by a save that was written, never by one
        that failed. `replacing`: the scenario a new game is about to start, whose autosave
        (one per scenario) the new game will overwrite. `can_save`: the question offers to save
        first, so what is lost is lost only without it."""
        session = self.session
        if session is None or not session.in_progress:
            return None
        game = f"The game in progress ({session.scenario.title}, {session.turn_label()})"
        kept = session.kept_in
        # Where it is kept, in words (never a file name): its autosave, or the save it came from.
        autosaved = kept is not None and kept.path == session.autosave_path
        how = "autosaved" if autosaved else "saved"
        again = "continue it from the title screen" if autosaved else "load it again from the title's Load"
        unless = " unless you save first" if can_save else ""
        if kept is None:
            said = f"{game} has not been saved: it will be lost{unless}."
        elif session.is_saved_as_is():
            said = f"{game} is {how}; {again}."
        elif session.unsaved() == 0:  # moves taken back since the save, none made
            said = f"{game} was {how} before its last moves were taken back; {again} to have them again."
        else:
            when = session.turn_label(kept.turn).rsplit(" of ", 1)[0]
            since = f"at the start of {when}" if session.kept_at_turn_start() else f"during {when}"
            said = f"{game} was last {how} {since}; what came after will be lost{unless}."
        if replacing == session.scenario.id and autosaved:
            said += (
                " A new game of the same scenario replaces its autosave: save this one under a name"
                " first (s in the game) to keep it."
            )
        return said

    # ---- games ---------------------------------------------------------------------------

    def new_game(self, scenario_id: str, *, confirm: bool = True) -> None:
        from redline.tui.screens.briefing import BriefingScreen
        from redline.tui.session import find_entry, load_entry

        try:
            scenario = self.preloaded
            if scenario is None or scenario.id != scenario_id:
                scenario = load_entry(find_entry(scenario_id, self.content_dirs))
        except Exception as exc:  # content errors are shown, never a traceback
            self.show_error(f"Cannot start '{scenario_id}'", exc)
            return
        if confirm and self._ask_before_new_game(scenario):
            self.preloaded = scenario  # loaded once, whatever the answer
            return
        self.preloaded = None
        self.session = Session.new(scenario, self.seed, self.saves)
        self.show_main(BriefingScreen())

    def _ask_before_new_game(self, scenario: Scenario) -> bool:
        return self.ask_before_replacing(scenario, lambda: self.new_game(scenario.id, confirm=False))

    def ask_before_replacing(
        self,
        scenario: Scenario,
        start: Callable[[], None],
        *,
        facilitated: bool = False,
        question: str = "Start a new game?",
        yes: str = "Yes",
    ) -> bool:
        """Ask before a new game of `scenario` (a facilitated session's, with `facilitated`)
        loses anything: the game in progress, or the unfinished game of an earlier sitting in
        the scenario's one autosave (then offer to keep both). `start` runs on the answer that
        goes on. False when there is nothing to ask: the caller starts at once."""
        from redline.tui.dialogs.replaced import earlier_autosave

        lost = self.losing_progress(replacing=None if facilitated else scenario.id)
        old = earlier_autosave(self.saves, scenario, self.session, self.clock, facilitated=facilitated)
        if old is None:
            if lost:
                self.confirm_then(question, lost, start, yes=yes)
            return bool(lost)
        from redline.saves import SaveError
        from redline.tui.dialogs.replaced import ReplaceDialog, keep_under_a_name, replaced_words

        def answered(answer: str | None) -> None:
            if answer == "keep":
                try:
                    keep_under_a_name(old, scenario.id)
                except (SaveError, OSError) as exc:
                    self.show_error("The old game could not be kept; nothing was changed", exc)
                    return
                game = "session" if old.facilitated else "game"
                self.notify(f"The unfinished {game} is kept under Load… as “{old.name}”.", title="Kept")
            if answer in ("keep", "start"):
                start()

        said = " ".join(x for x in (lost, replaced_words(old, self.clock)) if x)
        self.push_screen(ReplaceDialog(said, question), answered)
        return True

    def open_save(self, path: Path, *, confirm: bool = True) -> None:
        lost = self.losing_progress(can_save=True) if confirm else None
        if lost:
            self.confirm_then(
                "Load the saved game?",
                lost,
                lambda: self.open_save(path, confirm=False),
                yes="Load",
                save="Save and load",
            )
            return
        try:
            session, message = Session.load(path, self.saves, self.content_dirs)
        except Exception as exc:
            self.show_error(f"Cannot load {path.name}", exc)
            return
        self.session = session
        if message:
            self.notify(message, title="Save replayed in part", severity="warning", timeout=12)
        else:
            self.notify(f"{session.scenario.title}, {session.turn_label()}", title="Loaded")
        self.show_game()

    def show_error(self, title: str, exc: BaseException) -> None:
        from redline.tui.dialogs.message import MessageDialog

        errors = getattr(exc, "errors", None)
        lines = [str(e) for e in errors] if errors else [str(exc) or type(exc).__name__]
        self.push_screen(MessageDialog(title, "\n".join(lines)))

    # ---- actions -------------------------------------------------------------------------

    def action_inspect(self) -> None:
        from redline.tui.widgets.inspector import InspectorScreen

        if self.watch_content and self.session is not None and not isinstance(self.screen, InspectorScreen):
            self.push_screen(InspectorScreen(self.session.game))

    def action_help(self) -> None:
        from redline.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_settings(self) -> None:
        from redline.tui.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    async def action_quit(self) -> None:
        lost = self.losing_progress(can_save=True)
        if lost:
            self.confirm_then("Quit redline?", lost, lambda: self.exit(0), yes="Quit", save="Save and quit")
        else:
            self.exit(0)

    def record_ending(self, scenario: str, ending: str) -> list[str]:
        """Add an ending to the gallery kept beside the settings; the endings found so far."""
        from redline.tui.gallery import gallery_path, read_gallery, record

        path = gallery_path(self.settings_file) if self.settings_file is not None else None
        if not hasattr(self, "_gallery"):
            self._gallery = read_gallery(path) if path is not None else {}
        error = record(path, self._gallery, scenario, ending)
        if error:
            self.notify(error, severity="warning", timeout=8)
        return list(self._gallery.get(scenario, []))

    def odds_shown(self) -> bool:
        """Whether the players' screen shows odds: a facilitated session's own choice (its
        plan's show_odds, or the console's d), else the player's setting."""
        chosen = getattr(self.session, "show_odds", None)
        return self.settings.show_odds if chosen is None else bool(chosen)

    def apply_settings(self, save: bool = True) -> None:
        """Redraw the screen for the settings; `save` keeps them in the settings file too."""
        if save and self.settings_file is not None:
            from redline.tui.prefs import save_settings

            error = save_settings(self.settings_file, self.settings)
            if error:
                self.notify(error, severity="warning", timeout=8)
        refresh = getattr(self.screen, "refresh_view", None)
        if refresh is not None:
            refresh()

    def get_system_commands(self, screen: Screen) -> Iterator[SystemCommand]:
        for command in super().get_system_commands(screen):
            # Textual's own words, where they are not what redline does: quitting asks first
            # when a game would lose something; a screenshot is a file a player never asked for.
            if command.title == "Quit":
                yield SystemCommand(
                    "Quit", "Leave redline (asks first when the game would lose something)", command.callback
                )
            elif command.title not in ("Screenshot", "Save screenshot"):
                yield command
        yield SystemCommand("Help", "How to play, and every key", self.action_help)
        yield SystemCommand("Settings", "Theme (dark or light), odds and the forecast", self.action_settings)


def create_app(
    scenario: str | None = None,
    seed: int | None = None,
    load: str | Path | None = None,
    content_dirs: Iterable[Path] | None = None,
    saves: str | Path | None = None,
    **options: object,
) -> RedlineApp:
    """The one factory: `run_app` and the tests build the app here."""
    return RedlineApp(
        scenario=scenario,
        seed=seed,
        load=Path(load) if load is not None else None,
        content_dirs=content_dirs,
        saves=Path(saves) if saves is not None else None,
        **options,  # type: ignore[arg-type]
    )


def run_app(
    scenario: str | None = None,
    seed: int | None = None,
    load: str | Path | None = None,
    content_dirs: Iterable[Path] | None = None,
    saves: str | Path | None = None,
    watch: bool = False,
    facilitate: bool = False,
    plan: str | Path | None = None,
) -> int:
    """Play in the terminal. Bad content or a bad save: a message on stderr and exit 1.

    `facilitate` opens the setup of a facilitated session (with SCENARIO chosen, if given).
    `watch` reloads the content when a file changes and replays the game onto it.
    """
    preloaded = None
    loaded_plan = None
    if plan is not None:  # every problem of the plan is said before the terminal is taken
        from redline.exercise.cli import read_plan

        loaded_plan = read_plan(Path(plan), list(content_dirs) if content_dirs is not None else None)
        if loaded_plan is None:
            return 1
    elif load is not None or scenario is not None:
        preloaded, code = _check(scenario, load, content_dirs)
        if code:
            return code
    from redline.tui.prefs import load_settings, settings_path

    settings_file = settings_path()
    settings, notice = load_settings(settings_file)
    app = create_app(
        scenario,
        seed,
        load,
        content_dirs,
        saves,
        preloaded=preloaded,
        facilitate=facilitate,
        plan=loaded_plan,
        watch=watch,
        settings=settings,
        settings_file=settings_file,
    )
    app.settings_notice = notice
    app.run()
    return app.return_code or 0


def _check(
    scenario: str | None, load: str | Path | None, content_dirs: Iterable[Path] | None
) -> tuple[Scenario | None, int]:
    """Load what the command line asked for before the terminal is taken over.

    Returns the scenario (to start it without loading it twice) and 0, or None and the exit
    code after printing why.
    """
    from redline.content import ContentErrors, ScenarioNotFound
    from redline.saves import SaveError
    from redline.tui.session import Session, find_entry, load_entry

    try:
        if load is not None:
            Session.load(Path(load), Path("."), content_dirs)
            return None, 0
        assert scenario is not None
        return load_entry(find_entry(scenario, content_dirs)), 0
    except ContentErrors as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        from redline.report.words import counted  # loaded only on this error path

        print(f"redline: {counted(len(exc.errors), 'content error')}", file=sys.stderr)
        return None, 1
    except SaveError as exc:
        print(f"redline: {exc}", file=sys.stderr)
        return None, 1
    except ScenarioNotFound as exc:
        print(f"redline: error: {exc}", file=sys.stderr)
        return None, 2
