"""The players' screens in a facilitated session: the solo screens, plus whose decision it is,
the turn timer, votes, hand-overs between teams and a key to the facilitator's console.

What the facilitator keeps back stays off these screens: scheduled injects and notes are left
out of the news, and the red lines can be hidden until the debrief.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from redline.tui.screens.briefing import BriefingScreen
from redline.tui.screens.ending import EndingScreen
from redline.tui.screens.turn import TurnScreen
from redline.tui.widgets.kremlin import KremlinPanel
from redline.tui.widgets.newslog import NewsLog, log_lines

if TYPE_CHECKING:
    from textual.screen import Screen

    from redline.engine import Game
    from redline.session.facilitated import FacilitatedSession
    from redline.session.local import Decided
    from redline.tui.commands import Command

CSS = ["../styles/turn.tcss", "../styles/facilitation.tcss"]
CONSOLE_KEYS = [
    Binding("f", "console", "Console", tooltip="The facilitator's console (the players' view is hidden)"),
    Binding("f2", "console", show=False),
]


def facilitated_screen(session: FacilitatedSession) -> Screen[Any]:
    """The players' screen for where the session stands."""
    return FacilitatedEnding() if session.state.is_over else FacilitatedTurnScreen()


def open_console(screen: Screen[Any]) -> None:
    from redline.tui.facilitation.console import ConsoleScreen

    screen.app.push_screen(ConsoleScreen())


# ---- the players' panels ---------------------------------------------------------------------------


class PlayersKremlinPanel(KremlinPanel):
    """Moscow's panel; with the red lines hidden, only the ladder and the signals."""

    def set_red_lines(self, shown: bool) -> None:
        if shown != self.red_lines_shown:
            self.red_lines_shown = shown
            self._drawn = None  # the same state, drawn differently


class PlayersNewsLog(NewsLog):
    def build(self, game: Game, width: int) -> Content:
        from redline.session.public import public_events

        shown = public_events(game.all_events())
        rows = log_lines(game.scenario, shown, game.scenario.info.turn_label, width)
        return Content("\n").join(rows) if rows else Content.styled("Nothing yet.", "$text-muted")


# ---- briefing and ending ----------------------------------------------------------------------------


class FacilitatedBriefing(BriefingScreen):
    CSS_PATH = "../styles/facilitation.tcss"
    BINDINGS = CONSOLE_KEYS

    @property
    def session(self) -> FacilitatedSession:
        return self.app.session  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        red_cell = self.session.game.red_cell
        for widget in super().compose():
            if widget.id == "briefing-signals" and red_cell:
                label = self.session.scenario.info.turn_label.lower()
                widget = Static(
                    f"The red cell chooses Moscow's signals at the start of each {label}.",
                    id=widget.id,
                    markup=False,
                )
            yield widget
            if widget.id == "briefing-facts":
                yield Static(seats_text(self.session), id="briefing-seats")

    def action_begin(self) -> None:
        self.app.show_game()

    def action_console(self) -> None:
        open_console(self)


class FacilitatedEnding(EndingScreen):
    """The ending, with the console a key away: a rewind from here plays on."""

    CSS_PATH = "../styles/facilitation.tcss"
    BINDINGS = [
        *CONSOLE_KEYS,
        Binding("c", "observe", "Observe", tooltip="An observation for the hot-wash"),
    ]

    def action_observe(self) -> None:
        from redline.tui.facilitation.rulings import ObserveDialog

        self.app.push_screen(ObserveDialog(), self._observed)

    def _observed(self, said: str | None) -> None:
        if said:
            self.notify(said, title="Hot-wash")

    def on_screen_resume(self) -> None:
        session = self.app.session
        # Rewound from the console, unless the console already showed the game going on.
        if self.app.screen is self and session is not None and not session.state.is_over:
            self.app.show_game()

    def action_console(self) -> None:
        open_console(self)


def seats_text(session: FacilitatedSession) -> Content:
    rows = [Content.styled("Seats", "bold")]
    for seat in session.seats():
        who = session.player(seat.role)
        extra = " (human red cell)" if seat.red_cell and session.game.red_cell else ""
        rows.append(Content.assemble(("• ", "$text-accent"), (seat.name, "bold"), f" — {who}{extra}"))
    return Content("\n").join(rows)


# ---- the turn --------------------------------------------------------------------------------------


