"""The facilitator's rulings as forms: a free-text inject, an off-card adjudication, a
hot-wash observation. Each goes through `redline.session.rulings` (no rule here); a refused
one says why in the form and changes nothing.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from redline.session.rulings import CATEGORIES, ODDS
from redline.tui.facilitation.dialogs import FormDialog, ListFormDialog, field_row


def _field(label: str, field_id: str, placeholder: str, value: str = "") -> ComposeResult:
    yield field_row(label, Input(value, placeholder=placeholder, id=field_id, compact=True), "ruling-row")


class BulletinDialog(FormDialog):
    """A free-text inject: the text, who it goes to, and any changes with their reason."""

    TITLE_TEXT = "A free-text inject"
    HINT = "Enter moves on; Enter on the reason sends it. Changes and reason may stay empty. Esc cancels."

    def fields(self) -> ComposeResult:
        roles = ", ".join(role.name for role in self.session.scenario.roles.values())
        yield from _field("Text", "bulletin-text", "what the room (or one seat) is told")
        yield from _field("To", "bulletin-to", f"all (empty), or a seat: {roles}")
        yield from _field("From", "bulletin-from", "optional: who it comes from (Press, White cell…)")
        yield from _field(
            "Changes", "bulletin-changes", "optional: confidence -2, ally.france +1, a_flag yes"
        )
        yield from _field("Reason", "bulletin-reason", "why the changes (required with changes)")

    def on_mount(self) -> None:
        self.query_one("#bulletin-text", Input).focus()

    def submit(self) -> None:
        from redline.session.rulings import bulletin

        def value(name: str) -> str:
            return self.query_one(f"#bulletin-{name}", Input).value

        self._apply(
            lambda: bulletin(
                self.session, value("text"), value("to"), value("changes"), value("reason"), value("from")
            )
        )


class AdjudicateDialog(FormDialog):
    """An off-card proposal: stated, argued, given odds, rolled; the result stays on the form
    until Enter or Esc closes it, so the room hears it before the console returns."""

    TITLE_TEXT = "Rule on an off-card proposal"
    HINT = "Enter moves on; Enter on the reason rolls (the game's own seeded roll). Esc cancels."
    BINDINGS = [Binding("escape", "cancel", "Cancel/close", tooltip="Close the form")]

    def __init__(self) -> None:
        super().__init__()
        self.result: str | None = None

    def fields(self) -> ComposeResult:
        defaults = " · ".join(f"{name} {share}" for name, _, share in ODDS)
        yield from _field("Proposal", "rule-proposal", "what the team proposes to do, and to what end")
        yield from _field("Proposed by", "rule-by", "a role or team (empty: the room)")
        yield from _field("For", "rule-pro", "the arguments for it")
        yield from _field("Against", "rule-con", "the arguments against it")
        yield from _field("Odds", "rule-odds", "empty: even; a default below, or a share such as 0.4")
        yield Static(Content.assemble(("Odds: ", "bold"), (defaults, "$text-muted")), classes="ruling-odds")
        yield from _field("If it succeeds", "rule-success", "optional changes: confidence +3, ally.poland +2")
        yield from _field("If it fails", "rule-failure", "optional changes: escalation +4")
        yield from _field("Reason", "rule-reason", "why these changes (required with changes)")
        yield Static("", id="rule-result", markup=False)

    def on_mount(self) -> None:
        self.query_one("#rule-result").display = False
        self.query_one("#rule-proposal", Input).focus()

    def submit(self) -> None:
        from redline.engine import IllegalAction
        from redline.session.rulings import adjudicate

        if self.result is not None:
            self.dismiss(self.result)
            return

        def value(name: str) -> str:
            return self.query_one(f"#rule-{name}", Input).value

        try:
            said = adjudicate(
                self.session,
                value("proposal"),
                value("odds") or "even",
                value("by"),
                value("pro"),
                value("con"),
                value("success"),
                value("failure"),
                value("reason"),
            )
        except IllegalAction as exc:
            self.refuse(str(exc))
            return
        self.result = f"Ruling: {said}"
        for field in self.query(Input):
            field.disabled = True
        self.query_one(".form-error").display = False
        shown = self.query_one("#rule-result", Static)
        shown.update(Content.styled(f" The roll: {said} ", "bold reverse $text-accent"))
        shown.display = True
        self.query_one(".form-hint", Static).update(
            Content.styled("Recorded. Enter or Esc goes back to the console.", "$text-muted")
        )
        self.focus()

    def key_enter(self) -> None:
        if self.result is not None:
            self.dismiss(self.result)

    def action_cancel(self) -> None:
        self.dismiss(self.result)


class ObserveDialog(ListFormDialog):
    """A hot-wash observation, during play or after the ending."""

    TITLE_TEXT = "An observation for the hot-wash"
    LIST_ID = "observe-kind"
    HINT = "Choose its kind, Enter; the text, Enter; who made it, Enter records it. Esc cancels."

    def fields(self) -> ComposeResult:
        words = {
            "strength": "Strength — what went well",
            "improvement": "Improvement — what to do better",
            "observation": "Observation — worth noting",
        }
        yield OptionList(*(Option(words[c], id=c) for c in CATEGORIES), id=self.LIST_ID, classes="form-list")
        yield from _field("Observation", "observe-text", "what was seen or said")
        yield from _field("By", "observe-by", "who made it (optional)")

    def submit(self) -> None:
        from redline.session.rulings import observe

        category = self.picked() or "observation"
        text = self.query_one("#observe-text", Input).value
        by = self.query_one("#observe-by", Input).value
        self._apply(lambda: observe(self.session, text, category, by))
