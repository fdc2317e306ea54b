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


@dataclass
class Settings:
    light: bool = False
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
    known = {f.name for f in fields(Settings)}
    kept = {k: v for k, v in raw.items() if k in known and isinstance(v, bool)}
    return Settings(**kept), None


def save_settings(path: Path, settings: Settings) -> str | None:
    """Write the settings; the error message instead of raising."""
    from redline.saves import write_atomic

    try:
        write_atomic(path, json.dumps(asdict(settings), indent=1) + "\n")
    except OSError as exc:
        return f"{path}: settings not kept ({exc.strerror or exc})"
    return None
