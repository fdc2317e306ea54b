"""Save under a name, or load a save: the saves listed with the scenario's title, how far
each game went in the scenario's own unit ("Month 3") and the date."""

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

from redline.tui.savewords import NOT_INSTALLED, catalogue, reached
from redline.tui.session import format_saved, saves_in, slug
from redline.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from redline.content import Entry
    from redline.saves import SaveInfo
    from redline.tui.app import RedlineApp


COLUMNS = ("Name", "Scenario", "Reached", "Saved", "State")


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
        # The scenario's title is beside each save in the list; the name says where and when.
        label = session.scenario.info.turn_label
        return f"{label} {session.state.turn} {self.app.clock():%Y-%m-%d %H%M}"

    def _ending_words(
        self, scenario_id: str, ending: str | None, titles: dict[str, dict[str, str]] | None = None
    ) -> str | None:
        """The ending's title, from its scenario (read by the worker, `ending_titles`); its id
        in plain words only when the scenario is gone or no longer has that ending."""
        if not ending:
            return ending
        session = self.app.session
        if session is not None and session.scenario.id == scenario_id:
            found = next((e for e in session.scenario.endings if e.id == ending), None)
            if found is not None:
                return found.model.title
        title = (titles or {}).get(scenario_id, {}).get(ending)
        return title if title is not None else ending.replace("_", " ")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
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
        installed = catalogue(self.app.content_dirs) if found else {}
        titles = ending_titles(found, installed)
        try:
            self.app.call_from_thread(self.show_saves, found, installed, titles)
        except RuntimeError:  # the app closed meanwhile
            pass

    def show_saves(
        self,
        found: list[SaveInfo],
        installed: dict[str, Entry] | None = None,
        titles: dict[str, dict[str, str]] | None = None,
    ) -> None:
        if not self.is_attached:
            return
        table = self.query_one(DataTable)
        self.saves = found
        installed = installed or {}
        rows = []
        for info in self.saves:
            entry = installed.get(info.scenario)
            ending = self._ending_words(info.scenario, info.ending, titles)
            state = "over" + (f": {ending}" if ending else "") if info.over else "in progress"
            if info.turn is None:  # a damaged file: nothing in it can be trusted
                state, title, where = "damaged", "—", "—"
            else:
                title = entry.title if entry is not None else NOT_INSTALLED
                where = reached(info, entry, of=False) or "—"
            when = format_saved(info.saved, self.app.clock)
            rows.append((str(info.path), _short(info.label, 32), title, where, when, state))
        room = self._title_room(rows)
        # The state (a finished game's ending title can be long) yields too, with an ellipsis,
        # so that no column is clipped at the dialog's edge.
        left = self._state_room(rows, room)
        for key, label, title, where, when, state in rows:
            # Text, not markup: a label or an ending id is whatever the save file says.
            table.add_row(
                Text(label),
                Text(_short(title, room)),
                Text(where),
                Text(when),
                Text(_short(state, left)),
                key=key,
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

    def _widths(self, rows: list[tuple[str, str, str, str, str, str]]) -> tuple[int, list[int], int]:
        """The room inside the dialog, each column's widest cell, and what padding and the
        scroll bar take."""
        inner = min(100, self.app.size.width) - 4  # .saves-box: its border and padding
        widths = [len(h) for h in COLUMNS]
        for row in rows:
            widths = [max(w, len(cell)) for w, cell in zip(widths, row[1:], strict=True)]
        scrollbar = 2 if len(rows) > 12 else 0  # #save-list: at most 14 lines, the header's too
        return inner, widths, 2 * len(COLUMNS) + scrollbar  # each cell's padding

    def _title_room(self, rows: list[tuple[str, str, str, str, str, str]]) -> int:
        """How much of a scenario's title fits beside the other columns in this terminal, so
        that every column shows without scrolling sideways (at least 12 characters)."""
        inner, widths, extra = self._widths(rows)
        return max(12, min(48, inner - (sum(widths) - widths[1] + extra)))

    def _state_room(self, rows: list[tuple[str, str, str, str, str, str]], title_room: int) -> int:
        """How much of the state column fits once the title has its room (at least 11: 'in progress')."""
        inner, widths, extra = self._widths(rows)
        others = sum(widths) - widths[1] - widths[-1] + min(widths[1], title_room) + extra
        return max(11, inner - others)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        session = self.app.session
        if session is None:
            return
        name = event.value.strip() or "save"
        path = session.saves / f"{slug(name) or 'save'}.json"
        if path.exists():
            self.app.confirm_then(
                f"Replace the save “{name}”?",
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
        self.notify(f"Saved as “{name.strip() or path.stem}”; Load… lists it.", title="Saved")
        self.dismiss(None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.mode == "load" and event.row_key.value:
            self.app.open_save(Path(event.row_key.value))

    def action_close(self) -> None:
        self.dismiss(None)


def _short(text: str, most: int) -> str:
    """`text` in at most `most` characters, an ellipsis marking the cut."""
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def ending_titles(found: list[SaveInfo], installed: dict[str, Entry]) -> dict[str, dict[str, str]]:
    """The endings' titles of each installed scenario that a finished save reached, by id: read
    in the worker that lists the saves (a scenario is loaded once, from the loader's cache when
    it has one). A scenario that no longer loads gives none: its saves show the ending's id in
    plain words."""
    from redline.tui.session import load_entry

    out: dict[str, dict[str, str]] = {}
    for scenario_id in {info.scenario for info in found if info.over and info.ending}:
        entry = installed.get(scenario_id)
        if entry is None:
            continue
        try:
            scenario = load_entry(entry)
        except Exception:  # broken content is validate's to report; the list still shows
            continue
        out[scenario_id] = {e.id: e.model.title for e in scenario.endings}
    return out
