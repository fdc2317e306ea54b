"""Hot-seat hand-overs and Moscow's red cell.

"Pass to <team> (<role>)" fills the screen between moves by different roles, so that the
next team takes the keyboard knowing it is theirs. The red cell's screens are full screens
too: the coalition's teams do not see what Moscow is weighing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from redline.report.words import counted
from redline.session.facilitated import signal_choices
from redline.tui.facilitation.clock import MoveClock, in_units
from redline.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from redline.content.compiled import CResponse
    from redline.session.facilitated import FacilitatedSession
    from redline.tui.app import RedlineApp
    from redline.tui.commands import Command

CSS = "../styles/facilitation.tcss"
HOLD = "__hold__"  # not a valid content id, so never a response's
UNDONE = "undone"  # the hand-over screen took the last decision back


class _SessionScreen(Screen[object]):
    app: RedlineApp
    CSS_PATH = CSS

    @property
    def session(self) -> FacilitatedSession:
        return self.app.session  # type: ignore[return-value]

    def action_console(self) -> None:
        from redline.tui.facilitation.screens import open_console

        open_console(self)

    def action_menu(self) -> None:
        self.app.show_title()


class PassScreen(_SessionScreen):
    """Dismisses True once the next team is at the keyboard, or UNDONE when the last
    decision was taken back from here."""

    BINDINGS = [
        Binding("enter", "ready", "Ready", tooltip="The next team has the keyboard"),
        Binding("u", "undo", "Undo last", tooltip="Take back the last decision of this {turn}"),
        Binding("f", "console", "Console", tooltip="The facilitator's console"),
        Binding("f2", "console", show=False),
        Binding("escape", "menu", "Menu", tooltip="The title menu; the session is kept"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="pass-screen")

    def on_mount(self) -> None:
        in_units(self, self.session.scenario.info.turn_label)

    def compose(self) -> ComposeResult:
        session = self.session
        role = session.actor()
        with Middle(id="pass-middle"), Center(), Vertical(id="pass-box"):
            yield Static("Pass to", id="pass-to", markup=False)
            yield Static(session.player(role), id="pass-team", markup=False)
            yield Static(f"({session.role_name(role)})", id="pass-role", markup=False)
            yield Static(self._next(), id="pass-next")
            yield Static(Content.styled("Press Enter when ready.", "bold"), id="pass-hint")
            yield Center(MoveClock(session, id="pass-clock"))
        yield KeyFooter()

    def _next(self) -> Content:
        from redline.engine import KREMLIN, SIGNAL

        session = self.session
        state = session.state
        where = session.turn_label()
        if state.phase == SIGNAL:
            what = "Moscow's signals for this " + session.scenario.info.turn_label.lower()
        elif state.phase == KREMLIN:
            what = "Moscow's response: carry out a threat, or hold"
        else:
            card = state.card
            what = f"“{card.model.title}”" if card else "the next move"
        return Content.assemble(("Next: ", "$text-muted"), (what, "bold"), (f" — {where}", "$text-muted"))

    def action_ready(self) -> None:
        self.dismiss(True)

    def action_undo(self) -> None:
        """The team that just decided may take it back before handing over (dismisses "undone")."""
        session = self.session
        if not session.can_undo():
            label = session.scenario.info.turn_label.lower()
            self.notify(f"Nothing to undo: only a team's decision of this {label} can be taken back.")
            return
        title = session.undo()
        session.handed_to = None
        self.notify(f"Took back: {title}", title="Undone")
        self.dismiss(UNDONE)

    def commands(self) -> list[Command]:
        return [("Ready", "The next team has the keyboard", self.action_ready)]


class SignalScreen(_SessionScreen):
    """The red cell names up to N threats; dismisses the chosen response ids."""

    AUTO_FOCUS = "#signal-list"
    BINDINGS = [
        Binding("enter", "send", "Send signals", priority=True, tooltip="Signal the threats ticked"),
        Binding("f", "console", "Console", tooltip="The facilitator's console"),
        Binding("f2", "console", show=False),
        Binding("escape", "menu", "Menu", tooltip="The title menu; the session is kept"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="redcell-screen")
        self.choices: list[CResponse] = []

    @property
    def limit(self) -> int:
        return self.session.scenario.kremlin.signals

    def compose(self) -> ComposeResult:
        session = self.session
        state = session.state
        sc = session.scenario
        self.choices = signal_choices(session)
        yield Static(
            Content.assemble((f" Moscow — red cell · {session.turn_label()}", "bold $text-error")),
            id="status",
        )
        yield MoveClock(session, id="redcell-clock")
        with Vertical(id="redcell-body"):
            rung = sc.rungs[state.rung].model.label
            yield Static(
                Content.assemble(
                    "Signal up to ",
                    (counted(self.limit, "threat"), "bold"),
                    f" Moscow may carry out this {sc.info.turn_label.lower()}. ",
                    (f"Moscow stands on “{rung}”.", "$text-muted"),
                ),
                classes="redcell-lead",
            )
            rungs = {r.id: rung.model.label for rung in sc.rungs for r in rung.responses}
            yield SelectionList[str](
                *(
                    Selection(
                        Content.assemble((r.model.label, "bold"), (f"  {rungs[r.id]}", "$text-muted")), r.id
                    )
                    for r in self.choices
                ),
                id="signal-list",
            )
            yield Static("", id="signal-detail")
            yield Static(
                Content.styled(
                    "Space ticks a threat; Enter sends them (none: Moscow signals nothing).", "$text-muted"
                ),
                id="redcell-hint",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        self._detail(0)

    def on_selection_list_selection_highlighted(self, event: SelectionList.SelectionHighlighted[str]) -> None:
        event.stop()
        self._detail(event.selection_index)

    def _detail(self, index: int) -> None:
        """What the highlighted threat says in public, and what carrying it out would do."""
        if not 0 <= index < len(self.choices):
            return
        r = self.choices[index].model
        self.query_one("#signal-detail", Static).update(
            Content.assemble(("Signal: ", "bold"), r.signal, "\n", ("If carried out: ", "bold"), r.text)
        )

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        event.stop()
        chosen = self.query_one("#signal-list", SelectionList).selected
        if len(chosen) > self.limit:
            self.query_one("#signal-list", SelectionList).deselect(event.selection.value)
            self.notify(f"At most {counted(self.limit, 'signal')}: untick one first.", severity="warning")

    def action_send(self) -> None:
        chosen = self.query_one("#signal-list", SelectionList).selected
        order = [r.id for r in self.choices]
        self.app.clear_notifications()
        self.dismiss(tuple(sorted(chosen, key=order.index)))

    def commands(self) -> list[Command]:
        return [("Send signals", "Signal the threats ticked", self.action_send)]


class RespondScreen(_SessionScreen):
    """The red cell carries out one threat, or holds; dismisses its id ("" to hold)."""

    AUTO_FOCUS = "#respond-list"
    BINDINGS = [
        Binding("f", "console", "Console", tooltip="The facilitator's console"),
        Binding("f2", "console", show=False),
        Binding("escape", "menu", "Menu", tooltip="The title menu; the session is kept"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="redcell-screen")

    def compose(self) -> ComposeResult:
        session = self.session
        state = session.state
        sc = session.scenario
        yield Static(
            Content.assemble((f" Moscow — red cell · {session.turn_label()}", "bold $text-error")),
            id="status",
        )
        yield MoveClock(session, id="redcell-clock")
        with Vertical(id="redcell-body"):
            crossed = [rl.model.label for rl in sc.red_lines if state.crossed.get(rl.id) == state.turn]
            lead = [Content("Carry out one response, or hold.")]
            if crossed:
                lead.append(
                    Content.styled(
                        f"Crossed this {sc.info.turn_label.lower()}: " + "; ".join(crossed),
                        "bold $text-error",
                    )
                )
            yield Static(Content("\n").join(lead), classes="redcell-lead")
            options: list[Option | None] = [
                Option(Content.assemble(("Hold", "bold"), ("  — carry out nothing", "$text-muted")), id=HOLD)
            ]
            allowed = {r.id: r for r in state.reachable_responses()}
            for rid in state.signals:
                allowed.setdefault(rid, sc.responses[rid])
            for r in allowed.values():
                options.append(None)
                how = "signalled" if r.id in state.signals else "without warning"
                options.append(
                    Option(
                        Content.assemble(
                            (r.model.label, "bold"), (f"  {how}", "$text-muted"), "\n", r.model.text
                        ),
                        id=r.id,
                    )
                )
            yield OptionList(*options, markup=False, id="respond-list")
            yield Static(
                Content.styled("Enter carries out the highlighted choice.", "$text-muted"), id="redcell-hint"
            )
        yield KeyFooter()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss("" if event.option.id == HOLD else event.option.id or "")
