"""The main turn screen: the card to decide, the meters, Moscow, the coalition and the log.

Wide terminals (100 columns and more) show the panels beside the card; narrower ones show
them in tabs below it. Keys: 1-4 pick an option, the same number again (or Enter) decides.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static, TabbedContent, TabPane

from redline.tui.widgets.card import CardView, OptionRow, hint
from redline.tui.widgets.coalition import CoalitionPanel
from redline.tui.widgets.footer import KeyFooter
from redline.tui.widgets.kremlin import KremlinPanel, red_line_tooltip
from redline.tui.widgets.meters import MetersPanel
from redline.tui.widgets.newslog import NewsLog

if TYPE_CHECKING:
    from redline.tui.app import RedlineApp
    from redline.tui.commands import Command
    from redline.tui.session import Session

WIDE_AT = 100
PANELS = {"meters": "Meters", "moscow": "Moscow", "allies": "Coalition", "news": "News"}


class TurnScreen(Screen[None]):
    app: RedlineApp
    CSS_PATH = "../styles/turn.tcss"
    AUTO_FOCUS = ""  # nothing focused: numbers, Enter and arrows go to the screen
    BINDINGS = [
        Binding(
            "1", "pick(0)", "Choose", key_display="1-4", tooltip="Pick an option by its number", id="pick"
        ),
        Binding("2", "pick(1)", show=False),
        Binding("3", "pick(2)", show=False),
        Binding("4", "pick(3)", show=False),
        Binding("enter", "decide", "Decide", tooltip="Decide the picked option (or press its number again)"),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("u", "undo", "Undo", tooltip="Take back the last decision of this turn"),
        Binding("s", "save", "Save", tooltip="Save the game under a name"),
        Binding("l", "load", "Load", show=False, tooltip="Load a saved game"),
        Binding("escape", "menu", "Menu", tooltip="The title menu; the game is kept (resume with r)"),
        Binding("m", "panel('meters')", show=False),
        Binding("k", "panel('moscow')", show=False),
        Binding("a", "panel('allies')", show=False),
        Binding("n", "panel('news')", show=False),
        Binding("pageup", "scroll_card(-1)", show=False),
        Binding("pagedown", "scroll_card(1)", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(classes="turn-screen")
        self.selected: int | None = None
        self._card_key: tuple[int, str | None] | None = None
        self._wide: bool | None = None

    @property
    def session(self) -> Session:
        assert self.app.session is not None
        return self.app.session

    # ---- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self._wide = self.app.size.width >= WIDE_AT
        yield Static("", id="status", markup=False)
        if self._wide:
            with Horizontal(id="body", classes="wide"):
                with Vertical(id="left"):
                    yield CardView(id="card")
                    yield Static("", id="card-hint", markup=False)
                    with VerticalScroll(id="log-box") as box:
                        box.border_title = "News and decisions"
                        yield NewsLog(id="news")
                with VerticalScroll(id="side"):
                    yield MetersPanel(id="meters", classes="side-panel")
                    yield KremlinPanel(id="moscow", classes="side-panel")
                    yield CoalitionPanel(id="allies", classes="side-panel")
        else:
            with Vertical(id="body", classes="narrow"):
                yield CardView(id="card")
                yield Static("", id="card-hint", markup=False)
                with TabbedContent(id="tabs"):
                    with TabPane("Meters", id="tab-meters"), VerticalScroll():
                        yield MetersPanel(id="meters")
                    with TabPane("Moscow", id="tab-moscow"), VerticalScroll():
                        yield KremlinPanel(id="moscow")
                    with TabPane("Coalition", id="tab-allies"), VerticalScroll():
                        yield CoalitionPanel(id="allies")
                    with TabPane("News", id="tab-news"), VerticalScroll():
                        yield NewsLog(id="news")
        yield KeyFooter()

    def on_mount(self) -> None:
        if self._wide:
            for pid, title in PANELS.items():
                if pid != "news":
                    self.query_one(f"#{pid}").border_title = title
        self.refresh_view()

    async def on_resize(self, event: events.Resize) -> None:
        if (event.size.width >= WIDE_AT) != self._wide:
            await self.recompose()
            self.on_mount()
            if self.selected is not None:
                self.query_one(CardView).reveal(self.selected)

    def on_screen_resume(self) -> None:
        self.refresh_view()

    # ---- drawing -------------------------------------------------------------------------

    def refresh_view(self) -> None:
        session = self.session
        game = session.game
        state = session.state
        card = state.card
        key = (len(game.actions), card.id if card else None)
        if key != self._card_key:
            self._card_key = key
            self.selected = None
            self.query_one(CardView).scroll_home(animate=False)
        self.query_one("#status", Static).update(self._status())
        self._show_card()
        for panel in ("#meters", "#moscow", "#allies", "#news"):
            self.query_one(panel).show(game)  # type: ignore[attr-defined]
        self.query_one("#moscow").tooltip = red_line_tooltip(game)

    def _show_card(self) -> None:
        session = self.session
        state = session.state
        self.query_one(CardView).show(
            session.scenario, state, state.card, self.selected, self.app.settings.show_odds
        )
        self.query_one("#card-hint", Static).update(hint(state.card, self.selected, not self._wide))

    def _status(self) -> Content:
        session = self.session
        state = session.state
        sc = session.scenario
        where = "game over" if state.is_over else session.turn_label()
        bar = (" │ ", "$text-muted")
        return Content.assemble(
            (f" {where}", "bold $text-accent"),
            bar,
            f"score {state.score:g}",
            bar,
            f"seed {session.seed}",
            bar,
            (sc.title, "bold"),
        )

    # ---- playing -------------------------------------------------------------------------

    def action_pick(self, index: int) -> None:
        state = self.session.state
        card = state.card
        if card is None or index >= len(card.options):
            self.app.bell()
            return
        option = card.options[index]
        if not state.available(option):
            why = option.model.locked_text or "its condition does not hold"
            # One "locked" toast at a time: pressing several locked options does not stack them.
            for shown in [n for n in self.app._notifications if n.title == "Locked"]:
                self.app._unnotify(shown)
            self.notify(f"Option {index + 1} is locked: {why}", title="Locked", severity="warning")
            return
        if self.selected == index:
            self.action_decide()
            return
        self.selected = index
        self._show_card()
        self.query_one(CardView).reveal(index)

    def on_option_row_picked(self, message: OptionRow.Picked) -> None:
        self.action_pick(message.index)

    def action_move(self, step: int) -> None:
        state = self.session.state
        card = state.card
        if card is None:
            return
        open_ = [i for i, o in enumerate(card.options) if state.available(o)]
        if not open_:
            return
        if self.selected not in open_:
            self.selected = open_[0] if step > 0 else open_[-1]
        else:
            self.selected = open_[(open_.index(self.selected) + step) % len(open_)]
        self._show_card()
        self.query_one(CardView).reveal(self.selected)

    def action_decide(self) -> None:
        from redline.engine import IllegalAction

        card = self.session.state.card
        if card is None:
            return
        if self.selected is None:
            self.notify(f"Pick an option first: press 1–{len(card.options)}.", severity="information")
            return
        option = card.options[self.selected]
        try:
            decided = self.session.decide(option.id)
        except IllegalAction as exc:
            self.notify(str(exc), title="Not allowed", severity="error")
            return
        self.selected = None
        if decided.autosave_error:
            self.notify(decided.autosave_error, title="Autosave failed", severity="warning", timeout=8)
        if decided.turn_ended:  # the report first; this screen redraws when it comes back
            from redline.tui.screens.report import ReportScreen

            self.app.push_screen(ReportScreen(decided.turns), self._after_report)
        else:
            self.refresh_view()

    def _after_report(self, _: object = None) -> None:
        if self.session.state.is_over:
            from redline.tui.screens.ending import EndingScreen

            self.app.show_main(EndingScreen())

    def action_undo(self) -> None:
        session = self.session
        if not session.can_undo():
            label = session.scenario.info.turn_label.lower()
            self.notify(
                f"Nothing to undo in this {label}: only decisions of the current {label} can be taken back."
            )
            return
        title = session.undo()
        self.notify(f"Took back: {title}", title="Undone")
        self.refresh_view()

    def action_save(self) -> None:
        from redline.tui.screens.saves import SavesScreen

        self.app.push_screen(SavesScreen("save"))

    def action_load(self) -> None:
        from redline.tui.screens.saves import SavesScreen

        self.app.push_screen(SavesScreen("load"))

    def action_menu(self) -> None:
        self.app.show_title()

    def action_panel(self, name: str) -> None:
        if self._wide:
            if name == "news":
                self.query_one("#log-box").scroll_home(animate=False)
            else:
                self.query_one(f"#{name}").scroll_visible(animate=False)
        else:
            self.query_one("#tabs", TabbedContent).active = f"tab-{name}"

    def action_scroll_card(self, pages: int) -> None:
        card = self.query_one(CardView)
        if pages > 0:
            card.scroll_page_down(animate=False)
        else:
            card.scroll_page_up(animate=False)

    def commands(self) -> list[Command]:
        out: list[Command] = []
        state = self.session.state
        card = state.card
        if card is not None:
            for i, option in enumerate(card.options):
                if state.available(option):
                    out.append(
                        (
                            f"Choose {i + 1}: {option.model.label}",
                            f"Pick this option on “{card.model.title}” (then Enter to decide)",
                            lambda i=i: self.action_pick(i),
                        )
                    )
        out += [
            ("Undo", "Take back the last decision of this turn", self.action_undo),
            ("Save game", "Save under a name", self.action_save),
            ("Load game", "Open a saved game", self.action_load),
            ("Menu", "Back to the title menu (the game is kept)", self.action_menu),
        ]
        for name, title in PANELS.items():
            out.append(
                (
                    f"Show {title.lower()}",
                    f"Show the {title.lower()} panel",
                    lambda n=name: self.action_panel(n),
                )
            )
        return out
