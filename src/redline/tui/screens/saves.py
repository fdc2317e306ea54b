"""Save under a name, or load a save: the saves listed with scenario, turn and date."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from redline.tui.session import format_saved, saves_in, slug
from redline.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from redline.saves import SaveInfo
    from redline.tui.app import RedlineApp


class SavesScreen(ModalScreen[None]):
    app: RedlineApp
    BINDINGS = [Binding("escape", "close", "Back", tooltip="Close without saving or loading")]

    def __init__(self, mode: Literal["save", "load"]) -> None:
        super().__init__(classes=f"dialog {mode}-screen")
        self.mode = mode
        self.saves: list[SaveInfo] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box saves-box"):
            yield Static(
                "Save the game" if self.mode == "save" else "Load a saved game", classes="dialog-title"
            )
            if self.mode == "save":
                yield Input(self._default_name(), placeholder="a name for this save", id="save-name")
            yield DataTable(id="save-list", cursor_type="row", zebra_stripes=True)
            hint = (
                "Enter saves under the name above."
                if self.mode == "save"
                else "Enter or click loads the highlighted save."
            )
            yield Static(Content.styled(f"{hint} Esc goes back.", "$text-muted"), classes="dialog-hint")
        yield KeyFooter()

    def _default_name(self) -> str:
        session = self.app.session
        if session is None:
            return "save"
        label = session.scenario.info.turn_label.lower()
        return f"{session.scenario.id} {label} {session.state.turn} {self.app.clock():%Y-%m-%d %H%M}"

    def _ending_words(self, scenario_id: str, ending: str | None) -> str | None:
        """The ending's title when its scenario is the one loaded; else its id in plain words."""
        session = self.app.session
        if not ending:
            return ending
        if session is not None and session.scenario.id == scenario_id:
            found = next((e for e in session.scenario.endings if e.id == ending), None)
            if found is not None:
                return found.model.title
        return ending.replace("_", " ")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Name", "Scenario", "Turn", "Saved", "State")
        if self.mode == "save":
            name = self.query_one("#save-name", Input)
            name.cursor_blink = self.app.cursor_blink
            name.focus()
        self.list_saves()

    @work(thread=True, exclusive=True, group="saves")
    def list_saves(self) -> None:
        """Read the saves folder away from the interface: a folder of many saves, or a file
        there that is slow to read, must not freeze the screen."""
        try:
            found = saves_in(self.app.saves)
        except OSError:
            found = []
        try:
            self.app.call_from_thread(self.show_saves, found)
        except RuntimeError:  # the app closed meanwhile
            pass

    def show_saves(self, found: list[SaveInfo]) -> None:
        if not self.is_attached:
            return
        table = self.query_one(DataTable)
        self.saves = found
        for info in self.saves:
            ending = self._ending_words(info.scenario, info.ending)
            state = "over" + (f": {ending}" if ending else "") if info.over else "in progress"
            if info.turn is None:
                state = "damaged"
            label = info.label if len(info.label) <= 32 else info.label[:31] + "…"
            # Text, not markup: a label or an ending id is whatever the save file says.
            table.add_row(
                Text(label),
                Text(info.scenario),
                "—" if info.turn is None else str(info.turn),
                Text(format_saved(info.saved, self.app.clock)),
                Text(state),
                key=str(info.path),
            )
        if self.mode == "save":
            pass
        elif self.saves:
            table.focus()
        else:
            table.display = False
            self.query_one(".dialog-hint", Static).update(
                Content.styled("There are no saves yet. Esc goes back.", "$text-muted")
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        session = self.app.session
        if session is None:
            return
        name = event.value.strip() or "save"
        path = session.saves / f"{slug(name) or 'save'}.json"
        if path.exists():
            self.app.confirm_then(
                f"Replace {path.name}?",
                "A save with this name exists.",
                lambda: self._save(name),
                yes="Replace",
            )
        else:
            self._save(name)

    def _save(self, name: str) -> None:
        session = self.app.session
        assert session is not None
        path, error = session.save_as(name)
        if error:
            self.notify(error, title="Not saved", severity="error", timeout=8)
            return
        self.notify(f"Saved as {path.name}", title="Saved")
        self.dismiss(None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.mode == "load" and event.row_key.value:
            self.app.open_save(Path(event.row_key.value))

    def action_close(self) -> None:
        self.dismiss(None)
