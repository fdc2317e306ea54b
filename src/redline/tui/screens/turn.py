"""The main turn screen: the card to decide, the meters, Moscow, the coalition and the log.

Wide terminals (100 columns and more) show the panels beside the card; narrower ones show
them in tabs below it. Keys: 1-4 pick an option, the same number again (or Enter) decides.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static, TabbedContent, TabPane
from textual.worker import Worker, get_current_worker

from redline.tui.widgets.card import CardView, OptionRow, PickedPanel, hint
from redline.tui.widgets.coalition import CoalitionPanel
from redline.tui.widgets.footer import KeyFooter
from redline.tui.widgets.forecast import ForecastPanel, forecast_lines
from redline.tui.widgets.kremlin import KremlinPanel, red_line_tooltip
from redline.tui.widgets.meters import MetersPanel
from redline.tui.widgets.newslog import NewsLog
from redline.tui.widgets.panelscroll import PanelScroll

if TYPE_CHECKING:
    from redline.engine import State
    from redline.tui.app import RedlineApp
    from redline.tui.commands import Command
    from redline.tui.session import Session

WIDE_AT = 100
FORECAST_GAMES = 400  # playouts per option, at most: the count firms up little past this
FORECAST_BATCH = 8  # playouts per option between looks at the clock (and at cancelling)
FORECAST_REDRAW = 0.4  # seconds between redraws of the forecast while it firms up
PANELS = {
    "meters": "Meters",
    "moscow": "Moscow",
    "allies": "Coalition",
    "news": "News",
    "forecast": "Forecast",
}


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
        Binding("u", "undo", "Undo", tooltip="Take back the last decision, before the report"),
        Binding("s", "save", "Save", tooltip="Save the game under a name"),
        Binding("l", "load", "Load", show=False, tooltip="Load a saved game"),
        Binding(
            "tab", "next_panel(1)", "Panels", tooltip="Into the next panel: ↑↓ PgUp PgDn scroll it, Esc back"
        ),
        Binding("shift+tab", "next_panel(-1)", show=False),
        Binding("escape", "menu", "Menu", tooltip="The title menu; the game is kept (resume with r)"),
        Binding("m", "panel('meters')", show=False),
        Binding("k", "panel('moscow')", show=False),
        Binding("a", "panel('allies')", show=False),
        Binding("n", "panel('news')", show=False),
        Binding("f", "panel('forecast')", show=False),
        Binding("r", "reports", "Reports", tooltip="Reread the earlier reports"),
        Binding("pageup", "scroll_card(-1)", show=False),
        Binding("pagedown", "scroll_card(1)", show=False),
    ]

    ODDS_HIDDEN = "odds hidden in settings"  # what an option says when the odds are off

    def __init__(self) -> None:
        super().__init__(classes="turn-screen")
        self.selected: int | None = None
        self._card_key: tuple[int, str | None] | None = None
        self._wide: bool | None = None
        self._forecast_for: tuple[int, str | None] | None = None  # the card the forecast is for
        self._forecast_counts: tuple[list, int, bool] | None = None  # the latest count drawn
        self.forecast_worker: Worker[None] | None = None
        self._last_panel: str | None = None  # wide: the panel Tab last brought into view

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
                    yield CardView(id="card", touches_inline=False)
                    yield Static("", id="card-hint", markup=False)
                # What the picked option touches and the forecast sit beside the options, below
                # the panels, so that the card's column keeps its whole height for the card.
                with Vertical(id="right"):
                    with PanelScroll(id="side"):
                        yield MetersPanel(id="meters", classes="side-panel")
                        yield KremlinPanel(id="moscow", classes="side-panel")
                        yield CoalitionPanel(id="allies", classes="side-panel")
                        with Vertical(id="log-box", classes="side-panel") as box:
                            box.border_title = "News and decisions"
                            yield NewsLog(id="news")
                    yield PickedPanel(id="picked")
                    yield ForecastPanel(id="forecast")
        else:
            with Vertical(id="body", classes="narrow"):
                yield CardView(id="card")
                yield Static("", id="card-hint", markup=False)
                with TabbedContent(id="tabs"):
                    with TabPane("Meters", id="tab-meters"), PanelScroll(id="scroll-meters"):
                        yield MetersPanel(id="meters")
                    with TabPane("Moscow", id="tab-moscow"), PanelScroll(id="scroll-moscow"):
                        yield KremlinPanel(id="moscow")
                    with TabPane("Coalition", id="tab-allies"), PanelScroll(id="scroll-allies"):
                        yield CoalitionPanel(id="allies")
                    with TabPane("News", id="tab-news"), PanelScroll(id="scroll-news"):
                        yield NewsLog(id="news")
                    with TabPane("Forecast", id="tab-forecast"), PanelScroll(id="scroll-forecast"):
                        yield ForecastPanel(id="forecast")
        yield KeyFooter()

    def on_mount(self) -> None:
        if self._wide:
            for pid, title in PANELS.items():
                if pid not in ("news", "forecast"):
                    self.query_one(f"#{pid}").border_title = title
        self.refresh_view()

    async def on_resize(self, event: events.Resize) -> None:
        if (event.size.width >= WIDE_AT) != self._wide:
            await self.recompose()
            self.on_mount()
            self.refresh_bindings()  # the new footer fills in only on a bindings signal
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
        self._show_pick_keys(len(card.options) if card is not None else 0)
        self._show_card()
        for panel in ("#meters", "#moscow", "#allies", "#news"):
            self.query_one(panel).show(game)  # type: ignore[attr-defined]
        self.query_one("#moscow").tooltip = red_line_tooltip(game)
        self._forecast(key)

    def _show_pick_keys(self, count: int) -> None:
        """The footer names the numbers this card has: "1-3" on a three-option card."""
        shown = "1" if count == 1 else f"1-{count}"
        keys = self._bindings.key_to_bindings
        now = keys.get("1", [])
        if not count:
            self.refresh_bindings()  # no card: check_action takes "Choose" off the footer
        elif now and now[0].key_display != shown:
            keys["1"] = [replace(b, key_display=shown) for b in now]
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick" and parameters == (0,):
            session = self.app.session
            return session is not None and session.state.card is not None
        if action == "undo":  # only a turn of several cards has a decision to take back
            session = self.app.session
            return session is None or session.scenario.info.cards_per_turn > 1
        return True

    # ---- the live forecast ---------------------------------------------------------------

    def forecast_on(self) -> bool:
        """The player's setting, and the facilitator's odds switch, which hides it too."""
        return self.app.settings.show_forecast and self.app.odds_shown()

    def _forecast(self, key: tuple[int, str | None]) -> None:
        panel = next(iter(self.query(ForecastPanel)), None)
        if panel is None:  # the screen is being taken down
            return
        state = self.session.state
        on = self.forecast_on() and state.card is not None
        panel.display = on
        if not self._wide:
            self.query_one("#tabs", TabbedContent).get_tab("tab-forecast").display = on
        if not on:
            self.workers.cancel_group(self, "forecast")
            self._forecast_for = None
            return
        if self._forecast_for == key:
            return
        self._forecast_for = key
        self._forecast_counts = None
        panel.update(forecast_lines([], self.session.scenario, 0, False))
        self.forecast_worker = self._play_forecast(key, state)

    @work(exclusive=True, group="forecast", thread=True)
    def _play_forecast(self, key: tuple[int, str | None], state: State) -> None:
        """Playouts in batches, each firmer count drawn as it comes; stops when cancelled."""
        from redline.sim.forecast import Forecast

        worker = get_current_worker()
        forecast = Forecast(state)
        drawn = 0.0
        while forecast.games < FORECAST_GAMES and not worker.is_cancelled:
            forecast.run(FORECAST_BATCH, self.app.pacer.give_way)
            done = forecast.games >= FORECAST_GAMES
            if worker.is_cancelled:
                return
            # Redraw a few times a second, not every batch: each redraw lays out the column.
            if not done and forecast.games > FORECAST_BATCH and time.monotonic() - drawn < FORECAST_REDRAW:
                continue
            drawn = time.monotonic()
            counts = [replace(o, endings=dict(o.endings), change=dict(o.change)) for o in forecast.options]
            self.app.call_from_thread(self._forecast_drawn, key, counts, forecast.games, done)

    def forecast_games(self) -> int:
        """Games per option behind the forecast drawn now (0 before the first count)."""
        return self._forecast_counts[1] if self._forecast_counts else 0

    def _forecast_drawn(self, key: tuple[int, str | None], counts: list, games: int, done: bool) -> None:
        if key == self._forecast_for and self.is_attached:
            self._forecast_counts = (counts, games, done)
            self._draw_forecast()

    def _draw_forecast(self) -> None:
        if self._forecast_counts is None:
            return
        counts, games, done = self._forecast_counts
        # The screen may be on its way out (a save dialog, a load) when the last batch lands.
        panel = next(iter(self.query(ForecastPanel)), None)
        if panel is None:
            return
        panel.update(forecast_lines(counts, self.session.scenario, games, done, self.selected))

    def _show_card(self) -> None:
        session = self.session
        state = session.state
        self.query_one(CardView).show(
            session.scenario, state, state.card, self.selected, self.app.odds_shown(), self.ODDS_HIDDEN
        )
        self.query_one("#card-hint", Static).update(hint(state.card, self.selected, not self._wide))
        for picked in self.query(PickedPanel):
            picked.show(state, state.card, self.selected)
        self._draw_forecast()

    def _status(self) -> Content:
        session = self.session
        state = session.state
        sc = session.scenario
        where = "game over" if state.is_over else session.turn_label()
        if state.card is not None:  # the cards left: the card's own line keeps to the card
            left = len(state.hand)
            if sc.info.cards_per_turn > 1:  # one card a turn: "last card" on it read as a warning
                where += " · last card" if left == 1 else f" · {left} cards left"
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
        self.workers.cancel_group(self, "forecast")  # the player has decided: stop at once
        self._forecast_for = None
        try:
            decided = self.session.decide(option.id)
        except IllegalAction as exc:
            self.notify(str(exc), title="Not allowed", severity="error")
            return
        self.selected = None
        if decided.autosave_error:
            self.notify(decided.autosave_error, title="Autosave failed", severity="warning", timeout=8)
        if decided.turn_ended:  # the big moments, then the report; this screen redraws after
            from redline.report.moments import moments

            # The player's doing: what followed their decisions, not the game's opening state.
            every = [e for batch in self.session.game.events[1:] for e in batch]
            ended = [e for e in every if e.turn in decided.turns]
            earlier = [e for e in every if e.turn < decided.turns[0]]
            self._moments(moments(self.session.scenario, ended, earlier), decided.turns)
        else:
            self.refresh_view()

    def _moments(self, left: list, turns: tuple[int, ...], shown: int = 0) -> None:
        """Each big moment on its own screen, one after another, then the turn's report."""
        if left:
            from redline.tui.screens.moment import MomentScreen

            count = (shown + 1, shown + len(left))
            self.app.push_screen(
                MomentScreen(left[0], count), lambda _: self._moments(left[1:], turns, shown + 1)
            )
            return
        from redline.tui.screens.report import ReportScreen

        self.app.push_screen(ReportScreen(turns), self._after_report)

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

    def action_reports(self) -> None:
        from redline.tui.screens.report import ReportScreen

        done = tuple(range(1, self.session.state.turn))
        if not done:
            self.notify(f"No report yet: the first {self.session.scenario.info.turn_label.lower()} is on.")
            return
        self.app.push_screen(ReportScreen(done, reread=True))

    def action_menu(self) -> None:
        self.app.show_title()

    def action_panel(self, name: str) -> None:
        """Show a panel and give it the keys, so that ↑↓ PgUp PgDn scroll it (Esc: back)."""
        if name == "forecast" and not self.forecast_on():
            self.notify("The forecast is off (Settings).")
            return
        if self._wide:
            side = self.query_one("#side", PanelScroll)
            if name != "forecast":  # the forecast is always in view beside the card
                self._last_panel = name
                target = self.query_one("#log-box" if name == "news" else f"#{name}")
                side.scroll_to_widget(target, animate=False, top=True)
            side.focus()
            return
        tabs = self.query_one("#tabs", TabbedContent)
        tabs.active = f"tab-{name}"
        scroll = self.query_one(f"#scroll-{name}", PanelScroll)
        scroll.focus()
        panel = scroll.query_one(f"#{name}")
        if hasattr(panel, "show"):  # drawn for its width once the tab is laid out
            self.call_after_refresh(self._redraw_panel, name)

    def _redraw_panel(self, name: str) -> None:
        panel = self.query_one(f"#{name}")
        if name == "forecast":
            self._draw_forecast()
        else:
            panel.show(self.session.game)  # type: ignore[attr-defined]

    def action_next_panel(self, step: int) -> None:
        """Tab: into the next panel (the first from the card); shift+Tab: the one before."""
        names = [n for n in PANELS if n != "forecast" or self.forecast_on()]
        if self._wide:
            names = [n for n in names if n != "forecast"]
        now = self._panel_shown()
        if now is None or self.focused is None:
            at = 0 if step > 0 else len(names) - 1
        else:
            at = (names.index(now) + step) % len(names) if now in names else 0
        self.action_panel(names[at])

    def _panel_shown(self) -> str | None:
        if self._wide:
            return self._last_panel
        active = self.query_one("#tabs", TabbedContent).active
        return active.removeprefix("tab-") or None

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
            ("Undo", "Take back the last decision, before the report", self.action_undo),
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
