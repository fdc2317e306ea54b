"""The player's settings, kept between runs in a small JSON file.

`$REDLINE_CONFIG` names the file; otherwise `$XDG_CONFIG_HOME/redline/settings.json` (or
`~/.config/redline/settings.json`). A missing file means the defaults; an unreadable one
means the defaults and a notice, and is only replaced when the player changes a setting.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

MAX_SETTINGS_BYTES = 64 * 1024


# The theme's name: one of tui/themes.py (kept here as text so that reading the settings
# needs no Textual); the settings screen and the command palette both set it.
DEFAULT_THEME = "redline-dark"
THEME_NAMES = ("redline-dark", "redline-light")


@dataclass
class Settings:
    theme: str = DEFAULT_THEME
    show_odds: bool = True
    show_forecast: bool = True  # the live forecast beside the card (playouts in a thread)


def settings_path() -> Path:
    explicit = os.environ.get("REDLINE_CONFIG")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "redline" / "settings.json"


def load_settings(path: Path) -> tuple[Settings, str | None]:
    """The settings in `path`, and a message when the file could not be used."""
    from redline import safeio

    safeio.clean_stale_temps(path.parent)  # a write of the settings that a crash cut short
    try:  # bounded, and only a regular file: a FIFO or a device here must not hang the start
        raw = json.loads(safeio.read_text(path, MAX_SETTINGS_BYTES))
    except FileNotFoundError:
        return Settings(), None
    except safeio.UnsafeRead as exc:
        return Settings(), f"{path}: settings not read ({exc.strerror}); using the defaults"
    except (OSError, ValueError, RecursionError) as exc:
        return Settings(), f"{path}: settings not read ({exc.__class__.__name__}); using the defaults"
    if not isinstance(raw, dict):
        return Settings(), f"{path}: settings not read (not a JSON object); using the defaults"
    switches = {f.name for f in fields(Settings) if f.type == "bool"}
    kept: dict[str, object] = {k: v for k, v in raw.items() if k in switches and isinstance(v, bool)}
    theme = raw.get("theme")
    if theme in THEME_NAMES:
        kept["theme"] = theme
    elif raw.get("light") is True:  # the file of an older version: a light/dark switch
        kept["theme"] = "redline-light"
    return Settings(**kept), None  # type: ignore[arg-type]


def save_settings(path: Path, settings: Settings) -> str | None:
    """Write the settings; the error message instead of raising."""
    from redline.saves import write_atomic

    try:
        write_atomic(path, json.dumps(asdict(settings), indent=1) + "\n")
    except OSError as exc:
        return f"{path}: settings not kept ({exc.strerror or exc})"
    return None
