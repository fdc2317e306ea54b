"""The facilitator's forms: a vote, an inject, an override, a note, the timer, a rewind.

Each is a modal dialog driven by the keyboard: Enter moves to the next field and, on the
last, submits; Esc cancels. A refused submission shows why in the dialog and changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from redline.report.words import counted
from redline.session.facilitated import targets
from redline.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from redline.session.facilitated import FacilitatedSession
    from redline.tui.app import RedlineApp


class FormDialog(ModalScreen[Any]):
    """A titled form with an error line. Subclasses compose `fields()` and `submit()`.

    Textual runs the `on_mount` of every class in the line, base last: a subclass's does
    not call super()'s."""

    app: RedlineApp
    CSS_PATH = "../styles/facilitation.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without changing anything"),
        # A priority binding runs as the app takes the key, in the order keys were typed: the
        # next field has the focus before the keys typed after Enter are routed (see next_field).
        Binding("enter", "next_field", show=False, priority=True),
    ]
    TITLE_TEXT = ""
    HINT = "Enter moves to the next field, and on the last one submits. Esc cancels."

    def __init__(self) -> None:
        super().__init__(classes="dialog form-dialog")

    @property
    def session(self) -> FacilitatedSession:
        return self.app.session  # type: ignore[return-value]

    @property
    def unit(self) -> str:
        """The scenario's word for a turn ("month"), which "{turn}" in a title or hint becomes."""
        return self.session.scenario.info.turn_label.lower()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box form-box"):
            title = self.TITLE_TEXT.replace("{turn}", self.unit)
            yield Static(title, classes="dialog-title", markup=False)
            yield from self.fields()
            yield Static("", classes="form-error", markup=False)
            hint = self.HINT.replace("{turn}", self.unit)
            yield Static(Content.styled(hint, "$text-muted"), classes="form-hint")
        yield KeyFooter()

    def fields(self) -> ComposeResult:
        raise NotImplementedError
        yield

    def on_mount(self) -> None:
        self.query_one(".form-error").display = False
        for field in self.query(Input):
            field.cursor_blink = self.app.cursor_blink

    def refuse(self, message: str) -> None:
        error = self.query_one(".form-error", Static)
        error.update(Content.styled(message, "bold $text-error"))
        error.display = True

    def action_next_field(self) -> None:
        """Enter in a field that is not the last: the next field, at once.

        The app hands each key to the widget focused when it takes the key. Left to the
        field, Enter would move the focus only once the field had handled it, after the keys
        typed behind it had already been handed to that field: typed fast, every field ran
        into the first. Enter on the last field (or elsewhere) goes on as usual: the field
        submits after it has taken every key typed before it."""
        from textual.actions import SkipAction

        nxt = self.next_after(self.focused)
        if nxt is None:
            raise SkipAction()
        # Not `nxt.focus()`, which waits for the app's next turn: the keys typed next must
        # already find the new field.
        self.set_focus(nxt)

    def next_after(self, focused: Any) -> Any:
        """Where Enter moves the focus from `focused`, or None: Enter does what it does there."""
        fields = [w for w in self.query(Input) if not w.disabled]
        if isinstance(focused, Input) and focused in fields and focused is not fields[-1]:
            return fields[fields.index(focused) + 1]
        return None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        fields = [w for w in self.query(Input) if not w.disabled]
        if event.input is fields[-1]:
            self.submit()
        else:
            self.focus_next()

    def submit(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _apply(self, change: Any) -> None:
        """Run `change`; dismiss with what it says, or show why it was refused."""
        from redline.engine import IllegalAction

        try:
            said = change()
        except IllegalAction as exc:
            self.refuse(str(exc))
            return
        self.dismiss(said)


def field_row(label: str, field: Input, classes: str = "") -> Horizontal:
    return Horizontal(Static(label, classes="form-label", markup=False), field, classes=f"form-row {classes}")


# ---- the vote -------------------------------------------------------------------------------------


class VoteDialog(FormDialog):
    """Dismisses (winning option id, the tally) or None. A tie is settled by the facilitator."""

    HINT = "Type each option's votes (empty is 0); Enter on the last counts them. Esc cancels."

    def __init__(self, session: FacilitatedSession) -> None:
        super().__init__()
        state = session.state
        card = state.card
        assert card is not None
        self.card = card
        self.options = [(i, o) for i, o in enumerate(card.options) if state.available(o)]
        self.TITLE_TEXT = f"Vote — {card.model.title}"
        red_cell = session.red_cell_role
        self.teams = sorted({team for role, team in session.teams.items() if role != red_cell})
        self.tally: tuple[tuple[str, int], ...] = ()

    def fields(self) -> ComposeResult:
        teams = ", ".join(self.teams) if self.teams else "the room"
        yield Static(Content.assemble(("Voting: ", "bold"), teams), classes="form-text")
        for i, option in self.options:
            yield field_row(
                f"[{i + 1}] {option.model.label}",
                Input(placeholder="0", id=f"vote-{option.id}", type="integer", compact=True),
                classes="vote-row",
            )
        yield Static("", id="tie-text", markup=False)
        yield OptionList(markup=False, id="tie-list")

    def on_mount(self) -> None:
        self.query_one("#tie-list").display = False
        self.query_one("#tie-text").display = False

    def submit(self) -> None:
        counts = []
        for _, option in self.options:
            text = self.query_one(f"#vote-{option.id}", Input).value.strip()
            try:
                count = int(text) if text else 0
            except ValueError:
                self.refuse(f"'{text}' is not a number of votes.")
                return
            if count < 0:
                self.refuse("A number of votes cannot be negative.")
                return
            counts.append((option.id, count))
        if not any(c for _, c in counts):
            self.refuse("No votes entered: type at least one option's votes.")
            return
        self.tally = tuple(counts)
        top = max(c for _, c in counts)
        winners = [oid for oid, c in counts if c == top]
        if len(winners) == 1:
            self.dismiss((winners[0], self.tally))
            return
        for field in self.query(Input):
            field.disabled = True
        labels = {o.id: f"[{i + 1}] {o.model.label}" for i, o in self.options}
        tie = self.query_one("#tie-text", Static)
        tie.update(
            Content.styled(
                f"A tie at {counted(top, 'vote')} each: the facilitator decides. Enter picks.", "bold"
            )
        )
        tie.display = True
        menu = self.query_one("#tie-list", OptionList)
        menu.clear_options()
        menu.add_options([Option(labels[oid], id=oid) for oid in winners])
        menu.display = True
        menu.highlighted = 0
        menu.focus()
        self.query_one(".form-error").display = False

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.dismiss((event.option.id, self.tally))


# ---- inject, override, note --------------------------------------------------------------------------


class ListFormDialog(FormDialog):
    """A form that starts with a list: Enter on the list moves to the first field."""

    LIST_ID = ""

    def on_mount(self) -> None:
        menu = self.query_one(f"#{self.LIST_ID}", OptionList)
        if menu.option_count:
            menu.highlighted = 0
        menu.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.focus_next()

    def next_after(self, focused: Any) -> Any:
        menu = self.query_one(f"#{self.LIST_ID}", OptionList)
        if focused is menu:  # Enter on the list: the first field, once something is chosen
            fields = [w for w in self.query(Input) if not w.disabled]
            return fields[0] if fields and menu.highlighted is not None else None
        return super().next_after(focused)

    def picked(self) -> str | None:
        option = self.query_one(f"#{self.LIST_ID}", OptionList).highlighted_option
        return option.id if option is not None else None


class InjectDialog(ListFormDialog):
    TITLE_TEXT = "Inject an event"
    LIST_ID = "inject-events"

    def fields(self) -> ComposeResult:
        session = self.session
        state = session.state
        label = session.scenario.info.turn_label.lower()
        options = []
        for ev in session.scenario.events:
            bits = []
            if ev.model.turn is not None:
                bits.append(f"due in {label} {ev.model.turn}")
            if ev.id in state.fired:
                bits.append(f"fired ×{state.fired[ev.id]}")
            more = f"  ({', '.join(bits)})" if bits else ""
            options.append(
                Option(Content.assemble((ev.model.title, "bold"), (more, "$text-muted")), id=ev.id)
            )
        yield OptionList(*options, markup=False, id=self.LIST_ID, classes="form-list")
        yield Static("", id="inject-preview")
        yield field_row(
            "When",
            Input(placeholder=f"now; or a later {label}'s number", id="inject-when", compact=True),
        )
        yield field_row(
            "Reason", Input(placeholder="optional, for the record", id="inject-reason", compact=True)
        )

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.query_one("#inject-preview", Static).update(self.preview(event.option.id or ""))

    def preview(self, event_id: str) -> Content:
        """What the event would do, in the scenario's words (never its ids or expressions)."""
        from redline.report.words import effects

        sc = self.session.scenario
        ev = sc.event_by_id.get(event_id)
        if ev is None:
            return Content("")
        said = effects(ev.model.effects, sc) or ["no change to the meters"]
        turn = sc.info.turn_label.lower()
        later = [
            f"{counted(item.after, turn)} on: " + ", ".join(effects(item.effects, sc) or [item.text])
            for item in ev.model.later
        ]
        parts = [Content.assemble(("Does: ", "bold"), "; ".join(said))]
        if later:
            parts.append(Content.assemble(("Later: ", "bold"), "; ".join(later)))
        return Content("\n").join(parts)

    def submit(self) -> None:
        event = self.picked()
        if event is None:
            self.refuse("Choose an event first.")
            return
        when = self.query_one("#inject-when", Input).value
        reason = self.query_one("#inject-reason", Input).value
        self._apply(lambda: self.session.inject(event, when, reason))


class OverrideDialog(ListFormDialog):
    TITLE_TEXT = "Override a meter, flag or ally's support"
    LIST_ID = "override-targets"

    def fields(self) -> ComposeResult:
        options = [
            Option(Content.assemble((label, "bold"), (f"  now {now}", "$text-muted")), id=tid)
            for tid, label, now in targets(self.session)
        ]
        yield OptionList(*options, markup=False, id=self.LIST_ID, classes="form-list")
        yield field_row(
            "New value",
            Input(placeholder="a number; yes or no for a flag", id="override-value", compact=True),
        )
        yield field_row(
            "Reason", Input(placeholder="required: why, for the record", id="override-reason", compact=True)
        )

    def submit(self) -> None:
        target = self.picked()
        if target is None:
            self.refuse("Choose what to override first.")
            return
        value = self.query_one("#override-value", Input).value
        reason = self.query_one("#override-reason", Input).value
        if not value.strip():
            self.refuse("Type the new value first.")
            self.query_one("#override-value", Input).focus()
            return
        self._apply(lambda: self.session.override(target, value, reason))


class NoteDialog(FormDialog):
    TITLE_TEXT = "A note or a rationale for the record"
    HINT = "Type the note, Enter, then choose where it goes and Enter. Esc cancels."

    def fields(self) -> ComposeResult:
        yield field_row(
            "Note", Input(placeholder="what to keep for the record", id="note-text", compact=True)
        )
        card = self.session.state.card
        nxt = f" (“{card.model.title}”)" if card is not None else ""
        yield OptionList(
            Option(f"The next decision's rationale{nxt}", id="next"),
            Option("A note now, after the last decision", id="now"),
            markup=False,
            id="note-where",
            classes="form-list",
        )

    def on_mount(self) -> None:
        self.query_one("#note-where", OptionList).highlighted = 0
        self.query_one("#note-text", Input).focus()

    def next_after(self, focused: Any) -> Any:
        text = self.query_one("#note-text", Input)
        return self.query_one("#note-where", OptionList) if focused is text else None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        event.prevent_default()  # not the form's own handler: the list comes next
        self.query_one("#note-where", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        text = self.query_one("#note-text", Input).value
        option = self.query_one("#note-where", OptionList).highlighted_option
        nxt = option is None or option.id == "next"
        self._apply(lambda: "Note " + self.session.note(text, nxt))


class TimerDialog(FormDialog):
    TITLE_TEXT = "The move's timer"
    HINT = "Enter sets the timer (paused); space in the console starts and pauses it. Esc cancels."

    def fields(self) -> ComposeResult:
        minutes = self.session.timer.minutes
        yield field_row(
            "Minutes",
            Input(
                f"{minutes:g}" if minutes else "",
                placeholder="e.g. 10; 0 removes it",
                id="timer-minutes",
                type="number",
                compact=True,
            ),
        )

    def on_mount(self) -> None:
        self.query_one("#timer-minutes", Input).focus()

    def submit(self) -> None:
        text = self.query_one("#timer-minutes", Input).value.strip()
        try:
            minutes = float(text) if text else 0.0
        except ValueError:
            self.refuse(f"'{text}' is not a number of minutes.")
            return
        if not 0 <= minutes <= 600:
            self.refuse("Give between 0 and 600 minutes.")
            return
        self.session.timer.set(minutes)
        self.dismiss(f"Timer set to {minutes:g} min" if minutes else "Timer removed")


# ---- rewind ------------------------------------------------------------------------------------------


class RewindDialog(ListFormDialog):
    TITLE_TEXT = "Rewind to the start of an earlier {turn}"
    LIST_ID = "rewind-turns"
    HINT = "Choose the {turn}, Enter, name the line cut off, Enter; you are asked to confirm. Esc cancels."

    def fields(self) -> ComposeResult:
        session = self.session
        options = [
            Option(
                Content.assemble(
                    (session.turn_label(turn), "bold"),
                    (f"  — {counted(cut, 'action')} since, kept as a branch", "$text-muted"),
                ),
                id=str(turn),
            )
            for turn, cut in session.rewindable()
        ]
        yield OptionList(*options, markup=False, id=self.LIST_ID, classes="form-list")
        yield field_row(
            "Branch name",
            Input(f"branch {len(session.game.branches) + 1}", id="rewind-name", compact=True),
        )

    def submit(self) -> None:
        picked = self.picked()
        if picked is None:
            self.refuse(f"Nothing to rewind yet: no {self.unit} has been played.")
            return
        turn = int(picked)
        name = (
            self.query_one("#rewind-name", Input).value.strip()
            or f"branch {len(self.session.game.branches) + 1}"
        )
        cut = dict(self.session.rewindable())[turn]
        self.app.confirm_then(
            f"Rewind to the start of {self.session.turn_label(turn)}?",
            f"{counted(cut, 'action')} played since {'is' if cut == 1 else 'are'} kept as the branch “{name}”, which the "
            "after-action report lists; play goes on from there. The autosave is replaced.",
            lambda: self._apply(lambda: self._rewind(turn, name)),
            yes="Rewind",
        )

    def _rewind(self, turn: int, name: str) -> str:
        branch = self.session.rewind(turn, name)
        return f"Rewound to {self.session.turn_label(turn)}; “{branch.name}” kept"
