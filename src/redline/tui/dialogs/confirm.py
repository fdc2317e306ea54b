"""Ask before anything that loses progress."""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

Answer = bool | Literal["save"]


class ConfirmDialog(ModalScreen[Answer]):
    """Dismisses True for yes, False for no, and "save" for the save-first answer, offered
    (as `save`, e.g. "Save and quit") when the game in progress would lose something."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", tooltip="Go ahead"),
        Binding("s", "answer('save')", "Save first", tooltip="Save the game, then go ahead"),
        Binding("n", "answer(False)", "No", tooltip="Keep things as they are"),
        Binding("escape", "answer(False)", "Cancel", show=False),
    ]

    def __init__(
        self,
        question: str,
        detail: str = "",
        *,
        yes: str = "Yes",
        no: str = "Cancel",
        save: str | None = None,
    ) -> None:
        super().__init__(classes="dialog")
        self.question = question
        self.detail = detail
        self.yes = yes
        self.no = no
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(self.question, classes="dialog-title", markup=False)
            if self.detail:
                yield Static(self.detail, classes="dialog-text", markup=False)
            with Horizontal(classes="dialog-buttons"):
                if self.save:
                    yield Button(f"{self.save} (s)", id="save", variant="primary")
                yield Button(f"{self.yes} (y)", id="yes", variant="warning")
                yield Button(f"{self.no} (n)", id="no", variant="default" if self.save else "primary")

    def on_mount(self) -> None:
        # Enter on its own loses nothing: it saves first where it can, else it cancels.
        self.query_one("#save" if self.save else "#no", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return bool(self.save) or not (action == "answer" and parameters == ("save",))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        answer = event.button.id
        self.dismiss("save" if answer == "save" else answer == "yes")

    def action_answer(self, answer: Answer) -> None:
        self.dismiss(answer)
