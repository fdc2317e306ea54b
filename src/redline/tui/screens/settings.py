"""Settings: dark or light theme, and whether odds are shown on options."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, Switch

from redline.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
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
                yield Switch(settings.light, id="light")
                yield Static("Light theme (off: dark)", classes="setting-label", markup=False)
            with Horizontal(classes="setting"):
                yield Switch(settings.show_odds, id="odds")
                yield Static("Show the odds of chance outcomes, in %", classes="setting-label", markup=False)
            with Horizontal(classes="setting"):
                yield Switch(settings.show_forecast, id="forecast")
                yield Static(
                    "Forecast each option by playing games on", classes="setting-label", markup=False
                )
            yield Static(
                "Space or Enter toggles; Tab moves; Esc closes.", classes="dialog-hint", markup=False
            )
        yield KeyFooter()

    def on_switch_changed(self, event: Switch.Changed) -> None:
        event.stop()
        if event.switch.id == "light":
            self.app.settings.light = event.value
        elif event.switch.id == "odds":
            self.app.settings.show_odds = event.value
        elif event.switch.id == "forecast":
            self.app.settings.show_forecast = event.value
        self.app.apply_settings()

    def action_close(self) -> None:
        self.dismiss(None)