class FacilitatedTurnScreen(TurnScreen):
    CSS_PATH = CSS
    BINDINGS = [
        *CONSOLE_KEYS,
        Binding("v", "vote", "Vote", tooltip="Put this decision to a vote of the teams"),
    ]
    # The odds go off with the console's `d` or the plan's show_odds: the facilitator's doing.
    ODDS_HIDDEN = "odds hidden by the facilitator"

    def __init__(self) -> None:
        super().__init__()
        self._busy = False  # a hand-over or a red cell's screen is open
        self._time_told = False

    @property
    def session(self) -> FacilitatedSession:
        return self.app.session  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if type(widget) is KremlinPanel:
                widget = PlayersKremlinPanel(id=widget.id, classes=" ".join(widget.classes) or None)
            elif type(widget) is NewsLog:
                widget = PlayersNewsLog(id=widget.id, classes=" ".join(widget.classes) or None)
            yield widget
            if widget.id == "status":
                yield Horizontal(
                    Static("", id="whose", markup=False),
                    Static("", id="timer", markup=False),
                    id="whose-bar",
                )

    @on(events.Mount)
    def _start_clock(self) -> None:
        self.set_interval(1, self._tick)

    # ---- drawing ------------------------------------------------------------------------------

    def refresh_view(self) -> None:
        session = self.session
        moscow = self.query_one("#moscow", PlayersKremlinPanel)
        moscow.set_red_lines(session.show_red_lines)
        super().refresh_view()
        if not session.show_red_lines:
            moscow.tooltip = None
        self.query_one("#whose", Static).update(self._whose())
        self._tick()
        self.call_after_refresh(self.next_move)

    def _whose(self) -> Content:
        from redline.engine import KREMLIN, SIGNAL

        session = self.session
        state = session.state
        role = session.actor()
        if role is None:
            return Content.styled(" Waiting for the facilitator", "$text-muted")
        doing = {SIGNAL: "Moscow signals", KREMLIN: "Moscow responds"}.get(state.phase, "Decision for")
        return Content.assemble(
            (f" ▶ {doing} ", "bold"),
            (session.player(role), "bold $text-accent"),
            (f" — {session.role_name(role)}", ""),
        )

    def _tick(self) -> None:
        from redline.tui.facilitation.clock import clock_text

        timer = self.session.timer
        bar = self.query_one("#whose-bar")
        field = self.query_one("#timer", Static)
        field.update(clock_text(self.session))
        expired = timer.expired
        bar.set_class(expired, "-time")
        if expired and not self._time_told:
            self._time_told = True
            self.notify("Time is up.", title="Timer", severity="warning")
        elif not expired:
            self._time_told = False

    # ---- hand-overs and Moscow's red cell ------------------------------------------------------

    def next_move(self) -> None:
        """Hand the keyboard over when the next move is another role's; open the red cell's
        screens when Moscow is to move."""
        from redline.engine import KREMLIN, SIGNAL
        from redline.tui.facilitation.handover import PassScreen, RespondScreen, SignalScreen

        if self._busy or not self.is_attached or self.app.screen is not self:
            return
        session = self.session
        state = session.state
        if state.is_over:
            return
        if session.needs_handover():
            self._busy = True
            self.app.push_screen(PassScreen(), self._handed_over)
        elif state.phase == SIGNAL:
            self._busy = True
            self.app.push_screen(SignalScreen(), self._signalled)
        elif state.phase == KREMLIN:
            self._busy = True
            self.app.push_screen(RespondScreen(), self._responded)

    def _handed_over(self, ready: bool | str | None) -> None:
        from redline.tui.facilitation.handover import UNDONE

        self._busy = False
        if ready == UNDONE:  # the card taken back is on screen again, for the team that decided it
            self.refresh_view()
            return
        if ready:
            self.session.hand_over()
        self.call_after_refresh(self.next_move)

    def _signalled(self, chosen: tuple[str, ...] | None) -> None:
        self._busy = False
        if chosen is not None:
            self._play(lambda: self.session.signal(chosen))

    def _responded(self, chosen: str | None) -> None:
        self._busy = False
        if chosen is not None:
            self._play(lambda: self.session.respond(chosen or None))

    def _play(self, move: Any) -> None:
        from redline.engine import IllegalAction

        try:
            decided: Decided = move()
        except IllegalAction as exc:
            self.notify(str(exc), title="Not allowed", severity="error")
            self.call_after_refresh(self.next_move)
            return
        if decided.autosave_error:
            self.notify(decided.autosave_error, title="Autosave failed", severity="warning", timeout=8)
        if decided.turn_ended:
            from redline.tui.screens.report import ReportScreen

            self.app.push_screen(ReportScreen(decided.turns), self._after_report)
        else:
            self.refresh_view()

    def _after_report(self, _: object = None) -> None:
        if self.session.state.is_over:
            self.app.show_game()

    # ---- votes and the console ------------------------------------------------------------------

    def action_vote(self) -> None:
        from redline.tui.facilitation.dialogs import VoteDialog

        state = self.session.state
        card = state.card
        if card is None:
            self.notify("No decision is due: nothing to vote on.")
            return
        self.app.push_screen(VoteDialog(self.session), self._voted)

    def _voted(self, result: tuple[str, tuple[tuple[str, int], ...]] | None) -> None:
        card = self.session.state.card
        if result is None or card is None:
            return
        option_id, votes = result
        self.selected = [o.id for o in card.options].index(option_id)
        self.session.pending_votes = votes
        try:
            self.action_decide()
        finally:
            self.session.pending_votes = None

    def action_console(self) -> None:
        open_console(self)

    def commands(self) -> list[Command]:
        return [
            *super().commands(),
            ("Vote", "Put this decision to a vote of the teams", self.action_vote),
            ("Facilitator's console", "Injects, overrides, timer, notes, rewind", self.action_console),
        ]
