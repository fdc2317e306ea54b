"""Settings: the theme (one of redline's own, the same list the command palette offers), and
whether odds and the forecast are shown on options."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import RadioButton, RadioSet, Static, Switch

from redline.tui import themes
from redline.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from textual.theme import Theme

    from redline.tui.app import RedlineApp


class SettingsScreen(ModalScreen[None]):
    app: RedlineApp
    BINDINGS = [Binding("escape", "close", "Close", tooltip="Keep these settings and go back")]

    def __init__(self) -> None:
        super().__init__(classes="dialog settings-screen")

    def compose(self) -> ComposeResult:
        settings = self.app.settings
        with Vertical(classes="dialog-box"):
            yield Static("Settings", classes="dialog-title", markup=False)
            with Horizontal(classes="setting"):
                with RadioSet(id="theme"):
                    for name, label in themes.LABELS.items():
                        yield RadioButton(label, value=name == self.app.theme, name=name)
                yield Static(
                    "Theme (also in the command palette: ctrl+p, Theme)",
                    classes="setting-label",
                    markup=False,
                )
            with Horizontal(classes="setting"):
                yield Switch(settings.show_odds, id="odds")
                yield Static("Show the odds of chance outcomes, in %", classes="setting-label", markup=False)
            with Horizontal(classes="setting"):
                yield Switch(settings.show_forecast, id="forecast")
                yield Static(
                    "Forecast each option by playing games ahead",
                    classes="setting-label",
                    markup=False,
                )
            yield Static(
                "Arrows choose a theme; Space or Enter toggles; Tab moves; Esc closes.",
                classes="dialog-hint",
                markup=False,
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        # Start the arrows on the theme in use (a RadioSet starts on its first button; textual
        # is pinned, so its private cursor can be set here).
        choices = self.query_one("#theme", RadioSet)
        choices._selected = choices.pressed_index if choices.pressed_index >= 0 else 0
        # The palette can change the theme while this screen is open (ctrl+p over it).
        self.app.theme_changed_signal.subscribe(self, self.show_theme)

    def show_theme(self, theme: Theme) -> None:
        for button in self.query(RadioButton):
            if button.name == theme.name and not button.value:
                button.value = True  # the set lets the other go; its Changed finds nothing to do

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        name = event.pressed.name
        if name and name != self.app.theme:
            self.app.theme = name  # the app keeps it in the settings (RedlineApp.watch_theme)

    def on_switch_changed(self, event: Switch.Changed) -> None:
        event.stop()
        if event.switch.id == "odds":
            self.app.settings.show_odds = event.value
        elif event.switch.id == "forecast":
            self.app.settings.show_forecast = event.value
        self.app.apply_settings()

    def action_close(self) -> None:
        self.dismiss(None)
