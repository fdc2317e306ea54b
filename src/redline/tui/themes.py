"""redline's own themes: the only ones the settings, the command palette and the join client offer.

Every colour the interface shows comes from a theme variable. Textual derives most of them from
a few base colours, and some of its derivations (text at 60% or 38% of the foreground, footer
keys in the accent colour, a highlighted option in white on mid blue) fall below the 4.5:1
contrast that text needs. Those variables are set here as solid colours instead, chosen so that
every text colour reads at 4.5:1 or more on every background the game draws it on
(tests/tui/test_contrast.py reads each cell of the rendered screens to hold that).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.theme import Theme

if TYPE_CHECKING:
    from pathlib import Path

    from textual.app import App

    from redline.tui.prefs import Settings

DARK = Theme(
    name="redline-dark",
    dark=True,
    primary="#4a90d0",
    secondary="#5b7fa6",
    accent="#f2a93b",
    warning="#f2a93b",
    error="#f0645a",
    success="#4fbf73",
    foreground="#e8e6e3",
    background="#15181d",
    surface="#1d2127",
    panel="#272c34",
    variables={
        "text": "#e8e6e3",
        "text-muted": "#b3b8bf",
        "text-disabled": "#979da6",
        "text-accent": "#f5bd63",
        "text-primary": "#8dbdf0",
        "text-warning": "#f5bd63",
        "text-error": "#ff8f87",
        "text-success": "#7fd69a",
        "footer-key-foreground": "#f5bd63",
        "footer-description-foreground": "#e8e6e3",
        "block-cursor-background": "#1a4270",
        "block-cursor-foreground": "#ffffff",
        "block-cursor-blurred-background": "#2b3a4d",
        "block-cursor-blurred-foreground": "#e8e6e3",
        "input-cursor-background": "#e8e6e3",
        "input-cursor-foreground": "#15181d",
        "button-foreground": "#e8e6e3",
        "button-color-foreground": "#15181d",
        "link-color": "#8dbdf0",
        "link-color-hover": "#ffffff",
        "link-background-hover": "#1a4270",
        "border": "#6aa3dc",
        "border-blurred": "#6b7482",
        "scrollbar": "#5d7a99",
        "scrollbar-hover": "#7393b5",
        "scrollbar-active": "#8dbdf0",
        "scrollbar-background": "#101317",
    },
)

LIGHT = Theme(
    name="redline-light",
    dark=False,
    primary="#1c5fa3",
    secondary="#3d6a99",
    accent="#8f4800",
    warning="#a35200",
    error="#b3261e",
    success="#1e7a3c",
    foreground="#1b1e23",
    background="#f4f3ef",
    surface="#fbfaf7",
    panel="#e4e2dc",
    variables={
        "text": "#1b1e23",
        "text-muted": "#4e545c",
        "text-disabled": "#5f656e",
        "text-accent": "#8a4600",
        "text-primary": "#174e86",
        "text-warning": "#8a4600",
        "text-error": "#a1221b",
        "text-success": "#1a6b34",
        "footer-key-foreground": "#174e86",
        "footer-description-foreground": "#1b1e23",
        "block-cursor-background": "#c9d9ef",
        "block-cursor-foreground": "#1b1e23",
        "block-cursor-blurred-background": "#d3dcea",
        "block-cursor-blurred-foreground": "#1b1e23",
        "input-cursor-background": "#1b1e23",
        "input-cursor-foreground": "#fbfaf7",
        "button-foreground": "#1b1e23",
        "button-color-foreground": "#ffffff",
        "link-color": "#174e86",
        "link-color-hover": "#ffffff",
        "link-background-hover": "#1c5fa3",
        "border": "#1c5fa3",
        "border-blurred": "#80868f",
        "scrollbar": "#6f7f91",
        "scrollbar-hover": "#566577",
        "scrollbar-active": "#1c5fa3",
        "scrollbar-background": "#e4e2dc",
    },
)

THEMES = {theme.name: theme for theme in (DARK, LIGHT)}
DEFAULT = DARK.name
# What the settings screen calls each theme.
LABELS = {DARK.name: "Dark", LIGHT.name: "Light"}


def known(name: object) -> bool:
    return isinstance(name, str) and name in THEMES


def install(app: App[object], name: str) -> None:
    """Offer only redline's themes (Textual's own were never checked for contrast) and show
    `name`, or the default when `name` is not one of them."""
    for builtin in list(app.available_themes):
        app.unregister_theme(builtin)
    for theme in THEMES.values():
        app.register_theme(theme)
    app.theme = name if known(name) else DEFAULT


def keep(app: App[object], settings: Settings, settings_file: Path | None, name: str) -> None:
    """The theme changed (the settings screen or the command palette): keep the choice in the
    settings, and in the settings file when there is one."""
    if settings.theme == name or not known(name):
        return
    settings.theme = name
    if settings_file is not None:
        from redline.tui.prefs import save_settings

        error = save_settings(settings_file, settings)
        if error:
            app.notify(error, severity="warning", timeout=8)
